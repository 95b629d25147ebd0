import type { LanguageCode, SourceLanguage } from '../languages';
import type { JobState, TranslationProvider } from '../providers/types';
import { runBatches, type RunOptions, type RunStats, type WorkItem } from './batch';
import type { DestinationRewriter } from './links';
import type { TranslationMemory } from './memory';
import { batchLimits, distinctItems, type PreparedDocument } from './prepare';
import { runTranslator, runsState, settleOutput, type RunTranslator, type UnitState } from './recover';
import { planBatches } from './batch';

/**
 * The steps after preparing: translating the work items of one or several documents in shared
 * requests, then settling each output (recovering units one by one) and remembering the clean
 * translations. `localizeMarkdown` runs them for one document; the file operation for many.
 */

/** A unit that needed care, at its 1-based line in the source. */
export interface UnitNote {
  line: number;
  reason: UnitNoteReason;
}

/** Why a unit needed care. */
export type UnitNoteReason =
  /** Damaged placeholders were put back where there was only one way to do it. */
  | 'repaired'
  /** The unit's text runs were translated separately, so its markup was kept by construction. */
  | 'runs'
  /** Emphasis was written as inline HTML so that the output parses as the source does. */
  | 'html'
  /** No translation kept the unit's markup: its source text was kept. */
  | 'source'
  /** Nested deeper than the parser reads: not translated. */
  | 'nesting'
  /** Could not be located exactly in the source: not translated. */
  | 'unlocated';

export interface LocalizedOutput {
  to: LanguageCode;
  text: string;
  /** Units translated, but only after a recovery (their markup was repaired or rebuilt). */
  degraded: UnitNote[];
  /** Units left in the source language. */
  untranslated: UnitNote[];
}

/** How the items of prepared documents are sent. */
export interface TranslateOptions {
  provider: TranslationProvider;
  from: SourceLanguage;
  glossaryKey?: string;
  /** Provider calls in flight at once (default 4). */
  concurrency?: number;
  maxUnitsPerRequest?: number;
  signal?: AbortSignal;
  onJobState?: (state: JobState) => void;
  /** Units translated (or served by the memory or kept) so far, out of every unit of every target. */
  onProgress?: (done: number, total: number) => void;
  /** Called when every item of a document has arrived (or failed) for every target. */
  onDocumentReady?: (document: PreparedDocument) => void;
}

/** Items whose translation into a target was repaired, or failed. */
export interface Care {
  repaired: Map<WorkItem, Set<LanguageCode>>;
  failed: Map<WorkItem, Set<LanguageCode>>;
}

/** What a translation of several documents gives: statistics, and the care each item needed. */
export interface Translated {
  stats: RunStats;
  care: Care;
  /** Translates the text runs of failed units (the recovery of `settle`), sharing the statistics. */
  translateRuns: RunTranslator;
}

const DEFAULT_CONCURRENCY = 4;

function mark(marks: Map<WorkItem, Set<LanguageCode>>, item: WorkItem, to: LanguageCode): void {
  marks.set(item, (marks.get(item) ?? new Set()).add(to));
}

/**
 * Sends the items the documents need, a text common to several documents once, packed into
 * shared requests under one concurrency limit. Each document is announced as soon as its own
 * items are settled. A provider error rejects (the caller decides what the failed documents are).
 */
