import { frontMatterFields, frontMatterLineCount, readFrontMatter, type FrontMatter, type FrontMatterField } from './frontMatter';
import { htmlLinkAttributes } from './links';
import type { Atom, Destination, Gap, Separator, Unit, UnitKind } from './model';
import { placeholder } from './model';
import { trackingParser, type Env, type Markdown, type Token } from './parser';
import { protectInline, type ContentAtom } from './protect';
import { detectFrontMatterLines, readSource, type SourceText } from './source';

/** A parsed source document. */
export interface ParsedDocument {
  readonly source: SourceText;
  readonly tokens: readonly Token[];
  readonly env: Env;
  readonly frontMatter: FrontMatter | undefined;
}

/** Parses a document with the tracking parser (front matter and BOM kept out of markdown-it's sight). */
export function parseDocument(raw: string): ParsedDocument {
  const source = readSource(raw, frontMatterLineCount(raw));
  const env: Env = {};
  const tokens = trackingParser().parse(source.parseText, env);
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
        if (mappings?.[k]) addInline(cell, 'cell', token.map![0], mappings[k], false, false, false, false);
      });
      i = j;
      continue;
    }
    if (token.type !== 'inline' || !token.map) continue;
    const opener = tokens[i - 1];
    if (opener.type === 'paragraph_open') {
      const parent = tokens[i - 2];
      const map = mapLines(source, token.content, token.map[0], token.map[1] - token.map[0]);
      addInline(token, 'paragraph', token.map[0], map, true, false, parent?.type === 'list_item_open', parent?.type === 'blockquote_open');
    } else if (opener.type === 'heading_open') {
      const atx = opener.markup.startsWith('#');
      const map = atx
        ? mapAtxHeading(source, token.content, token.map[0])
        : mapLines(source, token.content, token.map[0], token.map[1] - token.map[0]);
      addInline(token, 'heading', token.map[0], map, true, atx, false, false);
    }
  }
  units.forEach((unit, index) => ((unit as { index: number }).index = index));
  return { units, destinations, hasMath, warnings };

  function addInline(
    token: Token,
    kind: UnitKind,
    line: number,
    map: Int32Array | undefined,
    blockStart: boolean,
    atxHeading: boolean,
    taskList: boolean,
    alert: boolean,
  ): void {
    const content = token.content;
    if (content.length === 0) return;
    if (!map) {
      warnings.push(`line ${line + 1}: could not locate the text; it is left untranslated`);
      return;
    }
    const protection = protectInline(md, content, token.children ?? [], { math: options.math, taskList, alert });
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

/** Raw offset of a content position. */
function rawStart(map: Int32Array, index: number): number {
  return map[index];
}

/** Raw offset just after a content range ending at `end`. */
function rawEnd(map: Int32Array, length: number, end: number): number {
  return end < length ? map[end] : map[length - 1] + 1;
}

const LETTER = /\p{L}/u;

function markdownUnit(
  index: number,
  kind: UnitKind,
  line: number,
  content: string,
  map: Int32Array,
  contentAtoms: readonly ContentAtom[],
  blockStart: boolean,
  atxHeading: boolean,
): Unit | undefined {
  const length = content.length;
  const unitStart = map[0];
  const unitEnd = map[length - 1] + 1;
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
  const text: string[] = [];
  let textLength = 0;
  let hasLetter = false;
  for (let k = 0; k <= atoms.length; k++) {
    const from = k === 0 ? 0 : contentAtoms[k - 1].end;
    const to = k === atoms.length ? length : contentAtoms[k].start;
    const start = k === 0 ? unitStart : atoms[k - 1].end;
    const end = k === atoms.length ? unitEnd : atoms[k].start;
    const gap = makeGap(content, map, from, to, start, end, textLength);
    gaps.push(gap);
    text.push(gap.plain);
    textLength += gap.plain.length;
    if (!hasLetter && LETTER.test(gap.plain)) hasLetter = true;
    if (k < atoms.length) {
      const mark = placeholder(k + 1);
      text.push(mark);
      textLength += mark.length;
    }
  }
  if (!hasLetter) return undefined;
  return { index, kind, line, start: unitStart, end: unitEnd, atoms, gaps, text: text.join(''), blockStart, atxHeading };
}

/** A gap's plain text: line breaks (with the whitespace around them) read as one space; escapes and entities decoded. */
function makeGap(content: string, map: Int32Array, from: number, to: number, start: number, end: number, offset: number): Gap {
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
    separators.push({ start: map[wsStart], end: wsEnd < content.length ? map[wsEnd] : map[content.length - 1] + 1, offset: offset + plainLength });
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

const ASCII_SPACE = /[ \t\n\r]/;

/**
 * Maps the content of a paragraph or setext heading (markdown-it's `getLines(...)` trimmed)
 * back to raw offsets. Each content line is the end of its source line, after the container
 * prefix, except the last, whose trailing spaces were trimmed; leading spaces may be synthetic
 * (a tab split by an indent) and then map to the tab. `\n` maps to the raw line end.
 */
export function mapLines(source: SourceText, content: string, firstLine: number, lineCount: number): Int32Array | undefined {
  const map = new Int32Array(content.length);
  let index = 0;
  let lineStartInContent = 0;
  for (let k = 0; k < lineCount; k++) {
    const lineNumber = firstLine + k;
    const line = source.lines[lineNumber];
    if (line === undefined) return undefined;
    const newline = k === lineCount - 1 ? content.length : content.indexOf('\n', lineStartInContent);
    if (newline < 0) return undefined;
    const contentLine = content.slice(lineStartInContent, newline);
    let lineEnd = line.length;
    if (k === lineCount - 1) while (lineEnd > 0 && ASCII_SPACE.test(line.charAt(lineEnd - 1))) lineEnd--;
    let synthetic = 0;
    while (synthetic <= contentLine.length) {
      const realLength = contentLine.length - synthetic;
      const realStart = lineEnd - realLength;
      if (realStart >= 0 && line.startsWith(contentLine.slice(synthetic), realStart)) break;
      if (contentLine.charCodeAt(synthetic) !== 0x20) return undefined;
      synthetic++;
    }
    if (synthetic > contentLine.length) return undefined;
    const rawLineStart = source.rawLineStarts[lineNumber];
    const realStart = lineEnd - (contentLine.length - synthetic);
    for (let j = 0; j < synthetic; j++) map[index++] = rawLineStart + Math.max(realStart - 1, 0);
    for (let j = realStart; j < lineEnd; j++) map[index++] = rawLineStart + j;
    if (k < lineCount - 1) map[index++] = source.rawLineEnds[lineNumber];
    lineStartInContent = newline + 1;
  }
  return index === content.length ? map : undefined;
}

/** Maps an ATX heading's content: it follows the opening `#` run and its spaces. */
function mapAtxHeading(source: SourceText, content: string, lineNumber: number): Int32Array | undefined {
  const line = source.lines[lineNumber];
  let pos = line.indexOf('#');
  if (pos < 0) return undefined;
  while (line.charCodeAt(pos) === 0x23) pos++;
  while (pos < line.length && ASCII_SPACE.test(line.charAt(pos))) pos++;
  if (!line.startsWith(content, pos)) return undefined;
  const map = new Int32Array(content.length);
  const base = source.rawLineStarts[lineNumber] + pos;
  for (let j = 0; j < content.length; j++) map[j] = base + j;
  return map;
}

/**
 * Maps the cells of a table row. markdown-it trims the row, splits it at unescaped pipes
 * (dropping the backslash of `\|`), drops empty first and last cells and trims each cell; we
 * replay that on the row's line from each possible start of the table text (after container
 * prefixes) and keep the first whose cells equal markdown-it's.
 */
function mapTableRow(source: SourceText, lineNumber: number, cells: readonly string[]): (Int32Array | undefined)[] | undefined {
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
      return Int32Array.from(column.positions, (position) => rawLineStart + position);
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
