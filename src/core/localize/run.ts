import { isCancellation, TranslateError, userMessage, type ErrorReason } from '../errors';
import type { LanguageCode, SourceLanguage } from '../languages';
import { localizeMarkdown, planMarkdown, type LocalizeOptions, type LocalizeResult } from '../markdown';
import type { TranslationMemory } from '../markdown/memory';
import type { JobState, TranslationProvider } from '../providers/types';
import { validateRequest } from '../providers/validate';
import { checkOutputs, outputsOf } from './paths';
import type { FileAccess, FileReport, OutputMode, PlannedFile, PlanReport } from './types';

/**
 * The one file operation of both hosts: plan (read every source, check every path and option),
 * translate file by file, write each output whole, keep the memory, report per file and target.
 * Every input error is found before the first request; once sending starts, a failure stays
 * with its file, except failures that would repeat for every file (credentials, quota, the
 * network, cancellation), which stop the run and mark the files not reached.
 */
export interface LocalizeRun {
  /** Absolute paths of the source files. */
  files: readonly string[];
  provider: TranslationProvider;
  from: SourceLanguage;
  to: readonly LanguageCode[];
  output: OutputMode;
  access: FileAccess;
  memory?: TranslationMemory;
  /** Files no output may overwrite besides the sources (the memory file). */
  protectedFiles?: readonly string[];
  glossaryKey?: (to: LanguageCode) => string | undefined;
  concurrency?: number;
  frontMatterFields?: readonly string[];
  signal?: AbortSignal;
  onJobState?: (file: string, state: JobState) => void;
  onProgress?: (file: string, done: number, total: number) => void;
  /** Called when a file's outputs are settled (written, unchanged, failed or skipped). */
  onFileDone?: (reports: readonly FileReport[]) => void;
}

/** Errors that would fail every other file the same way: the run stops at them. */
const STOPS_THE_RUN: ReadonlySet<ErrorReason> = new Set<ErrorReason>(['auth', 'quota', 'config', 'network', 'timeout', 'rateLimit']);

/** Reads and checks everything; throws an `input` (or `unsupportedPair`, `config`) error before any request. */
export async function planFiles(run: LocalizeRun): Promise<PlannedFile[]> {
  if (run.to.length === 0) throw new TranslateError('input', 'Choose at least one target language.');
  const format = run.provider.capabilities.formats.includes('markdown') ? 'markdown' : 'text';
  // The language pair of every target, as the provider will be asked.
  validateRequest(run.provider.capabilities, { text: 'x', from: run.from, to: run.to, format });
  const planned: PlannedFile[] = [];
  for (const file of run.files) {
    const source = await run.access.read(file);
    planned.push({ file, source, outputs: outputsOf(file, run.to, run.output) });
  }
  await checkOutputs(planned, run.output, run.protectedFiles);
  // Parsing every document now finds broken front matter before anything is paid for.
  for (const entry of planned) {
    try {
      planMarkdown(entry.source, engineOptions(run, entry, undefined));
    } catch (error) {
      if (error instanceof TranslateError && error.reason === 'input') throw new TranslateError('input', `${entry.file}: ${error.message}`, { cause: error });
      throw error;
    }
  }
  return planned;
}

/** What a run would send, per file and target; sends nothing. */
export async function planRun(run: LocalizeRun): Promise<PlanReport[]> {
  const reports: PlanReport[] = [];
  for (const entry of await planFiles(run)) {
    const plan = planMarkdown(entry.source, engineOptions(run, entry, undefined));
    for (const output of entry.outputs) {
      reports.push({ file: entry.file, to: output.to, output: output.path, segments: plan.segments, charsToSend: plan.charsToSend, requests: plan.requestsEstimate, cacheHits: plan.cacheHits });
    }
  }
  return reports;
}

