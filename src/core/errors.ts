import { message, plainText, type Message } from './messages';
import type { ServiceId } from './services';

/**
 * Typed errors with reasons. Every documented error code of every service is mapped here, in
 * one place, to a reason (what kind of failure), whether a retry can help, and one sentence a
 * person understands. The log gets the detail; the user sees `message` (English) or `sentence`
 * rendered in their language by the host.
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

/**
 * Reasons that would fail every other request the same way (credentials, quota, settings, the
 * network, cancellation): they stop a run. Others (a failed job, a server error for one request)
 * fail only what was in that request.
 */
export function reasonStopsTheRun(reason: ErrorReason): boolean {
  return STOPPING_REASONS.has(reason);
}

const STOPPING_REASONS: ReadonlySet<ErrorReason> = new Set<ErrorReason>(['auth', 'quota', 'config', 'network', 'timeout', 'rateLimit', 'cancelled']);

export { SERVICE_NAMES, type ServiceId } from './services';
export { capitalize, formatDuration } from './messages';

export interface TranslateErrorOptions {
  service?: ServiceId;
  /** The service's own error code (`N2MT08`, `TR07`, `420`, HTTP status for Hive), or a name the core gives one of its own checks (`noDetection`). */
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
  /** What `message` says, as a template and its arguments, for hosts that translate it. */
  readonly sentence: Message;
  readonly service: ServiceId | undefined;
  readonly code: string | undefined;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly detail: string | undefined;
  readonly attempts: number | undefined;
  readonly elapsedMs: number | undefined;

