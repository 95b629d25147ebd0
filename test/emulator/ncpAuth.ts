import { createHmac } from 'node:crypto';
import { gatewayError, header, type EmuRequest, type EmuResponse } from './http';
import type { EmulatorConfig } from './options';

/**
 * NCP API Gateway signature v2: base64(HMAC-SHA256(secretKey,
 * `${METHOD} ${pathAndQuery}\n${timestamp}\n${accessKey}`)).
 */
export function ncpSignature(method: string, pathAndQuery: string, timestamp: string, accessKey: string, secretKey: string): string {
  return createHmac('sha256', secretKey).update(`${method} ${pathAndQuery}\n${timestamp}\n${accessKey}`, 'utf8').digest('base64');
}

function denied(details: string): EmuResponse {
  return gatewayError(401, '200', 'Authentication Failed', details);
}

/**
 * Checks the IAM headers of a request against the registered access keys, signing the
 * request-target exactly as received. Returns the 401 answer, or undefined when it is valid.
 */
export function checkNcpAuth(req: EmuRequest, config: EmulatorConfig): EmuResponse | undefined {
  const timestamp = header(req, 'x-ncp-apigw-timestamp');
  const accessKey = header(req, 'x-ncp-iam-access-key');
  const signature = header(req, 'x-ncp-apigw-signature-v2');
  if (!timestamp || !accessKey || !signature) return denied('Missing authentication headers.');
  const key = config.ncpIam.find((k) => k.accessKey === accessKey);
  if (!key) return denied('Unknown access key.');
  if (!/^\d+$/.test(timestamp) || Math.abs(config.now() - Number(timestamp)) > config.clockSkewMs) {
    return denied('Invalid or expired timestamp.');
  }
  if (signature !== ncpSignature(req.method, req.rawUrl, timestamp, accessKey, key.secretKey)) {
    return denied('Signature mismatch.');
  }
  return undefined;
}
