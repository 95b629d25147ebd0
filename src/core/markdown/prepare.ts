import { TranslateError } from '../errors';
import type { LanguageCode, SourceLanguage } from '../languages';
import type { TextFormat, TranslationProvider } from '../providers/types';
import { glossaryOf, planBatches, type Batch, type GlossaryChoice, type WorkItem } from './batch';
import { checkCanonical, codecFor, type Codec } from './codec';
import { DEFAULT_FRONT_MATTER_FIELDS } from './frontMatter';
import { memoryKey, type TranslationMemory } from './memory';
import type { Unit } from './model';
import { parseDocument, segment, type ParsedDocument, type Segmentation } from './segment';
import { message } from '../messages';

/**
 * The first step of a localization, which sends nothing: the document parsed and cut into
 * units, one work item per distinct unit, the translation memory consulted, and the units whose
 * text an existing output keeps (a person's edits) set aside.
 */

/** What preparing a document needs. */
export interface PrepareOptions {
  provider: TranslationProvider;
  from: SourceLanguage;
  to: readonly LanguageCode[];
  glossaryKey?: GlossaryChoice;
  memory?: TranslationMemory;
  /** Front-matter string fields to translate (default `title`, `description`; dotted paths reach into mappings). */
  frontMatterFields?: readonly string[];
  /** Request format; default: `markdown` when the provider takes it, else `html`, else `text`. */
  format?: TextFormat;
  /** Protect `$…$` and `$$…$$` math (default true). */
  math?: boolean;
  /** Units packed into one request at most (default 250), besides the provider's character limit. */
  maxUnitsPerRequest?: number;
  /**
   * Per target, units whose text is taken as it stands in the existing output (by unit index:
   * the raw Markdown of the unit, or a front-matter field's value). They are not translated.
   */
  keep?: ReadonlyMap<LanguageCode, ReadonlyMap<number, string>>;
}

/** A prepared document. */
export interface PreparedDocument {
  readonly document: ParsedDocument;
  readonly segmentation: Segmentation;
  readonly codec: Codec;
  readonly targets: LanguageCode[];
  /** Distinct units: each needs the targets in its `targets` (not in the memory, not kept). */
  readonly items: WorkItem[];
  /** The item of each unit. */
  readonly itemOf: WorkItem[];
  /** Units served by the memory (per target, summed). */
  readonly cacheHits: number;
  /** Units taken from the existing output (per target, summed). */
  kept: number;
  /** Per target, the units taken from the existing output (see `PrepareOptions.keep`). */
  readonly keep: Map<LanguageCode, ReadonlyMap<number, string>>;
  /** Targets for which nothing is sent nor written (their output cannot be updated). */
  readonly skipped: Set<LanguageCode>;
  /** The memory key of an item's translation into a target. */
  keyFor(item: WorkItem, to: LanguageCode): string;
}

const DEFAULT_MAX_UNITS = 250;
/** Version of the unit encoding, part of memory keys. */
const ENCODING_VERSION = 1;

/** The request format for a provider. */
export function chooseFormat(provider: TranslationProvider, requested?: TextFormat): TextFormat {
  const formats = provider.capabilities.formats;
  if (requested) {
    if (!formats.includes(requested)) {
      throw new TranslateError('config', message('{0} does not accept {1} requests.', provider.capabilities.displayName, requested));
    }
    return requested;
  }
  if (formats.includes('markdown')) return 'markdown';
  if (formats.includes('html')) return 'html';
  return 'text';
}

/** The canonical text plus the pairing of its atoms (what a translation of it can be reused for). */
export function shapeKey(unit: Unit): string {
  const shape = unit.atoms.map((atom) => (atom.kind === 'solo' ? 's' : `${atom.kind.charAt(0)}${atom.partner}`)).join(',');
  return shape ? `${unit.text}\u0000${shape}` : unit.text;
}

/** The limits requests are packed to for a provider. */
export function batchLimits(provider: TranslationProvider, maxUnitsPerRequest?: number): { maxChars: number; maxUnits: number } {
  return { maxChars: provider.capabilities.maxCharsPerCall, maxUnits: maxUnitsPerRequest ?? DEFAULT_MAX_UNITS };
}

