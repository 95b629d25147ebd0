import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expandInputs } from '../../src/core/localize/inputs';
import { documentAnchors } from '../../src/core/markdown/anchors';
import { markdownParser } from '../../src/core/markdown/parser';
import { PAPAGO_MAX_CHARS } from '../../src/core/providers/papago';
import { startEmulator, type Emulator } from '../emulator/server';
import { readmeSet } from '../fixtures/corpus';
import { cli, emulatorEnv } from '../support/cli';
import { DOCS_FOLDERS, greedyBound, unitsIn } from '../support/docsTree';

/**
 * A documentation tree kept localized over time, end to end through the CLI and the emulator:
 * 150 real READMEs in nested folders, packed across files, then edited on both sides.
 */

interface StatusEntry {
  file: string;
  to: string;
  output: string;
  state: string;
  changedUnits: number;
  totalUnits: number;
  edited: boolean;
  conflicts: number[];
}

describe('a docs tree kept localized (CLI, 150 READMEs)', function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let env: Record<string, string>;
  let root: string;
  let sources: string[];
  const run = (args: string[]) => cli(args, { env, cwd: root });
  const status = async (): Promise<StatusEntry[]> => JSON.parse((await run(['status', '.', '--to', 'ko', '--json'])).stdout).files as StatusEntry[];

  before(async () => {
    emulator = await startEmulator();
    env = emulatorEnv(emulator);
    root = await mkdtemp(path.join(tmpdir(), 'hpt-tree-'));
    const readmes = readmeSet(150);
    assert.equal(readmes.length, 150);
    for (const [k, readme] of readmes.entries()) {
      const folder = path.join(root, DOCS_FOLDERS[k % DOCS_FOLDERS.length]);
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, readme.name), readme.text);
    }
    // Must be skipped: a package folder and an existing translation.
    await mkdir(path.join(root, 'node_modules', 'dep'), { recursive: true });
    await writeFile(path.join(root, 'node_modules', 'dep', 'README.md'), '# Not ours\n');
    await writeFile(path.join(root, 'docs', readmes[0].name.replace(/\.md$/, '.ko.md')), '# 이미 번역된 문서\n');
    sources = await expandInputs(['.'], { cwd: root });
  });
  after(() => emulator.close());

  it('finds the sources and skips node_modules and existing outputs', () => {
    assert.equal(sources.length, 150);
    assert.ok(!sources.some((file) => file.includes('node_modules') || file.endsWith('.ko.md')));
  });

  it('packs every file into shared requests near the greedy bound, writes every output, and is current after', async () => {
    const texts = await Promise.all(sources.map((file) => readFile(file, 'utf8')));
    const bound = greedyBound(texts, PAPAGO_MAX_CHARS);
    emulator.counters.reset();
    const first = await run(['localize', '.', '--to', 'ko', '--from', 'en', '--provider', 'papago', '--json']);
    assert.equal(first.code, 0, first.stderr);
    const report = JSON.parse(first.stdout) as { files: { status: string }[]; requests: number };
    assert.equal(report.files.length, 150);
    assert.deepEqual([...new Set(report.files.map((file) => file.status))], ['written']);
    const requests = emulator.counters.requests['papago.translate'];
    assert.ok(requests <= Math.ceil(bound * 1.05), `${requests} requests for a greedy bound of ${bound}`);
    assert.ok(requests < 150, 'files share requests');
    assert.equal((await run(['status', '.', '--to', 'ko', '--check'])).code, 0);
  });

  it('every #fragment link that reached a heading in a source reaches the translated heading in its output', async () => {
    const md = markdownParser();
    let checked = 0;
    for (const source of sources) {
      const text = await readFile(source, 'utf8');
      const output = await readFile(source.replace(/\.md$/, '.ko.md'), 'utf8');
      const sourceAnchors = await documentAnchors(text);
      const outputAnchors = await documentAnchors(output);
      const fragments = (document: string) => [...document.matchAll(/\]\(#([^)\s]+)\)/g)].map((match) => md.unescapeAll(match[1]));
      const before = fragments(text);
      const after = fragments(output);
      assert.equal(after.length, before.length, source);
      before.forEach((fragment, k) => {
        if (!sourceAnchors.headings.includes(fragment) && !sourceAnchors.explicit.has(fragment)) return;
        const target = decodeURIComponent(after[k]);
        assert.ok(outputAnchors.headings.includes(target) || outputAnchors.explicit.has(target), `${path.basename(source)}: #${fragment} became #${target}`);
        checked++;
      });
    }
    assert.ok(checked > 20, `only ${checked} fragment links checked`);
  });

  it('after edits on both sides: status names the stale and the edited outputs; a re-run sends exactly the changed units and keeps the hand edit', async () => {
    const paragraphs = (text: string) => [...text.matchAll(/^[A-Z][^\n]{40,}\.$/gm)].map((match) => match[0]);
    const candidates: string[] = [];
    for (const source of sources) if (paragraphs(await readFile(source, 'utf8')).length >= 3) candidates.push(source);
    const [first, second, third] = candidates;
    const edit = async (file: string, count: number) => {
      let text = await readFile(file, 'utf8');
      for (const paragraph of paragraphs(text).slice(0, count)) text = text.replace(paragraph, `${paragraph.slice(0, -1)}, revised.`);
      await writeFile(file, text);
    };
    await edit(first, 2);
    await edit(second, 1);
    const handOutput = third.replace(/\.md$/, '.ko.md');
    const translated = await readFile(handOutput, 'utf8');
    const target = paragraphs(await readFile(third, 'utf8'))[0];
    const line = (await readFile(third, 'utf8')).split('\n').indexOf(target);
    const outputLines = translated.split('\n');
    outputLines[line] = '사람이 고친 문단입니다.';
    const edited = outputLines.join('\n');
    await writeFile(handOutput, edited);

    const entries = await status();
    const byFile = (file: string) => entries.find((entry) => path.resolve(root, entry.file) === file)!;
    assert.deepEqual(entries.filter((entry) => entry.state !== 'current').map((entry) => path.resolve(root, entry.file)).sort(), [first, second].sort());
    assert.equal(byFile(first).changedUnits + byFile(second).changedUnits, 3);
    assert.deepEqual(entries.filter((entry) => entry.edited).map((entry) => path.resolve(root, entry.file)), [third]);
    assert.equal(byFile(third).state, 'current');
    assert.equal((await run(['status', '.', '--to', 'ko', '--check'])).code, 1);

    emulator.counters.reset();
    emulator.log.length = 0;
    const again = await run(['localize', '.', '--to', 'ko', '--from', 'en', '--provider', 'papago', '--json']);
    assert.equal(again.code, 0, again.stderr);
    const sent = emulator.log.filter((entry) => entry.route === 'papago.translate').reduce((sum, entry) => sum + unitsIn(entry.body), 0);
    assert.equal(sent, 3, 'exactly the changed units');
    assert.equal(await readFile(handOutput, 'utf8'), edited, 'the hand edit is kept byte for byte');
    assert.match(await readFile(first.replace(/\.md$/, '.ko.md'), 'utf8'), /ko:revised\./);
    assert.equal((await run(['status', '.', '--to', 'ko', '--check'])).code, 0);
  });
});
