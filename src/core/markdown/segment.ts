import { frontMatterFields, frontMatterLineCount, readFrontMatter, type FrontMatter } from './frontMatter';
import { destinationRange, htmlLinkAttributes } from './links';
import { mapAtxHeading, mapLines, mapTableRow, type ContentMap } from './locate';
import type { Destination, Unit, UnitKind } from './model';
import { markdownParser, type Env, type MdToken } from './parser';
import { protectInline } from './protect';
import { readSource, topFenceLineCount, type SourceText } from './source';
import { frontMatterUnit, markdownUnit, rawEnd } from './units';

/** A parsed source document. */
export interface ParsedDocument {
  readonly source: SourceText;
  /** Block tokens; the markup of an inline token comes from the parser's `inlineMarkup`. */
  readonly tokens: readonly MdToken[];
  readonly env: Env;
  readonly frontMatter: FrontMatter | undefined;
}

/**
 * Parses a document's blocks (front matter and BOM kept out of markdown-it's sight); inline
 * markup is parsed per unit, with positions, when it is needed.
 */
export function parseDocument(raw: string): ParsedDocument {
  const source = readSource(raw, frontMatterLineCount(raw));
  const env: Env = {};
  const tokens = markdownParser().parseBlocks(source.parseText, env);
  return { source, tokens, env, frontMatter: readFrontMatter(source) };
}

export interface SegmentOptions {
  /** Front-matter fields to translate (dotted paths allowed). */
  frontMatterFields: readonly string[];
  /** Protect `$…$` / `$$…$$` math. */
  math: boolean;
}

export interface Segmentation {
  readonly units: Unit[];
  /** Link destinations anywhere in the document (for rewriting relative links). */
  readonly destinations: Destination[];
  /** The document has protected math (translated `$` must then be escaped). */
  readonly hasMath: boolean;
  /** Text that could not be located exactly and is left untranslated (should not happen). */
  readonly warnings: string[];
  /** Lines (0-based) left untranslated: nested past the parser's limit, or not located exactly. */
  readonly skipped: readonly SkippedLine[];
}

export interface SkippedLine {
  line: number;
  reason: 'nesting' | 'unlocated';
}

/** Cuts a parsed document into translatable units and finds its link destinations. */
export function segment(document: ParsedDocument, options: SegmentOptions): Segmentation {
  const segmenter = new Segmenter(document, options);
  const tokens = document.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token.map) continue;
    switch (token.type) {
      case 'html_block':
        addHtmlDestinations(document.source, token.map, segmenter.destinations);
        break;
      case 'reference_definition': {
        const destination = referenceDestination(document.source, token.map);
        if (destination) segmenter.destinations.push(destination);
        break;
      }
      case 'tr_open':
        i = segmenter.tableRow(i);
        break;
      case 'inline':
        segmenter.block(i);
        break;
    }
  }
  return segmenter.result(linesPastNesting(document));
}

/**
 * Lines with text that the parser never read because they are nested past its limit (a list
 * nested a thousand deep): no block but containers covers them. Looked for only when some block
 * reached the limit.
 */
function linesPastNesting(document: ParsedDocument): number[] {
  const { tokens, source } = document;
  const limit = markdownParser().maxNesting;
  if (!tokens.some((token) => token.level >= limit - 1)) return [];
  const read = new Uint8Array(source.lines.length);
  for (const token of tokens) {
    if (!token.map || CONTAINERS.has(token.type)) continue;
    read.fill(1, token.map[0], token.map[1]);
  }
  const lines: number[] = [];
  for (let line = source.frontMatterLines; line < source.lines.length; line++) if (!read[line] && LETTER.test(source.lines[line])) lines.push(line);
  return lines;
}

const CONTAINERS = new Set(['bullet_list_open', 'ordered_list_open', 'list_item_open', 'blockquote_open']);
const LETTER = /\p{L}/u;

/** Where an inline token sits. */
interface InlinePlace {
  kind: UnitKind;
  /** 0-based line of its first character. */
  line: number;
  map: ContentMap | undefined;
  /** It starts a block (paragraph, heading), so line-start characters are escaped. */
  blockStart?: boolean;
  atxHeading?: boolean;
  /** First paragraph of a list item (task box) or of a block quote (alert marker). */
  taskList?: boolean;
  alert?: boolean;
}

class Segmenter {
  readonly units: Unit[] = [];
  readonly destinations: Destination[] = [];
  private readonly warnings: string[] = [];
  private readonly unlocated: number[] = [];
  private hasMath = false;
  /** Lines between `---` fences at the top that are not front matter (see `Unit.escapeColons`). */
  private readonly fencedLines: number;

  constructor(
    private readonly document: ParsedDocument,
    private readonly options: SegmentOptions,
  ) {
    const source = document.source;
    this.fencedLines = source.frontMatterLines === 0 ? topFenceLineCount(source.raw) : 0;
    if (document.frontMatter) {
      for (const field of frontMatterFields(document.frontMatter, options.frontMatterFields, source)) {
        const unit = frontMatterUnit(this.units.length, field);
        if (unit) this.units.push(unit);
      }
    }
  }

