import { DEFAULT_ENDPOINTS, validateEndpoint } from '../core/endpoints';
import type { CredentialSet, Endpoints } from '../core/providers/context';

export type Env = Record<string, string | undefined>;

function pair<K1 extends string, K2 extends string>(env: Env, a: string, b: string, k1: K1, k2: K2) {
  const first = env[a]?.trim();
  const second = env[b]?.trim();
  return first && second ? ({ [k1]: first, [k2]: second } as Record<K1 | K2, string>) : undefined;
}

/** Credentials from the environment variables of the CLI contract. */
export function credentialsFromEnv(env: Env): CredentialSet {
  return {
    hive: pair(env, 'HIVE_SERVICE_KEY', 'HIVE_SECRET_KEY', 'serviceKey', 'secretKey'),
    papago: pair(env, 'NCP_API_KEY_ID', 'NCP_API_KEY', 'clientId', 'clientSecret'),
    ncpIam: pair(env, 'NCP_ACCESS_KEY', 'NCP_SECRET_KEY', 'accessKey', 'secretKey'),
    papagoSmt: pair(env, 'NAVER_CLIENT_ID', 'NAVER_CLIENT_SECRET', 'clientId', 'clientSecret'),
  };
}


/** Endpoints from the environment, each checked (https, or http on loopback only). */
export function endpointsFromEnv(env: Env): Endpoints {
  return {
    hive: validateEndpoint(env.HIVE_ENDPOINT?.trim() || DEFAULT_ENDPOINTS.hive, 'HIVE_ENDPOINT'),
    papago: validateEndpoint(env.PAPAGO_ENDPOINT?.trim() || DEFAULT_ENDPOINTS.papago, 'PAPAGO_ENDPOINT'),
    papagoSmt: validateEndpoint(env.PAPAGO_SMT_ENDPOINT?.trim() || DEFAULT_ENDPOINTS.papagoSmt, 'PAPAGO_SMT_ENDPOINT'),
  };
}
