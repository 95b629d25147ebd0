import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FileTranslationMemory, MEMORY_FORMAT } from '../../src/core/markdown/memory';
import { parseStore } from '../../src/core/store/lineStore';
import { startChild } from '../support/childProcess';

/** Entries on disk, read as any reader would (an unfinished last line ignored). */
function onDisk(file: string): Map<string, string> {
  const contents = parseStore(readFileSync(file), MEMORY_FORMAT);
  assert.equal(contents.state, 'lines');
  assert.equal(contents.state === 'lines' && contents.badLines, 0);
  const entries = new Map<string, string>();
  if (contents.state === 'lines') for (const [key, value] of contents.entries) if (value !== null) entries.set(key, value);
  return entries;
}

describe('FileTranslationMemory across processes', function () {
  this.timeout(60_000);
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(path.join(tmpdir(), 'memory-processes-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps every entry of two processes writing one memory at once (appends and compactions interleaved)', async () => {
    const file = path.join(folder, 'tm');
    const count = 300;
    const writers = ['one', 'two'].map((prefix) => startChild('memoryChild.ts', ['writer', file, prefix, String(count)]));
    await Promise.all(writers.map((writer) => writer.line('ready')));
    for (const writer of writers) writer.child.stdin!.write('go\n');
    for (const writer of writers) {
      const { code } = await writer.exited;
      assert.equal(code, 0, writer.stderr());
    }
    const memory = await FileTranslationMemory.open(file);
    const missing: string[] = [];
    for (const prefix of ['one', 'two']) {
      for (let i = 0; i < count; i++) if (memory.get(`${prefix}-${i}`) !== `${prefix} value ${i}`) missing.push(`${prefix}-${i}`);
    }
    assert.deepEqual(missing, []);
    assert.equal(memory.size, 2 * count);
    assert.deepEqual(readdirSync(folder), ['tm'], 'no lock or temporary file left');
  });

  it('has on disk what was set up to 2 s before a SIGKILL', async () => {
    const file = path.join(folder, 'tm');
    const setter = startChild('memoryChild.ts', ['setter', file]);
    await setter.line('ready');
    await sleep(3000);
    const killedAt = performance.now();
    setter.child.kill('SIGKILL');
    assert.equal((await setter.exited).signal, 'SIGKILL');
    const settled = setter.lines.filter((line) => line.text.startsWith('k') && line.at <= killedAt - 2000).map((line) => line.text);
    assert.ok(settled.length >= 5, `only ${settled.length} entries were set 2 s before the kill`);
    const entries = onDisk(file);
    assert.deepEqual(
      settled.filter((key) => entries.get(key) !== `value of ${key}`),
      [],
    );
    // A lock left by the killed process is broken (its process is gone).
    assert.equal((await FileTranslationMemory.open(file)).get(settled[0]), `value of ${settled[0]}`);
  });

  it('does not keep a process alive for its append timer', async () => {
    const file = path.join(folder, 'tm');
    const child = startChild('memoryChild.ts', ['unflushed', file], { killAfterMs: 8000 });
    const { code, signal } = await child.exited;
    assert.deepEqual({ code, signal }, { code: 0, signal: null }, child.stderr());
    assert.deepEqual(readdirSync(folder), [], 'the process ended before the 10 s timer (nothing written)');
  });

  it('refuses a memory under /proc within a second or two (no recursive mkdir, which never returns there)', async () => {
    const file = '/proc/nope/m.json';
    const child = startChild('memoryChild.ts', ['open', file], { killAfterMs: 15_000 });
    const { code, signal } = await child.exited;
    assert.deepEqual({ code, signal }, { code: 0, signal: null }, `the open hung and was killed: ${child.stderr()}`);
    const result = JSON.parse(child.lines[0].text) as { ms: number; reason?: string; message?: string };
    assert.equal(result.reason, 'input');
    assert.ok(result.message?.includes(file), result.message);
    assert.ok(result.ms < 2000, `took ${result.ms} ms`);
  });
});
