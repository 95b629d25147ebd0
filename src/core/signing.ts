import { createHmac } from 'node:crypto';
import type { CredentialSet } from './providers/context';

/** Hive ATS `Signature` header: base64(HMAC-SHA256(key = secretKey, message = serviceKey)). */
export function hiveSignature(serviceKey: string, secretKey: string): string {
  return createHmac('sha256', secretKey).update(serviceKey, 'utf8').digest('base64');
}

/**
 * NCP API Gateway signature v2: base64(HMAC-SHA256(secretKey,
 * `${method} ${pathAndQuery}\n${timestamp}\n${accessKey}`)). `pathAndQuery` is the path with the
 * query string exactly as sent.
 */
export function ncpSignatureV2(
  method: string,
  pathAndQuery: string,
  timestamp: string,
  accessKey: string,
  secretKey: string,
): string {
  const message = `${method.toUpperCase()} ${pathAndQuery}\n${timestamp}\n${accessKey}`;
  return createHmac('sha256', secretKey).update(message, 'utf8').digest('base64');
}

/** The three IAM headers of a signed NCP request. */
export function ncpIamHeaders(
  method: string,
  pathAndQuery: string,
  timestampMs: number,
  accessKey: string,
  secretKey: string,
): Record<string, string> {
  const timestamp = String(timestampMs);
  return {
    'x-ncp-apigw-timestamp': timestamp,
    'x-ncp-iam-access-key': accessKey,
    'x-ncp-apigw-signature-v2': ncpSignatureV2(method, pathAndQuery, timestamp, accessKey, secretKey),
  };
}

/**
 * Every value of a credential set that must never be printed: the keys and secrets themselves,
 * and the Hive `Signature`, which is derived from them but is itself a fixed bearer credential.
 */
export function credentialSecrets(credentials: CredentialSet): string[] {
  const values = Object.values(credentials).flatMap((entry) => (entry ? Object.values(entry as Record<string, string>) : []));
  if (credentials.hive) values.push(hiveSignature(credentials.hive.serviceKey, credentials.hive.secretKey));
  return values;
}