/** Parses and segments a document and finds what must be sent; sends nothing. */
export function prepareDocument(source: string, options: PrepareOptions): PreparedDocument {
  const targets = [...new Set(options.to)];
  if (targets.length === 0) throw new TranslateError('config', message('Choose at least one target language.'));
  const document = parseDocument(source);
  const segmentation = segment(document, {
    frontMatterFields: options.frontMatterFields ?? DEFAULT_FRONT_MATTER_FIELDS,
    math: options.math ?? true,
  });
  const codec = codecFor(chooseFormat(options.provider, options.format));
  const keep = new Map(options.keep ?? []);

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
      provider: options.provider.capabilities.id,
      options: { ...options.provider.memoryOptions?.(), format: codec.format, encoding: ENCODING_VERSION },
      glossaryKey: glossaryOf(options.glossaryKey, to),
      from: options.from,
      to,
      text: item.shape,
    });
  let cacheHits = 0;
  let kept = 0;
  for (const to of targets) kept += keep.get(to)?.size ?? 0;
  for (const item of items) {
    for (const to of targets) {
      const cached = options.memory?.get(keyFor(item, to));
      const checked = cached === undefined ? undefined : checkCanonical(cached, item.unit);
      if (checked !== undefined) {
        item.translations.set(to, checked);
        cacheHits += item.count;
      } else if (!allKept(segmentation, itemOf, item, keep.get(to))) {
        item.targets.push(to);
      }
    }
  }
  return { document, segmentation, codec, targets, items, itemOf, cacheHits, kept, keep, skipped: new Set(), keyFor };
}

/**
 * Takes the units of one target from the existing output (`kept`, by unit index), or nothing at
 * all for that target (`skip`): what they need is no longer sent.
 */
export function keepUnits(prepared: PreparedDocument, to: LanguageCode, kept: ReadonlyMap<number, string>, skip = false): void {
  if (skip) prepared.skipped.add(to);
  else {
    prepared.kept += kept.size - (prepared.keep.get(to)?.size ?? 0);
    prepared.keep.set(to, kept);
  }
  for (const item of prepared.items) {
    const index = item.targets.indexOf(to);
    if (index >= 0 && (skip || allKept(prepared.segmentation, prepared.itemOf, item, kept))) item.targets.splice(index, 1);
  }
}

/** Whether every unit of an item keeps its text from the existing output (nothing to send for it). */
function allKept(segmentation: Segmentation, itemOf: readonly WorkItem[], item: WorkItem, kept: ReadonlyMap<number, string> | undefined): boolean {
  if (!kept || kept.size === 0) return false;
  return segmentation.units.every((unit) => itemOf[unit.index] !== item || kept.has(unit.index));
}

/** The requests a set of prepared documents needs, packed together (pure: for planning and running). */
export function planDocuments(documents: readonly PreparedDocument[], provider: TranslationProvider, maxUnitsPerRequest?: number): Batch[] {
  if (documents.length === 0) return [];
  const targets = [...new Set(documents.flatMap((document) => document.targets))];
  return planBatches(
    distinctItems(documents),
    documents[0].codec,
    batchLimits(provider, maxUnitsPerRequest),
    provider.capabilities.multiTarget,
    targets,
  );
}

/**
 * The items of several documents with each shape once: the first document's item stands for the
 * others (a text common to many files is sent once). `sharing` gives, per representative, the
 * items of the same shape in the other documents.
 */
export function distinctItems(documents: readonly PreparedDocument[], sharing?: Map<WorkItem, WorkItem[]>): WorkItem[] {
  const first = new Map<string, WorkItem>();
  const result: WorkItem[] = [];
  for (const document of documents) {
    for (const item of document.items) {
      if (item.targets.length === 0) continue;
      const representative = first.get(item.shape);
      if (!representative) {
        first.set(item.shape, item);
        result.push(item);
        continue;
      }
      for (const to of item.targets) if (!representative.targets.includes(to)) representative.targets.push(to);
      if (sharing) sharing.set(representative, [...(sharing.get(representative) ?? []), item]);
    }
  }
  return result;
}
