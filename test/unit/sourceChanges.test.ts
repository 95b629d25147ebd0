import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { diskAccess, LocalizationState, runLocalization, sourceChanges, STATE_FILE } from '../../src/core/localize';
import { FakeProvider, mapText } from '../support/markdown';

/** What changed in a source since its output was written: units and their lines, with the output's text for each. */

const SOURCE = '---\ntitle: Guide\n---\n# Guide\n\nFirst paragraph,\non two lines.\n\nSecond paragraph.\n\nThird paragraph.\n';

describe('sourceChanges: the units of a source changed since its output was written', () => {
  let root: string;
  let file: string;
  let output: string;
  const options = async () => ({ output: { kind: 'sibling' } as const, access: diskAccess, state: await LocalizationState.open(path.join(root, STATE_FILE)) });

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'hpt-changes-'));
    file = path.join(root, 'guide.md');
    output = path.join(root, 'guide.ko.md');
    await writeFile(file, SOURCE);
    const provider = new FakeProvider({ translate: (text) => mapText(text, (piece) => piece.toUpperCase()) });
    const result = await runLocalization({ files: [file], provider, from: 'en', to: ['ko'], output: { kind: 'sibling' }, access: diskAccess, state: await options().then((o) => o.state) });
    assert.deepEqual(result.files.map((report) => report.status), ['written']);
  });

  it('finds nothing in a source that did not change', async () => {
    const { status, changes } = await sourceChanges(file, 'ko', await options());
    assert.equal(status.state, 'current');
    assert.deepEqual(changes, []);
  });

  it('gives the lines of a changed, an added and a removed unit, with the translation the output holds for each', async () => {
    await writeFile(file, SOURCE.replace('First paragraph,\non two lines.', 'First paragraph,\non two new lines.').replace('Second paragraph.\n\n', '').replace('Third paragraph.\n', 'Third paragraph.\n\nA new ending.\n'));
    const { status, changes } = await sourceChanges(file, 'ko', await options());
    assert.deepEqual([status.state, status.changedUnits], ['stale', 3]);
    assert.deepEqual(
      changes.map(({ kind, line, endLine, conflict, translation }) => ({ kind, line, endLine, conflict, translation })),
      [
        { kind: 'changed', line: 6, endLine: 7, conflict: false, translation: { text: 'FIRST PARAGRAPH,\nON TWO LINES.', line: 6, endLine: 7 } },
        { kind: 'removed', line: 9, endLine: 9, conflict: false, translation: { text: 'SECOND PARAGRAPH.', line: 9, endLine: 9 } },
        { kind: 'added', line: 11, endLine: 11, conflict: false, translation: undefined },
      ],
    );
  });

  it('marks a unit changed on both sides as a conflict, and a front-matter value by its line', async () => {
    const written = await readFile(output, 'utf8');
    await writeFile(output, written.replace('SECOND PARAGRAPH.', 'Second, by hand.'));
    await writeFile(file, SOURCE.replace('Second paragraph.', 'Second paragraph, changed.').replace('title: Guide', 'title: The guide'));
    const { status, changes } = await sourceChanges(file, 'ko', await options());
    assert.deepEqual([status.state, status.edited, status.conflicts], ['stale', true, [9]]);
    assert.deepEqual(
      changes.map(({ kind, line, conflict, translation }) => [kind, line, conflict, translation?.text]),
      [
        ['changed', 2, false, 'GUIDE'],
        ['changed', 9, true, 'Second, by hand.'],
      ],
    );
  });

  it('has nothing to compare for a missing or untracked output', async () => {
    const other = path.join(root, 'other.md');
    await writeFile(other, '# Other\n');
    assert.deepEqual(await sourceChanges(other, 'ko', await options()).then((found) => [found.status.state, found.changes]), ['missing', []]);
    await writeFile(path.join(root, 'other.ko.md'), '# 다른\n');
    const untracked = await sourceChanges(other, 'ko', await options());
    assert.deepEqual([untracked.status.state, untracked.status.untracked, untracked.changes], ['stale', true, []]);
  });
});
