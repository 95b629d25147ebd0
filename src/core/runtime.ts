/**
 * What the core needs from its host, injected so that tests control time, randomness, network
 * and logging. The CLI and the extension each build one `Runtime`.
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
 * Wraps a logger so that no registered secret can ever reach it, whatever a caller formats.
 * Secrets shorter than 4 characters are not redacted (they would mangle ordinary words).
 */
export class RedactingLogger implements Logger {
  private readonly secrets = new Set<string>();

  constructor(private readonly inner: Logger) {}

  addSecret(...values: (string | undefined)[]): void {
    for (const value of values) if (value && value.length >= 4) this.secrets.add(value);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('***');
    return out;
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
