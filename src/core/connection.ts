import { TranslateError, userMessage, type ServiceId, SERVICE_NAMES } from './errors';
import { hiveSignature, ncpIamHeaders } from './signing';
import type { ProviderContext } from './providers/context';

export interface ConnectionResult {
  service: ServiceId;
  ok: boolean;
  message: string;
}

/** A job id that cannot exist: Hive answers 404 "Unregistered job uuid" only after accepting the signature. */
const PROBE_UUID = '00000000-0000-4000-8000-000000000000';

/**
 * One cheap signed call per configured service, to tell the user whether each set of
 * credentials works: nothing is translated by Hive or the glossary API, one character by Papago.
 */
export async function testConnections(context: ProviderContext, signal?: AbortSignal): Promise<ConnectionResult[]> {
  const { credentials, endpoints, http } = context;
  const checks: [ServiceId, () => Promise<void>][] = [];

  if (credentials.hive) {
    const { serviceKey, secretKey } = credentials.hive;
    checks.push([
      'hive',
      async () => {
        try {
          await http.request({
            service: 'hive',
            route: 'hive.probe',
            method: 'GET',
            url: `${endpoints.hive}/api/translate/async/result/${PROBE_UUID}`,
            headers: () => ({ Signature: hiveSignature(serviceKey, secretKey) }),
            idempotent: true,
            responseType: 'json',
            signal,
          });
        } catch (error) {
          // "Unregistered job uuid" proves the signature was accepted.
          if (error instanceof TranslateError && error.reason === 'notFound' && error.status === 404) return;
          throw error;
        }
      },
    ]);
  }
  if (credentials.papago) {
    const { clientId, clientSecret } = credentials.papago;
    checks.push([
      'papago',
      async () => {
        await http.request({
          service: 'papago',
          route: 'papago.probe',
          method: 'POST',
          url: `${endpoints.papago}/nmt/v1/translation`,
          headers: () => ({ 'Content-Type': 'application/json', 'X-NCP-APIGW-API-KEY-ID': clientId, 'X-NCP-APIGW-API-KEY': clientSecret }),
          body: () => JSON.stringify({ source: 'en', target: 'ko', text: 'a' }),
          idempotent: true,
          responseType: 'json',
          signal,
        });
      },
    ]);
  }
  if (credentials.ncpIam) {
    const { accessKey, secretKey } = credentials.ncpIam;
    const pathAndQuery = '/glossary/v1/?currentPage=1&pageSize=1';
    checks.push([
      'ncpIam',
      async () => {
        await http.request({
          service: 'ncpIam',
          route: 'glossary.probe',
          method: 'GET',
          url: `${endpoints.papago}${pathAndQuery}`,
          headers: () => ncpIamHeaders('GET', pathAndQuery, context.clock.now(), accessKey, secretKey),
          idempotent: true,
          responseType: 'json',
          signal,
        });
      },
    ]);
  }
  if (credentials.papagoSmt) {
    const { clientId, clientSecret } = credentials.papagoSmt;
    checks.push([
      'papagoSmt',
      async () => {
        await http.request({
          service: 'papagoSmt',
          route: 'smt.probe',
          method: 'POST',
          url: `${endpoints.papagoSmt}/v1/language/translate`,
          headers: () => ({ 'X-Naver-Client-Id': clientId, 'X-Naver-Client-Secret': clientSecret }),
          body: () => new URLSearchParams({ source: 'en', target: 'ko', text: 'a' }),
          idempotent: true,
          responseType: 'json',
          signal,
        });
      },
    ]);
  }

  return Promise.all(
    checks.map(async ([service, check]) => {
      try {
        await check();
        return { service, ok: true, message: `${capitalize(SERVICE_NAMES[service])}: connected.` };
      } catch (error) {
        return { service, ok: false, message: `${capitalize(SERVICE_NAMES[service])}: ${userMessage(error)}` };
      }
    }),
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
