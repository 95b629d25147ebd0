import { strict as assert } from 'node:assert';
import { mkdtemp, open, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TranslateError } from '../../src/core/errors';
import { writeFileAtomic } from '../../src/core/files';
import { HttpClient } from '../../src/core/http/client';
import { HiveProvider } from '../../src/core/providers/hive';
import { PapagoProvider, PAPAGO_MAX_CHARS } from '../../src/core/providers/papago';
import type { Clock } from '../../src/core/runtime';
import { startEmulator, type Emulator } from '../emulator/server';
import { emulatorContext } from '../support/context';

/** A clock whose sleeps end only when the test says so: what happens "during" a sleep is observable. */
class GatedClock implements Clock {
  private waiting: (() => void)[] = [];
  time = 1_700_000_000_000;
  now(): number {
    return this.time;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      this.waiting.push(() => {
        this.time += ms;
        resolve();
      });
    });
  }
  get sleepers(): number {
    return this.waiting.length;
  }
  release(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }
}

const settle = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));

describe('behaviours a one-line regression would break', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ asyncSteps: { waiting: 2, processing: 0 } });
  });
  after(() => emulator.close());
  beforeEach(() => emulator.counters.reset());

  it('the Hive job poll waits for its delay before each poll (never hammers the service)', async () => {
    const clock = new GatedClock();
    const provider = new HiveProvider(emulatorContext(emulator, { clock, poll: { initialDelayMs: 1000, maxDelayMs: 5000, deadlineMs: 600_000 } }));
    const pending = provider.translate({ text: '# Title\n', from: 'en', to: ['ko'], format: 'markdown' });
    for (let poll = 1; poll <= 3; poll++) {
      while (clock.sleepers === 0) await settle(10);
      await settle();
      assert.equal(emulator.counters.requests['hive.async.result'] ?? 0, poll - 1, `no poll before delay ${poll} has passed`);
      clock.release();
      while ((emulator.counters.requests['hive.async.result'] ?? 0) < poll) await settle(10);
    }
    const result = await pending;
    assert.equal(result.translations[0].text, '# ko:Title\n');
    assert.equal(emulator.counters.requests['hive.async.result'], 3);
  });

  it('text of exactly the per-call limit goes in one request', async () => {
    const provider = new PapagoProvider(emulatorContext(emulator));
    const text = 'word '.repeat(PAPAGO_MAX_CHARS / 5 - 1) + 'last.';
    assert.equal(text.length, PAPAGO_MAX_CHARS);
    await provider.translate({ text, from: 'en', to: ['ko'], format: 'text' });
    assert.equal(emulator.counters.requests['papago.translate'], 1);
    emulator.counters.reset();
    await provider.translate({ text: `${text} x`, from: 'en', to: ['ko'], format: 'text' });
    assert.equal(emulator.counters.requests['papago.translate'], 2, 'one character more is split');
  });
});

describe('atomic writes', () => {
  it('replace the file by a rename: a reader holding the old file sees it whole, never a mix', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hpt-atomic-'));
    const file = path.join(dir, 'out.md');
    await writeFile(file, 'old content\n');
    const reader = await open(file, 'r');
    try {
      await writeFileAtomic(file, 'new content, longer than the old one\n');
      // A direct write would have truncated and rewritten the same file the reader holds.
      assert.equal(await reader.readFile('utf8'), 'old content\n');
      assert.equal(await readFile(file, 'utf8'), 'new content, longer than the old one\n');
    } finally {
      await reader.close();
    }
  });
});

describe('temporary files', () => {
  it('a write removes the temporary files of its target left by a process that is gone, or older than an hour; no others', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hpt-stale-'));
    const file = path.join(dir, 'out.md');
    // A process id that is surely not running (the highest Linux allows is 4194304).
    const gone = path.join(dir, '.out.md.4194399-0123456789ab.tmp');
    const running = path.join(dir, `.out.md.${process.ppid}-ba9876543210.tmp`);
    const old = path.join(dir, `.out.md.${process.ppid}-aaaaaaaaaaaa.tmp`);
    const other = path.join(dir, '.other.md.4194399-0123456789ab.tmp');
    for (const name of [gone, running, old, other]) await writeFile(name, 'partial');
    const hoursAgo = new Date(Date.now() - 2 * 60 * 60_000);
    await utimes(old, hoursAgo, hoursAgo);
    await writeFileAtomic(file, 'whole\n');
    assert.deepEqual((await readdir(dir)).sort(), ['.other.md.4194399-0123456789ab.tmp', `.out.md.${process.ppid}-ba9876543210.tmp`, 'out.md']);
  });
});

describe('deadlines nothing can defeat', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());

  it('a body that drips forever is given up on at the per-attempt deadline; the error says how long it tried', async function () {
    this.timeout(20_000);
    emulator.faults.add({ route: 'papago.translate', kind: 'endlessBody', times: Infinity });
    const provider = new PapagoProvider(emulatorContext(emulator, { timeoutMs: 300 }));
    const started = Date.now();
    try {
      await provider.translate({ text: 'Hello', from: 'en', to: ['ko'], format: 'text' });
      assert.fail('expected a timeout');
    } catch (error) {
      assert.ok(error instanceof TranslateError, String(error));
      assert.equal(error.reason, 'timeout');
      assert.equal(error.attempts, 4);
      assert.match(error.message, /^Papago did not answer in time \(4 attempts over [\d.]+ s\); try again later\.$/);
    } finally {
      emulator.faults.clear();
    }
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  });
});

describe('the overall deadline of a request', () => {
  it('stops retrying when the next wait and attempt would not fit before it', async () => {
    const emulator = await startEmulator();
    try {
      emulator.faults.add({ route: 'papago.translate', kind: 'status', status: 503, retryAfter: '1', times: Infinity, body: { error: { errorCode: '500', message: 'Endpoint Error' } } });
      const context = emulatorContext(emulator);
      const http = new HttpClient({ fetch: (input, init) => fetch(input, init), clock: context.clock, logger: context.logger, deadlineMs: 2500 });
      const provider = new PapagoProvider({ ...context, http });
      await assert.rejects(provider.translate({ text: 'Hello', from: 'en', to: ['ko'], format: 'text' }), (error: unknown) => error instanceof TranslateError && error.attempts === 2);
      assert.equal(emulator.counters.requests['papago.translate'], 2, 'a third attempt would have ended past the deadline');
    } finally {
      await emulator.close();
    }
  });
});
