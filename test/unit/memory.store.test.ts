import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TranslateError } from '../../src/core/errors';
import { entryLine, LineStore, parseStore, serializeStore, type StoreFormat } from '../../src/core/store/lineStore';
import { withLock, type LockOwner } from '../../src/core/store/lock';

/** A second kind of store, with records as values (as a per-tree state would keep). */
interface Item {
  hash: string;
  langs: string[];
}
const ITEMS: StoreFormat<Item> = {
  kind: 'test/items',
  version: 1,
  label: 'item store',
  isValue: (value): value is Item => typeof value === 'object' && value !== null && typeof (value as Item).hash === 'string',
};
const HEADER = '{"kind":"test/items","version":1}';
const item = (hash: string): Item => ({ hash, langs: ['ko'] });
const itemLine = (key: string, hash: string): string => `{"k":"${key}","v":{"hash":"${hash}","langs":["ko"]}}`;

describe('line store', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(path.join(tmpdir(), 'store-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  describe('parseStore', () => {
    const parse = (text: string) => parseStore(Buffer.from(text), ITEMS);

    it('reads entries, the last line of a key winning', () => {
      const contents = parse(`${HEADER}\n${itemLine('a', '1')}\n${itemLine('b', '2')}\n${itemLine('a', '3')}\n`);
      assert.equal(contents.state, 'lines');
      assert.deepEqual(contents.state === 'lines' && [...contents.entries], [
        ['a', item('3')],
        ['b', item('2')],
      ]);
    });

    it('does not count an unfinished last line as corruption, but any other unreadable line', () => {
      const a = new Map([['a', item('1')]]);
      assert.deepEqual(parse(`${HEADER}\n${itemLine('a', '1')}\n{"k":"b","v":{"ha`), { state: 'lines', entries: a, badLines: 0, compacted: false });
      assert.deepEqual(parse(`${HEADER}\n{"k":"b","v":{"ha\n${itemLine('a', '1')}\n`), { state: 'lines', entries: a, badLines: 1, compacted: false });
      assert.deepEqual(parse(`${HEADER}\n{"k":"b","v":"not an item"}\n`), { state: 'lines', entries: new Map(), badLines: 1, compacted: false });
      assert.deepEqual(parse(`${HEADER}\n${itemLine('a', '1')}`), { state: 'lines', entries: a, badLines: 0, compacted: false });
      assert.deepEqual(parse(HEADER), { state: 'lines', entries: new Map(), badLines: 0, compacted: false });
    });

    it('tells a compacted file (one line per key, in order) from an appended one', () => {
      const compacted = (text: string) => {
        const contents = parse(text);
        return contents.state === 'lines' && contents.compacted;
      };
      assert.equal(compacted(`${HEADER}\n`), true);
      assert.equal(compacted(`${HEADER}\n${itemLine('a', '1')}\n${itemLine('b', '2')}\n`), true);
      assert.equal(compacted(`${HEADER}\n${itemLine('b', '2')}\n${itemLine('a', '1')}\n`), false);
      assert.equal(compacted(`${HEADER}\n${itemLine('a', '1')}\n${itemLine('a', '2')}\n`), false);
      assert.equal(compacted(`${HEADER}\n${itemLine('a', '1')}\n\n${itemLine('b', '2')}\n`), false);
    });

    it('tells other files and other versions apart', () => {
      assert.deepEqual(parse('# Title\n'), { state: 'foreign' });
      assert.deepEqual(parse(''), { state: 'foreign' });
      assert.deepEqual(parse('{"kind":"test/other","version":1}\n'), { state: 'foreign' });
      assert.deepEqual(parse('{"kind":"test/items","version":2}\n'), { state: 'unsupported', version: 2 });
    });
  });

  it('serializes deterministically: keys sorted, object keys sorted at every depth', () => {
    assert.equal(entryLine('k', { b: 1, a: { d: [{ z: 1, y: 2 }], c: 2 } }), '{"k":"k","v":{"a":{"c":2,"d":[{"y":2,"z":1}]},"b":1}}');
    const one = serializeStore(ITEMS, new Map([['b', { langs: ['ko'], hash: '2' }], ['a', item('1')]]));
    const two = serializeStore(ITEMS, new Map([['a', { langs: ['ko'], hash: '1' }], ['b', item('2')]]));
    assert.equal(one, `${HEADER}\n${itemLine('a', '1')}\n${itemLine('b', '2')}\n`);
    assert.equal(two, one);
  });

  it('appends after an unfinished last line by cutting it off', async () => {
    const file = path.join(folder, 'items');
    writeFileSync(file, `${HEADER}\n${itemLine('a', '1')}\n{"k":"b","v":{"ha`);
    await new LineStore(file, ITEMS).append(new Map([['c', item('3')]]));
    assert.equal(readFileSync(file, 'utf8'), `${HEADER}\n${itemLine('a', '1')}\n${itemLine('c', '3')}\n`);
  });

  it('appends after a whole last entry that only lacks its line end, keeping it', async () => {
    const file = path.join(folder, 'items');
    writeFileSync(file, `${HEADER}\n${itemLine('b', '2')}`);
    await new LineStore(file, ITEMS).append(new Map([['a', item('1')]]));
    assert.equal(readFileSync(file, 'utf8'), `${HEADER}\n${itemLine('b', '2')}\n${itemLine('a', '1')}\n`);
    writeFileSync(file, HEADER);
    await new LineStore(file, ITEMS).append(new Map([['a', item('1')]]));
    assert.equal(readFileSync(file, 'utf8'), `${HEADER}\n${itemLine('a', '1')}\n`);
  });

  it('refuses to append to, or compact, a file that another program put in its place', async () => {
    const file = path.join(folder, 'items');
    const store = new LineStore(file, ITEMS);
    await store.open();
    writeFileSync(file, '# Notes\n');
    for (const write of [() => store.append(new Map([['a', item('1')]])), () => store.compact()]) {
      await assert.rejects(write(), (error: unknown) => error instanceof TranslateError && error.reason === 'input' && error.message.includes(file));
      assert.equal(readFileSync(file, 'utf8'), '# Notes\n');
    }
  });

  it('leaves a compacted file alone when compaction would not change it', async () => {
    const file = path.join(folder, 'items');
    writeFileSync(file, `${HEADER}\n${itemLine('a', '1')}\n`);
    const before = statSync(file).ino;
    const store = new LineStore(file, ITEMS);
    await store.compact(new Map([['a', item('1')]]));
    assert.equal(statSync(file).ino, before);
    await store.compact(new Map([['a', item('2')]]));
    assert.notEqual(statSync(file).ino, before);
    assert.equal(readFileSync(file, 'utf8'), `${HEADER}\n${itemLine('a', '2')}\n`);
  });

  it('compacts what others appended after it last read the file', async () => {
    const file = path.join(folder, 'items');
    const mine = new LineStore(file, ITEMS);
    const theirs = new LineStore(file, ITEMS);
    await mine.append(new Map([['m', item('1')]]));
    await theirs.append(new Map([['t', item('2')], ['m', item('3')]]));
    const all = await mine.compact(new Map([['n', item('4')]]));
    assert.deepEqual([...all.keys()].sort(), ['m', 'n', 't']);
    assert.equal(readFileSync(file, 'utf8'), `${HEADER}\n${itemLine('m', '3')}\n${itemLine('n', '4')}\n${itemLine('t', '2')}\n`);
  });
});

