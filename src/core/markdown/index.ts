import * as path from 'node:path';
import type { LanguageCode, SourceLanguage } from '../languages';
import type { JobState, TextFormat, TranslationProvider } from '../providers/types';
import type { GlossaryChoice, WorkItem } from './batch';
import { relativeRewriter, type DestinationRewriter } from './links';
import type { TranslationMemory } from './memory';
import type { Unit } from './model';
import { markdownParser } from './parser';
import { finishOutput, forgetUnclean, translateDocuments, type LocalizedOutput } from './pipeline';
import { planDocuments, prepareDocument } from './prepare';

export { DEFAULT_FRONT_MATTER_FIELDS } from './frontMatter';
export { FileTranslationMemory, InMemoryTranslationMemory, memoryKey, type TranslationMemory, type MemoryKeyParts } from './memory';
export { DEFAULT_OUTPUT_PATTERN, outputPathFor } from './output';
export { readMarkdownFile, decodeMarkdownBytes } from './files';
export { STRUCTURE_ERROR_CODE, isStructureError } from './errors';
export { finishOutput, forgetUnclean, renderAgain, stopsTheRun, translateDocuments, type Care, type LocalizedOutput, type Translated, type TranslateOptions, type UnitNote, type UnitNoteReason } from './pipeline';
export { chooseFormat, keepUnits, planDocuments, prepareDocument, type PreparedDocument, type PrepareOptions } from './prepare';

/** Options of `localizeMarkdown` and `planMarkdown`. */
export interface LocalizeOptions {
  provider: TranslationProvider;
  from: SourceLanguage;
  to: readonly LanguageCode[];
  /** A glossary for every target, or one per target (Papago). */
  glossaryKey?: GlossaryChoice;
  /** Provider calls in flight at once (default 4). */
  concurrency?: number;
  memory?: TranslationMemory;
  signal?: AbortSignal;
  onJobState?: (state: JobState) => void;
  /** Units translated (or found in memory) so far, per target, out of `segments × targets`. */
  onProgress?: (done: number, total: number) => void;
  /** Front-matter string fields to translate (default `title`, `description`; dotted paths reach into mappings). */
  frontMatterFields?: readonly string[];
  /** Request format; default: `markdown` when the provider takes it, else `html`, else `text`. */
  format?: TextFormat;
  /** Protect `$…$` and `$$…$$` math (default true). */
  math?: boolean;
  /** Units packed into one request at most (default 250), besides the provider's character limit. */
  maxUnitsPerRequest?: number;
  /** The source file, to rewrite relative links when the output lives in another folder. */
  sourcePath?: string;
  /** Where the output for a target goes, with `sourcePath` (relative links are rewritten for it). */
  outputPathFor?: (to: LanguageCode) => string;
}

export interface LocalizeResult {
  outputs: LocalizedOutput[];
  /** Translatable units in the document. */
  segments: number;
  /** Characters sent, from the provider's results. */
  charsSent: number;
  /** HTTP requests, from the provider's results. */
  requests: number;
  /** Units served from the translation memory (per target, summed). */
  cacheHits: number;
  /** Provider calls made. */
  calls: number;
  /** Text left untranslated because it could not be located exactly (should stay empty). */
  warnings: string[];
}

export interface MarkdownPlan {
  /** Translatable units. */
  segments: number;
  /** Distinct unit texts among them. */
  distinctSegments: number;
  /** Characters of the requests that would be sent. */
  charsToSend: number;
  /** Units that the memory already holds (per target, summed). */
  cacheHits: number;
  /** Provider calls that would be made (more if a packed answer has to be retried unit by unit). */
  requestsEstimate: number;
  /** Request format that would be used. */
  format: TextFormat;
  /** Where each unit is (1-based line), its kind and its canonical text. */
  units: { line: number; kind: Unit['kind']; text: string }[];
  warnings: string[];
}

/**
 * Reports what `localizeMarkdown` would do with these options, sending nothing: units,
 * characters to send, memory hits and the number of provider calls.
 */
export function planMarkdown(source: string, options: LocalizeOptions): MarkdownPlan {
  const prepared = prepareDocument(source, options);
  const batches = planDocuments([prepared], options.provider, options.maxUnitsPerRequest);
  return {
    segments: prepared.segmentation.units.length,
    distinctSegments: prepared.items.length,
    charsToSend: batches.reduce((sum, batch) => sum + batch.chars, 0),
    cacheHits: prepared.cacheHits,
    requestsEstimate: batches.length,
    format: prepared.codec.format,
    units: prepared.segmentation.units.map((unit) => ({ line: unit.line + 1, kind: unit.kind, text: unit.text })),
    warnings: prepared.segmentation.warnings,
  };
}

/**
 * Translates a Markdown document into each target language. Only text is sent (paragraphs,
 * headings, list items, table cells, block quotes, link and image text, allow-listed front
 * matter fields); everything else is copied byte for byte. Each output is checked by the
 * structural guard. A unit whose markup does not come back intact, or that the guard finds
 * changed, is recovered on its own (repaired, written with HTML emphasis, translated run by run,
 * or kept in the source language) and reported in the output's `degraded` or `untranslated`;
 * the run throws only for provider errors and for what cannot be narrowed to units. Clean
 * translations go to the memory as they arrive (the caller saves it).
 */
export async function localizeMarkdown(source: string, options: LocalizeOptions): Promise<LocalizeResult> {
  const prepared = prepareDocument(source, options);
  // Clean translations go to the memory as they arrive, also when the run fails (they cost money).
  const translated = await translateDocuments([prepared], options);
  const failure = translated.care.errors.values().next();
  if (!failure.done) throw failure.value;
  const outputs: LocalizedOutput[] = [];
  const unclean = new Map<LanguageCode, ReadonlySet<WorkItem>>();
  for (const to of prepared.targets) {
    const finished = await finishOutput(prepared, to, translated, rewriterFor(options, to));
    outputs.push(finished.output);
    unclean.set(to, finished.unclean);
  }
  forgetUnclean(prepared, options.memory, unclean);
  return {
    outputs,
    segments: prepared.segmentation.units.length,
    charsSent: translated.stats.charsSent,
    requests: translated.stats.requests,
    cacheHits: prepared.cacheHits,
    calls: translated.stats.calls,
    warnings: prepared.segmentation.warnings,
  };
}

/** The rewriter of relative destinations for an output in another folder than its source. */
export function rewriterFor(options: Pick<LocalizeOptions, 'sourcePath' | 'outputPathFor'>, to: LanguageCode): DestinationRewriter | undefined {
  if (!options.sourcePath || !options.outputPathFor) return undefined;
  return relativeRewriter(path.dirname(options.sourcePath), path.dirname(options.outputPathFor(to)), (raw) => markdownParser().unescapeAll(raw));
}
