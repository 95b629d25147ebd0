import { strict as assert } from 'node:assert';
import { benchmarksMarkdown } from '../../bench/report';
import { sizeRows, summariseFiles } from '../../bench/sizes';
import { median, percentile } from '../../bench/stats';
import { brokenBudgets, markdownTable, textTable, verdict, type Row } from '../../bench/table';

/** The bench's own logic (the figures themselves are measured by `npm run bench`). */

const KB = 1024;

describe('bench: statistics', () => {
  it('median of odd and even counts, p90 by nearest rank', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    const values = Array.from({ length: 10 }, (_, k) => k + 1);
    assert.equal(percentile(values, 0.9), 9);
    assert.equal(percentile([7], 0.9), 7);
    assert.throws(() => median([]));
  });
});

describe('bench: sizes', () => {
  const files = (main: number, vsixFiles: Record<string, number> = {}) =>
    new Map<string, number>(Object.entries({ 'package.json': 2 * KB, 'dist/extension.js': main, 'dist/cli.js': 400 * KB, 'media/icon.png': 10 * KB, ...vsixFiles }));

  it('the main bundle within 100 KB and the VSIX within 300 KB meet their budgets', () => {
    const rows = sizeRows(files(90 * KB), 'dist/extension.js', 250 * KB);
    assert.deepEqual(brokenBudgets(rows), []);
    assert.equal(rows[0].figure, 'dist/extension.js (main: loaded at activation)');
    assert.equal(rows[0].verdict, 'met');
  });

  it('a main bundle over 100 KB breaks its budget; other bundles are reported, not budgeted', () => {
    const rows = sizeRows(files(101 * KB), 'dist/extension.js', 250 * KB);
    assert.deepEqual(brokenBudgets(rows).map((row) => row.figure), ['dist/extension.js (main: loaded at activation)']);
    const cli = rows.find((row) => row.figure.startsWith('dist/cli.js'))!;
    assert.equal(cli.enforced, undefined);
    assert.equal(cli.verdict, '');
  });

  it('a VSIX over 300 KB breaks its budget', () => {
    assert.deepEqual(brokenBudgets(sizeRows(files(50 * KB), 'dist/extension.js', 301 * KB)).map((row) => row.figure), ['VSIX (npm run package)']);
  });

  it('every dist/*.js the VSIX ships gets a row (a split bundle too); a missing main breaks the budget', () => {
    const split = sizeRows(files(40 * KB, { 'dist/core.js': 300 * KB }), 'dist/extension.js', 200 * KB);
    assert.deepEqual(
      split.filter((row) => row.figure.startsWith('dist/')).map((row) => row.figure.split(' ')[0]),
      ['dist/extension.js', 'dist/cli.js', 'dist/core.js'],
    );
    assert.deepEqual(brokenBudgets(split), []);
    assert.equal(brokenBudgets(sizeRows(new Map([['package.json', 1]]), 'dist/extension.js', KB)).length, 1);
  });

  it('summarises the file list by top-level folder', () => {
    assert.equal(summariseFiles(files(KB)), '(root) 1 file 2.0 KB, dist 2 files 401.0 KB, media 1 file 10.0 KB');
  });
});

describe('bench: the table', () => {
  const rows: Row[] = [
    { section: 'sizes', figure: 'VSIX', value: '250.0 KB', baseline: 'a | b', target: 'at most 300 KB', verdict: verdict(true) },
    { section: 'selection', figure: 'overhead', value: '1.00 ms', baseline: 'raw fetch: 0', target: '', verdict: verdict(undefined) },
  ];

  it('prints one padded row per figure under one header', () => {
    const lines = textTable(rows).trimEnd().split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0], /^figure +\| value +\| baseline \(same run\) +\| target +\| verdict$/);
    assert.match(lines[2], /^sizes: VSIX +\| 250\.0 KB \| a \| b +\| at most 300 KB \| met$/);
    assert.equal(new Set(lines.map((line) => line.indexOf('|'))).size, 1, 'the columns line up');
  });

  it('writes Markdown rows with pipes escaped, and BENCHMARKS.md with the machine and how to reproduce each section', () => {
    assert.match(markdownTable(rows), /\| sizes: VSIX \| 250\.0 KB \| a \\\| b \| at most 300 KB \| met \|/);
    const text = benchmarksMarkdown(rows, { cpu: 'Test CPU', cores: 2, ramGb: 8, node: 'v20.0.0', os: 'Linux 6 (x64)', date: '2026-01-02', commit: 'abc1234', load: [1.25, 3] });
    for (const expected of ['Test CPU, 2 cores', 'RAM: 8 GB', 'Node: v20.0.0', 'OS: Linux 6 (x64)', 'on 2026-01-02', 'Commit: abc1234', 'at the start and the end of the run: 1.3 and 3.0', '- **sizes**: ', '- **selection**: ', '`npm run bench`']) {
      assert.ok(text.includes(expected), expected);
    }
  });
});
