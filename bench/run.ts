/**
 * Benchmark of the Markdown localization engine: pseudo-localizes a ≥1 MiB real-world document
 * end to end and compares with markdown-it's own parse time. Prints figures; asserts nothing.
 *
 *   npx tsx bench/run.ts            (or: npm run bench)
 *   node --expose-gc --import tsx bench/run.ts
 *
 * Cold figures come from fresh Node processes (a first parse, a first localization), warm ones
 * are medians after a warm-up in this process.
 *
 * The document is the CommonMark spec (from the `commonmark-spec` package) followed by the
 * READMEs of installed packages, concatenated until it reaches 1 MiB.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import MarkdownIt from 'markdown-it';
import { localizeMarkdown } from '../src/core/markdown/index';
import { PseudoProvider } from '../src/core/providers/offline';

const MIB = 1024 * 1024;
const ROOT = path.resolve(__dirname, '..');
const NODE_MODULES = path.join(ROOT, 'node_modules');

function readmes(): string[] {
  const files: string[] = [];
  const visit = (dir: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      if (/^readme\.(md|markdown)$/i.test(name)) files.push(full);
      else if (depth > 0 && !name.startsWith('.') && statSync(full, { throwIfNoEntry: false })?.isDirectory()) visit(full, depth - 1);
    }
  };
  visit(NODE_MODULES, 2);
  return files;
}

function buildDocument(): { text: string; sources: number } {
  const specPath = require.resolve('commonmark-spec/spec.txt', { paths: [ROOT] });
  const parts = [readFileSync(specPath, 'utf8')];
  let bytes = Buffer.byteLength(parts[0]);
  for (const file of readmes()) {
    if (bytes >= MIB) break;
    const text = readFileSync(file, 'utf8');
    parts.push(text);
    bytes += Buffer.byteLength(text) + 2;
  }
  return { text: parts.join('\n\n'), sources: parts.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

async function timeAsync(fn: () => Promise<unknown>, runs: number, before?: () => void): Promise<{ ms: number; last: unknown }> {
  const times: number[] = [];
  let last: unknown;
  for (let i = 0; i < runs; i++) {
    before?.();
    const start = performance.now();
    last = await fn();
    times.push(performance.now() - start);
  }
  return { ms: median(times), last };
}

const mb = (bytes: number): string => (bytes / MIB).toFixed(1);
const collectGarbage = (globalThis as { gc?: () => void }).gc;

interface ChildReport {
  ms: number;
  maxRssMb: number;
  units?: number;
}

/** One cold measurement in this process (started by the parent): a first parse, or a first localization. */
async function child(mode: string): Promise<void> {
  const { text } = buildDocument();
  const start = performance.now();
  let units: number | undefined;
  if (mode === 'parse') new MarkdownIt().parse(text, {});
  else units = (await localizeMarkdown(text, { provider: new PseudoProvider(), from: 'en', to: ['ko'] })).segments;
  const ms = performance.now() - start;
  const report: ChildReport = { ms, maxRssMb: (process.resourceUsage().maxRSS * 1024) / MIB, units };
  process.stdout.write(JSON.stringify(report));
}

/** Runs a cold measurement in a fresh Node process (same loader flags as this one). */
function cold(mode: string): ChildReport {
  const result = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`cold ${mode} run failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as ChildReport;
}

async function main(): Promise<void> {
  const childMode = process.argv.indexOf('--child');
  if (childMode >= 0) return child(process.argv[childMode + 1]);

  const { text, sources } = buildDocument();
  const size = Buffer.byteLength(text);
  const runs = Number(process.env.BENCH_RUNS ?? 5);

  // Cold: the first parse / the first localization in a fresh process (JIT not warmed up).
  const coldParse = cold('parse');
  const coldLocalize = cold('localize');

  // Warm: medians after a warm-up run, in this process.
  const md = new MarkdownIt();
  md.parse(text, {});
  const parseMs = time(() => md.parse(text, {}), runs);
  const options = { provider: new PseudoProvider(), from: 'en' as const, to: ['ko' as const] };
  await localizeMarkdown(text, options);
  // Between runs (not timed), collect garbage when started with --expose-gc.
  const { ms: endToEndMs, last } = await timeAsync(() => localizeMarkdown(text, options), runs, collectGarbage);
  const result = last as Awaited<ReturnType<typeof localizeMarkdown>>;

  const rows: [string, string][] = [
    ['document', `${(size / MIB).toFixed(2)} MiB (${size} bytes; CommonMark spec + ${sources - 1} package READMEs)`],
    ['units', `${result.segments}`],
    ['output', `${(Buffer.byteLength(result.outputs[0].text) / MIB).toFixed(2)} MiB (pseudo-localized)`],
    ['cold: markdown-it parse', `${coldParse.ms.toFixed(0)} ms (first parse in a fresh process)`],
    ['cold: end to end', `${coldLocalize.ms.toFixed(0)} ms (first localization in a fresh process)`],
    ['cold: ratio', `${(coldLocalize.ms / coldParse.ms).toFixed(2)}x`],
    ['cold: peak RSS', `${coldLocalize.maxRssMb.toFixed(0)} MB (whole process; parse alone: ${coldParse.maxRssMb.toFixed(0)} MB)`],
    ['warm: markdown-it parse', `${parseMs.toFixed(0)} ms (median of ${runs})`],
    ['warm: end to end', `${endToEndMs.toFixed(0)} ms (median of ${runs})`],
    ['warm: ratio', `${(endToEndMs / parseMs).toFixed(2)}x`],
    ['warm: peak RSS', `${mb(process.resourceUsage().maxRSS * 1024)} MB (whole process after ${runs + 2} runs${collectGarbage ? ', collected between runs' : '; run with --expose-gc to collect between runs'})`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) process.stdout.write(`${label.padEnd(width)}  ${value}\n`);
}
main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