  result(nested: readonly number[]): Segmentation {
    const skipped: SkippedLine[] = [...this.unlocated.map((line) => ({ line, reason: 'unlocated' as const })), ...nested.map((line) => ({ line, reason: 'nesting' as const }))];
    return { units: this.units, destinations: this.destinations, hasMath: this.hasMath, warnings: this.warnings, skipped };
  }

  private warn(line: number, message: string): void {
    this.warnings.push(`line ${line + 1}: ${message}`);
    this.unlocated.push(line);
  }

  /** The cells of the row opened at `tokens[open]`; returns the index of its `tr_close`. */
  tableRow(open: number): number {
    const tokens = this.document.tokens;
    const line = tokens[open].map![0];
    const cells: number[] = [];
    let close = open + 1;
    for (; close < tokens.length && tokens[close].type !== 'tr_close'; close++) if (tokens[close].type === 'inline') cells.push(close);
    const maps = mapTableRow(this.document.source, line, cells.map((cell) => tokens[cell].content));
    if (!maps) this.warn(line, 'could not locate the table cells; the row is left untranslated');
    cells.forEach((cell, k) => {
      if (maps?.[k]) this.addInline(cell, { kind: 'cell', line, map: maps[k] });
    });
    return close;
  }

  /** The inline token of a paragraph or heading. */
  block(index: number): void {
    const tokens = this.document.tokens;
    const token = tokens[index];
    const [first, end] = token.map!;
    const opener = tokens[index - 1];
    const source = this.document.source;
    if (opener.type === 'paragraph_open') {
      const parent = tokens[index - 2];
      const map = mapLines(source, token.content, first, end - first);
      this.addInline(index, { kind: 'paragraph', line: first, map, blockStart: true, taskList: parent?.type === 'list_item_open', alert: parent?.type === 'blockquote_open' });
    } else if (opener.type === 'heading_open') {
      const atx = opener.markup.startsWith('#');
      const map = atx ? mapAtxHeading(source, token.content, first) : mapLines(source, token.content, first, end - first);
      this.addInline(index, { kind: 'heading', line: first, map, blockStart: true, atxHeading: atx });
    }
  }

  /** Protects an inline token's markup, records its destinations and adds its unit (if it has text). */
  private addInline(index: number, where: InlinePlace): void {
    const { kind, line, map, blockStart = false, atxHeading = false, taskList = false, alert = false } = where;
    const { source, env } = this.document;
    const content = this.document.tokens[index].content;
    if (content.length === 0) return;
    if (!map) {
      this.warn(line, 'could not locate the text; it is left untranslated');
      return;
    }
    const marks = markdownParser().inlineMarkup(this.document.tokens[index], env);
    const protection = protectInline(content, marks, { math: this.options.math, taskList, alert });
    if (!protection) {
      this.warn(line, 'could not locate the inline markup; the text is left untranslated');
      return;
    }
    for (const range of protection.destinations) {
      const start = map(range.start);
      const end = rawEnd(map, content.length, range.end);
      this.destinations.push({ start, end, value: source.raw.slice(start, end) });
    }
    if (protection.atoms.some((atom) => atom.role === 'math')) this.hasMath = true;
    const unit = markdownUnit(this.units.length, kind, line, content, map, protection.atoms, blockStart, atxHeading, index);
    if (unit) this.units.push(line < this.fencedLines ? { ...unit, escapeColons: true } : unit);
  }
}

/** Destinations in `src` / `href` attributes of an HTML block. */
function addHtmlDestinations(source: SourceText, map: readonly [number, number], destinations: Destination[]): void {
  const start = source.rawLineStarts[map[0]];
  const end = source.rawLineEnds[map[1] - 1];
  for (const range of htmlLinkAttributes(source.raw.slice(start, end))) {
    destinations.push({ start: start + range.start, end: start + range.end, value: range.value });
  }
}

/** The destination of a link reference definition `[label]: destination "title"`. */
function referenceDestination(source: SourceText, map: readonly [number, number]): Destination | undefined {
  const start = source.rawLineStarts[map[0]];
  const text = source.raw.slice(start, source.rawLineEnds[map[1] - 1]);
  let pos = text.indexOf('[');
  if (pos < 0) return undefined;
  for (pos++; pos < text.length; pos++) {
    const char = text.charAt(pos);
    if (char === '\\') pos++;
    else if (char === ']') break;
  }
  if (text.charAt(pos + 1) !== ':') return undefined;
  pos += 2;
  let afterNewline = false;
  while (pos < text.length) {
    const char = text.charAt(pos);
    if (char === '\n' || char === '\r') afterNewline = true;
    else if (!(char === ' ' || char === '\t' || (afterNewline && char === '>'))) break;
    pos++;
  }
  const range = destinationRange(text, pos, text.length);
  return range && { start: start + range.start, end: start + range.end, value: source.raw.slice(start + range.start, start + range.end) };
}
