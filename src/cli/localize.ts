import * as path from 'node:path';
import { diskAccess, expandInputs, planRun, runLocalization, type FileReport, type LocalizeRun, type OutputMode } from '../core/localize';
import { FileTranslationMemory } from '../core/markdown/memory';
import { createProvider, routeProvider } from '../core/providers/registry';
import { checkWritable } from '../core/files';
import type { Logger } from '../core/runtime';
import { parse, parsePositiveInt, parseProvider, parseSource, parseTargets, usageError } from './args';
import { cliContext } from './context';
import { progressReporter, type CliIo } from './io';

/** The translation memory's file when `--memory` is not given, in the working directory. */
export const DEFAULT_MEMORY_FILE = '.hive-papago-memory.json';

/**
 * `localize PATH... --to LANGS [--from LANG] [--provider P] [--in-place] [--out PATTERN] [--dry-run]
 * [--json] [--no-memory] [--memory PATH] [--concurrency N] [--honorific]`
 */
export async function localizeCommand(args: string[], io: CliIo, signal: AbortSignal): Promise<number> {
  const { values, positionals } = parse(args, {
    to: { type: 'string', multiple: true },
    from: { type: 'string' },
    provider: { type: 'string' },
    'in-place': { type: 'boolean' },
    out: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    'no-memory': { type: 'boolean' },
    memory: { type: 'string' },
    concurrency: { type: 'string' },
    honorific: { type: 'boolean' },
  });
  if (positionals.length === 0) throw usageError('Give the Markdown files, folders or quoted globs to localize.');
  const to = parseTargets(values.to);
  const from = parseSource(values.from);
  const choice = parseProvider(values.provider);
  const concurrency = parsePositiveInt(values.concurrency, '--concurrency', 4);
  if (values['in-place'] && to.length !== 1) throw usageError('--in-place takes exactly one target language.');
  if (values['in-place'] && values.out) throw usageError('--in-place and --out cannot be used together.');
  if (values['no-memory'] && values.memory) throw usageError('--no-memory and --memory cannot be used together.');
  const output: OutputMode = values['in-place'] ? { kind: 'inPlace' } : { kind: 'sibling', pattern: values.out };

  const context = cliContext(io);
  // Formal speech where Papago offers it; other providers ignore the option.
  const provider = createProvider(routeProvider('markdown', choice, context.provider.credentials), { ...context.provider, options: { honorific: values.honorific === true } });
  const memoryPath = values['no-memory'] ? undefined : path.resolve(io.cwd, values.memory ?? DEFAULT_MEMORY_FILE);
  const memory = memoryPath ? await openMemory(memoryPath, context.provider.logger) : undefined;
  const progress = progressReporter(io);
  const relative = (file: string): string => path.relative(io.cwd, file) || file;

  const files = await expandInputs(positionals, { cwd: io.cwd, pattern: values.out });
  const run: LocalizeRun = {
    files,
    provider,
    from,
    to,
    output,
    access: diskAccess,
    memory,
    protectedFiles: memoryPath ? [memoryPath] : [],
    concurrency,
    signal,
    onJobState: (file, state) => progress.update(`${relative(file)}: Hive job ${state}`),
    onProgress: (file, done, total) => progress.update(`${relative(file)}: ${done}/${total} segments`),
  };

  if (values['dry-run']) {
    const plans = await planRun(run);
    if (values.json) {
      io.stdout(`${JSON.stringify({ files: plans.map((plan) => ({ ...plan, file: relative(plan.file), output: relative(plan.output) })) })}\n`);
    } else {
      for (const plan of plans) {
        io.stderr(`${relative(plan.file)} -> ${relative(plan.output)} [${plan.to}]: ${plan.segments} segments, would send ${plan.charsToSend} characters in about ${plan.requests} requests, ${plan.cacheHits} from memory\n`);
      }
    }
    return 0;
  }

  const reports = await runLocalization(run);
  progress.done();
  if (values.json) {
    io.stdout(`${JSON.stringify({ files: reports.map((report) => ({ ...report, file: relative(report.file), output: relative(report.output), reason: undefined })) })}\n`);
  } else {
    for (const line of reportLines(reports, relative)) io.stderr(`${line}\n`);
  }
  return reports.some((report) => report.status === 'failed') ? 1 : 0;
}

/** Opens the memory, refusing (before any request) a path that is not a memory or cannot be written. */
async function openMemory(file: string, logger: Logger): Promise<FileTranslationMemory> {
  const memory = await FileTranslationMemory.open(file, logger);
  await checkWritable(file);
  return memory;
}

/** One line per file and target, a line per file with units that needed care, and a summary. */
export function reportLines(reports: readonly FileReport[], relative: (file: string) => string): string[] {
  const lines: string[] = [];
  for (const report of reports) {
    const where = `${relative(report.file)} [${report.to}]`;
    if (report.status === 'failed') {
      lines.push(`${where}: failed: ${report.error ?? 'unknown error'}`);
      continue;
    }
    const what = report.status === 'written' ? 'written' : report.status === 'unchanged' ? 'unchanged' : 'not applied';
    lines.push(`${where} -> ${relative(report.output)}: ${what}; ${report.segments} segments, sent ${report.charsSent} characters in ${report.requests} requests, ${report.cacheHits} from memory`);
    const care: string[] = [];
    if (report.degraded.length > 0) care.push(`${report.degraded.length} with repaired markup (${lineList(report.degraded)})`);
    if (report.untranslated.length > 0) care.push(`${report.untranslated.length} left untranslated (${lineList(report.untranslated)})`);
    if (care.length > 0) lines.push(`${where}: units ${care.join('; ')}`);
  }
  const count = (status: FileReport['status']): number => reports.filter((report) => report.status === status).length;
  const failedCount = count('failed');
  lines.push(`${count('written')} written, ${count('unchanged')} unchanged${failedCount > 0 ? `, ${failedCount} failed` : ''}.`);
  return lines;
}

function lineList(lines: readonly number[]): string {
  const shown = lines.slice(0, 10).join(', ');
  return `${lines.length === 1 ? 'line' : 'lines'} ${shown}${lines.length > 10 ? ', …' : ''}`;
}
