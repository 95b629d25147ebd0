import { frontMatterFields, frontMatterLineCount, readFrontMatter, type FrontMatter, type FrontMatterField } from './frontMatter';
import { htmlLinkAttributes } from './links';
import type { Atom, Destination, Gap, Separator, Unit, UnitKind } from './model';
import { placeholder } from './model';
import { blockParser, inlineMarkup, trackingParser, type Env, type Markdown, type Token } from './parser';
import { protectInline, type ContentAtom } from './protect';
import { detectFrontMatterLines, readSource, type SourceText } from './source';

/** A parsed source document. */
export interface ParsedDocument {
  readonly source: SourceText;
  /** Block tokens; the markup of an inline token comes from `inlineMarkup(token, env)`. */
  readonly tokens: readonly Token[];
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
  const tokens = blockParser().parse(source.parseText, env);
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
}

/** Cuts a parsed document into translatable units and finds its link destinations. */
export function segment(document: ParsedDocument, options: SegmentOptions): Segmentation {
  const md = trackingParser();
  const { source, tokens } = document;
  const units: Unit[] = [];
  const destinations: Destination[] = [];
  const warnings: string[] = [];
  let hasMath = false;
  // Lines between `---` fences at the top that are not front matter (see `Unit.escapeColons`).
  const fencedLines = source.frontMatterLines === 0 ? detectFrontMatterLines(source.raw) : 0;

  if (document.frontMatter) {
    for (const field of frontMatterFields(document.frontMatter, options.frontMatterFields, source)) {
      const unit = frontMatterUnit(units.length, field);
      if (unit) units.push(unit);
    }
  }

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'html_block' && token.map) {
      addHtmlDestinations(source, token.map, destinations);
      continue;
    }
    if (token.type === 'reference_definition' && token.map) {
      const destination = referenceDestination(md, source, token.map);
      if (destination) destinations.push(destination);
      continue;
    }
    if (token.type === 'tr_open' && token.map) {
      const cells: Token[] = [];
      let j = i + 1;
      for (; j < tokens.length && tokens[j].type !== 'tr_close'; j++) if (tokens[j].type === 'inline') cells.push(tokens[j]);
      const mappings = mapTableRow(source, token.map[0], cells.map((cell) => cell.content));
      if (!mappings) warnings.push(`line ${token.map[0] + 1}: could not locate the table cells; the row is left untranslated`);
      cells.forEach((cell, k) => {
        if (mappings?.[k]) addInline(cell, { kind: 'cell', line: token.map![0], map: mappings[k] });
      });
      i = j;
      continue;
    }
    if (token.type !== 'inline' || !token.map) continue;
    const opener = tokens[i - 1];
    if (opener.type === 'paragraph_open') {
      const parent = tokens[i - 2];
      const map = mapLines(source, token.content, token.map[0], token.map[1] - token.map[0]);
      addInline(token, {
        kind: 'paragraph',
        line: token.map[0],
        map,
        blockStart: true,
        taskList: parent?.type === 'list_item_open',
        alert: parent?.type === 'blockquote_open',
      });
    } else if (opener.type === 'heading_open') {
      const atx = opener.markup.startsWith('#');
      const map = atx
        ? mapAtxHeading(source, token.content, token.map[0])
        : mapLines(source, token.content, token.map[0], token.map[1] - token.map[0]);
      addInline(token, { kind: 'heading', line: token.map[0], map, blockStart: true, atxHeading: atx });
    }
  }
  return { units, destinations, hasMath, warnings };

  /** Protects an inline token's markup, records its destinations and adds its unit (if it has text). */
  function addInline(token: Token, where: InlinePlace): void {
    const { kind, line, map, blockStart = false, atxHeading = false, taskList = false, alert = false } = where;
    const content = token.content;
    if (content.length === 0) return;
    if (!map) {
      warnings.push(`line ${line + 1}: could not locate the text; it is left untranslated`);
      return;
    }
    const protection = protectInline(md, content, inlineMarkup(token, document.env), { math: options.math, taskList, alert });
    if (!protection) {
      warnings.push(`line ${line + 1}: could not locate the inline markup; the text is left untranslated`);
      return;
    }
    for (const range of protection.destinations) {
      const start = rawStart(map, range.start);
      const end = rawEnd(map, content.length, range.end);
      destinations.push({ start, end, value: source.raw.slice(start, end) });
    }
    if (protection.atoms.some((atom) => atom.role === 'math')) hasMath = true;
    const unit = markdownUnit(units.length, kind, line, content, map, protection.atoms, blockStart, atxHeading);
    if (unit) units.push(line < fencedLines ? { ...unit, escapeColons: true } : unit);
  }
}

