/**
 * Typed errors with reasons. Every documented error code of every service is mapped here, in
 * one place, to a reason (what kind of failure), whether a retry can help, and one sentence a
 * person understands. The log gets the detail; the user sees `message`.
 */
export type ErrorReason =
  | 'auth'
  | 'quota'
  | 'rateLimit'
  | 'unsupportedPair'
  | 'tooLong'
  | 'badRequest'
  | 'notFound'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'config'
  | 'input'
  /** A translation would break the document's structure; nothing is written. */
  | 'structure';

export type ServiceId = 'hive' | 'papago' | 'ncpIam' | 'papagoSmt';

export const SERVICE_NAMES: Record<ServiceId, string> = {
  hive: 'Hive',
  papago: 'Papago',
  ncpIam: 'the Papago glossary service',
  papagoSmt: 'Papago SMT',
};

export interface TranslateErrorOptions {
  service?: ServiceId;
  /** The service's own error code (`N2MT08`, `TR07`, `420`, HTTP status for Hive). */
  code?: string;
  status?: number;
  retryable?: boolean;
  /** Seconds or an HTTP date from `Retry-After`, already converted to milliseconds. */
  retryAfterMs?: number;
  /** For the log only: the service's own message. Never holds secrets. */
  detail?: string;
  cause?: unknown;
  /** Attempts made before giving up, when there was more than one. */
  attempts?: number;
  /** Time from the first attempt to giving up, with `attempts`. */
  elapsedMs?: number;
}

export class TranslateError extends Error {
  readonly reason: ErrorReason;
  readonly service: ServiceId | undefined;
  readonly code: string | undefined;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly detail: string | undefined;
  readonly attempts: number | undefined;
  readonly elapsedMs: number | undefined;

  constructor(
    reason: ErrorReason,
    message: string,
    private readonly options: TranslateErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TranslateError';
    this.reason = reason;
    this.service = options.service;
    this.code = options.code;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.detail = options.detail;
    this.attempts = options.attempts;
    this.elapsedMs = options.elapsedMs;
  }

  /** The same error with another detail (e.g. with echoed secrets removed). */
  withDetail(detail: string): TranslateError {
    return new TranslateError(this.reason, this.message, { ...this.options, detail });
  }

  /** The same error after `attempts` tries over `elapsedMs`, its sentence saying so. */
  withAttempts(attempts: number, elapsedMs: number): TranslateError {
    const tries = `${attempts} attempts over ${formatDuration(elapsedMs)}`;
    const message =
      this.reason === 'timeout' && this.service
        ? `${SERVICE_NAMES[this.service]} did not answer in time (${tries}); try again later.`
        : `${this.message.replace(/\.$/, '')} (${tries}).`;
    return new TranslateError(this.reason, capitalize(message), { ...this.options, attempts, elapsedMs });
  }

  /** True for errors the user caused with their input or settings (CLI exit code 2). */
  get isUsageError(): boolean {
    return this.reason === 'input' || this.reason === 'config' || this.reason === 'unsupportedPair';
  }
}

export function isCancellation(error: unknown): boolean {
  return error instanceof TranslateError && error.reason === 'cancelled';
}

/** `1 min 5 s`, `12 s`, `0.4 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

interface MappedError {
  reason: ErrorReason;
  retryable: boolean;
  /** `{service}` is replaced by the service's name. */
  sentence: string;
}

const errorRule = (reason: ErrorReason, sentence: string, retryable = false): MappedError => ({ reason, retryable, sentence });

