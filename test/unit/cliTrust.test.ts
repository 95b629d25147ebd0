import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { hiveSignature } from '../../src/core/signing';
import { startEmulator, type Emulator } from '../emulator/server';
import { cli, emulatorEnv } from '../support/cli';

/**
 * The CLI on the impolite path: options that would destroy a user's file, bad settings, several
 * files where one fails, signals. Every case here runs the real CLI against the emulator.
 */

const DOC = '# Install\n\nRun the **installer** and open [the docs](https://example.com/docs).\n\nSecond paragraph.\n';
const ROOT = path.resolve(__dirname, '..', '..');

describe('CLI localize: never destroys a user file, validates before paying', () => {
  let emulator: Emulator;
  let env: Record<string, string>;
  let dir: string;
  before(async () => {
    emulator = await startEmulator({ asyncSteps: { waiting: 0, processing: 0 } });
    env = emulatorEnv(emulator);
  });
  after(() => emulator.close());
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hpt-trust-'));
    await writeFile(path.join(dir, 'README.md'), DOC);
    emulator.counters.reset();
    emulator.faults.clear();
  });

  const localize = (args: string[], extraEnv: Record<string, string> = {}) =>
    cli(['localize', ...args], { env: { ...env, ...extraEnv }, cwd: dir });

  async function assertRefused(run: { code: number; stderr: string }, pattern: RegExp): Promise<void> {
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, pattern);
    assert.equal(run.stderr.trim().split('\n').length, 1, `one sentence: ${run.stderr}`);
    assert.deepEqual(emulator.counters.requests, {}, 'nothing was sent');
    assert.equal(await readFile(path.join(dir, 'README.md'), 'utf8'), DOC, 'the source is untouched');
  }

  it('refuses an output pattern that names the source itself', async () => {
    await assertRefused(await localize(['README.md', '--to', 'ko', '--provider', 'papago', '--out', '{dir}/{name}.{ext}']), /would overwrite the source file/);
  });

  it('refuses an output that is another input', async () => {
    await writeFile(path.join(dir, 'README.ko.md'), 'a user file\n');
    await assertRefused(await localize(['README.md', 'README.ko.md', '--to', 'ko', '--provider', 'papago']), /would overwrite the source file .*README\.ko\.md/);
    assert.equal(await readFile(path.join(dir, 'README.ko.md'), 'utf8'), 'a user file\n');
  });

  it('refuses two outputs on one path', async () => {
    await assertRefused(await localize(['README.md', '--to', 'ko,ja', '--provider', 'papago', '--out', '{dir}/same.md']), /Two translations would be written to/);
  });

  it('refuses an output pattern that points at the memory file', async () => {
    await assertRefused(await localize(['README.md', '--to', 'ko', '--provider', 'papago', '--memory', 'mem.json', '--out', '{dir}/mem.json']), /would overwrite .*mem\.json/);
  });

  it('refuses a memory path that is a folder, or cannot be created, quickly and before any request', async () => {
    await mkdir(path.join(dir, 'folder'));
    await assertRefused(await localize(['README.md', '--to', 'ko', '--provider', 'papago', '--memory', 'folder']), /folder/);
    const started = Date.now();
    await assertRefused(await localize(['README.md', '--to', 'ko', '--provider', 'papago', '--memory', '/proc/nope/m.json']), /\/proc\/nope\/m\.json/);
    assert.ok(Date.now() - started < 5000, 'answers at once (a recursive mkdir under /proc never returns)');
  });

  it('refuses an output folder that cannot be created', async () => {
    await assertRefused(await localize(['README.md', '--to', 'ko', '--provider', 'papago', '--out', '/proc/nope/{name}.{lang}.{ext}']), /Cannot write/);
  });

  for (const value of ['-5', '0.5', '1e12', 'abc']) {
    it(`refuses HIVE_PAPAGO_TIMEOUT_MS=${value}`, async () => {
      await assertRefused(await localize(['README.md', '--to', 'ko', '--provider', 'papago'], { HIVE_PAPAGO_TIMEOUT_MS: value }), /HIVE_PAPAGO_TIMEOUT_MS must be a whole number from 1000 to 600000/);
    });
  }

  it('refuses an unknown HIVE_PAPAGO_LOG level', async () => {
    await assertRefused(await localize(['README.md', '--to', 'ko', '--provider', 'papago'], { HIVE_PAPAGO_LOG: 'verbose' }), /HIVE_PAPAGO_LOG must be one of/);
  });

  it('refuses a pair the provider cannot translate, for any target, before sending', async () => {
    await assertRefused(await localize(['README.md', '--to', 'ja,pt', '--from', 'en', '--provider', 'papago']), /Papago does not support Portuguese/);
  });

  it('takes repeated --to flags as a list', async () => {
    const run = await localize(['README.md', '--to', 'ko', '--to', 'ja', '--from', 'en', '--provider', 'papago', '--json', '--no-memory']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout).files.map((file: { to: string }) => file.to), ['ko', 'ja']);
  });

  it('writes in place through a symbolic link to the real file, keeping its mode', async () => {
    await mkdir(path.join(dir, 'real'));
    const real = path.join(dir, 'real', 'doc.md');
    await writeFile(real, DOC);
    await chmod(real, 0o640);
    await symlink(path.join('real', 'doc.md'), path.join(dir, 'link.md'));
    const run = await localize(['link.md', '--to', 'fr', '--in-place', '--provider', 'pseudo', '--no-memory']);
    assert.equal(run.code, 0, run.stderr);
    assert.ok((await lstat(path.join(dir, 'link.md'))).isSymbolicLink(), 'the link is still a link');
    assert.equal(await readlink(path.join(dir, 'link.md')), path.join('real', 'doc.md'));
    assert.notEqual(await readFile(real, 'utf8'), DOC, 'the real file was translated');
    assert.equal((await stat(real)).mode & 0o777, 0o640);
    assert.deepEqual((await readdir(path.join(dir, 'real'))).sort(), ['doc.md'], 'no temporary file left');
  });

  it('one failing file does not stop the others; each failure is named on its own line; exit 1', async () => {
    await writeFile(path.join(dir, 'a.md'), '# First\n\nSome text.\n');
    await writeFile(path.join(dir, 'b.md'), '# Second\n\nMore text.\n');
    await writeFile(path.join(dir, 'c.md'), '# Third\n\nLast text.\n');
    const first = await localize(['a.md', 'b.md', 'c.md', '--to', 'ko', '--from', 'en', '--provider', 'hive', '--no-memory']);
    assert.equal(first.code, 0, first.stderr);

    emulator.counters.reset();
    await writeFile(path.join(dir, 'b.md'), '# Second\n\nChanged text.\n');
    emulator.faults.add({ route: 'hive.async.submit', kind: 'jobFail' });
    const plain = await localize(['b.md', 'a.md', 'c.md', '--to', 'ko', '--from', 'en', '--provider', 'hive', '--no-memory']);
    assert.equal(plain.code, 1, plain.stderr);
    assert.match(plain.stderr, /^b\.md \[ko\]: failed: Hive could not translate the document/m);
    assert.match(plain.stderr, /^a\.md \[ko\] -> a\.ko\.md: unchanged/m);
    assert.match(plain.stderr, /^c\.md \[ko\] -> c\.ko\.md: unchanged/m);
    assert.match(plain.stderr, /0 written, 2 unchanged, 1 failed\.$/m);

    emulator.faults.add({ route: 'hive.async.submit', kind: 'jobFail' });
    await writeFile(path.join(dir, 'a.md'), '# First\n\nChanged too.\n');
    const json = await localize(['a.md', 'c.md', '--to', 'ko', '--from', 'en', '--provider', 'hive', '--json', '--no-memory']);
    assert.equal(json.code, 1);
    const files = JSON.parse(json.stdout).files as { file: string; status: string; error?: string }[];
    assert.deepEqual(files.map((file) => [file.file, file.status]), [['a.md', 'failed'], ['c.md', 'unchanged']]);
    assert.match(files[0].error ?? '', /Hive could not translate/);
    assert.equal(await readFile(path.join(dir, 'a.ko.md'), 'utf8').then((text) => text.includes('ko:Changed')), false, 'the failed output was not written');
  });

  it('stops at an error that would fail every file (rejected credentials), naming the files not reached', async () => {
    await writeFile(path.join(dir, 'a.md'), '# First\n');
    const run = await localize(['README.md', 'a.md', '--to', 'ko', '--provider', 'papago', '--json', '--no-memory'], { NCP_API_KEY: 'wrong-secret' });
    assert.equal(run.code, 1);
    const files = JSON.parse(run.stdout).files as { file: string; status: string; error: string }[];
    assert.deepEqual(files.map((file) => file.status), ['failed', 'failed']);
    assert.match(files[0].error, /Papago rejected the credentials/);
    assert.match(files[1].error, /^Not translated: the run stopped at an error \(Papago rejected the credentials/);
    assert.equal(emulator.counters.requests['papago.translate'], 1, 'the second file sent nothing');
  });

  it('says which environment variables fix a credential error (not an editor command)', async () => {
    const run = await localize(['README.md', '--to', 'ko', '--provider', 'hive', '--from', 'en'], { HIVE_SERVICE_KEY: '', HIVE_SECRET_KEY: '' });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /HIVE_SERVICE_KEY and HIVE_SECRET_KEY/);
    assert.doesNotMatch(run.stderr, /Set Credentials/);
  });
});

