/** BENCHMARKS.md: the table of one full run, the machine it ran on, and how to reproduce each figure. */
import type { Machine } from './machine';
import { markdownTable, type Row } from './table';

/** How to reproduce each section, by its name in the table. */
export const REPRODUCE: Record<string, string> = {
  activation:
    'The VSIX of `npm run package` (built in a temporary copy of the working tree) is unpacked and started in the real VS Code of the integration tests (code-server + Chromium, `scripts/vscode/run.mjs`) with `onStartupFinished`, alternating with a hello-world extension (a command and a status bar item); the extension host\'s performance marks give load + activate; the median of fresh starts. Alone: `npx tsx bench/activation.ts --starts 5`.',
  sizes:
    'Every `dist/*.js` the VSIX ships and the VSIX itself, from the same `npm run package` in a temporary folder. Budgets: the manifest\'s `main` at most 100 KB, the VSIX at most 300 KB. `npm run bench -- --quick` (or `npm run bench:quick`) prints these rows only and exits 1 when a budget is broken.',
  selection:
    'The core\'s `translate()` of a one-paragraph selection (347 characters) through Papago and through Hive sync, against a raw `fetch` of the same request (body and headers as the core sent them) to the same emulator on loopback; interleaved rounds after a warm-up, order alternating. `BENCH_SELECTION_ROUNDS` sets the rounds (default 200).',
  markdown:
    'A ≥1 MiB document (the CommonMark spec + installed package READMEs) pseudo-localized end to end against a stock markdown-it parse of it; cold from fresh Node processes, warm from rounds in one process; peak RSS of the fresh processes. `BENCH_ROUNDS` / `BENCH_COLD_ROUNDS` set the rounds (default 21 / 9).',
  packing:
    'A folder of package READMEs through the CLI (`localize . --provider papago`, packed across files) with the emulator delaying every Papago request by 100 ms, against the same documents through `localizeMarkdown` with `maxUnitsPerRequest: 1` (one request per unit, one shared in-memory translation memory) at the same concurrency. `BENCH_PACKING_DOCUMENTS` sets the folder size (default 12).',
  folders:
    'The 150-README docs tree of the tree test through the CLI with Papago and with Hive (async jobs), counted at the emulator, against the greedy packing bound the tree test asserts (`test/support/docsTree.ts`).',
  memory:
    'The same tree through Papago with the translation memory and state files on: a first run, a re-run with nothing changed, a re-run after one paragraph was edited in each of 5 files (units counted in the request bodies at the emulator).',
};

export const NOT_MEASURED = [
  'Activation and everything else are measured on a local machine, not on a user\'s: the figures compare with baselines from the same run, not across machines.',
  'Real service latency and throughput: every service is the local emulator (loopback); the packing section adds a fixed emulated latency instead.',
  'The legacy Papago SMT provider and the glossary API: not on the paths these figures cover.',
  'Hive\'s queue time: emulated jobs complete at their first poll, so the Hive figure is the number of jobs, and its wall time is the client\'s polling.',
];

export function benchmarksMarkdown(rows: readonly Row[], machine: Machine): string {
  const sections = [...new Set(rows.map((row) => row.section))];
  return [
    '# Benchmarks',
    '',
    `Figures from one run of \`npm run bench\` on the machine below, on ${machine.date}; they come from that machine and that date. Every figure is measured against its baseline in the same run; time figures are reported, never asserted (only the size budgets fail a run, with \`npm run bench -- --quick\`).`,
    '',
    '## Machine',
    '',
    `- CPU: ${machine.cpu}, ${machine.cores} cores`,
    `- RAM: ${machine.ramGb} GB`,
    `- Node: ${machine.node}`,
    `- OS: ${machine.os}`,
    `- Date: ${machine.date}`,
    `- Commit: ${machine.commit}`,
    `- Load average (1 min) at the start and the end of the run: ${machine.load.map((load) => load.toFixed(1)).join(' and ')} (other work on the machine slows both sides of each comparison)`,
    '',
    '## Results',
    '',
    markdownTable(rows).trimEnd(),
    '',
    '## How to reproduce',
    '',
    '`npm run bench` runs every section (about ten minutes; it builds the VSIX in a temporary folder and starts VS Code several times) and rewrites this file. `npm run bench -- --quick` runs the sizes only.',
    '',
    ...sections.map((section) => `- **${section}**: ${REPRODUCE[section] ?? ''}`),
    '',
    '## Not measured',
    '',
    ...NOT_MEASURED.map((line) => `- ${line}`),
    '',
  ].join('\n');
}
