import type { TextFormat } from '../providers/types';
import { escapeMarkdown } from './escape';
import { PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN, joinCanonical, placeholder, type Piece, type Unit, splitCanonical } from './model';
import { markdownParser } from './parser';
import { repairMarkers, repairPlaceholders, repairSpans } from './repair';
import { trim } from './trim';

/**
 * How units travel to a provider and back, per request format.
 *
 * - `text`: the canonical text, inline markup as opaque `⟦n⟧` placeholders.
 * - `markdown`: the same placeholders, text escaped as Markdown (units are paragraphs of a
 *   Markdown document, for providers that translate Markdown).
 * - `html`: text HTML-escaped, markup as `<span id="n">…</span>` (pairs) and
 *   `<span id="n"></span>` (single atoms), for providers that keep HTML tags.
 *
 * Several units share one request as blank-line-separated paragraphs that each start with a
 * unit marker `⟦#k⟧` (text, Markdown) or as `<p id="bk">` elements (HTML). Every answer is
 * checked: every unit and every placeholder must come back exactly once, pairs in order and
 * properly nested.
 */
export interface Codec {
  readonly format: TextFormat;
  /** The request text for one unit. */
  encode(unit: Unit): string;
  /** Several unit bodies in one request text. */
  pack(bodies: readonly string[]): string;
  /** Characters `pack` adds for the unit at 0-based position `index` (to size batches exactly). */
  overhead(index: number): number;
  /** The bodies of a packed answer, or undefined when a unit is missing or repeated. */
  unpack(text: string, count: number): string[] | undefined;
  /** A unit's answer as canonical text, or undefined when its placeholders did not survive. */
  decode(body: string, unit: Unit): string | undefined;
  /** `decode` after the unambiguous repairs of damaged markup tokens (see `repair.ts`). */
  repair(body: string, unit: Unit): string | undefined;
}

/** The codec for a request format. */
export function codecFor(format: TextFormat): Codec {
  switch (format) {
    case 'html':
      return htmlCodec;
    case 'markdown':
      return markdownCodec;
    default:
      return textCodec;
  }
}

/** Whether the placeholders of a canonical answer match the unit's atoms: each once, pairs in order and nested. */
export function placeholdersMatch(pieces: readonly Piece[], unit: Unit): boolean {
  if (unit.atoms.length === 0) return pieces.every((piece) => typeof piece !== 'number');
  const seen = new Set<number>();
  const open: number[] = [];
  for (const piece of pieces) {
    if (typeof piece !== 'number') continue;
    const atom = unit.atoms[piece - 1];
    if (!atom || seen.has(piece)) return false;
    seen.add(piece);
    if (atom.kind === 'open') open.push(piece);
    else if (atom.kind === 'close' && open.pop() !== atom.partner) return false;
  }
  return seen.size === unit.atoms.length && open.length === 0;
}

/** Validates and normalises a canonical answer (used for cached translations too). */
export function checkCanonical(text: string, unit: Unit): string | undefined {
  const pieces = splitCanonical(text);
  return placeholdersMatch(pieces, unit) ? text : undefined;
}

// Lenient: spaces inside the brackets, full-width digits (`⟦１⟧`), as some translators write them.
const LOOSE_PLACEHOLDER = new RegExp(`${PLACEHOLDER_OPEN}\\s*([0-9０-９]+)\\s*${PLACEHOLDER_CLOSE}`, 'g');
const UNIT_MARKER = new RegExp(`${PLACEHOLDER_OPEN}\\s*[#＃]\\s*([0-9０-９]+)\\s*${PLACEHOLDER_CLOSE}[ \\t]?`, 'g');

function number(digits: string): number {
  let value = 0;
  for (let i = 0; i < digits.length; i++) {
    const code = digits.charCodeAt(i);
    value = value * 10 + (code >= 0xff10 ? code - 0xff10 : code - 0x30);
  }
  return value;
}

function tidy(text: string): string {
  if (!text.includes('\n') && !text.includes('\r')) return text;
  return text.replace(/[ \t]*(?:\r\n|\r|\n)[ \t]*/g, ' ');
}

/** Splits loosely written placeholders out of an answer; text pieces go through `decodeText`. */
function parsePlaceholders(body: string, decodeText: (text: string) => string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  LOOSE_PLACEHOLDER.lastIndex = 0;
  for (let match = LOOSE_PLACEHOLDER.exec(body); match; match = LOOSE_PLACEHOLDER.exec(body)) {
    if (match.index > last) pieces.push(decodeText(body.slice(last, match.index)));
    pieces.push(number(match[1]));
    last = match.index + match[0].length;
  }
  if (last < body.length) pieces.push(decodeText(body.slice(last)));
  return pieces;
}

