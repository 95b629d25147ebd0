/**
 * What the core needs from its host, injected so that tests control time, network and logging:
 * a clock, a `fetch`, a logger (the CLI and the extension each build theirs).
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * Values of credential-bearing fields as a service or gateway may echo them (`"Signature":"…"`,
 * `x-ncp-apigw-signature-v2: …`, `X-Naver-Client-Secret=…`): whatever the value, it is redacted.
 */
const CREDENTIAL_FIELD =
  /((?:signature(?:-v2)?|x-ncp-apigw-api-key(?:-id)?|x-ncp-iam-access-key|x-naver-client-(?:id|secret)|service_key|app_key|secret_?key|access_?key|client_?secret)["']?\s*[:=]\s*["']?)([^"'\s,;}&]+)/gi;

/**
 * Wraps a logger so that no registered secret can ever reach it, whatever a caller formats:
 * every registered value (longest first, so a secret inside an id cannot leave part of the id
 * behind) and the value of every credential-bearing field, whatever its value.
 * Secrets shorter than 4 characters are not redacted (they would mangle ordinary words).
 */
export class RedactingLogger implements Logger {
  private secrets: string[] = [];

  constructor(private readonly inner: Logger) {}

  addSecret(...values: (string | undefined)[]): void {
    const added = values.filter((value): value is string => value !== undefined && value.length >= 4 && !this.secrets.includes(value));
    if (added.length > 0) this.secrets = [...this.secrets, ...added].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join('***');
    return out.replace(CREDENTIAL_FIELD, '$1***');
  }

  trace(message: string): void {
    this.inner.trace(this.redact(message));
  }
  debug(message: string): void {
    this.inner.debug(this.redact(message));
  }
  info(message: string): void {
    this.inner.info(this.redact(message));
  }
  warn(message: string): void {
    this.inner.warn(this.redact(message));
  }
  error(message: string): void {
    this.inner.error(this.redact(message));
  }
}