describe('CLI: no credential in any output', () => {
  // Distinct sentinels: none is a part of another, so each must be redacted on its own.
  const keys = {
    papago: { clientId: 'SENTINEL-PAPAGO-ID-4417', clientSecret: 'SENTINEL-PAPAGO-SECRET-9921' },
    hive: { serviceKey: 'SENTINEL-HIVE-SERVICE-3108', secretKey: 'SENTINEL-HIVE-SECRET-5560' },
  };
  let emulator: Emulator;
  let env: Record<string, string>;
  before(async () => {
    emulator = await startEmulator({ papago: [keys.papago], hive: [keys.hive], asyncSteps: { waiting: 0, processing: 0 } });
    env = {
      ...emulatorEnv(emulator),
      NCP_API_KEY_ID: keys.papago.clientId,
      NCP_API_KEY: keys.papago.clientSecret,
      HIVE_SERVICE_KEY: keys.hive.serviceKey,
      HIVE_SECRET_KEY: keys.hive.secretKey,
      HIVE_PAPAGO_LOG: 'trace',
    };
  });
  after(() => emulator.close());

  it('redacts ids, secrets and the Hive signature when an error body echoes the request headers', async () => {
    const signature = hiveSignature(keys.hive.serviceKey, keys.hive.secretKey);
    const echo = (headers: Record<string, string>) => ({ error: { errorCode: '900', message: `gateway failure; request headers: ${JSON.stringify(headers)}` } });
    emulator.faults.add({ route: 'papago.translate', kind: 'status', status: 500, times: 4, body: echo({ 'X-NCP-APIGW-API-KEY-ID': keys.papago.clientId, 'X-NCP-APIGW-API-KEY': keys.papago.clientSecret }) });
    emulator.faults.add({ route: 'hive.sync', kind: 'status', status: 500, times: 4, body: { result: { code: 500, msg: `echo Signature: ${signature} info.service_key=${keys.hive.serviceKey}` } } });
    const papago = await cli(['translate', 'Hello', '--to', 'ko', '--provider', 'papago'], { env });
    const hive = await cli(['translate', 'Hello', '--to', 'ko', '--provider', 'hive'], { env });
    for (const run of [papago, hive]) {
      assert.equal(run.code, 1, run.stderr);
      const output = run.stdout + run.stderr;
      assert.match(output, /\*\*\*/, 'the echo was logged, redacted');
      for (const value of [...Object.values(keys.papago), ...Object.values(keys.hive), signature]) {
        assert.ok(!output.includes(value), `${value} leaked:\n${output}`);
      }
    }
  });
});

