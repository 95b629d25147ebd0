import { HttpClient } from '../../src/core/http/client';
import type { RetryPolicy } from '../../src/core/http/retry';
import { RetryBudget } from '../../src/core/http/retry';
import type { CredentialSet, PollOptions, ProviderContext } from '../../src/core/providers/context';
import type { Clock, FetchLike } from '../../src/core/runtime';
import { DEFAULT_CREDENTIALS, type Emulator } from '../emulator/server';
import { FakeClock, MemoryLogger } from './fakeClock';

export const EMULATOR_CREDENTIALS: CredentialSet = {
  hive: DEFAULT_CREDENTIALS.hive,
  papago: DEFAULT_CREDENTIALS.papago,
  ncpIam: DEFAULT_CREDENTIALS.ncpIam,
  papagoSmt: DEFAULT_CREDENTIALS.smt,
};

export interface TestContextOptions {
  credentials?: CredentialSet;
  clock?: Clock;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  budget?: RetryBudget;
  timeoutMs?: number;
  poll?: Partial<PollOptions>;
  /** Records every URL fetched, to prove where requests went. */
  urls?: string[];
}

/** A provider context pointed at the emulator, with a fake clock unless one is given. */
export function emulatorContext(emulator: Emulator, options: TestContextOptions = {}): ProviderContext & { logger: MemoryLogger; clock: Clock } {
  const clock = options.clock ?? new FakeClock();
  const logger = new MemoryLogger();
  const fetchLike: FetchLike = (input, init) => {
    options.urls?.push(input);
    return fetch(input, init);
  };
  const http = new HttpClient({
    fetch: fetchLike,
    clock,
    random: options.random ?? (() => 0.5),
    logger,
    retry: options.retry,
    budget: options.budget,
    timeoutMs: options.timeoutMs ?? 5000,
  });
  return {
    http,
    clock,
    logger,
    endpoints: { hive: emulator.url, papago: emulator.url, papagoSmt: emulator.url },
    credentials: options.credentials ?? EMULATOR_CREDENTIALS,
    poll: options.poll ?? { initialDelayMs: 10, maxDelayMs: 50, deadlineMs: 60_000 },
  };
}