/** Papago Translation (NCP) errors, by `error.errorCode`. */
export const PAPAGO_ERRORS: Record<string, MappedError> = {
  N2MT01: errorRule('badRequest', 'Papago needs a source language.'),
  N2MT02: errorRule('unsupportedPair', 'Papago does not support this source language.'),
  N2MT03: errorRule('badRequest', 'Papago needs a target language.'),
  N2MT04: errorRule('unsupportedPair', 'Papago does not support this target language.'),
  N2MT05: errorRule('unsupportedPair', 'The source and target languages must differ.'),
  N2MT06: errorRule('unsupportedPair', 'Papago cannot translate between these two languages.'),
  N2MT07: errorRule('badRequest', 'There is no text to translate.'),
  N2MT08: errorRule('tooLong', 'The text is longer than Papago accepts in one request (5,000 characters).'),
  N2MT09: errorRule('badRequest', 'Papago does not know this glossary key; list the glossaries and choose one that exists.'),
  N2MT99: errorRule('server', 'Papago had an internal error; try again in a moment.', true),
};

/** NCP API Gateway errors (Papago Translation and the glossary API), by `error.errorCode`. */
export const NCP_GATEWAY_ERRORS: Record<string, MappedError> = {
  '200': errorRule('auth', '{service} rejected the credentials; check them.'),
  '210': errorRule('auth', '{service} denied permission: enable the API for these credentials in the NAVER Cloud console.'),
  '300': errorRule('notFound', '{service} could not find that resource.'),
  '430': errorRule('tooLong', 'The request is larger than {service} accepts (10 MB).'),
  '400': errorRule('quota', 'The {service} usage quota is used up; raise it in the NAVER Cloud console or wait for it to reset.'),
  '410': errorRule('rateLimit', '{service} is throttling requests; try again shortly.', true),
  '420': errorRule('rateLimit', '{service} is rate-limiting requests; try again shortly.', true),
  '500': errorRule('server', '{service} could not reach its backend; try again in a moment.', true),
  '510': errorRule('timeout', '{service} timed out on its side; try again in a moment.', true),
  '900': errorRule('server', '{service} had an unexpected error; try again in a moment.', true),
};

/** Legacy Papago SMT (Naver Open API) errors, by `errorCode`. */
export const SMT_ERRORS: Record<string, MappedError> = {
  TR01: errorRule('badRequest', 'Papago SMT needs a source language.'),
  TR02: errorRule('unsupportedPair', 'Papago SMT does not support this source language.'),
  TR03: errorRule('badRequest', 'Papago SMT needs a target language.'),
  TR04: errorRule('unsupportedPair', 'Papago SMT does not support this target language.'),
  TR05: errorRule('unsupportedPair', 'The source and target languages must differ.'),
  TR06: errorRule('unsupportedPair', 'Papago SMT cannot translate between these two languages.'),
  TR07: errorRule('badRequest', 'There is no text to translate.'),
  TR08: errorRule('tooLong', 'The text is longer than Papago SMT accepts in one request (5,000 characters).'),
  TR99: errorRule('server', 'Papago SMT had an internal error; try again in a moment.', true),
  '024': errorRule('auth', 'Papago SMT rejected the Naver client id or secret; check them.'),
  '010': errorRule('quota', 'The Papago SMT daily limit is used up; try again tomorrow.'),
};

/** Hive ATS errors, by HTTP status and message (Hive reuses 404 for two cases). */
export function mapHiveError(status: number, msg: string): MappedError {
  if (status === 400) {
    const field = /^\s*<?([\w.]+)>?\s+is Missing/i.exec(msg)?.[1];
    if (field === 'text' && /long|limit|size/i.test(msg)) return errorRule('tooLong', 'The text is longer than Hive accepts in one request.');
    return errorRule('badRequest', field ? `Hive rejected the request: the field "${field}" is missing or invalid.` : 'Hive rejected the request as invalid.');
  }
  if (status === 401) return errorRule('auth', 'Hive rejected the signature; check the service key and secret key.');
  if (status === 404 && /job/i.test(msg)) return errorRule('notFound', 'Hive no longer knows this translation job; it may have expired. Start the translation again.');
  if (status === 404) return errorRule('auth', 'Hive does not know this service key; check it.');
  if (status === 408) return errorRule('timeout', 'Hive timed out; try again in a moment.', true);
  if (status === 429) return errorRule('rateLimit', 'Hive is rate-limiting requests; try again shortly.', true);
  if (status >= 500) return errorRule('server', 'Hive had an internal error; try again in a moment.', true);
  return errorRule('badRequest', `Hive answered with an unexpected status ${status}.`);
}

