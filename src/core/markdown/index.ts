import * as path from 'node:path';
import { TranslateError } from '../errors';
import type { LanguageCode, SourceLanguage } from '../languages';
import type { JobState, TextFormat, TranslationProvider } from '../providers/types';
import { planBatches, runBatches, type Batch, type RunOptions, type RunStats, type WorkItem } from './batch';
import { checkCanonical, codecFor, type Codec } from './codec';
import { readMarkdownFile, writeFileAtomic } from './files';
import { DEFAULT_FRONT_MATTER_FIELDS } from './frontMatter';
import { relativeRewriter, type DestinationRewriter } from './links';
import { memoryKey, type TranslationMemory } from './memory';
import type { Unit } from './model';
import { DEFAULT_OUTPUT_PATTERN, outputPathFor } from './output';
import { runTranslator, runsState, settleOutput, type RunTranslator, type UnitState } from './recover';
import { markdownParser } from './parser';
import { parseDocument, segment, type ParsedDocument, type Segmentation } from './segment';

export { DEFAULT_FRONT_MATTER_FIELDS } from './frontMatter';
export { FileTranslationMemory, InMemoryTranslationMemory, memoryKey, type TranslationMemory, type MemoryKeyParts } from './memory';
export { DEFAULT_OUTPUT_PATTERN, outputPathFor } from './output';
export { readMarkdownFile, writeFileAtomic, decodeMarkdownBytes } from './files';
export { STRUCTURE_ERROR_CODE, isStructureError } from './errors';

