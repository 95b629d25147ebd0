import { strict as assert } from 'node:assert';
import { RetryBudget } from '../../src/core/http/retry';
import { HiveProvider } from '../../src/core/providers/hive';
import { PapagoProvider } from '../../src/core/providers/papago';
import { systemClock } from '../../src/core/runtime';
import { startEmulator, type Emulator } from '../emulator/server';
import { emulatorContext } from '../support/context';
import { FakeClock } from '../support/fakeClock';
import { rejection } from '../support/rejection';

const RATE_LIMITED = { error: { errorCode: '420', message: 'Rate Limited' } };
const SERVER_ERROR = { error: { errorCode: '900', message: 'Unexpected Error' } };

function papagoRequest(signal?: AbortSignal) {
  return { text: 'Hello world', from: 'en' as const, to: ['ko' as const], format: 'text' as const, signal };
}

describe('HTTP layer: retries, timeouts and cancellation (against the emulator)', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(async () => {
    await emulator.close();
  });

  it('honours Retry-After on 429 exactly, then succeeds', async () => {
    emulator.faults.add({ route: 'papago.translate', kind: 'status', status: 429, retryAfter: '1', times: 3, body: RATE_LIMITED });
    const clock = new FakeClock();
    const provider = new PapagoProvider(emulatorContext(emulator, { clock }));
    const result = await provider.translate(papagoRequest());
    assert.deepEqual(clock.sleeps, [1000, 1000, 1000]);
    assert.equal(result.requests, 4);
    assert.equal(emulator.counters.requests['papago.translate'], 4);
    assert.equal(result.translations[0].text, 'ko:Hello ko:world');
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T00:00:00Z'));
    emulator.faults.add({ route: 'papago.translate', kind: 'status', status: 429, retryAfter: 'Thu, 01 Jan 2026 00:00:03 GMT', body: RATE_LIMITED });
    await new PapagoProvider(emulatorContext(emulator, { clock })).translate(papagoRequest());
    assert.deepEqual(clock.sleeps, [3000]);
  });

  it('backs off with full jitter when there is no Retry-After', async () => {
    emulator.faults.add({ route: 'papago.translate', kind: 'status', status: 503, times: 3, body: { error: { errorCode: '500', message: 'Endpoint Error' } } });
    const clock = new FakeClock();
    // random() = 0.5: half of min(20 s, 500 ms * 2^retry).
    await new PapagoProvider(emulatorContext(emulator, { clock, random: () => 0.5 })).translate(papagoRequest());
    assert.deepEqual(clock.sleeps, [250, 500, 1000]);
    const zero = new FakeClock();
    emulator.faults.add({ route: 'papago.translate', kind: 'status', status: 503, times: 1 });
    await new PapagoProvider(emulatorContext(emulator, { clock: zero, random: () => 0 })).translate(papagoRequest());
    assert.deepEqual(zero.sleeps, [0]);
  });

  it('gives up after the last attempt with the service error', async () => {
    emulator.faults.add({ route: 'papago.translate', kind: 'status', status: 500, times: Infinity, body: SERVER_ERROR });
    const clock = new FakeClock();
    const error = await rejection(new PapagoProvider(emulatorContext(emulator, { clock })).translate(papagoRequest()), 'server');
    assert.equal(emulator.counters.requests['papago.translate'], 4);
    assert.equal(clock.sleeps.length, 3);
    assert.equal(error.code, '900');
  });

  it('never retries auth, validation or quota errors', async () => {
    const clock = new FakeClock();
    const wrong = emulatorContext(emulator, { clock, credentials: { papago: { clientId: 'emulator-client-id', clientSecret: 'wrong' } } });
    await rejection(new PapagoProvider(wrong).translate(papagoRequest()), 'auth');
    assert.equal(emulator.counters.requests['papago.translate'], 1);

    emulator.faults.add({ route: 'papago.translate', kind: 'status', status: 400, body: { error: { errorCode: 'N2MT07', message: 'text parameter is needed' } } });
    await rejection(new PapagoProvider(emulatorContext(emulator, { clock })).translate(papagoRequest()), 'badRequest');
    assert.equal(emulator.counters.requests['papago.translate'], 2);

    emulator.faults.add({ route: 'papago.translate', kind: 'status', status: 429, retryAfter: '1', body: { error: { errorCode: '400', message: 'Quota Exceeded' } } });
    const quota = await rejection(new PapagoProvider(emulatorContext(emulator, { clock })).translate(papagoRequest()), 'quota');
    assert.match(quota.message, /quota/i);
    assert.equal(emulator.counters.requests['papago.translate'], 3);
    assert.deepEqual(clock.sleeps, []);
  });

  it('does not wait for a Retry-After longer than the policy allows', async () => {
    emulator.faults.add({ route: 'papago.translate', kind: 'status', status: 429, retryAfter: '3600', body: RATE_LIMITED });
    const clock = new FakeClock();
    const error = await rejection(new PapagoProvider(emulatorContext(emulator, { clock })).translate(papagoRequest()), 'rateLimit');
    assert.equal(error.retryAfterMs, 3_600_000);
    assert.deepEqual(clock.sleeps, []);
  });

  it('does not blindly retry a non-idempotent async submit, but retries it after 429', async () => {
    const clock = new FakeClock();
    const context = emulatorContext(emulator, { clock });
    const request = { text: '# Title', from: 'en' as const, to: ['ko' as const], format: 'markdown' as const };
    emulator.faults.add({ route: 'hive.async.submit', kind: 'status', status: 500, times: Infinity });
    await rejection(new HiveProvider(context).translate(request), 'server');
    assert.equal(emulator.counters.requests['hive.async.submit'], 1, 'a 500 may mean the job was accepted: no retry');

    emulator.faults.clear();
    emulator.faults.add({ route: 'hive.async.submit', kind: 'reset' });
    await rejection(new HiveProvider(context).translate(request), 'network');
    assert.equal(emulator.counters.requests['hive.async.submit'], 2, 'a reset after sending: no retry');

    emulator.faults.add({ route: 'hive.async.submit', kind: 'status', status: 429, retryAfter: '2' });
    const result = await new HiveProvider(context).translate(request);
    assert.equal(result.translations[0].text, '# ko:Title');
    assert.equal(emulator.counters.requests['hive.async.submit'], 4);
    assert.ok(clock.sleeps.includes(2000));
  });

  it('retries connection resets and malformed answers of idempotent requests', async () => {
    emulator.faults.add({ route: 'papago.translate', kind: 'reset', times: 2 });
    emulator.faults.add({ route: 'papago.translate', kind: 'malformedJson', times: 1 });
    const result = await new PapagoProvider(emulatorContext(emulator)).translate(papagoRequest());
    assert.equal(result.requests, 4);
    assert.equal(result.translations[0].text, 'ko:Hello ko:world');
  });

  it('stops retrying when the shared retry budget is spent', async () => {
    emulator.faults.add({ route: 'papago.translate', kind: 'status', status: 503, times: Infinity });
    const context = emulatorContext(emulator, { budget: new RetryBudget(2, 0) });
    const provider = new PapagoProvider(context);
    await rejection(provider.translate(papagoRequest()), 'server');
    assert.equal(emulator.counters.requests['papago.translate'], 3, 'two retries, then the budget is empty');
    await rejection(provider.translate(papagoRequest()), 'server');
    assert.equal(emulator.counters.requests['papago.translate'], 4, 'no retry at all once the budget is spent');
    assert.ok(context.logger.lines.some((line) => line.includes('retry budget exhausted')));
  });

  it('times out a hung request and says so', async () => {
    emulator.faults.add({ route: 'papago.translate', kind: 'hang', times: Infinity });
    const context = emulatorContext(emulator, { timeoutMs: 150, retry: { maxAttempts: 2 } });
    const error = await rejection(new PapagoProvider(context).translate(papagoRequest()), 'timeout');
    assert.match(error.message, /did not answer/);
    assert.equal(emulator.counters.requests['papago.translate'], 2);
  });

  it('cancel aborts an in-flight request within 200 ms', async () => {
    emulator.faults.add({ route: 'papago.translate', kind: 'hang' });
    const controller = new AbortController();
    const context = emulatorContext(emulator, { clock: systemClock, timeoutMs: 30_000 });
    const pending = new PapagoProvider(context).translate(papagoRequest(controller.signal));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    controller.abort();
    await rejection(pending, 'cancelled');
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 200, `cancel took ${elapsed.toFixed(0)} ms`);
    assert.equal(emulator.counters.requests['papago.translate'], 1, 'no retry after cancel');
  });

  it('cancel during a backoff wait stops at once', async () => {
    emulator.faults.add({ route: 'papago.translate', kind: 'status', status: 429, retryAfter: '30', body: RATE_LIMITED });
    const controller = new AbortController();
    const pending = new PapagoProvider(emulatorContext(emulator, { clock: systemClock })).translate(papagoRequest(controller.signal));
    setTimeout(() => controller.abort(), 50);
    await rejection(pending, 'cancelled');
    assert.equal(emulator.counters.requests['papago.translate'], 1);
  });
});