describe('lock file', () => {
  let folder: string;
  let lock: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'lock-'));
    lock = path.join(folder, 'x.lock');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const holdBy = (owner: Partial<LockOwner>): void =>
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now(), token: 'other', ...owner }));

  it('lets one holder in at a time and removes the lock afterwards', async () => {
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 12 }, () =>
        withLock(lock, async () => {
          most = Math.max(most, ++inside);
          await sleep(2);
          inside--;
        }),
      ),
    );
    assert.equal(most, 1);
    assert.deepEqual(readdirSync(folder), []);
  });

  it('breaks a lock whose process is gone', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    holdBy({ pid: dead });
    let ran = false;
    await withLock(lock, async () => void (ran = true), { staleMs: 3_600_000, waitMs: 10_000 });
    assert.ok(ran);
    assert.equal(existsSync(lock), false);
  });

  it('breaks a lock older than the stale bound, even of a live process', async () => {
    holdBy({ since: Date.now() - 3_600_000 });
    let ran = false;
    await withLock(lock, async () => void (ran = true), { staleMs: 60_000, waitMs: 10_000 });
    assert.ok(ran);
  });

  it('waits for a live lock to be released', async () => {
    holdBy({});
    let ran = false;
    const waiting = withLock(lock, async () => void (ran = true), { waitMs: 20_000 });
    await sleep(200);
    assert.equal(ran, false, 'ran while the lock was held');
    rmSync(lock);
    await waiting;
    assert.ok(ran);
  });

  it('gives up on a live lock after the wait bound, naming the lock and its holder', async () => {
    holdBy({ pid: 4242, host: 'another-host' });
    await assert.rejects(withLock(lock, async () => undefined, { waitMs: 150, label: 'The thing /t' }), (error: unknown) => {
      assert.ok(error instanceof TranslateError);
      assert.equal(error.reason, 'timeout');
      assert.match(error.message, /^The thing \/t is locked by process 4242 on another-host since .*; .*delete .*x\.lock if no run is using it\.$/);
      return true;
    });
    assert.equal(JSON.parse(readFileSync(lock, 'utf8')).pid, 4242, 'the lock was left alone');
  });

  it('does not remove a lock that is no longer its own when it ends', async () => {
    await withLock(lock, async () => holdBy({ token: 'someone else' }));
    assert.equal(JSON.parse(readFileSync(lock, 'utf8')).token, 'someone else');
  });

  it('turns a lock that cannot be created into an input error naming it', async () => {
    const missing = path.join(folder, 'gone', 'x.lock');
    await assert.rejects(withLock(missing, async () => undefined, { label: 'The thing /t' }), (error: unknown) => {
      assert.ok(error instanceof TranslateError);
      assert.equal(error.reason, 'input');
      assert.ok(error.message.startsWith('The thing /t cannot be written') && error.message.includes(missing), error.message);
      return true;
    });
  });
});
