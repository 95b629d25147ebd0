import * as path from 'node:path';
import { checkWritable } from '../core/files';
import { diskAccess, expandInputs, LocalizationState, planRun, runLocalization, STATE_FILE, type FileReport, type LocalizeRun, type OutputMode } from '../core/localize';
import { FileTranslationMemory } from '../core/markdown/memory';
import { createProvider, routeProvider } from '../core/providers/registry';
import { parse, parsePositiveInt, parseProvider, parseSource, parseTargets, usageError } from './args';
import { cliContext } from './context';
import { progressReporter, type CliIo } from './io';

/** The translation memory's file when `--memory` is not given, in the working directory. */
export const DEFAULT_MEMORY_FILE = '.hive-papago-memory.json';

/** Options shared by `localize` and `status`. */
export const TREE_OPTIONS = {
  to: { type: 'string', multiple: true },
  out: { type: 'string' },
  json: { type: 'boolean' },
  state: { type: 'string' },
} as const;

/**
 * `localize PATH... --to LANGS [--from LANG] [--provider P] [--in-place] [--out PATTERN] [--dry-run]
 * [--json] [--no-memory] [--memory PATH] [--state PATH] [--no-state] [--concurrency N] [--honorific]`
 */
export async function localizeCommand(args: string[], io: CliIo, signal: AbortSignal): Promise<number> {
  const { run, values, progress } = await localizeRun(args, io, signal);
  const relative = (file: string): string => path.relative(io.cwd, file) || file;
  if (values['dry-run']) {
    const plan = await planRun(run);
    if (values.json) {
      io.stdout(`${JSON.stringify({ ...plan, files: plan.files.map((file) => ({ ...file, file: relative(file.file), output: relative(file.output) })) })}\n`);
      return 0;
    }
    for (const file of plan.files) {
      io.stderr(`${relative(file.file)} -> ${relative(file.output)} [${file.to}]: ${file.segments} segments, ${file.toTranslate} to translate, ${file.kept} kept from the output, ${file.cacheHits} from memory\n`);
    }
    io.stderr(`Would send ${plan.charsToSend} characters in ${plan.requests} ${run.provider.capabilities.id === 'hive' ? 'Hive jobs' : 'requests'}.\n`);
    return 0;
  }
  const result = await runLocalization(run).finally(() => progress.done());
  if (values.json) {
    const files = result.files.map((report) => ({ ...report, file: relative(report.file), output: relative(report.output), reason: undefined, sentence: undefined }));
    io.stdout(`${JSON.stringify({ ...result, files })}\n`);
  } else {
    for (const line of reportLines(result.files, relative)) io.stderr(`${line}\n`);
    io.stderr(`Sent ${result.charsSent} characters in ${result.requests} requests.\n`);
  }
  return result.files.some((report) => report.status === 'failed') ? 1 : 0;
}

/** The run the arguments ask for, every option and path checked (before anything is sent). */
async function localizeRun(args: string[], io: CliIo, signal: AbortSignal) {
  const { values, positionals } = parse(args, {
    ...TREE_OPTIONS,
    from: { type: 'string' },
    provider: { type: 'string' },
    'in-place': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    'no-memory': { type: 'boolean' },
    memory: { type: 'string' },
    'no-state': { type: 'boolean' },
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
  if (values['no-state'] && values.state) throw usageError('--no-state and --state cannot be used together.');
  const output: OutputMode = values['in-place'] ? { kind: 'inPlace' } : { kind: 'sibling', pattern: values.out };

  const context = cliContext(io);
  // Formal speech where Papago offers it; other providers ignore the option.
  const provider = createProvider(routeProvider('markdown', choice, context.provider.credentials), { ...context.provider, options: { honorific: values.honorific === true } });
  const files = await expandInputs(positionals, { cwd: io.cwd, pattern: values.out });
  const memoryPath = values['no-memory'] ? undefined : path.resolve(io.cwd, values.memory ?? DEFAULT_MEMORY_FILE);
  const memory = memoryPath ? await openChecked(memoryPath, (file) => FileTranslationMemory.open(file, context.provider.logger)) : undefined;
  // In place, the source itself becomes the translation: there is nothing to keep track of.
  const statePath = values['no-state'] || values['in-place'] ? undefined : path.resolve(io.cwd, values.state ?? STATE_FILE);
  const state = statePath ? await openChecked(statePath, (file) => LocalizationState.open(file, context.provider.logger)) : undefined;
  const progress = progressReporter(io);
  const run: LocalizeRun = {
    files,
    provider,
    from,
    to,
    output,
    access: diskAccess,
    memory,
    state,
    protectedFiles: [memoryPath, statePath].filter((file): file is string => file !== undefined),
    concurrency,
    signal,
    onJobState: (jobState) => progress.update(`Hive job ${jobState}`),
    onProgress: (done, total) => progress.update(`${done}/${total} segments`),
  };
  return { run, values, progress };
}

/** Opens a memory or state file, refusing (before any request) a path that is not one or cannot be written. */
async function openChecked<T>(file: string, open: (file: string) => Promise<T>): Promise<T> {
  const opened = await open(file);
  await checkWritable(file);
  return opened;
}

/** One line per file and target, lines for units that needed care, and a summary. */
export function reportLines(reports: readonly FileReport[], relative: (file: string) => string): string[] {
  const lines: string[] = [];
  for (const report of reports) {
    const where = `${relative(report.file)} [${report.to}]`;
    if (report.status === 'failed') {
      lines.push(`${where}: failed: ${report.error ?? 'unknown error'}`);
      continue;
    }
    const what = report.status === 'written' ? 'written' : report.status === 'unchanged' ? 'unchanged' : 'not applied';
    lines.push(`${where} -> ${relative(report.output)}: ${what}; ${report.segments} segments, ${report.translatedUnits} translated, ${report.kept} kept, ${report.cacheHits} from memory`);
    const care: string[] = [];
    if (report.degraded.length > 0) care.push(`${report.degraded.length} with repaired markup (${lineList(report.degraded)})`);
    if (report.untranslated.length > 0) care.push(`${report.untranslated.length} left untranslated (${lineList(report.untranslated)})`);
    if (report.conflicts.length > 0) care.push(`${report.conflicts.length} changed in the source and by hand, the hand edit kept (${lineList(report.conflicts)})`);
    if (care.length > 0) lines.push(`${where}: units ${care.join('; ')}`);
    if (report.brokenLinks.length > 0) {
      lines.push(`${where}: links to no heading (left as they are): ${report.brokenLinks.map((link) => `line ${link.line} ${link.link}`).join(', ')}`);
    }
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
