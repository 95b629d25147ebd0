import { BARE_URL, PLACEHOLDER_BRACKETS } from './chars';
import type { FrontMatterField } from './frontMatter';
import type { ContentMap } from './locate';
import { placeholder, type Atom, type Gap, type Separator, type Unit, type UnitKind } from './model';
import { markdownParser } from './parser';
import type { ContentAtom } from './protect';

/**
 * Building units: a Markdown unit from an inline token's content and its protected spans, a
 * front-matter unit from a string value.
 */

/** Raw offset of a content position. */
function rawStart(map: ContentMap, index: number): number {
  return map(index);
}

/** Raw offset just after a content range ending at `end`. */
export function rawEnd(map: ContentMap, length: number, end: number): number {
  return end < length ? map(end) : map(length - 1) + 1;
}

const LETTER = /\p{L}/u;

export function markdownUnit(
  index: number,
  kind: UnitKind,
  line: number,
  content: string,
  map: ContentMap,
  contentAtoms: readonly ContentAtom[],
  blockStart: boolean,
  atxHeading: boolean,
  token: number,
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
  return { index, kind, line, start: unitStart, end: unitEnd, atoms, gaps, text, blockStart, atxHeading, token };
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
  const parser = markdownParser();
  const numeric = text.replace(/&#(x[0-9a-f]{1,6}|[0-9]{1,7});/gi, (match, code: string) => {
    const value = code.charAt(0).toLowerCase() === 'x' ? parseInt(code.slice(1), 16) : parseInt(code, 10);
    return parser.isValidEntityCode(value) ? match : '\uFFFD';
  });
  return parser.unescapeAll(numeric).replace(/[\r\n]/g, ' ');
}

export function frontMatterUnit(index: number, field: FrontMatterField): Unit | undefined {
  const value = field.value;
  if (!LETTER.test(value)) return undefined;
  // Line breaks and URLs in the value are atoms; the rest is text.
  const protect = new RegExp(`\\r\\n|\\n|\\r|${BARE_URL.source}|${PLACEHOLDER_BRACKETS.source}`, 'g');
  const atoms: Atom[] = [];
  const gaps: Gap[] = [];
  const text: string[] = [];
  let last = 0;
  for (let match = protect.exec(value); match; match = protect.exec(value)) {
    const plain = value.slice(last, match.index);
    gaps.push({ start: field.start, end: field.start, offset: text.join('').length, plain, separators: [] });
    const id = atoms.length + 1;
    const role = /^[\r\n]/.test(match[0]) ? 'newline' : PLACEHOLDER_BRACKETS.test(match[0].charAt(0)) ? 'literal' : 'url';
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