/** Fallback by HTTP status when a body carries no known code. */
export function mapHttpStatus(status: number): MappedError {
  if (status === 401 || status === 403) return errorRule('auth', '{service} rejected the credentials; check them.');
  if (status === 404) return errorRule('notFound', '{service} could not find that resource.');
  if (status === 408) return errorRule('timeout', '{service} timed out; try again in a moment.', true);
  if (status === 413) return errorRule('tooLong', 'The request is larger than {service} accepts.');
  if (status === 429) return errorRule('rateLimit', '{service} is rate-limiting requests; try again shortly.', true);
  if (status >= 500) return errorRule('server', '{service} had a server error; try again in a moment.', true);
  return errorRule('badRequest', `{service} rejected the request (HTTP ${status}).`);
}

function readString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/**
 * Turns a non-2xx answer into a `TranslateError`. `body` is the parsed JSON body when there was
 * one. Unknown codes fall back to the HTTP status.
 */
export function errorFromResponse(service: ServiceId, status: number, body: unknown, retryAfterMs?: number): TranslateError {
  const record = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  let mapped: MappedError | undefined;
  let code: string | undefined;
  let detail: string | undefined;

  if (service === 'hive') {
    const result = (record.result ?? {}) as Record<string, unknown>;
    detail = readString(result.msg);
    code = String(readString(result.code) ?? status);
    mapped = mapHiveError(status, detail ?? '');
  } else if (service === 'papagoSmt' && (record.errorCode !== undefined || record.errorMessage !== undefined)) {
    code = readString(record.errorCode);
    detail = readString(record.errorMessage);
    mapped = code ? SMT_ERRORS[code] : undefined;
  } else {
    const error = (record.error ?? {}) as Record<string, unknown>;
    code = readString(error.errorCode);
    detail = readString(error.message) ?? readString(error.details);
    if (code) mapped = PAPAGO_ERRORS[code] ?? NCP_GATEWAY_ERRORS[code] ?? SMT_ERRORS[code];
  }
  // A status that contradicts a code (a gateway 429 with code 400 means quota, not bad request)
  // is resolved by the code, which is more specific.
  mapped ??= mapHttpStatus(status);
  const sentence = mapped.sentence.replace(/\{service\}/g, SERVICE_NAMES[service]);
  return new TranslateError(mapped.reason, capitalize(sentence), {
    service,
    code,
    status,
    retryable: mapped.retryable,
    retryAfterMs,
    detail,
  });
}

/** The sentence with its first letter in upper case (service names start lower case mid-sentence). */
export function capitalize(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

export function cancelledError(): TranslateError {
  return new TranslateError('cancelled', 'The translation was cancelled.');
}

export function timeoutError(service: ServiceId, ms: number): TranslateError {
  return new TranslateError('timeout', `${SERVICE_NAMES[service]} did not answer within ${Math.round(ms / 1000)} seconds.`, {
    service,
    retryable: true,
  });
}

export function networkError(service: ServiceId, cause: unknown, maybeSent: boolean): TranslateError {
  const sentence = `Could not reach ${SERVICE_NAMES[service]}; check the network connection and the endpoint setting.`;
  return new TranslateError('network', capitalize(sentence), {
    service,
    retryable: true,
    detail: maybeSent ? 'connection failed after the request was sent' : 'connection failed before the request was sent',
    cause,
  });
}

/** The sentence to show for any thrown value, never leaking internals of unknown errors. */
export function userMessage(error: unknown): string {
  if (error instanceof TranslateError) return error.message;
  if (error instanceof Error) return `Unexpected error: ${error.message}`;
  return 'Unexpected error.';
}
