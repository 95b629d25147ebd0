import type { HttpClient } from '../http/client';
import type { Clock, Logger } from '../runtime';

export interface HiveCredentials {
  serviceKey: string;
  secretKey: string;
}
/** NCP Papago Translation: the API Gateway client id and secret. */
export interface PapagoCredentials {
  clientId: string;
  clientSecret: string;
}
/** NCP IAM access key and secret, for the glossary API. */
export interface NcpIamCredentials {
  accessKey: string;
  secretKey: string;
}
/** Naver Developers client id and secret, for the legacy Papago SMT API. */
export interface PapagoSmtCredentials {
  clientId: string;
  clientSecret: string;
}

export interface CredentialSet {
  hive?: HiveCredentials;
  papago?: PapagoCredentials;
  ncpIam?: NcpIamCredentials;
  papagoSmt?: PapagoSmtCredentials;
}

export interface Endpoints {
  hive: string;
  papago: string;
  papagoSmt: string;
}

/** Request options that some providers support; the others ignore them. */
export interface ProviderOptions {
  /**
   * Papago: formal speech (honorifics) in Korean translated from English, Japanese or Chinese,
   * and in Japanese translated from Korean, English or Chinese.
   */
  honorific?: boolean;
}

/** What every networked provider is given: its HTTP stack, time, log and configuration. */
export interface ProviderContext {
  http: HttpClient;
  clock: Clock;
  logger: Logger;
  endpoints: Endpoints;
  credentials: CredentialSet;
  hiveProjectId?: string;
  options?: ProviderOptions;
  /** Polling of Hive async jobs. */
  poll?: Partial<PollOptions>;
}

export interface PollOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Give up on a job after this long. */
  deadlineMs: number;
}

export const DEFAULT_POLL: PollOptions = { initialDelayMs: 1000, maxDelayMs: 10_000, deadlineMs: 15 * 60_000 };