export async function translateDocuments(documents: readonly PreparedDocument[], options: TranslateOptions): Promise<Translated> {
  const care: Care = { repaired: new Map(), failed: new Map() };
  const sharing = new Map<WorkItem, WorkItem[]>();
  const items = distinctItems(documents, sharing);
  const targets = [...new Set(documents.flatMap((document) => document.targets))];
  const codec = documents[0]?.codec;
  const runOptions: Omit<RunOptions, 'deliver' | 'fail'> = {
    provider: options.provider,
    codec,
    from: options.from,
    glossaryKey: options.glossaryKey,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    signal: options.signal,
    onJobState: options.onJobState,
  };
  const stats: RunStats = { requests: 0, charsSent: 0, calls: 0 };
  const translateRuns = runTranslator(runOptions, batchLimits(options.provider, options.maxUnitsPerRequest), options.provider.capabilities.multiTarget, stats);
  if (documents.length === 0) return { stats, care, translateRuns };

  // Progress and readiness: what each document still waits for (an item and a target each).
  const waiting = new Map<PreparedDocument, number>();
  const documentsOf = new Map<WorkItem, PreparedDocument[]>();
  let total = 0;
  let done = 0;
  for (const document of documents) {
    let count = 0;
    for (const item of document.items) {
      count += item.targets.length;
      documentsOf.set(item, [...(documentsOf.get(item) ?? []), document]);
    }
    waiting.set(document, count);
    total += document.segmentation.units.length * document.targets.length;
    done += document.cacheHits + document.kept;
  }
  options.onProgress?.(done, total);
  const settled = (item: WorkItem, to: LanguageCode): void => {
    for (const each of [item, ...(sharing.get(item) ?? [])]) {
      if (!each.targets.includes(to)) continue;
      done += each.count;
      for (const document of documentsOf.get(each) ?? []) {
        const left = (waiting.get(document) ?? 0) - 1;
        waiting.set(document, left);
        if (left === 0) options.onDocumentReady?.(document);
      }
    }
    options.onProgress?.(done, total);
  };
  for (const document of documents) if (waiting.get(document) === 0) options.onDocumentReady?.(document);

  const batches = planBatches(items, codec, batchLimits(options.provider, options.maxUnitsPerRequest), options.provider.capabilities.multiTarget, targets);
  const ran = await runBatches(batches, {
    ...runOptions,
    deliver(item, to, translation, repaired) {
      if (item.translations.has(to)) return;
      for (const each of [item, ...(sharing.get(item) ?? [])]) {
        each.translations.set(to, translation);
        if (repaired) mark(care.repaired, each, to);
      }
      settled(item, to);
    },
    fail(item, to) {
      for (const each of [item, ...(sharing.get(item) ?? [])]) mark(care.failed, each, to);
      settled(item, to);
    },
  });
  stats.calls += ran.calls;
  stats.requests += ran.requests;
  stats.charsSent += ran.charsSent;
  return { stats, care, translateRuns };
}

/** The output of one document in one target: failed units translated run by run, kept units spliced in, rendered and settled with the guard. */
export async function finishOutput(prepared: PreparedDocument, to: LanguageCode, translated: Translated, rewrite: DestinationRewriter | undefined): Promise<{ output: LocalizedOutput; unclean: ReadonlySet<WorkItem> }> {
  const { segmentation, itemOf } = prepared;
  const units = segmentation.units;
  const kept = prepared.keep.get(to);
  const { care } = translated;
  const states: UnitState[] = units.map((unit) => {
    const item = itemOf[unit.index];
    const raw = kept?.get(unit.index);
    if (raw !== undefined) return { translation: undefined, raw, html: false, runs: false };
    return { translation: item.translations.get(to), reason: care.repaired.get(item)?.has(to) ? 'repaired' : undefined, html: false, runs: false };
  });
  const failed = units.filter((unit) => kept?.get(unit.index) === undefined && care.failed.get(itemOf[unit.index])?.has(to));
  if (failed.length > 0) {
    const runs = await translated.translateRuns(failed, to);
    for (const unit of failed) states[unit.index] = runsState(unit, runs.get(unit.index));
  }
  const text = await settleOutput(prepared.document, segmentation, states, { rewrite, hasMath: segmentation.hasMath, translateRuns: translated.translateRuns, to });
  const degraded: UnitNote[] = [];
  const untranslated: UnitNote[] = segmentation.skipped.map((skipped) => ({ line: skipped.line + 1, reason: skipped.reason }));
  for (const unit of units) {
    const reason = states[unit.index].reason;
    if (reason === 'source') untranslated.push({ line: unit.line + 1, reason });
    else if (reason !== undefined) degraded.push({ line: unit.line + 1, reason });
  }
  untranslated.sort((a, b) => a.line - b.line);
  const unclean = new Set(units.filter((unit) => states[unit.index].reason !== undefined).map((unit) => itemOf[unit.index]));
  return { output: { to, text, degraded, untranslated }, unclean };
}

/**
 * Stores the translations that came back clean in the translation memory (the only place it is
 * written): not the repaired ones, nor those of items with a unit that needed care in an output
 * (`unclean`, per target), so that a later run tries them again. Does not save the memory.
 */
export function remember(prepared: PreparedDocument, memory: TranslationMemory | undefined, care: Care, unclean: ReadonlyMap<LanguageCode, ReadonlySet<WorkItem>>): void {
  if (!memory) return;
  for (const item of prepared.items) {
    for (const to of item.targets) {
      const translation = item.translations.get(to);
      if (translation === undefined || care.repaired.get(item)?.has(to) || unclean.get(to)?.has(item)) continue;
      memory.set(prepared.keyFor(item, to), translation);
    }
  }
}
