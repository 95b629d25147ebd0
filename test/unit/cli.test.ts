import { strict as assert } from 'node:assert';
import { csvFromZip } from '../../src/core/glossary/zip';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startEmulator, type Emulator } from '../emulator/server';
import { cli, emulatorEnv } from '../support/cli';

describe('CLI', () => {
  let emulator: Emulator;
  let env: Record<string, string>;
  before(async () => {
    emulator = await startEmulator();
    env = emulatorEnv(emulator);
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.faults.clear();
    emulator.counters.reset();
  });

  describe('translate', () => {
    it('prints the translation of the arguments (Papago for plain text when configured)', async () => {
      const run = await cli(['translate', 'Hello', 'world', '--to', 'ko'], { env });
      assert.deepEqual(run, { code: 0, stdout: 'ko:Hello ko:world\n', stderr: '' });
      assert.equal(emulator.counters.requests['papago.translate'], 1);
    });

    it('reads standard input and prints one block per target', async () => {
      const run = await cli(['translate', '--to', 'en,ja', '--from', 'ko', '--provider', 'hive'], { env, stdin: '안녕 세계\n' });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, '[en]\nen:안녕 en:세계\n\n[ja]\nja:안녕 ja:세계\n');
      assert.equal(emulator.counters.requests['hive.sync'], 1);
    });

    it('prints the JSON contract with --json', async () => {
      const run = await cli(['translate', '서버', '--to', 'en', '--from', 'auto', '--provider', 'hive', '--json'], { env });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout), {
        provider: 'hive',
        from: 'auto',
        detectedLanguage: 'ko',
        translations: [{ to: 'en', text: 'en:서버' }],
      });
    });

    it('translates HTML with Hive and passes a glossary to Papago', async () => {
      const html = await cli(['translate', '<b>Hi</b>', '--to', 'ko', '--format', 'html'], { env });
      assert.equal(html.stdout, '<b>ko:Hi</b>\n');
      const key = emulator.glossaries.create('g', null, [['Hive', '하이브']]).glossaryKey;
      const glossary = await cli(['translate', 'Hive rocks', '--to', 'ko', '--from', 'en', '--glossary', key], { env });
      assert.equal(glossary.stdout, '하이브 ko:rocks\n');
    });

    it('works with no account through the offline providers', async () => {
      const run = await cli(['translate', 'Save', '--to', 'ko', '--provider', 'pseudo'], { env: {} });
      assert.deepEqual(run, { code: 0, stdout: '[Šáṽé ~~]\n', stderr: '' });
    });

    it('exits 2 with one sentence on usage and input errors, sending nothing', async () => {
      const cases: [string[], RegExp][] = [
        [['translate', 'x'], /--to/],
        [['translate', 'x', '--to', 'xx'], /Unknown target language "xx"/],
        [['translate', 'x', '--to', 'ko', '--provider', 'deepl'], /Unknown provider/],
        [['translate', 'x', '--to', 'ko', '--format', 'pdf'], /--format/],
        [['translate', 'x', '--to', 'ko', '--bogus'], /Unknown option '--bogus'/],
        [['translate', '--to', 'ko'], /arguments or on standard input/],
        [['translate', 'Bonjour', '--to', 'de', '--from', 'fr', '--provider', 'papago'], /cannot translate from French \(fr\) to German \(de\)/],
        [['translate', 'x', '--to', 'ko', '--provider', 'hive', '--glossary', 'abc'], /only with the papago provider/],
        [['frobnicate'], /Unknown command/],
      ];
      for (const [argv, message] of cases) {
        const run = await cli(argv, { env });
        assert.equal(run.code, 2, `${argv.join(' ')}: ${run.stderr}`);
        assert.match(run.stderr, message);
        assert.equal(run.stdout, '');
        assert.equal(run.stderr.trim().split('\n').length, 1, 'one line');
      }
      assert.deepEqual(emulator.counters.requests, {});
    });

    it('refuses a plain-http endpoint that is not loopback (exit 2)', async () => {
      const run = await cli(['translate', 'x', '--to', 'ko'], { env: { ...env, PAPAGO_ENDPOINT: 'http://example.com' } });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /must use https/);
    });

    it('exits 1 on a service failure after retries, and 2 without credentials', async () => {
      emulator.faults.add({ route: 'papago.translate', kind: 'status', status: 500, times: Infinity, retryAfter: '0' });
      const failed = await cli(['translate', 'x', '--to', 'ko'], { env });
      assert.equal(failed.code, 1);
      assert.match(failed.stderr, /^Papago had (an internal|an unexpected|a server) error/);
      assert.equal(emulator.counters.requests['papago.translate'], 4);
      emulator.faults.clear();
      const wrong = await cli(['translate', 'x', '--to', 'ko'], { env: { ...env, NCP_API_KEY: 'wrong-secret' } });
      assert.equal(wrong.code, 1);
      assert.match(wrong.stderr, /rejected the credentials/);
      const none = await cli(['translate', 'x', '--to', 'ko'], { env: {} });
      assert.equal(none.code, 2);
      assert.match(none.stderr, /No translation service is configured/);
    });
  });

  describe('glossary', () => {
    it('creates, uploads, lists, downloads and deletes', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'hpt-cli-'));
      const created = await cli(['glossary', 'create', 'Game terms', '--description', 'for docs'], { env });
      assert.equal(created.code, 0, created.stderr);
      const key = created.stdout.trim();
      assert.match(key, /^[\w-]+$/);

      await writeFile(path.join(dir, 'terms.csv'), 'source,target\n서버,server\n계정,account\n');
      const uploaded = await cli(['glossary', 'upload', key, 'terms.csv'], { env, cwd: dir });
      assert.equal(uploaded.code, 0, uploaded.stderr);
      assert.match(uploaded.stderr, /Uploaded 2 terms/);

      const listed = await cli(['glossary', 'list', '--json'], { env });
      const { glossaries } = JSON.parse(listed.stdout) as { glossaries: { key: string; name: string; wordCount: number }[] };
      assert.deepEqual(
        glossaries.filter((g) => g.key === key).map((g) => [g.name, g.wordCount]),
        [['Game terms', 2]],
      );

      const downloaded = await cli(['glossary', 'download', key, '--out', 'back.csv'], { env, cwd: dir });
      assert.equal(downloaded.code, 0, downloaded.stderr);
      assert.match(await readFile(path.join(dir, 'back.csv'), 'utf8'), /서버,server/);
      const zipped = await cli(['glossary', 'download', key, '--out', 'back.zip'], { env, cwd: dir });
      assert.equal(zipped.code, 0, zipped.stderr);
      const archive = await readFile(path.join(dir, 'back.zip'));
      assert.deepEqual([...archive.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (PK header), not CSV text');
      assert.match(csvFromZip(new Uint8Array(archive)).text, /서버,server/);

      const deleted = await cli(['glossary', 'delete', key], { env });
      assert.equal(deleted.code, 0);
      const again = await cli(['glossary', 'delete', key], { env });
      assert.equal(again.code, 1);
      assert.match(again.stderr, /could not find/);
    });

    it('refuses an invalid CSV with line numbers and uploads nothing (exit 2)', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'hpt-cli-'));
      const key = emulator.glossaries.create('g').glossaryKey;
      await writeFile(path.join(dir, 'bad.csv'), '서버,server\n계정\n서버,again\n');
      const run = await cli(['glossary', 'upload', key, 'bad.csv'], { env, cwd: dir });
      assert.equal(run.code, 2);
      // One line per problem, `file:line: message`, then one sentence.
      assert.deepEqual(
        run.stderr.trim().split('\n').map((line) => line.replace(/: .*/, '')),
        ['bad.csv:2', 'bad.csv:3', 'bad.csv was not uploaded'],
      );
      assert.match(run.stderr, /^bad\.csv:3: .*lines 1 and 3/m);
      assert.equal(emulator.counters.requests['glossary.upload'] ?? 0, 0);
      const missing = await cli(['glossary', 'upload', key, 'nope.csv'], { env, cwd: dir });
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /does not exist/);
    });

    it('explains a usage error', async () => {
      const run = await cli(['glossary', 'create'], { env });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /Use: glossary list/);
    });
  });
});
