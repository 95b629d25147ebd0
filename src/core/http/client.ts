import { cancelledError, errorFromResponse, networkError, timeoutError, TranslateError, type ServiceId } from '../errors';
import { message } from '../messages';
import type { Clock, FetchLike, Logger } from '../runtime';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, RetryBudget, type RetryPolicy } from './retry';

export interface HttpRequest {
  service: ServiceId;
  /** A short name for logs, e.g. `papago.translate`. */
  route: string;
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  /** Called for every attempt, so that a retried signed request is signed again. */
  headers?: () => Record<string, string>;
  /** Called for every attempt: a body can only be sent once. */
  body?: () => BodyInit;
  /**
   * False for requests that create something (async job submit, glossary create/upload): those
   * are retried only when the service cannot have accepted them (refused connection, 429).
   */
  idempotent: boolean;
  responseType: 'json' | 'bytes';
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Characters of text carried, for the log. */
  chars?: number;
}

/** A retry about to happen, for hosts that show progress ("retrying in 4 s, attempt 2 of 4"). */
export interface RetryEvent {
  service: ServiceId;
  route: string;
  /** The attempt that will be made next (2 for the first retry). */
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  reason: TranslateError['reason'];
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  data: T;
  /** Attempts made, the successful one included. */
  attempts: number;
}

export interface HttpClientOptions {
  fetch: FetchLike;
  clock: Clock;
  random?: () => number;
  logger: Logger;
  retry?: Partial<RetryPolicy>;
  budget?: RetryBudget;
  /** Per attempt: connecting, sending and reading the whole answer (default 30 s). */
  timeoutMs?: number;
  /** Per request, retries and their waits included (default: four attempts' worth, at least 2 minutes). */
  deadlineMs?: number;
  /** Answers larger than this are refused (default 64 MiB): an endless body cannot fill memory. */
  maxBodyBytes?: number;
}

/** Error codes of connections that failed before anything was sent: always safe to retry. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The one HTTP layer of the core, over an injected `fetch`: a per-attempt timeout that covers
 * reading the whole answer, an overall deadline per request, the caller's signal, typed errors,
 * and retries with full-jitter backoff that honour `Retry-After`, for network errors, 408, 429
 * and 5xx only, within a shared budget. No value of a header it sent ever reaches an error or
 * the log (a gateway may echo request headers, signatures included, in its error body).
 */
export class HttpClient {
  private readonly policy: RetryPolicy;
  private readonly random: () => number;
  private readonly budget: RetryBudget;
  private readonly timeoutMs: number;
  private readonly deadlineMs: number;
  private readonly maxBodyBytes: number;
  private readonly retryListeners = new Set<(event: RetryEvent) => void>();

