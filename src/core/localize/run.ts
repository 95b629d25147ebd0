import { errorSentence, isCancellation, TranslateError, userMessage } from '../errors';
import type { LanguageCode, SourceLanguage } from '../languages';
import {
  finishOutput,
  keepUnits,
  renderAgain,
  planDocuments,
  prepareDocument,
  forgetUnclean,
  translateDocuments,
  type PreparedDocument,
  type Translated,
} from '../markdown';
import type { RunStats, WorkItem } from '../markdown/batch';
import type { TranslationMemory } from '../markdown/memory';
import { planRevision, revisionOf, type RevisionPlan } from '../markdown/revision';
import type { JobState, TranslationProvider } from '../providers/types';
import { validateRequest } from '../providers/validate';
import { linkPlanner } from './links';
import { checkOutputs, outputsOf } from './paths';
import type { LocalizationState } from './state';
import type { FileAccess, FileReport, OutputMode, PlannedFile, PlanReport, RunPlan, RunResult } from './types';
import { message } from '../messages';

/**
 * The one file operation of both hosts: plan (read every source, check every path and option,
 * compare with what was written last time), translate the units of all files in shared requests,
 * write each output whole as soon as its own units are done, keep the memory and the state,
 * report per file and target. Every input error is found before the first request; once sending
 * starts, a failure stays with the files it concerns, except failures that would repeat for
 * every request (credentials, quota, the network), which stop the run and mark the files not
 * reached.
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
  /** What was written last time; updated as outputs are written (not used in place). */
  state?: LocalizationState;
  /** Files no output may overwrite besides the sources (the memory and state files). */
  protectedFiles?: readonly string[];
  glossaryKey?: (to: LanguageCode) => string | undefined;
  concurrency?: number;
  frontMatterFields?: readonly string[];
  signal?: AbortSignal;
  onJobState?: (state: JobState) => void;
  /** Units settled so far in the whole run, out of every unit of every file and target. */
  onProgress?: (done: number, total: number) => void;
  /** Called when a file's outputs are settled (written, unchanged, failed or skipped). */
  onFileDone?: (reports: readonly FileReport[]) => void;
}

/** Reads and checks everything and prepares every document; throws an `input` (or `unsupportedPair`, `config`) error before any request. */
export async function planFiles(run: LocalizeRun): Promise<RunPlan> {
  if (run.to.length === 0) throw new TranslateError('input', message('Choose at least one target language.'));
  const format = run.provider.capabilities.formats.includes('markdown') ? 'markdown' : 'text';
  // The language pair of every target, as the provider will be asked.
  validateRequest(run.provider.capabilities, { text: 'x', from: run.from, to: run.to, format });
  const files: PlannedFile[] = [];
  for (const file of run.files) {
    const source = await run.access.read(file);
    files.push({ file, source, outputs: outputsOf(file, run.to, run.output), prepared: undefined as unknown as PreparedDocument, revisions: new Map() });
  }
  await checkOutputs(files, run.output, run.protectedFiles);
  for (const entry of files) {
    entry.prepared = prepare(run, entry);
    if (run.output.kind === 'inPlace' || !run.state) continue;
    for (const output of entry.outputs) {
      const revision = planRevision(entry.prepared, run.state.get(entry.file, output.to), await run.access.current(output.path), run.frontMatterFields);
      entry.revisions.set(output.to, revision);
      keepUnits(entry.prepared, output.to, revision.keep, revision.restructured);
    }
  }
  return { files, links: linkPlanner(files, run) };
}

function prepare(run: LocalizeRun, entry: PlannedFile): PreparedDocument {
  try {
    return prepareDocument(entry.source, { provider: run.provider, from: run.from, to: run.to, glossaryKey: run.glossaryKey, memory: run.memory, frontMatterFields: run.frontMatterFields });
  } catch (error) {
    // Broken front matter, say: found before anything is paid for, named by file.
    if (error instanceof TranslateError && error.reason === 'input') throw new TranslateError('input', message('{0}: {1}', entry.file, error.sentence), { cause: error });
    throw error;
  }
}

/** What a run would send, per file and target, and the requests in all; sends nothing. */
export async function planRun(run: LocalizeRun): Promise<{ files: PlanReport[]; requests: number; charsToSend: number }> {
  const plan = await planFiles(run);
  const batches = planDocuments(
    plan.files.map((entry) => entry.prepared),
    run.provider,
  );
  const files: PlanReport[] = [];
  for (const entry of plan.files) {
    const units = entry.prepared.segmentation.units.length;
    for (const output of entry.outputs) {
      const revision = entry.revisions.get(output.to);
      const toSend = entry.prepared.items.filter((item) => item.targets.includes(output.to)).reduce((sum, item) => sum + item.count, 0);
      files.push({ file: entry.file, to: output.to, output: output.path, segments: units, toTranslate: toSend, kept: revision?.keep.size ?? 0, cacheHits: entry.prepared.cacheHits });
    }
  }
  return { files, requests: batches.length, charsToSend: batches.reduce((sum, batch) => sum + batch.chars, 0) };
}