function finish(pieces: Piece[], unit: Unit): string | undefined {
  if (!placeholdersMatch(pieces, unit)) return undefined;
  // Every unit has text; an answer without any is a failure, not a translation.
  if (!pieces.some((piece) => typeof piece === 'string' && NOT_BLANK.test(piece))) return undefined;
  if (pieces.length === 1) return trim(tidy(pieces[0] as string));
  return trim(joinCanonical(pieces.map((piece) => (typeof piece === 'string' ? tidy(piece) : piece))));
}

/** Text that `trim()` would not leave empty (`\s` is the set `trim` removes). */
const NOT_BLANK = /\S/;

/** `⟦#k⟧`: the marker of the k-th unit (1-based) of a packed request. */
export function unitMarker(k: number): string {
  return `${PLACEHOLDER_OPEN}#${k}${PLACEHOLDER_CLOSE}`;
}

/** `⟦#k⟧ ` before the body and the blank line after it. */
function markedOverhead(index: number): number {
  return `${unitMarker(index + 1)} \n\n`.length;
}

function packMarked(bodies: readonly string[]): string {
  return bodies.map((body, index) => `${unitMarker(index + 1)} ${body}`).join('\n\n');
}

/**
 * Splits an answer at unit markers. Text between two markers belongs to the earlier unit up to
 * the last blank line, and to the later one after it (a provider that wraps each paragraph, as
 * pseudo-localization does with brackets, puts characters before a marker).
 */
function unpackMarked(text: string, count: number): string[] | undefined {
  const markers = findMarkers(text);
  if (markers.length !== count) return undefined;
  const bodies: (string | undefined)[] = new Array<string | undefined>(count);
  let carried = text.slice(0, markers[0].start);
  for (let k = 0; k < markers.length; k++) {
    const { id, end } = markers[k];
    if (id < 1 || id > count || bodies[id - 1] !== undefined) return undefined;
    const next = k + 1 < markers.length ? markers[k + 1].start : text.length;
    let between = text.slice(end, next);
    let head = '';
    if (k + 1 < markers.length) {
      const blank = lastBlankLine(between);
      if (blank) {
        head = between.slice(blank.end);
        between = between.slice(0, blank.start);
      }
    }
    bodies[id - 1] = (carried.trim() + between).trim();
    carried = head;
  }
  return bodies.every((body) => body !== undefined) ? (bodies as string[]) : undefined;
}

/** `unpackMarked`, then the same after unambiguous repairs of damaged or dropped markers. */
function unpackRepaired(text: string, count: number): string[] | undefined {
  const exact = unpackMarked(text, count);
  if (exact) return exact;
  const repaired = repairMarkers(text, count);
  return unpackMarked(repaired, count) ?? splitAtBlankLines(repaired, findMarkers(repaired), count);
}

interface Marker {
  id: number;
  start: number;
  end: number;
}

function findMarkers(text: string): Marker[] {
  const markers: Marker[] = [];
  UNIT_MARKER.lastIndex = 0;
  for (let match = UNIT_MARKER.exec(text); match; match = UNIT_MARKER.exec(text)) {
    markers.push({ id: number(match[1]), start: match.index, end: match.index + match[0].length });
  }
  return markers;
}

/**
 * An answer that lost some unit markers: when the markers left are in order and the text where
 * `n` markers are missing splits at blank lines into exactly `n + 1` paragraphs, those are the
 * units (a unit is one paragraph); otherwise there is no single reading.
 */
function splitAtBlankLines(text: string, markers: readonly Marker[], count: number): string[] | undefined {
  const bodies: string[] = [];
  const take = (from: number, to: number, units: number): boolean => {
    const paragraphs = text.slice(from, to).trim().split(/\n[ \t]*\r?\n\s*/);
    if (paragraphs.length !== units || paragraphs.some((paragraph) => paragraph.trim() === '')) return false;
    bodies.push(...paragraphs.map((paragraph) => paragraph.trim()));
    return true;
  };
  let previous = 0;
  let from = 0;
  for (const marker of markers) {
    if (marker.id <= previous || marker.id > count) return undefined;
    // Units before this marker: the previous one's (if any) and the missing ones.
    const units = marker.id - previous - (previous === 0 ? 1 : 0);
    if (units > 0 && !take(from, marker.start, units)) return undefined;
    previous = marker.id;
    from = marker.end;
  }
  return take(from, text.length, count - previous + (previous === 0 ? 0 : 1)) ? bodies : undefined;
}

function lastBlankLine(text: string): { start: number; end: number } | undefined {
  const blank = /\n[ \t]*\r?\n\s*/g;
  let found: { start: number; end: number } | undefined;
  for (let match = blank.exec(text); match; match = blank.exec(text)) found = { start: match.index, end: match.index + match[0].length };
  return found;
}

