import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TranslateError } from '../../src/core/errors';
import { prepareDocument, translateDocuments } from '../../src/core/markdown';
import { startEmulator, type Emulator } from '../emulator/server';
import { cli, emulatorEnv } from '../support/cli';
import { FakeProvider } from '../support/markdown';

/** Small trees: edits on both sides, hand-restructured outputs, links between files, failures that stay with their file. */

const GUIDE = '# Guide\n\n## Install the tool\n\nRun the installer.\n\n## Use it\n\nOpen a file.\n';
const README = '# Project\n\nSee [how to install](docs/guide.md#install-the-tool), [usage](docs/guide.md#use-it), [the top](#project) and [nowhere](#no-such-heading).\n\nAlso [the guide](docs/guide.md).\n';

describe('localizing a tree over time (CLI against the emulator)', () => {
  let emulator: Emulator;
  let env: Record<string, string>;
  let root: string;
  const run = (args: string[]) => cli(args, { env, cwd: root });
  const localize = (...extra: string[]) => run(['localize', '.', '--to', 'ko', '--from', 'en', '--provider', 'papago', '--json', ...extra]);

  before(async () => {
    emulator = await startEmulator({ asyncSteps: { waiting: 0, processing: 0 } });
    env = emulatorEnv(emulator);
  });
  after(() => emulator.close());
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'hpt-edits-'));
    await mkdir(path.join(root, 'docs'));
    await writeFile(path.join(root, 'README.md'), README);
    await writeFile(path.join(root, 'docs', 'guide.md'), GUIDE);
    emulator.counters.reset();
    emulator.faults.clear();
  });

  it('status reads the state and writes nothing, even a state with an unreadable line (a run would set it aside)', async () => {
    assert.equal((await localize()).code, 0);
    const state = `${await readFile(path.join(root, '.hive-papago-state.jsonl'), 'utf8')}{not json\n`;
    await writeFile(path.join(root, '.hive-papago-state.jsonl'), state);
    const before = (await readdir(root)).sort();
    assert.equal((await run(['status', '.', '--to', 'ko', '--check'])).code, 0);
    assert.equal((await run(['status', '.', '--to', 'ko', '--check', '--state', 'elsewhere/state.jsonl'])).code, 1, 'no state there: stale');
    assert.deepEqual((await readdir(root)).sort(), before);
    assert.equal(await readFile(path.join(root, '.hive-papago-state.jsonl'), 'utf8'), state);
  });

  it('points links to localized files at their outputs and fragments at the translated headings; reports links to no heading', async () => {
    const first = await localize();
    assert.equal(first.code, 0, first.stderr);
    const readme = await readFile(path.join(root, 'README.ko.md'), 'utf8');
    assert.ok(readme.includes('](docs/guide.ko.md#koinstall-kothe-kotool)'), readme);
    assert.ok(readme.includes('](docs/guide.ko.md#kouse-koit)'), readme);
    assert.ok(readme.includes('](#koproject)'), readme);
    assert.ok(readme.includes('](docs/guide.ko.md)'), readme);
    assert.ok(readme.includes('](#no-such-heading)'), 'left as it is');
    const report = JSON.parse(first.stdout) as { files: { file: string; brokenLinks: { line: number; link: string }[] }[] };
    assert.deepEqual(report.files.find((file) => file.file === 'README.md')?.brokenLinks, [{ line: 3, link: '#no-such-heading' }]);
    const plain = await run(['localize', '.', '--to', 'ko', '--from', 'en', '--provider', 'papago']);
    assert.match(plain.stderr, /README\.md \[ko\]: links to no heading \(left as they are\): line 3 #no-such-heading/);
  });

  it('keeps a hand edit when the source of that unit changed too, and reports the conflict', async () => {
    assert.equal((await localize()).code, 0);
    const output = path.join(root, 'docs', 'guide.ko.md');
    const byHand = (await readFile(output, 'utf8')).replace('ko:Run ko:the ko:installer.', '설치 프로그램을 실행하세요.');
    await writeFile(output, byHand);
    await writeFile(path.join(root, 'docs', 'guide.md'), GUIDE.replace('Run the installer.', 'Run the new installer.').replace('Open a file.', 'Open any file.'));
    const status = JSON.parse((await run(['status', 'docs', '--to', 'ko', '--json'])).stdout).files[0];
    assert.deepEqual([status.state, status.changedUnits, status.edited, status.conflicts], ['stale', 2, true, [5]]);
    emulator.counters.reset();
    const again = JSON.parse((await localize()).stdout).files.find((file: { file: string }) => file.file === 'docs/guide.md');
    assert.deepEqual(again.conflicts, [5]);
    assert.equal(again.translatedUnits, 1, 'only the unit changed on the source side alone');
    const text = await readFile(output, 'utf8');
    assert.ok(text.includes('설치 프로그램을 실행하세요.'), 'the person wins a conflict');
    assert.ok(text.includes('ko:Open ko:any ko:file.'));
  });

  it('never overwrites an output restructured by hand, and says so', async () => {
    assert.equal((await localize()).code, 0);
    const output = path.join(root, 'docs', 'guide.ko.md');
    const restructured = `${await readFile(output, 'utf8')}\n새로 추가한 문단.\n`;
    await writeFile(output, restructured);
    await writeFile(path.join(root, 'docs', 'guide.md'), GUIDE.replace('Open a file.', 'Open two files.'));
    const status = await run(['status', 'docs', '--to', 'ko']);
    assert.match(status.stdout, /restructured by hand \(it will not be overwritten\)/);
    const again = await localize();
    assert.equal(again.code, 1);
    const report = JSON.parse(again.stdout).files.find((file: { file: string }) => file.file === 'docs/guide.md');
    assert.equal(report.status, 'failed');
    assert.match(report.error, /changed by hand beyond its paragraphs.*not overwritten; delete it/);
    assert.equal(await readFile(output, 'utf8'), restructured);
  });

  it('without its state file, a re-run rewrites outputs whole from the memory, sending nothing', async () => {
    assert.equal((await localize()).code, 0);
    await rm(path.join(root, '.hive-papago-state.jsonl'));
    const output = path.join(root, 'docs', 'guide.ko.md');
    await writeFile(output, (await readFile(output, 'utf8')).replace('ko:Open', '열기'));
    emulator.counters.reset();
    const status = JSON.parse((await run(['status', 'docs', '--to', 'ko', '--json'])).stdout).files[0];
    assert.deepEqual([status.state, status.untracked], ['stale', true]);
    assert.equal((await localize()).code, 0);
    assert.deepEqual(emulator.counters.requests, {});
    assert.ok((await readFile(output, 'utf8')).includes('ko:Open'), 'the edit is not protected any more');
  });

  it('packs the files of a run into shared Hive jobs', async () => {
    for (let k = 0; k < 6; k++) await writeFile(path.join(root, 'docs', `page${k}.md`), `# Page ${k}\n\nSome text of page ${k}.\n`);
    const run = await cli(['localize', '.', '--to', 'ko,ja', '--from', 'en', '--provider', 'hive', '--json'], { env, cwd: root });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).files.length, 16);
    assert.equal(emulator.counters.requests['hive.async.submit'], 1, 'eight files and two languages in one job');
  });
});

