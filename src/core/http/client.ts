import { cancelledError, errorFromResponse, networkError, SERVICE_NAMES, timeoutError, TranslateError, type ServiceId } from '../errors';
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
  timeoutMs?: number;
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
 * The one HTTP layer of the core, over an injected `fetch`: per-request timeout combined with
 * the caller's signal, typed errors, and retries with full-jitter backoff that honour
 * `Retry-After`, for network errors, 408, 429 and 5xx only, within a shared budget.
 */
export class HttpClient {
  private readonly policy: RetryPolicy;
  private readonly random: () => number;
  private readonly budget: RetryBudget;
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpClientOptions) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.random = options.random ?? Math.random;
    this.budget = options.budget ?? new RetryBudget();
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const { clock, logger } = this.options;
    for (let attempt = 1; ; attempt++) {
      if (request.signal?.aborted) throw cancelledError();
      const started = clock.now();
      try {
        const response = await this.attempt<T>(request);
        this.budget.onSuccess();
        logger.info(`${request.method} ${request.route} -> ${response.status} in ${clock.now() - started} ms (attempt ${attempt}${request.chars ? `, ${request.chars} chars` : ''})`);
        return { ...response, attempts: attempt };
      } catch (caught) {
        const error = caught instanceof TranslateError ? caught : networkError(request.service, caught, true);
        logger.debug(`${request.method} ${request.route} -> ${error.status ?? error.reason}${error.code ? ` [${error.code}]` : ''} in ${clock.now() - started} ms (attempt ${attempt})${error.detail ? `: ${error.detail}` : ''}`);
        const delay = this.retryDelay(request, error, attempt);
        if (delay === undefined) throw error;
        logger.info(`${request.route}: retrying in ${delay} ms after ${error.reason} (attempt ${attempt + 1} of ${this.policy.maxAttempts})`);
        try {
          await clock.sleep(delay, request.signal);
        } catch {
          throw cancelledError();
        }
      }
    }
  }

  /** The delay before the next attempt, or undefined when the error goes to the caller. */
  private retryDelay(request: HttpRequest, error: TranslateError, attempt: number): number | undefined {
    if (!error.retryable || attempt >= this.policy.maxAttempts) return undefined;
    if (!request.idempotent && !this.provablyNotAccepted(error)) return undefined;
    if (error.retryAfterMs !== undefined && error.retryAfterMs > this.policy.maxRetryAfterMs) return undefined;
    if (!this.budget.trySpend()) {
      this.options.logger.warn(`${request.route}: retry budget exhausted; not retrying`);
      return undefined;
    }
    return error.retryAfterMs ?? backoffDelay(this.policy, attempt - 1, this.random);
  }

  private provablyNotAccepted(error: TranslateError): boolean {
    return error.status === 429 || (error.reason === 'network' && NOT_SENT_CODES.has(causeCode(error.cause) ?? ''));
  }

  private async attempt<T>(request: HttpRequest): Promise<Omit<HttpResponse<T>, 'attempts'>> {
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    try {
      let response: Response;
      try {
        response = await this.options.fetch(request.url, {
          method: request.method,
          headers: request.headers?.(),
          body: request.body?.(),
          signal,
          redirect: 'error',
        });
      } catch (error) {
        throw this.transportError(request, error, timeout.signal, timeoutMs);
      }
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
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
        throw new TranslateError('server', `${SERVICE_NAMES[request.service]} sent an answer that could not be read; try again in a moment.`, {
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

function tryParseJson(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}