/** Escaping of text in Markdown request bodies: everything special, `$` included. */
const BODY_ESCAPE = { lineStart: false, headingEnd: false, afterBareClose: false, beforeLinkOpen: false, math: true };
const BODY_START_ESCAPE = { ...BODY_ESCAPE, lineStart: true };

/** A unit's text with each gap transformed and atoms as `⟦n⟧`. */
function encodeGaps(unit: Unit, transform: (text: string, index: number) => string): string {
  const parts: string[] = [transform(unit.gaps[0].plain, 0)];
  for (const atom of unit.atoms) parts.push(placeholder(atom.id), transform(unit.gaps[atom.id].plain, atom.id));
  return parts.join('');
}

const textCodec: Codec = {
  format: 'text',
  overhead: markedOverhead,
  encode: (unit) => unit.text,
  pack: packMarked,
  unpack: unpackRepaired,
  decode: (body, unit) => finish(parsePlaceholders(body, (text) => text), unit),
  repair: (body, unit) => textCodec.decode(repairPlaceholders(body, unit), unit),
};

const markdownCodec: Codec = {
  format: 'markdown',
  overhead: markedOverhead,
  encode: (unit) => encodeGaps(unit, (text, index) => escapeMarkdown(text, index === 0 ? BODY_START_ESCAPE : BODY_ESCAPE)),
  pack: packMarked,
  unpack: unpackRepaired,
  decode: (body, unit) => finish(parsePlaceholders(body, (text) => markdownParser().unescapeAll(text)), unit),
  repair: (body, unit) => markdownCodec.decode(repairPlaceholders(body, unit), unit),
};

function escapeHtmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Decodes HTML entities only (a backslash is an ordinary character in HTML). */
function decodeHtmlText(text: string): string {
  if (!text.includes('&')) return text;
  return markdownParser().unescapeAll(text.replace(/\\/g, '\\\\'));
}

const HTML_TAG = /<\s*(\/?)\s*([A-Za-z][A-Za-z0-9-]*)([^>]*)>/g;
const ID_ATTRIBUTE = /\bid\s*=\s*["']?([A-Za-z]*)(\d+)["']?/i;

const htmlCodec: Codec = {
  format: 'html',
  overhead: (index) => `<p id="b${index + 1}"></p>\n`.length,
  encode(unit) {
    const parts: string[] = [escapeHtmlText(unit.gaps[0].plain)];
    for (const atom of unit.atoms) {
      if (atom.kind === 'open') parts.push(`<span id="${atom.id}">`);
      else if (atom.kind === 'close') parts.push('</span>');
      else parts.push(`<span id="${atom.id}"></span>`);
      parts.push(escapeHtmlText(unit.gaps[atom.id].plain));
    }
    return parts.join('');
  },
  pack: (bodies) => bodies.map((body, index) => `<p id="b${index + 1}">${body}</p>`).join('\n'),
  unpack(text, count) {
    const bodies: (string | undefined)[] = new Array<string | undefined>(count);
    const paragraph = /<p\b([^>]*)>([\s\S]*?)<\/p\s*>/gi;
    let found = 0;
    for (let match = paragraph.exec(text); match; match = paragraph.exec(text)) {
      const id = ID_ATTRIBUTE.exec(match[1]);
      const index = id ? Number(id[2]) : NaN;
      if (!(index >= 1 && index <= count) || bodies[index - 1] !== undefined) return undefined;
      bodies[index - 1] = match[2];
      found++;
    }
    return found === count ? (bodies as string[]) : undefined;
  },
  decode(body, unit) {
    const pieces: Piece[] = [];
    const stack: number[] = [];
    let last = 0;
    HTML_TAG.lastIndex = 0;
    for (let match = HTML_TAG.exec(body); match; match = HTML_TAG.exec(body)) {
      if (match.index > last) pieces.push(decodeHtmlText(body.slice(last, match.index)));
      last = match.index + match[0].length;
      if (match[2].toLowerCase() !== 'span') continue; // Tags a provider added: dropped.
      if (match[1] === '/') {
        const id = stack.pop();
        if (id === undefined) return undefined;
        const atom = unit.atoms[id - 1];
        if (atom?.kind === 'open') pieces.push(atom.partner);
        continue;
      }
      const id = ID_ATTRIBUTE.exec(match[3]);
      if (!id) return undefined;
      const number = Number(id[2]);
      pieces.push(number);
      if (!/\/\s*$/.test(match[3])) stack.push(number);
    }
    if (last < body.length) pieces.push(decodeHtmlText(body.slice(last)));
    if (stack.length > 0) return undefined;
    return finish(pieces, unit);
  },
  repair: (body, unit) => htmlCodec.decode(repairSpans(body, unit), unit),
};