  constructor(private readonly options: HttpClientOptions) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.random = options.random ?? Math.random;
    this.budget = options.budget ?? new RetryBudget();
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.deadlineMs = options.deadlineMs ?? Math.max(120_000, this.timeoutMs * this.policy.maxAttempts);
    this.maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
  }

  /** Calls `listener` before every retry of any request; returns a function that stops it. */
  onRetry(listener: (event: RetryEvent) => void): () => void {
    this.retryListeners.add(listener);
    return () => this.retryListeners.delete(listener);
  }

  async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const { clock, logger } = this.options;
    const begun = clock.now();
    const deadline = begun + this.deadlineMs;
    for (let attempt = 1; ; attempt++) {
      if (request.signal?.aborted) throw cancelledError();
      const started = clock.now();
      const headers = request.headers?.() ?? {};
      try {
        const response = await this.attempt<T>(request, headers, Math.min(request.timeoutMs ?? this.timeoutMs, deadline - started));
        this.budget.onSuccess();
        logger.info(`${request.method} ${request.route} -> ${response.status} in ${clock.now() - started} ms (attempt ${attempt}${request.chars ? `, ${request.chars} chars` : ''})`);
        return { ...response, attempts: attempt };
      } catch (caught) {
        const error = scrubbed(caught instanceof TranslateError ? caught : networkError(request.service, caught, true), headers);
        logger.debug(`${request.method} ${request.route} -> ${error.status ?? error.reason}${error.code ? ` [${error.code}]` : ''} in ${clock.now() - started} ms (attempt ${attempt})${error.detail ? `: ${error.detail}` : ''}`);
        const delay = this.retryDelay(request, error, attempt, deadline);
        if (delay === undefined) throw attempt > 1 ? afterAttempts(error, attempt, clock.now() - begun) : error;
        logger.info(`${request.route}: retrying in ${delay} ms after ${error.reason} (attempt ${attempt + 1} of ${this.policy.maxAttempts})`);
        for (const listener of this.retryListeners) {
          listener({ service: request.service, route: request.route, attempt: attempt + 1, maxAttempts: this.policy.maxAttempts, delayMs: delay, reason: error.reason });
        }
        try {
          await clock.sleep(delay, request.signal);
        } catch {
          throw cancelledError();
        }
      }
    }
  }

  /** The delay before the next attempt, or undefined when the error goes to the caller. */
  private retryDelay(request: HttpRequest, error: TranslateError, attempt: number, deadline: number): number | undefined {
    if (!error.retryable || attempt >= this.policy.maxAttempts) return undefined;
    if (!request.idempotent && !this.provablyNotAccepted(error)) return undefined;
    if (error.retryAfterMs !== undefined && error.retryAfterMs > this.policy.maxRetryAfterMs) return undefined;
    const delay = error.retryAfterMs ?? backoffDelay(this.policy, attempt - 1, this.random);
    // A retry must have time left for an attempt of its own (a second at least).
    if (this.options.clock.now() + delay + 1000 > deadline) return undefined;
    if (!this.budget.trySpend()) {
      this.options.logger.debug(`${request.route}: retry budget exhausted; not retrying`);
      return undefined;
    }
    return delay;
  }

  private provablyNotAccepted(error: TranslateError): boolean {
    return error.status === 429 || (error.reason === 'network' && NOT_SENT_CODES.has(causeCode(error.cause) ?? ''));
  }

  private async attempt<T>(request: HttpRequest, headers: Record<string, string>, timeoutMs: number): Promise<Omit<HttpResponse<T>, 'attempts'>> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), Math.max(1, timeoutMs));
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    try {
      let response: Response;
      try {
        response = await this.options.fetch(request.url, {
          method: request.method,
          headers,
          body: request.body?.(),
          signal,
          redirect: 'error',
        });
      } catch (error) {
        throw this.transportError(request, error, timeout.signal, timeoutMs);
      }
      let bytes: Uint8Array;
      try {
        bytes = await readBody(response, signal, this.maxBodyBytes, request.service);
      } catch (error) {
        if (error instanceof TranslateError) throw error;
        throw this.transportError(request, error, timeout.signal, timeoutMs);
      }
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.options.clock);
      if (!response.ok) {
        throw errorFromResponse(request.service, response.status, tryParseJson(bytes), retryAfterMs);
      }
      if (request.responseType === 'bytes') {
        return { status: response.status, headers: response.headers, data: bytes as T };
      }
      const data = tryParseJson(bytes);
      if (data === undefined) {
        throw new TranslateError('server', message('{0} sent an answer that could not be read; try again in a moment.', { service: request.service }), {
          service: request.service,
          status: response.status,
          retryable: true,
          detail: `malformed JSON (${bytes.length} bytes)`,
        });
      }
      return { status: response.status, headers: response.headers, data: data as T };
    } finally {
      clearTimeout(timer);
    }
  }

  private transportError(request: HttpRequest, error: unknown, timeoutSignal: AbortSignal, timeoutMs: number): TranslateError {
    if (request.signal?.aborted) return cancelledError();
    if (timeoutSignal.aborted) return timeoutError(request.service, timeoutMs);
    const code = causeCode(error);
    return networkError(request.service, error, !NOT_SENT_CODES.has(code ?? ''));
  }
}

/**
 * Reads a whole answer. Every read races the signal, so a server that sends headers and then
 * drips its body forever is given up on at the deadline however the platform's stream behaves.
 */
async function readBody(response: Response, signal: AbortSignal, maxBytes: number, service: ServiceId): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      length += value.length;
      if (length > maxBytes) throw new TranslateError('server', message('{0} sent an answer too large to read.', { service }), { service, detail: `more than ${maxBytes} bytes` });
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** Values of sent headers that could identify or authenticate (anything but the content type). */
function sentValues(headers: Record<string, string>): string[] {
  return Object.entries(headers)
    .filter(([name, value]) => name.toLowerCase() !== 'content-type' && value.length >= 4)
    .map(([, value]) => value)
    .sort((a, b) => b.length - a.length);
}

/** The error with every sent header value removed from its detail (the service's own words). */
function scrubbed(error: TranslateError, headers: Record<string, string>): TranslateError {
  if (!error.detail) return error;
  let detail = error.detail;
  for (const value of sentValues(headers)) detail = detail.split(value).join('***');
  return detail === error.detail ? error : error.withDetail(detail);
}

/** The final error of a request that was tried more than once, saying how long it took. */
function afterAttempts(error: TranslateError, attempts: number, elapsedMs: number): TranslateError {
  if (error.reason === 'cancelled') return error;
  return error.withAttempts(attempts, elapsedMs);
}

function tryParseJson(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}
