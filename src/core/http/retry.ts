import type { Clock } from '../runtime';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the error goes to the caller. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
};

/** Full-jitter exponential backoff: a uniform delay in [0, min(max, base * 2^retry)). */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, clock: Clock): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - clock.now());
}

/**
 * A retry budget shared by every request of one client, so that an outage does not multiply
 * traffic: each retry spends a token, each success earns back a fraction of one.
 */
export class RetryBudget {
  private tokens: number;

  constructor(
    private readonly capacity = 10,
    private readonly refundPerSuccess = 0.2,
  ) {
    this.tokens = capacity;
  }

  trySpend(): boolean {
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  onSuccess(): void {
    this.tokens = Math.min(this.capacity, this.tokens + this.refundPerSuccess);
  }

  get available(): number {
    return this.tokens;
  }
}
