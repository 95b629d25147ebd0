import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startEmulator, type Emulator } from '../emulator/server';
import { cli, emulatorEnv } from '../support/cli';

const DOC = `---
title: Guide
version: 2
---

# Install

Run the **installer** and open [the docs](https://example.com/docs).

\`\`\`sh
npm install tool
\`\`\`

Second paragraph.
`;

describe('CLI localize', () => {
  let emulator: Emulator;
  let env: Record<string, string>;
  let dir: string;
  before(async () => {
    emulator = await startEmulator({ asyncSteps: { waiting: 0, processing: 0 } });
    env = emulatorEnv(emulator);
  });
  after(() => emulator.close());
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hpt-localize-'));
    await writeFile(path.join(dir, 'README.md'), DOC);
    emulator.counters.reset();
    emulator.log.length = 0;
  });

  it('writes a sibling per target and reports the JSON contract', async () => {
    const run = await cli(['localize', 'README.md', '--to', 'ko,ja', '--from', 'en', '--provider', 'hive', '--json'], { env, cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { files: Record<string, unknown>[] };
    assert.deepEqual(report.files.map((f) => [f.file, f.to, f.output]), [
      ['README.md', 'ko', 'README.ko.md'],
      ['README.md', 'ja', 'README.ja.md'],
    ]);
    assert.deepEqual(Object.keys(report.files[0]).sort(), ['brokenLinks', 'cacheHits', 'conflicts', 'degraded', 'file', 'kept', 'output', 'segments', 'status', 'to', 'translatedUnits', 'untranslated']);
    assert.deepEqual(Object.keys(report).sort(), ['charsSent', 'files', 'requests']);
    assert.deepEqual(report.files.map((f) => f.status), ['written', 'written']);
    const korean = await readFile(path.join(dir, 'README.ko.md'), 'utf8');
    assert.match(korean, /^title: ko:Guide$/m);
    assert.match(korean, /^version: 2$/m);
    assert.match(korean, /^# ko:Install$/m);
    assert.ok(korean.includes('```sh\nnpm install tool\n```'));
    assert.ok(korean.includes('](https://example.com/docs)'));
    assert.ok(!emulator.log.some((e) => e.body.includes('npm install tool')), 'code is never sent');
  });

  it('re-runs send nothing; after one paragraph changes only that paragraph is sent', async () => {
    const args = ['localize', 'README.md', '--to', 'ko', '--from', 'en', '--provider', 'papago', '--json'];
    assert.equal((await cli(args, { env, cwd: dir })).code, 0);
    emulator.counters.reset();
    const again = JSON.parse((await cli(args, { env, cwd: dir })).stdout);
    assert.equal(again.charsSent, 0);
    assert.equal(again.requests, 0);
    assert.equal(again.files[0].status, 'unchanged');
    assert.deepEqual(emulator.counters.requests, {});

    await writeFile(path.join(dir, 'README.md'), DOC.replace('Second paragraph.', 'A changed paragraph.'));
    emulator.log.length = 0;
    const changed = JSON.parse((await cli(args, { env, cwd: dir })).stdout);
    assert.equal(changed.requests, 1);
    assert.equal(changed.files[0].translatedUnits, 1);
    const sent = emulator.log.map((e) => JSON.parse(e.body).text as string).join('');
    assert.match(sent, /A changed paragraph/);
    assert.doesNotMatch(sent, /installer|Install|Guide/);
    assert.match(await readFile(path.join(dir, 'README.ko.md'), 'utf8'), /ko:A ko:changed ko:paragraph\./);
  });

  it('--dry-run sends nothing and reports what would be sent', async () => {
    const run = await cli(['localize', 'README.md', '--to', 'ko', '--from', 'en', '--provider', 'papago', '--dry-run', '--json', '--no-memory'], { env, cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    const plan = JSON.parse(run.stdout);
    const [file] = plan.files;
    assert.ok(file.segments >= 4);
    assert.equal(file.toTranslate, file.segments);
    assert.ok(plan.charsToSend > 0);
    assert.equal(plan.requests, 1, 'the requests the run would make');
    assert.deepEqual(emulator.counters.requests, {});
    await assert.rejects(readFile(path.join(dir, 'README.ko.md')), /ENOENT/);
  });

  it('--in-place takes one target; --out places files by pattern and rewrites relative links', async () => {
    await writeFile(path.join(dir, 'doc.md'), 'See [setup](setup.md) and ![logo](img/logo.png).\n');
    const out = await cli(['localize', 'doc.md', '--to', 'fr', '--provider', 'pseudo', '--out', '{dir}/i18n/{lang}/{name}.{ext}', '--no-memory'], { env, cwd: dir });
    assert.equal(out.code, 0, out.stderr);
    const placed = await readFile(path.join(dir, 'i18n/fr/doc.md'), 'utf8');
    assert.ok(placed.includes('](../../setup.md)'), placed);
    assert.ok(placed.includes('](../../img/logo.png)'), placed);

    const two = await cli(['localize', 'doc.md', '--to', 'fr,de', '--in-place', '--provider', 'pseudo'], { env, cwd: dir });
    assert.equal(two.code, 2);
    assert.match(two.stderr, /--in-place takes exactly one target/);
    const one = await cli(['localize', 'doc.md', '--to', 'fr', '--in-place', '--provider', 'pseudo', '--no-memory'], { env, cwd: dir });
    assert.equal(one.code, 0, one.stderr);
    assert.match(await readFile(path.join(dir, 'doc.md'), 'utf8'), /Šéé/);
  });

  it('refuses non-UTF-8 and missing files before sending anything (exit 2)', async () => {
    await writeFile(path.join(dir, 'latin1.md'), Buffer.from('# Caf\xe9\n', 'latin1'));
    const bad = await cli(['localize', 'README.md', 'latin1.md', '--to', 'ko', '--provider', 'papago'], { env, cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /UTF-8/);
    const missing = await cli(['localize', 'nope.md', '--to', 'ko', '--provider', 'papago'], { env, cwd: dir });
    assert.equal(missing.code, 2);
    assert.deepEqual(emulator.counters.requests, {});
    await assert.rejects(readFile(path.join(dir, 'README.ko.md')), /ENOENT/, 'nothing written for the good file either');
  });

  it('Hive Markdown without a source language is a usage error', async () => {
    const run = await cli(['localize', 'README.md', '--to', 'ko', '--provider', 'hive'], { env, cwd: dir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /source language with --from \(for example --from en\)\.$/m);
  });
});
