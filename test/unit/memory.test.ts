import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TranslateError } from '../../src/core/errors';
import { FileTranslationMemory } from '../../src/core/markdown/memory';
import { startEmulator } from '../emulator/server';
import { cli, emulatorEnv } from '../support/cli';

const HEADER = '{"kind":"hive-papago-translate/translation-memory","version":2}';
const line = (key: string, value: string): string => JSON.stringify({ k: key, v: value });

function warnings(): { warn(message: string): void; messages: string[] } {
  const messages: string[] = [];
  return { messages, warn: (message) => void messages.push(message) };
}

/** Resolves when `test` holds, checking every 10 ms for at most `ms` (a bound, not a timing). */
async function eventually(test: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !test(); await sleep(10)) {
    if (Date.now() > end) assert.fail('condition not met in time');
  }
}

async function refused(file: string, pattern: RegExp): Promise<TranslateError> {
  const error = await FileTranslationMemory.open(file).then(
    () => assert.fail(`${file} was accepted`),
    (error: unknown) => error,
  );
  assert.ok(error instanceof TranslateError, String(error));
  assert.equal(error.reason, 'input');
  assert.ok(error.message.includes(file), error.message);
  assert.match(error.message, pattern);
  return error;
}

describe('FileTranslationMemory', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(path.join(tmpdir(), 'memory-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('writes one sorted entry per line under a header on flush, and reads it back', async () => {
    const file = path.join(folder, 'tm');
    const memory = await FileTranslationMemory.open(file);
    await memory.flush();
    assert.equal(existsSync(file), false, 'nothing to save, nothing written');
    memory.set('b', '비');
    memory.set('a', '에이 "quoted"\nsecond line');
    await memory.flush();
    assert.equal(readFileSync(file, 'utf8'), `${HEADER}\n${line('a', '에이 "quoted"\nsecond line')}\n${line('b', '비')}\n`);
    assert.deepEqual(readdirSync(folder), ['tm'], 'no lock or temporary file left');
    const again = await FileTranslationMemory.open(file);
    assert.equal(again.get('a'), '에이 "quoted"\nsecond line');
    assert.equal(again.size, 2);
  });

  it('compacts to the same bytes whatever the order of sets and appends', async () => {
    const entries = Array.from({ length: 60 }, (_, i) => [`key-${(i * 37) % 60}`, `value ${i}`] as const);
    const one = path.join(folder, 'one');
    const two = path.join(folder, 'two');
    const first = await FileTranslationMemory.open(one);
    for (const [key, value] of entries) first.set(key, value);
    await first.flush();
    const second = await FileTranslationMemory.open(two, undefined, { appendDelayMs: 1 });
    for (const [key, value] of [...entries].reverse()) {
      second.set(key, value);
      if (key.endsWith('7')) await sleep(5); // some appends in between
    }
    await second.flush();
    const bytes = readFileSync(one);
    assert.deepEqual(readFileSync(two), bytes);
    const keys = bytes.toString().trim().split('\n').slice(1).map((text) => (JSON.parse(text) as { k: string }).k);
    assert.deepEqual(keys, [...keys].sort());
    assert.equal(keys.length, 60);
  });

  it('appends entries set within the append delay, without a flush, and compacts on flush', async () => {
    const file = path.join(folder, 'tm');
    const memory = await FileTranslationMemory.open(file, undefined, { appendDelayMs: 20 });
    memory.set('z', 'last');
    memory.set('a', 'first');
    await eventually(() => existsSync(file) && readFileSync(file, 'utf8').includes('"first"'));
    memory.set('m', 'middle');
    await eventually(() => readFileSync(file, 'utf8').includes('"middle"'));
    assert.equal(readFileSync(file, 'utf8'), `${HEADER}\n${line('a', 'first')}\n${line('z', 'last')}\n${line('m', 'middle')}\n`);
    await memory.flush();
    assert.equal(readFileSync(file, 'utf8'), `${HEADER}\n${line('a', 'first')}\n${line('m', 'middle')}\n${line('z', 'last')}\n`);
  });

  it('compacts on flush a file left uncompacted by an earlier run, even with nothing new', async () => {
    const file = path.join(folder, 'tm');
    writeFileSync(file, `${HEADER}\n${line('b', 'B')}\n${line('a', 'A')}\n${line('b', 'B2')}\n`);
    const memory = await FileTranslationMemory.open(file);
    assert.equal(memory.get('b'), 'B2');
    await memory.flush();
    assert.equal(readFileSync(file, 'utf8'), `${HEADER}\n${line('a', 'A')}\n${line('b', 'B2')}\n`);
  });

  it('warns once when timed appends fail, keeps the entries and saves them on a later flush', async () => {
    const file = path.join(folder, 'tm');
    const log = warnings();
    const memory = await FileTranslationMemory.open(file, log, { appendDelayMs: 1 });
    writeFileSync(file, '# Put here by someone else\n');
    memory.set('a', 'A');
    await eventually(() => log.messages.length > 0);
    memory.set('b', 'B');
    await sleep(50);
    assert.equal(log.messages.length, 1, log.messages.join('\n'));
    assert.ok(log.messages[0].includes(file) && /is not a translation memory file/.test(log.messages[0]), log.messages[0]);
    assert.equal(readFileSync(file, 'utf8'), '# Put here by someone else\n');
    await assert.rejects(memory.flush(), TranslateError);
    rmSync(file);
    await memory.flush();
    assert.equal(readFileSync(file, 'utf8'), `${HEADER}\n${line('a', 'A')}\n${line('b', 'B')}\n`);
  });

  it('keeps what another run saved meanwhile, and sees it after a flush', async () => {
    const file = path.join(folder, 'tm');
    const one = await FileTranslationMemory.open(file);
    const two = await FileTranslationMemory.open(file);
    one.set('from-one', '1');
    two.set('from-two', '2');
    two.set('shared', 'two');
    await two.flush();
    one.set('shared', 'one');
    await one.flush();
    assert.equal(one.get('from-two'), '2');
    const reread = await FileTranslationMemory.open(file);
    assert.deepEqual(
      ['from-one', 'from-two', 'shared'].map((key) => reread.get(key)),
      ['1', '2', 'one'],
    );
  });

  it('ignores an unfinished last line (a crash mid-append) and drops it on the next write', async () => {
    const file = path.join(folder, 'tm');
    writeFileSync(file, `${HEADER}\n${line('a', 'A')}\n${line('b', 'B')}\n{"k":"c","v":"C unfini`);
    const log = warnings();
    const memory = await FileTranslationMemory.open(file, log);
    assert.deepEqual([memory.get('a'), memory.get('b'), memory.get('c')], ['A', 'B', undefined]);
    assert.deepEqual(log.messages, []);
    assert.deepEqual(readdirSync(folder), ['tm']);
    memory.set('c', 'C');
    await memory.flush();
    assert.equal(readFileSync(file, 'utf8'), `${HEADER}\n${line('a', 'A')}\n${line('b', 'B')}\n${line('c', 'C')}\n`);
  });

  it('moves a corrupt file aside with a warning, original bytes kept, and goes on with what it could read', async () => {
    const file = path.join(folder, 'tm');
    const original = `${HEADER}\n${line('a', 'A')}\n<<<<<<< HEAD\n${line('b', 'B')}\n=======\n${line('c', 'C')}\n>>>>>>> theirs\n`;
    writeFileSync(file, original);
    const log = warnings();
    const memory = await FileTranslationMemory.open(file, log);
    const aside = readdirSync(folder).filter((name) => name.startsWith('tm.corrupt-'));
    assert.equal(aside.length, 1, readdirSync(folder).join(', '));
    assert.match(aside[0], /^tm\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    assert.equal(readFileSync(path.join(folder, aside[0]), 'utf8'), original);
    assert.equal(log.messages.length, 1);
    assert.ok(log.messages[0].includes(file) && log.messages[0].includes(aside[0]), log.messages[0]);
    assert.match(log.messages[0], /3 unreadable line/);
    assert.deepEqual([memory.get('a'), memory.get('b'), memory.get('c')], ['A', 'B', 'C']);
    assert.equal(readFileSync(file, 'utf8'), `${HEADER}\n${line('a', 'A')}\n${line('b', 'B')}\n${line('c', 'C')}\n`);
  });

  it('reads the old one-document format and migrates it on the first write only', async () => {
    const file = path.join(folder, '.hive-papago-memory.json');
    const old = JSON.stringify({ version: 1, entries: { b: 'B', a: 'A' } });
    writeFileSync(file, old);
    const memory = await FileTranslationMemory.open(file);
    assert.deepEqual([memory.get('a'), memory.get('b')], ['A', 'B']);
    await memory.flush();
    assert.equal(readFileSync(file, 'utf8'), old, 'not rewritten without a write');
    memory.set('c', 'C');
    await memory.flush();
    assert.equal(readFileSync(file, 'utf8'), `${HEADER}\n${line('a', 'A')}\n${line('b', 'B')}\n${line('c', 'C')}\n`);
  });

  it('migrates the old format when the first write is a timed append', async () => {
    const file = path.join(folder, 'tm.json');
    writeFileSync(file, JSON.stringify({ version: 1, entries: { a: 'A' } }));
    const memory = await FileTranslationMemory.open(file, undefined, { appendDelayMs: 1 });
    memory.set('b', 'B');
    await eventually(() => readFileSync(file, 'utf8').startsWith(HEADER));
    assert.equal(readFileSync(file, 'utf8'), `${HEADER}\n${line('a', 'A')}\n${line('b', 'B')}\n`);
  });

  describe('refuses before anything is paid for', () => {
    it('a folder', async () => {
      await refused(folder, /is a folder/);
      assert.deepEqual(readdirSync(folder), []);
    });

    const others: [string, string | Buffer][] = [
      ['s.md', '# Title\n\nA user\'s document.\n'],
      ['package.json', '{\n  "name": "x",\n  "version": "1.0.0"\n}\n'],
      ['README.md', 'Hello\n'],
      ['old-looking.json', '{"version":2,"entries":{}}'],
      ['other-kind.jsonl', '{"kind":"something-else","version":2}\n{"k":"a","v":"A"}\n'],
      ['empty', ''],
      ['binary', Buffer.from([0xff, 0xfe, 0x00, 0x0a, 0x01])],
    ];
    for (const [name, content] of others) {
      it(`a file that is not a translation memory (${name}), left untouched`, async () => {
        const file = path.join(folder, name);
        writeFileSync(file, content);
        const before = readFileSync(file);
        await refused(file, /is not a translation memory file; it was left untouched/);
        assert.deepEqual(readFileSync(file), before);
        assert.deepEqual(readdirSync(folder), [name]);
      });
    }

    it('a memory written by a newer version, left untouched', async () => {
      const file = path.join(folder, 'tm');
      const content = `{"kind":"hive-papago-translate/translation-memory","version":3}\n{"k":"a","v":"A"}\n`;
      writeFileSync(file, content);
      await refused(file, /format version 3/);
      assert.equal(readFileSync(file, 'utf8'), content);
    });

    it('a path under a file', async () => {
      const blocker = path.join(folder, 'notes.md');
      writeFileSync(blocker, 'text\n');
      await refused(path.join(blocker, 'sub', 'tm'), /notes\.md is not a folder/);
      assert.equal(readFileSync(blocker, 'utf8'), 'text\n');
    });

    it('a file that is a device, not a regular file', async () => {
      await refused('/dev/null', /is not a regular file/);
    });
  });

  it('creates missing folders one level at a time', async () => {
    const file = path.join(folder, 'a', 'b', 'c', 'tm');
    mkdirSync(path.join(folder, 'a'));
    const memory = await FileTranslationMemory.open(file);
    assert.ok(existsSync(path.join(folder, 'a', 'b', 'c')));
    memory.set('k', 'v');
    await memory.flush();
    assert.equal((await FileTranslationMemory.open(file)).get('k'), 'v');
  });

  it('makes the CLI refuse a Markdown file or a folder as its memory before any request (exit 2)', async () => {
    const emulator = await startEmulator();
    try {
      writeFileSync(path.join(folder, 'doc.md'), 'Hello there.\n');
      writeFileSync(path.join(folder, 's.md'), '# Mine\n');
      mkdirSync(path.join(folder, 'cache'));
      for (const memory of ['s.md', 'cache']) {
        const run = await cli(['localize', 'doc.md', '--to', 'ko', '--from', 'en', '--provider', 'papago', '--memory', memory], { env: emulatorEnv(emulator), cwd: folder });
        assert.equal(run.code, 2, run.stderr);
        assert.ok(run.stderr.includes(path.join(folder, memory)), run.stderr);
      }
      assert.deepEqual(emulator.counters.requests, {});
      assert.equal(readFileSync(path.join(folder, 's.md'), 'utf8'), '# Mine\n');
      assert.deepEqual(readdirSync(folder).sort(), ['cache', 'doc.md', 's.md']);
    } finally {
      await emulator.close();
    }
  });
});