/** Runs the localization: see `LocalizeRun`. Throws only for input errors (before sending) and cancellation. */
export async function runLocalization(run: LocalizeRun): Promise<RunResult> {
  const plan = await planFiles(run);
  const reports = new Map<PlannedFile, FileReport[]>();
  const finishing: Promise<void>[] = [];
  const byDocument = new Map(plan.files.map((entry) => [entry.prepared, entry]));
  const settle = (entry: PlannedFile, fileReports: FileReport[]): void => {
    reports.set(entry, fileReports);
    run.onFileDone?.(fileReports);
  };
  let stopped: unknown;
  // Requests paid for, also when the run stops part-way.
  const stats: RunStats = { requests: 0, charsSent: 0, calls: 0 };
  try {
    await translateDocuments(
      plan.files.map((entry) => entry.prepared),
      {
        provider: run.provider,
        from: run.from,
        glossaryKey: run.glossaryKey,
        concurrency: run.concurrency,
        signal: run.signal,
        memory: run.memory,
        onJobState: run.onJobState,
        onProgress: run.onProgress,
        stats,
        onDocumentReady: (document, translated) => {
          const entry = byDocument.get(document)!;
          finishing.push(finishFile(run, plan, entry, translated).then((fileReports) => settle(entry, fileReports)));
        },
      },
    );
  } catch (error) {
    stopped = error;
  }
  plan.links.release();
  // A file that could not be finished (a cancellation while writing, say) stops the run like a failed request.
  const rejected = (await Promise.allSettled(finishing)).find((outcome) => outcome.status === 'rejected');
  stopped ??= rejected?.reason;
  try {
    if (isCancellation(stopped)) throw stopped;
    const cause = stopped instanceof TranslateError ? stopped : new TranslateError('server', errorSentence(stopped));
    for (const entry of plan.files) {
      if (!reports.has(entry)) settle(entry, entry.outputs.map((output) => failed(entry, output, notReached(cause))));
    }
  } finally {
    await run.memory?.flush();
    await run.state?.flush();
  }
  return { files: plan.files.flatMap((entry) => reports.get(entry) ?? []), requests: stats.requests, charsSent: stats.charsSent };
}

function notReached(cause: TranslateError): TranslateError {
  return new TranslateError(cause.reason, message('Not translated: the run stopped at an error ({0}).', cause.sentence));
}

/** Finishes, writes and records the outputs of one file whose units are all settled. */
async function finishFile(run: LocalizeRun, plan: RunPlan, entry: PlannedFile, translated: Translated): Promise<FileReport[]> {
  const { prepared } = entry;
  const error = prepared.items.map((item) => translated.care.errors.get(item)).find((found) => found !== undefined);
  if (error !== undefined) return entry.outputs.map((output) => failed(entry, output, error));
  const reports: FileReport[] = [];
  const unclean = new Map<LanguageCode, ReadonlySet<WorkItem>>();
  for (const output of entry.outputs) {
    const revision = entry.revisions.get(output.to);
    if (revision?.restructured) {
      reports.push(failed(entry, output, restructured(output.path)));
      continue;
    }
    try {
      // First with relative paths rewritten only: its headings are final, and other files may link to them.
      const first = await finishOutput(prepared, output.to, translated, plan.links.base(entry, output.to));
      plan.links.publish(entry, output.to, first.output.text);
      await plan.links.wait(entry, output.to);
      const rewrite = await plan.links.rewriter(entry, output.to);
      const text = rewrite ? await renderAgain(prepared, output.to, first.states, translated, rewrite) : first.output.text;
      unclean.set(output.to, first.unclean);
      const report = await writeOutput(run, entry, output, text, revision);
      reports.push({ ...report, degraded: first.output.degraded.map((note) => note.line), untranslated: first.output.untranslated.map((note) => note.line), brokenLinks: plan.links.broken(entry, output.to) });
    } catch (caught) {
      if (isCancellation(caught)) throw caught;
      reports.push(failed(entry, output, caught));
    }
  }
  forgetUnclean(prepared, run.memory, unclean);
  return reports;
}

function restructured(output: string): TranslateError {
  return new TranslateError('input', message('{0} was changed by hand beyond its paragraphs since it was written (its units no longer match the source), so it was not overwritten; delete it to translate the file again.', output));
}

/** Writes an output unless it already holds this text; records its revision. */
async function writeOutput(run: LocalizeRun, entry: PlannedFile, output: { to: LanguageCode; path: string }, text: string, revision: RevisionPlan | undefined): Promise<FileReport> {
  const unchanged = (await run.access.current(output.path)) === text;
  const written = unchanged || (await run.access.write(output.path, text));
  if (written && run.state && run.output.kind !== 'inPlace') {
    const record = revisionOf(entry.prepared, text, run.frontMatterFields);
    if (record) await run.state.set(entry.file, output.to, output.path, record);
  }
  return {
    file: entry.file,
    to: output.to,
    output: output.path,
    status: unchanged ? 'unchanged' : written ? 'written' : 'skipped',
    segments: entry.prepared.segmentation.units.length,
    translatedUnits: entry.prepared.items.filter((item) => item.targets.includes(output.to)).reduce((sum, item) => sum + item.count, 0),
    cacheHits: entry.prepared.cacheHits,
    kept: entry.prepared.keep.get(output.to)?.size ?? 0,
    conflicts: revision?.conflicts ?? [],
    degraded: [],
    untranslated: [],
    brokenLinks: [],
  };
}

function failed(entry: PlannedFile, output: { to: LanguageCode; path: string }, error: unknown): FileReport {
  return { ...failedReport(entry.file, output, error), segments: entry.prepared?.segmentation.units.length ?? 0 };
}

/** The report of an output that was not written, with the error's sentence. */
export function failedReport(file: string, output: { to: LanguageCode; path: string }, error: unknown): FileReport {
  return {
    file,
    to: output.to,
    output: output.path,
    status: 'failed',
    error: userMessage(error),
    sentence: errorSentence(error),
    reason: error instanceof TranslateError ? error.reason : undefined,
    segments: 0,
    translatedUnits: 0,
    cacheHits: 0,
    kept: 0,
    conflicts: [],
    degraded: [],
    untranslated: [],
    brokenLinks: [],
  };
}