/** Maps a position in an inline token's content to its raw offset in the document. */
export type ContentMap = (index: number) => number;

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

/** Raw offset of a content position. */
function rawStart(map: ContentMap, index: number): number {
  return map(index);
}

/** Raw offset just after a content range ending at `end`. */
function rawEnd(map: ContentMap, length: number, end: number): number {
  return end < length ? map(end) : map(length - 1) + 1;
}

const LETTER = /\p{L}/u;

function markdownUnit(
  index: number,
  kind: UnitKind,
  line: number,
  content: string,
  map: ContentMap,
  contentAtoms: readonly ContentAtom[],
  blockStart: boolean,
  atxHeading: boolean,
): Unit | undefined {
  const length = content.length;
  const unitStart = map(0);
  const unitEnd = map(length - 1) + 1;
  const atoms: Atom[] = contentAtoms.map((atom, k) => ({
    id: k + 1,
    role: atom.role,
    kind: atom.kind,
    partner: atom.partner + 1,
    start: rawStart(map, atom.start),
    end: rawEnd(map, length, atom.end),
    endsLine: atom.role === 'break',
    bareClose: atom.bareClose,
    label: atom.label ? { start: rawStart(map, atom.label.start), end: rawEnd(map, length, atom.label.end) } : undefined,
    anchored: atom.anchored,
  }));
  const gaps: Gap[] = [];
  let text = '';
  let hasLetter = false;
  for (let k = 0; k <= atoms.length; k++) {
    const from = k === 0 ? 0 : contentAtoms[k - 1].end;
    const to = k === atoms.length ? length : contentAtoms[k].start;
    const start = k === 0 ? unitStart : atoms[k - 1].end;
    const end = k === atoms.length ? unitEnd : atoms[k].start;
    const gap = makeGap(content, map, from, to, start, end, text.length);
    gaps.push(gap);
    text += gap.plain;
    if (!hasLetter && LETTER.test(gap.plain)) hasLetter = true;
    if (k < atoms.length) text += placeholder(k + 1);
  }
  if (!hasLetter) return undefined;
  return { index, kind, line, start: unitStart, end: unitEnd, atoms, gaps, text, blockStart, atxHeading };
}

/** A gap's plain text: line breaks (with the whitespace around them) read as one space; escapes and entities decoded. */
function makeGap(content: string, map: ContentMap, from: number, to: number, start: number, end: number, offset: number): Gap {
  if (from >= to) return { start, end, offset, plain: '', separators: [] };
  const slice = content.slice(from, to);
  if (!slice.includes('\n')) return { start, end, offset, plain: decode(slice), separators: [] };
  const separators: Separator[] = [];
  const plain: string[] = [];
  let plainLength = 0;
  let last = from;
  const breaks = /[ \t]*\n[ \t]*/g;
  breaks.lastIndex = 0;
  for (let match = breaks.exec(slice); match; match = breaks.exec(slice)) {
    const wsStart = from + match.index;
    const wsEnd = wsStart + match[0].length;
    const before = decode(content.slice(last, wsStart));
    plain.push(before, ' ');
    plainLength += before.length;
    separators.push({ start: map(wsStart), end: rawEnd(map, content.length, wsEnd), offset: offset + plainLength });
    plainLength += 1;
    last = wsEnd;
  }
  plain.push(decode(content.slice(last, to)));
  return { start, end, offset, plain: plain.join(''), separators };
}

/**
 * What a reader sees of raw inline text: backslash escapes and entities decoded as markdown-it
 * does (invalid numeric references give U+FFFD). Line feeds written as entities read as spaces,
 * so that a unit's text never holds a line break.
 */
function decode(text: string): string {
  if (!/[\\&]/.test(text)) return text;
  const utils = trackingParser().utils;
  const numeric = text.replace(/&#(x[0-9a-f]{1,6}|[0-9]{1,7});/gi, (match, code: string) => {
    const value = code.charAt(0).toLowerCase() === 'x' ? parseInt(code.slice(1), 16) : parseInt(code, 10);
    return utils.isValidEntityCode(value) ? match : '\uFFFD';
  });
  return utils.unescapeAll(numeric).replace(/[\r\n]/g, ' ');
}

