/**
 * A separate process for the translation memory tests, started by `startChild` (childProcess.ts):
 *
 *   writer FILE PREFIX COUNT   opens FILE, prints `ready`, waits for `go` on stdin, then sets
 *                              COUNT entries `PREFIX-i` with short pauses, a quick append delay
 *                              and a flush (compaction) every 25 entries; flushes, prints `done`.
 *   setter FILE                opens FILE, prints `ready`, then sets `k0`, `k1`, … every 50 ms,
 *                              printing each key once set, until killed.
 *   open FILE                  opens FILE and prints `{ ms, reason, message }` as JSON.
 *   unflushed FILE             opens FILE with a 10 s append delay, sets `k` and returns without
 *                              flushing (the process must exit at once: the timer is unref'd).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { TranslateError } from '../../src/core/errors';
import { FileTranslationMemory } from '../../src/core/markdown/memory';

const say = (line: string): void => void process.stdout.write(`${line}\n`);

function stdinLine(expected: string): Promise<void> {
  return new Promise((resolve) => {
    let text = '';
    process.stdin.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.split('\n').includes(expected)) {
        process.stdin.destroy();
        resolve();
      }
    });
  });
}

async function writer(file: string, prefix: string, count: number): Promise<void> {
  const memory = await FileTranslationMemory.open(file, undefined, { appendDelayMs: 5 });
  say('ready');
  await stdinLine('go');
  for (let i = 0; i < count; i++) {
    memory.set(`${prefix}-${i}`, `${prefix} value ${i}`);
    await sleep(Math.floor(Math.random() * 4));
    if (i % 25 === 24) await memory.flush();
  }
  await memory.flush();
  say('done');
}

async function setter(file: string): Promise<void> {
  const memory = await FileTranslationMemory.open(file);
  say('ready');
  let i = 0;
  setInterval(() => {
    const key = `k${i++}`;
    memory.set(key, `value of ${key}`);
    say(key);
  }, 50);
}

async function open(file: string): Promise<void> {
  const start = performance.now();
  try {
    await FileTranslationMemory.open(file);
    say(JSON.stringify({ ms: performance.now() - start }));
  } catch (error) {
    const reason = error instanceof TranslateError ? error.reason : undefined;
    say(JSON.stringify({ ms: performance.now() - start, reason, message: (error as Error).message }));
  }
}

async function unflushed(file: string): Promise<void> {
  const memory = await FileTranslationMemory.open(file, undefined, { appendDelayMs: 10_000 });
  memory.set('k', 'v');
  say('set');
}

async function main(): Promise<void> {
  const [mode, file, ...rest] = process.argv.slice(2);
  if (mode === 'writer') return writer(file, rest[0], Number(rest[1]));
  if (mode === 'setter') return setter(file);
  if (mode === 'open') return open(file);
  if (mode === 'unflushed') return unflushed(file);
  throw new Error(`unknown mode ${mode}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
