/**
 * Small request helpers for tests that talk to the emulator with raw `fetch`.
 * The signing functions used here are checked against the vendors' test vectors in the tests.
 */
import { DEFAULT_CREDENTIALS } from './credentials';
import { hiveSignature } from './hive';
import { ncpSignature } from './ncpAuth';

export interface Target {
  url: string;
}

export function hiveHeaders(key: { serviceKey: string; secretKey: string } = DEFAULT_CREDENTIALS.hive): Record<string, string> {
  return { 'content-type': 'application/json', signature: hiveSignature(key.serviceKey, key.secretKey) };
}

/** POSTs a Hive body, adding `info.service_key` and a valid Signature unless given. */
export function hivePost(
  target: Target,
  path: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = hiveHeaders(),
  signal?: AbortSignal,
): Promise<Response> {
  const payload = { info: { service_key: DEFAULT_CREDENTIALS.hive.serviceKey }, ...body };
  return fetch(target.url + path, { method: 'POST', headers, body: JSON.stringify(payload), signal });
}

export function papagoHeaders(key: { clientId: string; clientSecret: string } = DEFAULT_CREDENTIALS.papago): Record<string, string> {
  return { 'x-ncp-apigw-api-key-id': key.clientId, 'x-ncp-apigw-api-key': key.clientSecret };
}

export function papagoPost(target: Target, fields: Record<string, unknown>, headers = papagoHeaders(), signal?: AbortSignal): Promise<Response> {
  return fetch(`${target.url}/nmt/v1/translation`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(fields),
    signal,
  });
}

export function smtPost(target: Target, fields: Record<string, string>, key: { clientId: string; clientSecret: string } = DEFAULT_CREDENTIALS.smt): Promise<Response> {
  return fetch(`${target.url}/v1/language/translate`, {
    method: 'POST',
    headers: { 'x-naver-client-id': key.clientId, 'x-naver-client-secret': key.clientSecret, 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
    body: new URLSearchParams(fields).toString(),
  });
}

export function ncpHeaders(
  method: string,
  pathAndQuery: string,
  timestamp = Date.now(),
  key: { accessKey: string; secretKey: string } = DEFAULT_CREDENTIALS.ncpIam,
): Record<string, string> {
  const ts = String(timestamp);
  return {
    'x-ncp-apigw-timestamp': ts,
    'x-ncp-iam-access-key': key.accessKey,
    'x-ncp-apigw-signature-v2': ncpSignature(method, pathAndQuery, ts, key.accessKey, key.secretKey),
  };
}

/** A correctly signed glossary API request (`pathAndQuery` starts with `/glossary/v1`). */
export function ncpFetch(
  target: Target,
  method: 'GET' | 'POST' | 'DELETE',
  pathAndQuery: string,
  init: { body?: BodyInit; headers?: Record<string, string>; timestamp?: number } = {},
): Promise<Response> {
  return fetch(target.url + pathAndQuery, {
    method,
    headers: { ...ncpHeaders(method, pathAndQuery, init.timestamp), ...init.headers },
    body: init.body,
  });
}

/** Creates a glossary through the API and returns its key. */
export async function createGlossary(target: Target, glossaryName: string, description?: string): Promise<string> {
  const res = await ncpFetch(target, 'POST', '/glossary/v1/create', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ glossaryName, description }),
  });
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { data: { glossaryKey: string } }).data.glossaryKey;
}

/** Uploads CSV text (or bytes) as the `file` field. */
export function uploadGlossary(target: Target, key: string, csv: string | Uint8Array, fileName = 'glossary.csv'): Promise<Response> {
  const form = new FormData();
  const part = typeof csv === 'string' ? csv : new Uint8Array(csv);
  form.append('file', new Blob([part], { type: 'text/csv' }), fileName);
  return ncpFetch(target, 'POST', `/glossary/v1/${key}/upload`, { body: form });
}
