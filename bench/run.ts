/**
 * Benchmark of the Markdown localization engine: pseudo-localizes a ≥1 MiB real-world document
 * end to end and compares with the parse time of a stock markdown-it (the engine runs the same
 * stock markdown-it, through its documented extension points only). Prints figures; asserts
 * nothing. For a profile of where the time goes: `node --cpu-prof --import tsx bench/run.ts`.
 *
 *   npm run bench          (tsx bench/run.ts)
 *   BENCH_ROUNDS=41 BENCH_COLD_ROUNDS=15 npm run bench     (more rounds, steadier medians)
 *
 * Cold figures come from fresh Node processes (a first parse, a first localization); warm ones
 * from rounds in this process after a warm-up. Each round times both sides back to back, so the
 * per-round ratio is not skewed by the machine's load changing between them.
 *
 * The document is the CommonMark spec (from the `commonmark-spec` package) followed by the
 * READMEs of installed packages, concatenated until it reaches 1 MiB.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import MarkdownIt from 'markdown-it';
import { localizeMarkdown } from '../src/core/markdown/index';
import { PseudoProvider } from '../src/core/providers/offline';
import { benchDocument } from '../test/fixtures/corpus';

const MIB = 1024 * 1024;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const mb = (bytes: number): string => (bytes / MIB).toFixed(0);
/** The engine's targets: end to end at most 3 times markdown-it's parse, peak memory under 400 MB. */
const TARGET_RATIO = 3;
const TARGET_RSS_MB = 400;
const verdict = (ratio: number, peakMb: number): string => (ratio <= TARGET_RATIO && peakMb < TARGET_RSS_MB ? 'met' : 'NOT met');
const range = (values: readonly number[], digits = 0): string =>
  `${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)}`;

interface ChildReport {
  ms: number;
  maxRssMb: number;
  units?: number;
}

/** One cold measurement in this process (started by the parent): a first parse, or a first localization. */
async function child(mode: string): Promise<void> {
  const { text } = benchDocument();
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

  const { text, sources } = benchDocument();
  const size = Buffer.byteLength(text);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 21);
  const coldRounds = Number(process.env.BENCH_COLD_ROUNDS ?? 9);

  // The machine's load changes from second to second: every round measures both sides, one
  // right after the other, and the ratio is taken per round (its median is reported).

  // Cold: the first parse / the first localization in fresh processes (JIT not warmed up).
  const coldParse: ChildReport[] = [];
  const coldLocalize: ChildReport[] = [];
  for (let round = 0; round < coldRounds; round++) {
    coldParse.push(cold('parse'));
    coldLocalize.push(cold('localize'));
  }
  const coldRatios = coldParse.map((parse, k) => coldLocalize[k].ms / parse.ms);

  // Warm: after a warm-up of both, in this process. Garbage is not collected in between: a
  // forced full collection shrinks the young generation and slows the next parse down by half,
  // which would flatter the ratio.
  const md = new MarkdownIt();
  const options = { provider: new PseudoProvider(), from: 'en' as const, to: ['ko' as const] };
  md.parse(text, {});
  let result = await localizeMarkdown(text, options);
  const parseTimes: number[] = [];
  const localizeTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let start = performance.now();
    md.parse(text, {});
    parseTimes.push(performance.now() - start);
    start = performance.now();
    result = await localizeMarkdown(text, options);
    localizeTimes.push(performance.now() - start);
  }
  const warmRatios = parseTimes.map((parse, k) => localizeTimes[k] / parse);
  // Peak memory of one localization: the fresh processes' (the warm process's maximum only
  // tells how lazily V8 collects after dozens of runs).
  const coldPeak = Math.max(...coldLocalize.map((report) => report.maxRssMb));

  const rows: [string, string][] = [
    ['document', `${(size / MIB).toFixed(2)} MiB (${size} bytes; CommonMark spec + ${sources - 1} package READMEs)`],
    ['units', `${result.segments}`],
    ['output', `${(Buffer.byteLength(result.outputs[0].text) / MIB).toFixed(2)} MiB (pseudo-localized)`],
    ['cold: markdown-it parse', `${median(coldParse.map((report) => report.ms)).toFixed(0)} ms (median of ${coldRounds} fresh processes; ${range(coldParse.map((report) => report.ms))})`],
    ['cold: end to end', `${median(coldLocalize.map((report) => report.ms)).toFixed(0)} ms (median of ${coldRounds} fresh processes; ${range(coldLocalize.map((report) => report.ms))})`],
    ['cold: ratio', `${median(coldRatios).toFixed(2)}x (median per round; ${range(coldRatios, 2)})`],
    ['cold: peak RSS', `${mb(coldPeak * MIB)} MB (whole process, highest run; parse alone: ${mb(Math.max(...coldParse.map((report) => report.maxRssMb)) * MIB)} MB)`],
    ['warm: markdown-it parse', `${median(parseTimes).toFixed(0)} ms (median of ${rounds}; ${range(parseTimes)})`],
    ['warm: end to end', `${median(localizeTimes).toFixed(0)} ms (median of ${rounds}; ${range(localizeTimes)})`],
    ['warm: ratio', `${median(warmRatios).toFixed(2)}x (median per round; ${range(warmRatios, 2)})`],
    ['target', `end to end at most ${TARGET_RATIO}x the parse, peak RSS under ${TARGET_RSS_MB} MB: cold ${verdict(median(coldRatios), coldPeak)}, warm ${verdict(median(warmRatios), coldPeak)}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) process.stdout.write(`${label.padEnd(width)}  ${value}\n`);
}
main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