function frontMatterUnit(index: number, field: FrontMatterField): Unit | undefined {
  const value = field.value;
  if (!LETTER.test(value)) return undefined;
  // Line breaks and URLs in the value are atoms; the rest is text.
  const protect = /\r\n|\n|\r|(?:\b(?:https?|ftp):\/\/|\bwww\.)[^\s<>]+|[⟦⟧]+/g;
  const atoms: Atom[] = [];
  const gaps: Gap[] = [];
  const text: string[] = [];
  let last = 0;
  for (let match = protect.exec(value); match; match = protect.exec(value)) {
    const plain = value.slice(last, match.index);
    gaps.push({ start: field.start, end: field.start, offset: text.join('').length, plain, separators: [] });
    const id = atoms.length + 1;
    const role = /^[\r\n]/.test(match[0]) ? 'newline' : /^[⟦⟧]/.test(match[0]) ? 'literal' : 'url';
    atoms.push({ id, role, kind: 'solo', partner: 0, start: field.start, end: field.start, text: match[0], endsLine: false, bareClose: false });
    text.push(plain, placeholder(id));
    last = match.index + match[0].length;
  }
  gaps.push({ start: field.start, end: field.start, offset: text.join('').length, plain: value.slice(last), separators: [] });
  text.push(value.slice(last));
  return {
    index,
    kind: 'frontMatter',
    line: field.line,
    start: field.start,
    end: field.end,
    atoms,
    gaps,
    text: text.join(''),
    blockStart: false,
    atxHeading: false,
    field,
  };
}

/**
 * Maps the content of a paragraph or setext heading (markdown-it's `getLines(...)` trimmed)
 * back to raw offsets. Each content line is the end of its source line, after the container
 * prefix, except the last, whose trailing spaces were trimmed; leading spaces may be synthetic
 * (a tab split by an indent) and then map to the tab. `\n` maps to the raw line end.
 */
export function mapLines(source: SourceText, content: string, firstLine: number, lineCount: number): ContentMap | undefined {
  // Per content line: where it starts in the content, how many synthetic spaces lead it, and
  // the raw offset of its first real character.
  const starts = new Int32Array(lineCount);
  const synthetics = new Int32Array(lineCount);
  const raws = new Int32Array(lineCount);
  const ends = new Int32Array(lineCount);
  let lineStartInContent = 0;
  for (let k = 0; k < lineCount; k++) {
    const lineNumber = firstLine + k;
    const line = source.lines[lineNumber];
    if (line === undefined) return undefined;
    const newline = k === lineCount - 1 ? content.length : content.indexOf('\n', lineStartInContent);
    if (newline < 0) return undefined;
    const contentLength = newline - lineStartInContent;
    let lineEnd = line.length;
    if (k === lineCount - 1) while (lineEnd > 0 && isAsciiSpace(line.charCodeAt(lineEnd - 1))) lineEnd--;
    let synthetic = 0;
    while (synthetic <= contentLength) {
      const realStart = lineEnd - (contentLength - synthetic);
      if (realStart >= 0 && sameText(content, lineStartInContent + synthetic, newline, line, realStart)) break;
      if (content.charCodeAt(lineStartInContent + synthetic) !== 0x20) return undefined;
      synthetic++;
    }
    if (synthetic > contentLength) return undefined;
    starts[k] = lineStartInContent;
    synthetics[k] = synthetic;
    raws[k] = source.rawLineStarts[lineNumber] + lineEnd - (contentLength - synthetic);
    ends[k] = source.rawLineEnds[lineNumber];
    lineStartInContent = newline + 1;
  }
  if (lineStartInContent !== content.length + 1) return undefined;
  return (index) => {
    let low = 0;
    let high = lineCount - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= index) low = mid;
      else high = mid - 1;
    }
    const column = index - starts[low];
    const next = low + 1 < lineCount ? starts[low + 1] - 1 : content.length;
    if (index === next) return ends[low]; // the line's \n
    const synthetic = synthetics[low];
    return column < synthetic ? Math.max(raws[low] - 1, 0) : raws[low] + column - synthetic;
  };
}

function isAsciiSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** `a.slice(from, to) === b.slice(at, at + (to - from))` (a native comparison: lines are long). */
function sameText(a: string, from: number, to: number, b: string, at: number): boolean {
  if (at + (to - from) > b.length) return false;
  return b.startsWith(a.slice(from, to), at);
}