describe('a request that fails for what it carries fails only its document', () => {
  it('is sent again per document; the other documents are translated', async () => {
    const provider = new FakeProvider({
      capabilities: { formats: ['text'], multiTarget: false, maxCharsPerCall: 5000 },
      translate: (text) => {
        if (text.includes('POISON')) throw new TranslateError('badRequest', 'The service refused this text.');
        return text.toUpperCase();
      },
    });
    const documents = ['# One\n\nFirst text.\n', '# Two\n\nPOISON text.\n', '# Three\n\nThird text.\n'].map((source) => prepareDocument(source, { provider, from: 'en', to: ['ko'] }));
    const translated = await translateDocuments(documents, { provider, from: 'en' });
    const errored = documents.map((document) => document.items.some((item) => translated.care.errors.has(item)));
    assert.deepEqual(errored, [false, true, false]);
    assert.equal(provider.calls.length, 4, 'one packed request, then one per document');
    assert.equal(documents[0].items[0].translations.get('ko'), 'ONE');
  });

  it('stops everything at an error that would fail every request (rejected credentials)', async () => {
    const provider = new FakeProvider({
      capabilities: { formats: ['text'], multiTarget: false, maxCharsPerCall: 20 },
      translate: () => {
        throw new TranslateError('auth', 'Rejected.');
      },
    });
    const documents = ['# One\n', '# Two\n', '# Three\n'].map((source) => prepareDocument(source, { provider, from: 'en', to: ['ko'] }));
    await assert.rejects(translateDocuments(documents, { provider, from: 'en', concurrency: 1 }), /Rejected/);
    assert.equal(provider.calls.length, 1);
  });
});
