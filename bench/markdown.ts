/**
 * Section 4, Markdown: pseudo-localizes a ≥1 MiB real-world document end to end and compares with
 * the parse time of a stock markdown-it (the engine runs the same stock markdown-it, through its
 * documented extension points only); peak memory. For a profile of where the time goes:
 * `node --cpu-prof --import tsx bench/markdown.ts --child localize`.
 *
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
import { median, range } from './stats';
import { verdict, type Row } from './table';

const MIB = 1024 * 1024;
/** The engine's targets: end to end at most 3 times markdown-it's parse, peak memory under 400 MB. */
export const TARGET_RATIO = 3;
export const TARGET_RSS_MB = 400;

interface ChildReport {
  ms: number;
  maxRssMb: number;
}

/** One cold measurement in this process (started by the parent): a first parse, or a first localization. */
async function child(mode: string): Promise<void> {
  const { text } = benchDocument();
  const start = performance.now();
  if (mode === 'parse') new MarkdownIt().parse(text, {});
  else await localizeMarkdown(text, { provider: new PseudoProvider(), from: 'en', to: ['ko'] });
  const ms = performance.now() - start;
  const report: ChildReport = { ms, maxRssMb: (process.resourceUsage().maxRSS * 1024) / MIB };
  process.stdout.write(JSON.stringify(report));
}

/** Runs a cold measurement in a fresh Node process (same loader flags as this one). */
function cold(mode: string): ChildReport {
  const result = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`cold ${mode} run failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as ChildReport;
}

export async function markdown(rounds = Number(process.env.BENCH_ROUNDS ?? 21), coldRounds = Number(process.env.BENCH_COLD_ROUNDS ?? 9)): Promise<Row[]> {
  const { text, sources } = benchDocument();
  const size = Buffer.byteLength(text);

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
  const parsePeak = Math.max(...coldParse.map((report) => report.maxRssMb));
  const ms = (values: readonly number[]): string => `${median(values).toFixed(0)} ms (${range(values)})`;
  const document = `${(size / MIB).toFixed(2)} MiB, ${result.segments} units; CommonMark spec + ${sources - 1} package READMEs`;
  return [
    { section: 'markdown', figure: 'document', value: document, baseline: '', target: '', verdict: '' },
    {
      section: 'markdown',
      figure: `cold end to end (median of ${coldRounds} fresh processes)`,
      value: ms(coldLocalize.map((report) => report.ms)),
      baseline: `markdown-it parse: ${ms(coldParse.map((report) => report.ms))}`,
      target: '',
      verdict: '',
    },
    { section: 'markdown', figure: 'cold ratio (median per round)', value: `${median(coldRatios).toFixed(2)}x (${range(coldRatios, 2)})`, baseline: 'markdown-it parse: 1x', target: `at most ${TARGET_RATIO}x`, verdict: verdict(median(coldRatios) <= TARGET_RATIO) },
    { section: 'markdown', figure: `warm end to end (median of ${rounds})`, value: ms(localizeTimes), baseline: `markdown-it parse: ${ms(parseTimes)}`, target: '', verdict: '' },
    { section: 'markdown', figure: 'warm ratio (median per round)', value: `${median(warmRatios).toFixed(2)}x (${range(warmRatios, 2)})`, baseline: 'markdown-it parse: 1x', target: `at most ${TARGET_RATIO}x`, verdict: verdict(median(warmRatios) <= TARGET_RATIO) },
    {
      section: 'markdown',
      figure: 'peak RSS (whole process, highest cold run)',
      value: `${coldPeak.toFixed(0)} MB`,
      baseline: `markdown-it parse: ${parsePeak.toFixed(0)} MB`,
      target: `under ${TARGET_RSS_MB} MB`,
      verdict: verdict(coldPeak < TARGET_RSS_MB),
    },
  ];
}

if (require.main === module) {
  const childMode = process.argv.indexOf('--child');
  if (childMode >= 0) {
    child(process.argv[childMode + 1]).catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    });
  }
}