/** Maps an ATX heading's content: it follows the opening `#` run and its spaces. */
function mapAtxHeading(source: SourceText, content: string, lineNumber: number): ContentMap | undefined {
  const line = source.lines[lineNumber];
  let pos = line.indexOf('#');
  if (pos < 0) return undefined;
  while (line.charCodeAt(pos) === 0x23) pos++;
  while (pos < line.length && isAsciiSpace(line.charCodeAt(pos))) pos++;
  if (!line.startsWith(content, pos)) return undefined;
  const base = source.rawLineStarts[lineNumber] + pos;
  return (index) => base + index;
}

/**
 * Maps the cells of a table row. markdown-it trims the row, splits it at unescaped pipes
 * (dropping the backslash of `\|`), drops empty first and last cells and trims each cell; we
 * replay that on the row's line from each possible start of the table text (after container
 * prefixes) and keep the first whose cells equal markdown-it's.
 */
function mapTableRow(source: SourceText, lineNumber: number, cells: readonly string[]): (ContentMap | undefined)[] | undefined {
  const line = source.lines[lineNumber];
  const rawLineStart = source.rawLineStarts[lineNumber];
  for (let start = 0; start <= line.length; start++) {
    if (start > 0 && !/[\s>]/.test(line.charAt(start - 1))) continue;
    const columns = splitRow(line, start);
    if (columns.length < cells.length && cells.slice(columns.length).some((cell) => cell !== '')) continue;
    let matches = true;
    for (let k = 0; k < cells.length && matches; k++) matches = (columns[k]?.text ?? '') === cells[k];
    if (!matches) continue;
    return cells.map((cell, k) => {
      const column = columns[k];
      if (!column || cell === '') return undefined;
      const positions = column.positions;
      return (index: number) => rawLineStart + positions[index];
    });
  }
  return undefined;
}

interface Column {
  text: string;
  positions: number[];
}

function splitRow(line: string, from: number): Column[] {
  let start = from;
  let end = line.length;
  while (start < end && /\s/.test(line.charAt(start))) start++;
  while (end > start && /\s/.test(line.charAt(end - 1))) end--;
  const columns: Column[] = [];
  let chars: string[] = [];
  let positions: number[] = [];
  for (let pos = start; pos < end; pos++) {
    const char = line.charAt(pos);
    if (char === '|') {
      if (pos > start && line.charAt(pos - 1) === '\\') {
        chars.pop();
        positions.pop();
        chars.push('|');
        positions.push(pos);
        continue;
      }
      columns.push(trimColumn(chars, positions));
      chars = [];
      positions = [];
      continue;
    }
    chars.push(char);
    positions.push(pos);
  }
  columns.push(trimColumn(chars, positions));
  // markdown-it drops the first and last cells when they are empty strings before trimming,
  // that is when the row starts or ends with an (unescaped) pipe.
  if (columns.length > 0 && line.charAt(start) === '|') columns.shift();
  if (columns.length > 0 && end > start && line.charAt(end - 1) === '|' && line.charAt(end - 2) !== '\\') columns.pop();
  return columns;
}

function trimColumn(chars: string[], positions: number[]): Column {
  let a = 0;
  let b = chars.length;
  while (a < b && /\s/.test(chars[a])) a++;
  while (b > a && /\s/.test(chars[b - 1])) b--;
  return { text: chars.slice(a, b).join(''), positions: positions.slice(a, b) };
}

/** Destinations in `src` / `href` attributes of an HTML block. */
function addHtmlDestinations(source: SourceText, map: [number, number], destinations: Destination[]): void {
  const start = source.rawLineStarts[map[0]];
  const end = source.rawLineEnds[map[1] - 1];
  for (const range of htmlLinkAttributes(source.raw.slice(start, end))) {
    destinations.push({ start: start + range.start, end: start + range.end, value: range.value });
  }
}

/** The destination of a link reference definition `[label]: destination "title"`. */
function referenceDestination(md: Markdown, source: SourceText, map: [number, number]): Destination | undefined {
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
  const result = md.helpers.parseLinkDestination(text, pos, text.length);
  if (!result.ok || result.pos <= pos) return undefined;
  const angle = text.charCodeAt(pos) === 0x3c;
  const from = start + (angle ? pos + 1 : pos);
  const to = start + (angle ? result.pos - 1 : result.pos);
  return to > from ? { start: from, end: to, value: source.raw.slice(from, to) } : undefined;
}