/** Options of `localizeMarkdown` and `planMarkdown`. */
export interface LocalizeOptions {
  provider: TranslationProvider;
  from: SourceLanguage;
  to: readonly LanguageCode[];
  glossaryKey?: string;
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

export interface LocalizedOutput {
  to: LanguageCode;
  text: string;
  /** Units translated, but only after a recovery (their markup was repaired or rebuilt). */
  degraded: UnitNote[];
  /** Units left in the source language. */
  untranslated: UnitNote[];
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

/** A unit that needed care, at its 1-based line in the source. */
export interface UnitNote {
  line: number;
  reason: UnitNoteReason;
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

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_MAX_UNITS = 250;
/** Version of the unit encoding, part of memory keys. */
const ENCODING_VERSION = 1;

/** The request format for a provider. */
export function chooseFormat(provider: TranslationProvider, requested?: TextFormat): TextFormat {
  const formats = provider.capabilities.formats;
  if (requested) {
    if (!formats.includes(requested)) {
      throw new TranslateError('config', `${provider.capabilities.displayName} does not accept ${requested} requests.`);
    }
    return requested;
  }
  if (formats.includes('markdown')) return 'markdown';
  if (formats.includes('html')) return 'html';
  return 'text';
}

interface Prepared {
  document: ParsedDocument;
  segmentation: Segmentation;
  codec: Codec;
  targets: LanguageCode[];
  items: WorkItem[];
  /** Item of each unit. */
  itemOf: WorkItem[];
  cacheHits: number;
  batches: Batch[];
  keyFor(item: WorkItem, to: LanguageCode): string;
}

function prepare(source: string, options: LocalizeOptions): Prepared {
  const targets = [...new Set(options.to)];
  if (targets.length === 0) throw new TranslateError('config', 'Choose at least one target language.');
  const document = parseDocument(source);
  const segmentation = segment(document, {
    frontMatterFields: options.frontMatterFields ?? DEFAULT_FRONT_MATTER_FIELDS,
    math: options.math ?? true,
  });
  const codec = codecFor(chooseFormat(options.provider, options.format));
  const capabilities = options.provider.capabilities;

  // One work item per distinct unit (same text and same kind of markup).
  const byShape = new Map<string, WorkItem>();
  const items: WorkItem[] = [];
  const itemOf: WorkItem[] = [];
  for (const unit of segmentation.units) {
    const shape = shapeKey(unit);
    let item = byShape.get(shape);
    if (!item) {
      item = { unit, body: codec.encode(unit), lines: [], count: 0, targets: [], shape, translations: new Map() };
      byShape.set(shape, item);
      items.push(item);
    }
    item.lines.push(unit.line);
    item.count++;
    itemOf.push(item);
  }

  const keyFor = (item: WorkItem, to: LanguageCode): string =>
    memoryKey({
      provider: capabilities.id,
      options: { ...options.provider.memoryOptions?.(), format: codec.format, encoding: ENCODING_VERSION },
      glossaryKey: options.glossaryKey,
      from: options.from,
      to,
      text: item.shape,
    });
  let cacheHits = 0;
  for (const item of items) {
    const found = item.translations;
    for (const to of targets) {
      const cached = options.memory?.get(keyFor(item, to));
      const checked = cached === undefined ? undefined : checkCanonical(cached, item.unit);
      if (checked !== undefined) {
        found.set(to, checked);
        cacheHits += item.count;
      } else {
        item.targets.push(to);
      }
    }
  }
  const batches = planBatches(
    items,
    codec,
    { maxChars: capabilities.maxCharsPerCall, maxUnits: options.maxUnitsPerRequest ?? DEFAULT_MAX_UNITS },
    capabilities.multiTarget,
    targets,
  );
  return { document, segmentation, codec, targets, items, itemOf, cacheHits, batches, keyFor };
}

/** The canonical text plus the pairing of its atoms (what a translation of it can be reused for). */
function shapeKey(unit: Unit): string {
  const shape = unit.atoms.map((atom) => (atom.kind === 'solo' ? 's' : `${atom.kind.charAt(0)}${atom.partner}`)).join(',');
  return shape ? `${unit.text}\u0000${shape}` : unit.text;
}

/**
 * Reports what `localizeMarkdown` would do with these options, sending nothing: units,
 * characters to send, memory hits and the number of provider calls.
 */
export function planMarkdown(source: string, options: LocalizeOptions): MarkdownPlan {
  const prepared = prepare(source, options);
  return {
    segments: prepared.segmentation.units.length,
    distinctSegments: prepared.items.length,
    charsToSend: prepared.batches.reduce((sum, batch) => sum + batch.chars, 0),
    cacheHits: prepared.cacheHits,
    requestsEstimate: prepared.batches.length,
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
 * the run throws only for provider errors and for what cannot be narrowed to units.
 */
export async function localizeMarkdown(source: string, options: LocalizeOptions): Promise<LocalizeResult> {
  const prepared = prepare(source, options);
  const { segmentation, targets } = prepared;
  const care: Care = { repaired: new Map(), failed: new Map() };
  const runOptions = {
    provider: options.provider,
    codec: prepared.codec,
    from: options.from,
    glossaryKey: options.glossaryKey,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    signal: options.signal,
    onJobState: options.onJobState,
  };
  let stats: RunStats;
  try {
    stats = await translateItems(prepared, options, runOptions, care);
  } catch (error) {
    // Translations that arrived are remembered even when the run fails (they cost money); a
    // failure to save the memory must not hide the run's own error.
    await remember(prepared, options, care, new Map()).catch(() => undefined);
    throw error;
  }
  const capabilities = options.provider.capabilities;
  const limits = { maxChars: capabilities.maxCharsPerCall, maxUnits: options.maxUnitsPerRequest ?? DEFAULT_MAX_UNITS };
  const translateRuns = runTranslator(runOptions, limits, capabilities.multiTarget, stats);
  const outputs: LocalizedOutput[] = [];
  const unclean = new Map<LanguageCode, ReadonlySet<WorkItem>>();
  for (const to of targets) {
    const { output, states } = await localizeOutput(prepared, options, to, care, translateRuns);
    outputs.push(output);
    unclean.set(to, new Set(segmentation.units.filter((unit) => states[unit.index].reason !== undefined).map((unit) => prepared.itemOf[unit.index])));
  }
  await remember(prepared, options, care, unclean);
  return {
    outputs,
    segments: segmentation.units.length,
    charsSent: stats.charsSent,
    requests: stats.requests,
    cacheHits: prepared.cacheHits,
    calls: stats.calls,
    warnings: segmentation.warnings,
  };
}

/** Sends the items the memory did not have, noting which came back repaired and which failed. */
async function translateItems(prepared: Prepared, options: LocalizeOptions, runOptions: Omit<RunOptions, 'deliver' | 'fail'>, care: Care): Promise<RunStats> {
  const total = prepared.segmentation.units.length * prepared.targets.length;
  let done = prepared.cacheHits;
  options.onProgress?.(done, total);
  const progress = (item: WorkItem): void => {
    done += item.count;
    options.onProgress?.(done, total);
  };
  const mark = (marks: Map<WorkItem, Set<LanguageCode>>, item: WorkItem, to: LanguageCode): void => {
    marks.set(item, (marks.get(item) ?? new Set()).add(to));
  };
  return runBatches(prepared.batches, {
    ...runOptions,
    deliver(item, to, translation, repaired) {
      if (item.translations.has(to)) return;
      item.translations.set(to, translation);
      if (repaired) mark(care.repaired, item, to);
      progress(item);
    },
    fail(item, to) {
      mark(care.failed, item, to);
      progress(item);
    },
  });
}

/** Items whose translation into a target was repaired, or failed. */
interface Care {
  repaired: Map<WorkItem, Set<LanguageCode>>;
  failed: Map<WorkItem, Set<LanguageCode>>;
}

/** One output: failed units translated run by run, then rendered and settled with the guard. */
async function localizeOutput(prepared: Prepared, options: LocalizeOptions, to: LanguageCode, care: Care, translateRuns: RunTranslator): Promise<{ output: LocalizedOutput; states: UnitState[] }> {
  const { segmentation, itemOf } = prepared;
  const units = segmentation.units;
  const states: UnitState[] = units.map((unit) => {
    const item = itemOf[unit.index];
    return { translation: item.translations.get(to), reason: care.repaired.get(item)?.has(to) ? 'repaired' : undefined, html: false, runs: false };
  });
  const failed = units.filter((unit) => care.failed.get(itemOf[unit.index])?.has(to));
  if (failed.length > 0) {
    const translated = await translateRuns(failed, to);
    for (const unit of failed) states[unit.index] = runsState(unit, translated.get(unit.index));
  }
  const text = await settleOutput(prepared.document, segmentation, states, { rewrite: rewriterFor(options, to), hasMath: segmentation.hasMath, translateRuns, to });
  const degraded: UnitNote[] = [];
  const untranslated: UnitNote[] = segmentation.skipped.map((skipped) => ({ line: skipped.line + 1, reason: skipped.reason }));
  for (const unit of units) {
    const reason = states[unit.index].reason;
    if (reason === 'source') untranslated.push({ line: unit.line + 1, reason });
    else if (reason !== undefined) degraded.push({ line: unit.line + 1, reason });
  }
  untranslated.sort((a, b) => a.line - b.line);
  return { output: { to, text, degraded, untranslated }, states };
}

/**
 * Stores the translations that came back clean in the translation memory (the only place it is
 * written): not the repaired ones, nor those of items with a unit that needed care in an output
 * (`unclean`, per target), so that a later run tries them again.
 */
async function remember(prepared: Prepared, options: LocalizeOptions, care: Care, unclean: ReadonlyMap<LanguageCode, ReadonlySet<WorkItem>>): Promise<void> {
  const memory = options.memory;
  if (!memory) return;
  for (const item of prepared.items) {
    for (const to of item.targets) {
      const translation = item.translations.get(to);
      if (translation === undefined || care.repaired.get(item)?.has(to) || unclean.get(to)?.has(item)) continue;
      memory.set(prepared.keyFor(item, to), translation);
    }
  }
  await memory.flush();
}

function rewriterFor(options: LocalizeOptions, to: LanguageCode): DestinationRewriter | undefined {
  if (!options.sourcePath || !options.outputPathFor) return undefined;
  return relativeRewriter(path.dirname(options.sourcePath), path.dirname(options.outputPathFor(to)), (raw) => markdownParser().unescapeAll(raw));
}

export interface LocalizeFileOptions extends Omit<LocalizeOptions, 'sourcePath' | 'outputPathFor'> {
  /** Output pattern (see `outputPathFor`); default `{dir}/{name}.{lang}.{ext}`. */
  pattern?: string;
  /** Write the outputs (default true); false only computes them. */
  write?: boolean;
}

export interface LocalizeFileResult extends LocalizeResult {
  files: { to: LanguageCode; path: string }[];
}

/**
 * Reads a Markdown file, localizes it and writes one file per target (atomically, only after
 * every target passed the structural guard).
 */
export async function localizeMarkdownFile(file: string, options: LocalizeFileOptions): Promise<LocalizeFileResult> {
  const source = await readMarkdownFile(file);
  const pattern = options.pattern ?? DEFAULT_OUTPUT_PATTERN;
  const pathFor = (to: LanguageCode): string => outputPathFor(file, to, pattern);
  for (const to of options.to) {
    if (path.resolve(pathFor(to)) === path.resolve(file)) {
      throw new TranslateError('config', `The output pattern "${pattern}" would overwrite the source file ${file}.`);
    }
  }
  const result = await localizeMarkdown(source, { ...options, sourcePath: file, outputPathFor: pathFor });
  const files = result.outputs.map((output) => ({ to: output.to, path: pathFor(output.to) }));
  if (options.write ?? true) {
    for (const [index, output] of result.outputs.entries()) await writeFileAtomic(files[index].path, output.text);
  }
  return { ...result, files };
}
