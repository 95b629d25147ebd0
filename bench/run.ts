/**
 * `npm run bench`: every figure against its baseline in the same run, printed as one table and
 * written to BENCHMARKS.md at the repository root. Sections (one module each): activation,
 * sizes, selection overhead, Markdown, packing with latency, folder runs, translation memory.
 *
 *   npm run bench                  (all sections; rewrites BENCHMARKS.md)
 *   npm run bench -- --quick       (sizes only, for CI: exit 1 when a size budget is broken)
 *   npm run bench -- --starts 3    (fresh VS Code starts per side for activation; default 5)
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { activation, startsOption } from './activation';
import { folders } from './folders';
import { machine } from './machine';
import { markdown } from './markdown';
import { memory } from './memory';
import { packageInTemp, ROOT } from './packaged';
import { packing } from './packing';
import { benchmarksMarkdown } from './report';
import { selection } from './selection';
import { sizes } from './sizes';
import { brokenBudgets, textTable, type Row } from './table';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0];
  const quick = process.argv.includes('--quick');
  const starts = startsOption(process.argv);
  const rows: Row[] = [];
  log('packaging the VSIX in a temporary folder (npm run package)…');
  const packaged = packageInTemp();
  try {
    if (!quick) {
      log(`activation: ${starts} fresh starts per side…`);
      rows.push(...activation(packaged, starts, log));
    }
    rows.push(...sizes(packaged));
  } finally {
    packaged.dispose();
  }
  if (!quick) {
    const sections: [string, () => Promise<Row[]>][] = [
      ['selection overhead', () => selection()],
      ['Markdown 1 MiB', () => markdown()],
      ['packing with latency', () => packing()],
      ['folder runs', () => folders()],
      ['translation memory re-runs', () => memory()],
    ];
    for (const [name, section] of sections) {
      log(`${name}…`);
      rows.push(...(await section()));
    }
  }
  process.stdout.write(textTable(rows));
  if (!quick) {
    const file = path.join(ROOT, 'BENCHMARKS.md');
    writeFileSync(file, benchmarksMarkdown(rows, machine(loadAtStart)));
    log(`wrote ${path.relative(process.cwd(), file) || file}`);
  }
  const broken = brokenBudgets(rows);
  if (quick && broken.length > 0) {
    log(`size budget broken: ${broken.map((row) => `${row.figure} ${row.value} (${row.target})`).join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