describe('CLI: signals', () => {
  let emulator: Emulator;
  let env: Record<string, string>;
  before(async () => {
    emulator = await startEmulator();
    env = emulatorEnv(emulator);
  });
  after(() => emulator.close());

  /** Runs the CLI from source in a child process; resolves with its exit code and how long it took after the signal. */
  function runUntilSignal(args: string[], cwd: string, signal: NodeJS.Signals): Promise<{ code: number | null; afterSignalMs: number; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(ROOT, 'src/cli/main.ts'), ...args], {
        cwd,
        env: { ...process.env, ...env, HIVE_PAPAGO_TIMEOUT_MS: '600000' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      let sentAt = 0;
      const poll = setInterval(() => {
        if ((emulator.counters.requests['papago.translate'] ?? 0) > 0 && sentAt === 0) {
          sentAt = Date.now();
          child.kill(signal);
        }
      }, 50);
      child.on('error', reject);
      child.on('exit', (code) => {
        clearInterval(poll);
        resolve({ code, afterSignalMs: Date.now() - sentAt, stderr });
      });
    });
  }

  for (const [signal, code, fault] of [['SIGINT', 130, 'hang'], ['SIGTERM', 143, 'hang'], ['SIGTERM', 143, 'endlessBody']] as const) {
    it(`${signal} ends a run whose request ${fault === 'hang' ? 'hangs' : 'body drips forever'}, promptly, with exit ${code} and nothing written`, async function () {
      this.timeout(30_000);
      const dir = await mkdtemp(path.join(tmpdir(), 'hpt-signal-'));
      await writeFile(path.join(dir, 'README.md'), DOC);
      emulator.counters.reset();
      emulator.faults.add({ route: 'papago.translate', kind: fault, times: Infinity });
      try {
        const result = await runUntilSignal(['localize', 'README.md', '--to', 'ko', '--provider', 'papago', '--no-memory'], dir, signal);
        assert.equal(result.code, code, result.stderr);
        assert.ok(result.afterSignalMs < 5000, `exited ${result.afterSignalMs} ms after the signal`);
        assert.deepEqual(await readdir(dir), ['README.md'], 'no output and no temporary file');
        assert.equal(await readFile(path.join(dir, 'README.md'), 'utf8'), DOC);
      } finally {
        emulator.faults.clear();
      }
    });
  }
});

