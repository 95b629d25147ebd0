import { HttpClient } from './http/client';
import type { RetryPolicy } from './http/retry';
import { systemClock, type Clock, type FetchLike, type Logger } from './runtime';

export interface HttpStackOptions {
  logger: Logger;
  timeoutMs?: number;
  fetch?: FetchLike;
  clock?: Clock;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
}

/** The HTTP stack of a host process: the platform `fetch`, the system clock, `Math.random`. */
export function createHttpStack(options: HttpStackOptions): { http: HttpClient; clock: Clock } {
  const clock = options.clock ?? systemClock;
  const http = new HttpClient({
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    clock,
    random: options.random,
    logger: options.logger,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
  });
  return { http, clock };
}