/** Runs the localization: see `LocalizeRun`. Throws only for input errors (before sending) and cancellation (a `cancelled` error). */
export async function runLocalization(run: LocalizeRun): Promise<FileReport[]> {
  const planned = await planFiles(run);
  const reports: FileReport[] = [];
  let stopped: TranslateError | undefined;
  try {
    for (const entry of planned) {
      const fileReports = stopped ? notReached(entry, stopped) : await localizeOne(run, entry);
      const failure = fileReports.find((report) => report.status === 'failed');
      if (!stopped && failure?.reason && STOPS_THE_RUN.has(failure.reason)) stopped = new TranslateError(failure.reason, failure.error ?? '');
      reports.push(...fileReports);
      run.onFileDone?.(fileReports);
    }
  } finally {
    await run.memory?.flush();
  }
  return reports;
}

function engineOptions(run: LocalizeRun, entry: PlannedFile, target: LanguageCode | undefined): LocalizeOptions {
  const pathOf = new Map(entry.outputs.map((output) => [output.to, output.path]));
  return {
    provider: run.provider,
    from: run.from,
    to: target ? [target] : run.to,
    glossaryKey: target ? run.glossaryKey?.(target) : undefined,
    concurrency: run.concurrency,
    memory: run.memory,
    signal: run.signal,
    frontMatterFields: run.frontMatterFields,
    sourcePath: entry.file,
    outputPathFor: (to) => pathOf.get(to) ?? entry.file,
    onJobState: run.onJobState ? (state) => run.onJobState?.(entry.file, state) : undefined,
  };
}

/** Translates one file (all targets in one pass, or one pass per target when glossaries differ) and writes its outputs. */
async function localizeOne(run: LocalizeRun, entry: PlannedFile): Promise<FileReport[]> {
  const passes: (LanguageCode | undefined)[] = run.glossaryKey ? entry.outputs.map((output) => output.to) : [undefined];
  const reports: FileReport[] = [];
  for (const target of passes) {
    const outputs = target ? entry.outputs.filter((output) => output.to === target) : entry.outputs;
    let result: LocalizeResult;
    try {
      result = await localizeMarkdown(entry.source, {
        ...engineOptions(run, entry, target),
        onProgress: run.onProgress ? (done, total) => run.onProgress?.(entry.file, done, total) : undefined,
      });
    } catch (error) {
      if (isCancellation(error)) throw error;
      reports.push(...outputs.map((output) => failed(entry.file, output, error)));
      continue;
    }
    for (const output of result.outputs) {
      const where = outputs.find((candidate) => candidate.to === output.to);
      if (!where) continue;
      const base = {
        file: entry.file,
        to: output.to,
        output: where.path,
        segments: result.segments,
        charsSent: result.charsSent,
        requests: result.requests,
        cacheHits: result.cacheHits,
        degraded: output.degraded.map((note) => note.line),
        untranslated: output.untranslated.map((note) => note.line),
      };
      try {
        if ((await run.access.current(where.path)) === output.text) {
          reports.push({ ...base, status: 'unchanged' });
        } else {
          reports.push({ ...base, status: (await run.access.write(where.path, output.text)) ? 'written' : 'skipped' });
        }
      } catch (error) {
        if (isCancellation(error)) throw error;
        reports.push({ ...failed(entry.file, where, error), segments: result.segments, charsSent: result.charsSent, requests: result.requests, cacheHits: result.cacheHits });
      }
    }
  }
  return reports;
}

function failed(file: string, output: { to: LanguageCode; path: string }, error: unknown): FileReport {
  return {
    file,
    to: output.to,
    output: output.path,
    status: 'failed',
    error: userMessage(error),
    reason: error instanceof TranslateError ? error.reason : undefined,
    segments: 0,
    charsSent: 0,
    requests: 0,
    cacheHits: 0,
    degraded: [],
    untranslated: [],
  };
}

/** The reports of a file the run did not reach because an earlier failure stopped it. */
function notReached(entry: PlannedFile, cause: TranslateError): FileReport[] {
  const error = new TranslateError(cause.reason, `Not translated: the run stopped at an earlier error (${cause.message.replace(/\.$/, '')}).`);
  return entry.outputs.map((output) => failed(entry.file, output, error));
}