describe('CLI localize: front matter checked before paying', () => {
  let emulator: Emulator;
  let env: Record<string, string>;
  let dir: string;
  before(async () => {
    emulator = await startEmulator();
    env = emulatorEnv(emulator);
  });
  after(() => emulator.close());
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hpt-yaml-'));
    emulator.counters.reset();
  });

  it('refuses a YAML alias bomb in front matter with one sentence, sending nothing (exit 2)', async () => {
    let yaml = 'a: &a [x, x, x, x, x, x, x, x, x]\n';
    let previous = 'a';
    for (let level = 0; level < 12; level++) {
      yaml += `b${level}: &b${level} [${Array(9).fill(`*${previous}`).join(', ')}]\n`;
      previous = `b${level}`;
    }
    await writeFile(path.join(dir, 'good.md'), '# Fine\n');
    await writeFile(path.join(dir, 'bomb.md'), `---\ntitle: Boom\n${yaml}---\n\n# Heading\n`);
    const run = await cli(['localize', 'good.md', 'bomb.md', '--to', 'ko', '--from', 'en', '--provider', 'papago'], { env, cwd: dir });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /bomb\.md: The front matter expands YAML aliases beyond the safe limit/);
    assert.equal(run.stderr.trim().split('\n').length, 1);
    assert.deepEqual(emulator.counters.requests, {});
    assert.deepEqual((await readdir(dir)).sort(), ['bomb.md', 'good.md']);
  });

  it('leaves a translated field that carries a YAML anchor as it is, and translates the rest', async () => {
    await writeFile(path.join(dir, 'doc.md'), '---\ntitle: &t Real title\ndescription: A description\nog_title: *t\n---\n\n# Heading\n');
    const run = await cli(['localize', 'doc.md', '--to', 'ko', '--from', 'en', '--provider', 'papago', '--no-memory'], { env, cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    const output = await readFile(path.join(dir, 'doc.ko.md'), 'utf8');
    assert.match(output, /^title: &t Real title$/m);
    assert.match(output, /^og_title: \*t$/m);
    assert.match(output, /^description: ko:A ko:description$/m);
    assert.match(output, /^# ko:Heading$/m);
  });
});

describe('CLI: paid work survives a SIGKILL', () => {
  it('translations are saved as they arrive: after a kill, the re-run sends only what had not come back', async function () {
    this.timeout(60_000);
    const emulator = await startEmulator();
    try {
      const dir = await mkdtemp(path.join(tmpdir(), 'hpt-kill-'));
      const paragraphs = Array.from({ length: 120 }, (_, k) => `Paragraph number ${k} says something long enough to fill requests quickly: ${'lorem ipsum dolor sit amet '.repeat(10)}`);
      await writeFile(path.join(dir, 'big.md'), `${paragraphs.join('\n\n')}\n`);
      emulator.faults.add({ route: 'papago.translate', kind: 'latency', ms: 800, times: Infinity });
      const env = { ...process.env, ...emulatorEnv(emulator) };
      const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(ROOT, 'src/cli/main.ts'), 'localize', 'big.md', '--to', 'ko', '--from', 'en', '--provider', 'papago', '--concurrency', '1'], { cwd: dir, env, stdio: 'ignore' });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      const answered = () => emulator.log.filter((entry) => entry.route === 'papago.translate' && entry.status === 200).length;
      while (answered() < 2) await new Promise((resolve) => setTimeout(resolve, 50));
      // The memory saves within a second of an answer.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      child.kill('SIGKILL');
      await exited;
      const before = answered();
      const total = Math.ceil(paragraphs.join('').length / 5000);
      assert.ok(before < total, `the run was killed before the end (${before} of about ${total})`);
      emulator.faults.clear();
      emulator.counters.reset();
      const again = await cli(['localize', 'big.md', '--to', 'ko', '--from', 'en', '--provider', 'papago', '--json'], { env: emulatorEnv(emulator), cwd: dir });
      assert.equal(again.code, 0, again.stderr);
      const report = JSON.parse(again.stdout) as { files: { translatedUnits: number; cacheHits: number; status: string }[] };
      assert.equal(report.files[0].status, 'written');
      assert.ok(report.files[0].cacheHits >= 2, `what the killed run received came from the memory (${report.files[0].cacheHits})`);
      assert.equal(report.files[0].cacheHits + report.files[0].translatedUnits, 120);
    } finally {
      await emulator.close();
    }
  });
});
