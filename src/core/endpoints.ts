import { TranslateError } from './errors';
import { message } from './messages';

export const DEFAULT_ENDPOINTS = {
  hive: 'https://ats.withhive.com',
  papago: 'https://papago.apigw.ntruss.com',
  papagoSmt: 'https://openapi.naver.com',
} as const;

export type EndpointName = keyof typeof DEFAULT_ENDPOINTS;

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Checks a configured endpoint: an absolute http(s) URL, https unless the host is loopback (a
 * signed request never travels in clear text). Returns it without a trailing slash.
 */
export function validateEndpoint(value: string, settingName: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new TranslateError('config', message('The endpoint {0} is not a valid URL.', settingName));
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new TranslateError('config', message('The endpoint {0} must use https (plain http is allowed only for localhost).', settingName));
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new TranslateError('config', message('The endpoint {0} must be a plain base URL without credentials, query or fragment.', settingName));
  }
  return url.toString().replace(/\/+$/, '');
}
