import type { LanguageCode } from '../languages';
import type { WorkItem } from './batch';
import type { DestinationRewriter } from './links';
import type { TranslationMemory } from './memory';
import type { PreparedDocument } from './prepare';
import { runsState, settleOutput, type UnitState } from './recover';
import { DocumentsTranslation, type Translated, type TranslateOptions } from './translate';

export { stopsTheRun, type Care, type Translated, type TranslateOptions } from './translate';

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

/**
 * Sends the items the documents need, a text common to several documents once, packed into
 * shared requests under one concurrency limit; see `DocumentsTranslation`.
 */
export function translateDocuments(documents: readonly PreparedDocument[], options: TranslateOptions): Promise<Translated> {
  return new DocumentsTranslation(documents, options).run();
}

/** The output of one document in one target: failed units translated run by run, kept units spliced in, rendered and settled with the guard. */
export async function finishOutput(
  prepared: PreparedDocument,
  to: LanguageCode,
  translated: Translated,
  rewrite: DestinationRewriter | undefined,
): Promise<{ output: LocalizedOutput; unclean: ReadonlySet<WorkItem>; states: UnitState[] }> {
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
  return { output: { to, text, degraded, untranslated }, unclean, states };
}

/** An output rendered again from its settled units with another rewriter of destinations (links into translated headings). */
export function renderAgain(prepared: PreparedDocument, to: LanguageCode, states: UnitState[], translated: Translated, rewrite: DestinationRewriter): Promise<string> {
  return settleOutput(prepared.document, prepared.segmentation, states, { rewrite, hasMath: prepared.segmentation.hasMath, translateRuns: translated.translateRuns, to });
}

/**
 * Forgets the translations of units that needed care in an output (`unclean`, per target): they
 * were stored as they arrived, and a later run must ask for them again. (Repaired ones were never
 * stored.)
 */
export function forgetUnclean(prepared: PreparedDocument, memory: TranslationMemory | undefined, unclean: ReadonlyMap<LanguageCode, ReadonlySet<WorkItem>>): void {
  if (!memory) return;
  for (const [to, items] of unclean) for (const item of items) memory.forget(prepared.keyFor(item, to));
}