  /** `sentence` is built with `message`; a string is shown as it is (a host's own, already translated). */
  constructor(
    reason: ErrorReason,
    sentence: Message | string,
    private readonly options: TranslateErrorOptions = {},
  ) {
    const resolved = typeof sentence === 'string' ? plainText(sentence) : sentence;
    super(resolved.text, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TranslateError';
    this.reason = reason;
    this.sentence = resolved;
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
    return new TranslateError(this.reason, this.sentence, { ...this.options, detail });
  }

  /** The same error after `attempts` tries over `elapsedMs`, its sentence saying so. */
  withAttempts(attempts: number, elapsedMs: number): TranslateError {
    const sentence =
      this.reason === 'timeout' && this.service
        ? message('{0} did not answer in time ({1} attempts over {2}); try again later.', { service: this.service }, attempts, { durationMs: elapsedMs })
        : message('{0} ({1} attempts over {2}).', this.sentence, attempts, { durationMs: elapsedMs });
    return new TranslateError(this.reason, sentence, { ...this.options, attempts, elapsedMs });
  }

  /** True for errors the user caused with their input or settings (CLI exit code 2). */
  get isUsageError(): boolean {
    return this.reason === 'input' || this.reason === 'config' || this.reason === 'unsupportedPair';
  }
}

export function isCancellation(error: unknown): boolean {
  return error instanceof TranslateError && error.reason === 'cancelled';
}

interface MappedError {
  reason: ErrorReason;
  retryable: boolean;
  /** The sentence, naming the service that answered where it says `{0}`. */
  sentence: (service: { service: ServiceId }) => Message;
}

const errorRule = (reason: ErrorReason, sentence: Message | MappedError['sentence'], retryable = false): MappedError => ({
  reason,
  retryable,
  sentence: typeof sentence === 'function' ? sentence : () => sentence,
});

/** Papago Translation (NCP) errors, by `error.errorCode`. */
export const PAPAGO_ERRORS: Record<string, MappedError> = {
  N2MT01: errorRule('badRequest', message('Papago needs a source language.')),
  N2MT02: errorRule('unsupportedPair', message('Papago does not support this source language.')),
  N2MT03: errorRule('badRequest', message('Papago needs a target language.')),
  N2MT04: errorRule('unsupportedPair', message('Papago does not support this target language.')),
  N2MT05: errorRule('unsupportedPair', message('The source and target languages must differ.')),
  N2MT06: errorRule('unsupportedPair', message('Papago cannot translate between these two languages.')),
  N2MT07: errorRule('badRequest', message('There is no text to translate.')),
  N2MT08: errorRule('tooLong', message('The text is longer than Papago accepts in one request (5,000 characters).')),
  N2MT09: errorRule('badRequest', message('Papago does not know this glossary key; list the glossaries and choose one that exists.')),
  N2MT99: errorRule('server', message('Papago had an internal error; try again in a moment.'), true),
};

/** NCP API Gateway errors (Papago Translation and the glossary API), by `error.errorCode`. */
export const NCP_GATEWAY_ERRORS: Record<string, MappedError> = {
  '200': errorRule('auth', (s) => message('{0} rejected the credentials; check them.', s)),
  '210': errorRule('auth', (s) => message('{0} denied permission: enable the API for these credentials in the NAVER Cloud console.', s)),
  '300': errorRule('notFound', (s) => message('{0} could not find that resource.', s)),
  '430': errorRule('tooLong', (s) => message('The request is larger than {0} accepts (10 MB).', s)),
  '400': errorRule('quota', (s) => message('The usage quota of {0} is used up; raise it in the NAVER Cloud console or wait for it to reset.', s)),
  '410': errorRule('rateLimit', (s) => message('{0} is throttling requests; try again shortly.', s), true),
  '420': errorRule('rateLimit', (s) => message('{0} is rate-limiting requests; try again shortly.', s), true),
  '500': errorRule('server', (s) => message('{0} could not reach its backend; try again in a moment.', s), true),
  '510': errorRule('timeout', (s) => message('{0} timed out on its side; try again in a moment.', s), true),
  '900': errorRule('server', (s) => message('{0} had an unexpected error; try again in a moment.', s), true),
};

/** Legacy Papago SMT (Naver Open API) errors, by `errorCode`. */
export const SMT_ERRORS: Record<string, MappedError> = {
  TR01: errorRule('badRequest', message('Papago SMT needs a source language.')),
  TR02: errorRule('unsupportedPair', message('Papago SMT does not support this source language.')),
  TR03: errorRule('badRequest', message('Papago SMT needs a target language.')),
  TR04: errorRule('unsupportedPair', message('Papago SMT does not support this target language.')),
  TR05: errorRule('unsupportedPair', message('The source and target languages must differ.')),
  TR06: errorRule('unsupportedPair', message('Papago SMT cannot translate between these two languages.')),
  TR07: errorRule('badRequest', message('There is no text to translate.')),
  TR08: errorRule('tooLong', message('The text is longer than Papago SMT accepts in one request (5,000 characters).')),
  TR99: errorRule('server', message('Papago SMT had an internal error; try again in a moment.'), true),
  '024': errorRule('auth', message('Papago SMT rejected the Naver client id or secret; check them.')),
  '010': errorRule('quota', message('The Papago SMT daily limit is used up; try again tomorrow.')),
};

/** Hive ATS errors, by HTTP status and message (Hive reuses 404 for two cases). */
export function mapHiveError(status: number, msg: string): MappedError {
  if (status === 400) {
    const field = /^\s*<?([\w.]+)>?\s+is Missing/i.exec(msg)?.[1];
    if (field === 'text' && /long|limit|size/i.test(msg)) return errorRule('tooLong', message('The text is longer than Hive accepts in one request.'));
    return errorRule(
      'badRequest',
      field ? message('Hive rejected the request: the field "{0}" is missing or invalid.', field) : message('Hive rejected the request as invalid.'),
    );
  }
  if (status === 401) return errorRule('auth', message('Hive rejected the signature; check the service key and secret key.'));
  if (status === 404 && /job/i.test(msg)) return errorRule('notFound', message('Hive no longer knows this translation job; it may have expired. Start the translation again.'));
  if (status === 404) return errorRule('auth', message('Hive does not know this service key; check it.'));
  if (status === 408) return errorRule('timeout', message('Hive timed out; try again in a moment.'), true);
  if (status === 429) return errorRule('rateLimit', message('Hive is rate-limiting requests; try again shortly.'), true);
  if (status >= 500) return errorRule('server', message('Hive had an internal error; try again in a moment.'), true);
  return errorRule('badRequest', message('Hive answered with an unexpected status {0}.', status));
}

/** Fallback by HTTP status when a body carries no known code. */
export function mapHttpStatus(status: number): MappedError {
  if (status === 401 || status === 403) return errorRule('auth', (s) => message('{0} rejected the credentials; check them.', s));
  if (status === 404) return errorRule('notFound', (s) => message('{0} could not find that resource.', s));
  if (status === 408) return errorRule('timeout', (s) => message('{0} timed out; try again in a moment.', s), true);
  if (status === 413) return errorRule('tooLong', (s) => message('The request is larger than {0} accepts.', s));
  if (status === 429) return errorRule('rateLimit', (s) => message('{0} is rate-limiting requests; try again shortly.', s), true);
  if (status >= 500) return errorRule('server', (s) => message('{0} had a server error; try again in a moment.', s), true);
  return errorRule('badRequest', (s) => message('{0} rejected the request (HTTP {1}).', s, status));
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
  return new TranslateError(mapped.reason, mapped.sentence({ service }), {
    service,
    code,
    status,
    retryable: mapped.retryable,
    retryAfterMs,
    detail,
  });
}

export function cancelledError(): TranslateError {
  return new TranslateError('cancelled', message('The translation was cancelled.'));
}

export function timeoutError(service: ServiceId, ms: number): TranslateError {
  return new TranslateError('timeout', message('{0} did not answer within {1} seconds.', { service }, Math.round(ms / 1000)), {
    service,
    retryable: true,
  });
}

export function networkError(service: ServiceId, cause: unknown, maybeSent: boolean): TranslateError {
  return new TranslateError('network', message('Could not reach {0}; check the network connection and the endpoint setting.', { service }), {
    service,
    retryable: true,
    detail: maybeSent ? 'connection failed after the request was sent' : 'connection failed before the request was sent',
    cause,
  });
}

/** What to tell the user about any thrown value, never leaking internals of unknown errors. */
export function errorSentence(error: unknown): Message {
  if (error instanceof TranslateError) return error.sentence;
  if (error instanceof Error) return message('Unexpected error: {0}', error.message);
  return message('Unexpected error.');
}

/** The English sentence to show for any thrown value (the CLI's and the log's). */
export function userMessage(error: unknown): string {
  return errorSentence(error).text;
}
