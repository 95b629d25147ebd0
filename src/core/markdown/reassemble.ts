import { escapeMarkdown, type EscapeContext } from './escape';
import { renderFrontMatter } from './frontMatter';
import type { DestinationRewriter } from './links';
import { splitCanonical, type Atom, type Piece, type Separator, type Unit } from './model';
import type { ParsedDocument, Segmentation } from './segment';

/**
 * Writes translations back into the source text at the units' raw ranges; every byte outside
 * the units is copied (link destinations excepted when they are rewritten). Inside a unit,
 * atoms are copied from the source, text is escaped, and the unit's line breaks (line end plus
 * the next line's container prefix, like `> ` or list indentation) are put back between words
 * near where they were, so multi-line paragraphs keep their lines and prefixes.
 */

export interface RenderOptions {
  /** Rewrites relative link destinations (when the output lives in another folder). */
  rewrite?: DestinationRewriter;
  /** The document has math: escape `$` in translated text. */
  hasMath: boolean;
  /**
   * Copy a unit (or a gap between atoms) from the source when its translation equals the source
   * text (default true). Tests turn it off to exercise the rewriting path.
   */
  keepUnchanged?: boolean;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * The translated document. `translations[i]` is the canonical translation of unit `i`
 * (placeholders already checked), or undefined to keep the unit as it is.
 */
export function renderDocument(document: ParsedDocument, segmentation: Segmentation, translations: readonly (string | undefined)[], options: RenderOptions): string {
  const raw = document.source.raw;
  const keepUnchanged = options.keepUnchanged ?? true;
  const edits = destinationEdits(segmentation, options.rewrite);
  const copy = (start: number, end: number): string => copyWithEdits(raw, edits, start, end);

  const replacements: Edit[] = [];
  const frontMatterUnits = segmentation.units.filter((unit) => unit.field);
  if (document.frontMatter && frontMatterUnits.length > 0) {
    const values = frontMatterUnits.map((unit) => {
      const translation = translations[unit.index];
      return translation === undefined || translation === unit.text ? undefined : frontMatterValue(unit, translation);
    });
    if (values.some((value) => value !== undefined)) {
      const fields = frontMatterUnits.map((unit) => unit.field!);
      const yaml = renderFrontMatter(document.frontMatter, fields, values);
      replacements.push({ start: document.frontMatter.start, end: document.frontMatter.end, text: yaml });
    }
  }
  for (const unit of segmentation.units) {
    if (unit.field) continue;
    const translation = translations[unit.index];
    if (translation === undefined || (keepUnchanged && translation === unit.text)) continue;
    replacements.push({ start: unit.start, end: unit.end, text: renderUnit(unit, translation, copy, options.hasMath, keepUnchanged) });
  }
  replacements.sort((a, b) => a.start - b.start);

  const parts: string[] = [];
  let cursor = 0;
  for (const replacement of replacements) {
    parts.push(copy(cursor, replacement.start), replacement.text);
    cursor = replacement.end;
  }
  parts.push(copy(cursor, raw.length));
  return parts.join('');
}

function destinationEdits(segmentation: Segmentation, rewrite: DestinationRewriter | undefined): Edit[] {
  if (!rewrite) return [];
  const edits: Edit[] = [];
  for (const destination of segmentation.destinations) {
    const text = rewrite(destination.value);
    if (text !== destination.value) edits.push({ start: destination.start, end: destination.end, text });
  }
  return edits.sort((a, b) => a.start - b.start);
}

function copyWithEdits(raw: string, edits: readonly Edit[], start: number, end: number): string {
  if (edits.length === 0 || start >= end) return raw.slice(start, end);
  let low = 0;
  let high = edits.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (edits[mid].start < start) low = mid + 1;
    else high = mid;
  }
  if (low >= edits.length || edits[low].start >= end) return raw.slice(start, end);
  const parts: string[] = [];
  let cursor = start;
  for (let i = low; i < edits.length && edits[i].end <= end; i++) {
    parts.push(raw.slice(cursor, edits[i].start), edits[i].text);
    cursor = edits[i].end;
  }
  parts.push(raw.slice(cursor, end));
  return parts.join('');
}

function frontMatterValue(unit: Unit, translation: string): string {
  return splitCanonical(translation)
    .map((piece) => (typeof piece === 'number' ? (unit.atoms[piece - 1]?.text ?? '') : piece))
    .join('');
}

/** Line-start atoms that cannot start new block structure: emphasis and link openings, link closings, URLs. */
function safeAtLineStart(atom: Atom): boolean {
  if (atom.role === 'url') return true;
  if (atom.kind === 'open') return atom.role === 'em' || atom.role === 'strong' || atom.role === 's' || atom.role === 'link' || atom.role === 'image';
  return atom.kind === 'close' && (atom.role === 'link' || atom.role === 'image');
}

interface Candidate {
  gap: number;
  /** Range in the gap's text replaced by the separator (empty for a break between CJK characters). */
  start: number;
  end: number;
  /** Position in the whole translated text, for placing breaks near their source positions. */
  position: number;
}

type Copier = (start: number, end: number) => string;

/** One unit's replacement text. */
export function renderUnit(unit: Unit, translation: string, copy: Copier, hasMath: boolean, keepUnchanged = true): string {
  if (unit.atoms.length === 0 && unit.gaps[0].separators.length === 0) return renderPlainUnit(unit, translation, copy, hasMath, keepUnchanged);
  const pieces = keepAnchorFirst(unit, splitCanonical(translation));
  // Output gaps: the text before, between and after the atoms, in the translation's order.
  const order: Atom[] = [];
  const texts: string[] = [''];
  for (const piece of pieces) {
    if (typeof piece === 'number') {
      order.push(unit.atoms[piece - 1]);
      texts.push('');
    } else {
      texts[texts.length - 1] += piece;
    }
  }
  moveSpacesOutOfEmphasis(order, texts);
  texts[0] = trimStart(texts[0]);
  texts[texts.length - 1] = trimEnd(texts[texts.length - 1]);
  const switched = underscoresToSwitch(order, texts, copy);
  const sameOrder = order.every((atom, index) => atom.id === index + 1);
  // A gap whose text did not change is copied from the source (with its line breaks); the
  // line breaks of the others are the pool to put back between the translated words.
  const verbatim: boolean[] = [];
  const pool: Separator[] = [];
  for (let k = 0; k < texts.length; k++) {
    const gap = unit.gaps[k];
    const same = keepUnchanged && sameOrder && gap.plain === texts[k] && !hasBareBracket(copy(gap.start, gap.end));
    verbatim.push(same);
    if (!same) for (const separator of gap.separators) pool.push(separator);
  }
  const relabel = referencesToRelabel(unit, verbatim, sameOrder);
  const breaks = pool.length > 0 ? chooseBreaks(unit, texts, order, verbatim, pool.length, sameOrder) : [];

  const out: string[] = [];
  let separator = 0;
  let breakIndex = 0;
  const lastGap = texts.length - 1;
  for (let k = 0; k <= lastGap; k++) {
    const before = k > 0 ? order[k - 1] : undefined;
    const after = k < lastGap ? order[k] : undefined;
    if (verbatim[k]) {
      out.push(copy(unit.gaps[k].start, unit.gaps[k].end));
    } else {
      const text = texts[k];
      let from = 0;
      let lineStart = k === 0 ? unit.blockStart : before?.endsLine === true;
      while (from <= text.length) {
        const cut = breakIndex < breaks.length && breaks[breakIndex].gap === k ? breaks[breakIndex] : undefined;
        const to = cut ? cut.start : text.length;
        const context: EscapeContext = {
          lineStart,
          headingEnd: unit.atxHeading && k === lastGap && !cut,
          afterBareClose: from === 0 && before?.bareClose === true,
          beforeLinkOpen: !cut && after?.role === 'link' && after.kind === 'open',
          math: hasMath,
          tableCell: unit.kind === 'cell',
          colons: unit.escapeColons,
        };
        out.push(escapeMarkdown(text.slice(from, to), context));
        if (!cut) break;
        const sep = pool[separator++];
        out.push(copy(sep.start, sep.end));
        breakIndex++;
        from = cut.end;
        lineStart = true;
      }
    }
    if (after) {
      if (relabel.has(after)) out.push(relabelled(after, copy));
      else if (switched.has(after)) out.push('*'.repeat(after.end - after.start));
      else out.push(after.text ?? copy(after.start, after.end));
    }
  }
  return out.join('');
}

/** A unit of one line of plain text (no atoms, no line breaks): what `renderUnit` does, without its machinery. */
function renderPlainUnit(unit: Unit, translation: string, copy: Copier, hasMath: boolean, keepUnchanged: boolean): string {
  const text = trimEnd(trimStart(translation));
  const gap = unit.gaps[0];
  if (keepUnchanged && gap.plain === text && !hasBareBracket(copy(gap.start, gap.end))) return copy(gap.start, gap.end);
  return escapeMarkdown(text, {
    lineStart: unit.blockStart,
    headingEnd: unit.atxHeading,
    afterBareClose: false,
    beforeLinkOpen: false,
    math: hasMath,
    tableCell: unit.kind === 'cell',
    colons: unit.escapeColons,
  });
}

function isTrimmed(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d;
}

/** Drops leading spaces and line breaks (not tabs or other spaces, which may be meant). */
function trimStart(text: string): string {
  let i = 0;
  while (i < text.length && isTrimmed(text.charCodeAt(i))) i++;
  return i === 0 ? text : text.slice(i);
}

function trimEnd(text: string): string {
  let i = text.length;
  while (i > 0 && isTrimmed(text.charCodeAt(i - 1))) i--;
  return i === text.length ? text : text.slice(0, i);
}

/** A task box or alert marker goes back to the start of the unit, with a space after it. */
function keepAnchorFirst(unit: Unit, pieces: Piece[]): Piece[] {
  if (!unit.atoms[0]?.anchored || pieces[0] === 1) return pieces;
  const rest = pieces.filter((piece) => piece !== 1);
  if (typeof rest[0] === 'string') rest[0] = rest[0].replace(/^[ \t]*/, ' ');
  else rest.unshift(' ');
  return [1, ...rest];
}

const EMPHASIS: ReadonlySet<string> = new Set(['em', 'strong', 's']);

/**
 * Spaces a translation put just inside emphasis (`* text *`) would stop it being emphasis:
 * they move outside the delimiters.
 */
function moveSpacesOutOfEmphasis(order: readonly Atom[], texts: string[]): void {
  for (let pass = 0, moved = true; moved && pass < 4; pass++) {
    moved = false;
    for (let k = 0; k < order.length; k++) {
      const atom = order[k];
      if (!EMPHASIS.has(atom.role)) continue;
      if (atom.kind === 'open') {
        const space = /^[ \t]+/.exec(texts[k + 1]);
        if (space) {
          texts[k + 1] = texts[k + 1].slice(space[0].length);
          texts[k] += space[0];
          moved = true;
        }
      } else if (atom.kind === 'close') {
        const space = /[ \t]+$/.exec(texts[k]);
        if (space) {
          texts[k] = texts[k].slice(0, texts[k].length - space[0].length);
          texts[k + 1] = space[0] + texts[k + 1];
          moved = true;
        }
      }
    }
  }
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * `_` emphasis cannot open or close inside a word (`_강조_는`), which translations into
 * languages without spaces produce all the time; such pairs are written with `*` instead,
 * which renders the same.
 */
function underscoresToSwitch(order: readonly Atom[], texts: readonly string[], copy: Copier): ReadonlySet<Atom> {
  let result: Set<Atom> | undefined;
  order.forEach((atom, k) => {
    if ((atom.role !== 'em' && atom.role !== 'strong') || result?.has(atom)) return;
    if (!/^_+$/.test(copy(atom.start, atom.end))) return;
    const neighbour = atom.kind === 'open' ? texts[k].slice(-1) : texts[k + 1].charAt(0);
    if (!WORD_CHAR.test(neighbour)) return;
    result ??= new Set();
    result.add(atom);
    const partner = order.find((other) => other.id === atom.partner);
    if (partner) result.add(partner);
  });
  return result ?? NO_ATOMS;
}

const NO_ATOMS: ReadonlySet<Atom> = new Set();

/**
 * Whether raw text holds an unescaped bracket. Such a gap is escaped anew even when unchanged:
 * which brackets pair up depends on the whole unit, and the translated parts are escaped.
 */
function hasBareBracket(raw: string): boolean {
  if (!raw.includes('[') && !raw.includes(']')) return false;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code === 0x5c) i++;
    else if (code === 0x5b || code === 0x5d) return true;
  }
  return false;
}

/**
 * Closings of shortcut and collapsed reference links whose text changed: their text was also
 * their label, so they are written as full references, `[new text][original label]`.
 */
function referencesToRelabel(unit: Unit, verbatim: readonly boolean[], sameOrder: boolean): ReadonlySet<Atom> {
  let result: Set<Atom> | undefined;
  for (const atom of unit.atoms) {
    if (!atom.label) continue;
    const open = atom.partner;
    // Unchanged when the atoms keep their order and every gap between open and close is verbatim.
    if (!(sameOrder && verbatim.slice(open, atom.id).every(Boolean))) (result ??= new Set()).add(atom);
  }
  return result ?? NO_ATOMS;
}

function relabelled(atom: Atom, copy: Copier): string {
  const label = atom.label!;
  return `][${copy(label.start, label.end)}]`;
}

/** The source gap ends with a line break (the next atom started a line). */
function endsWithBreak(unit: Unit, k: number): boolean {
  const gap = unit.gaps[k];
  const last = gap.separators[gap.separators.length - 1];
  return last !== undefined && last.offset === gap.offset + gap.plain.length - 1;
}

/** Spaces a line break may replace: space, tab, no-break space, ideographic space. */
function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0xa0 || code === 0x3000;
}

function nextWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

const CJK = /[\u2E80-\u2FFF\u3001-\u303F\u3040-\u30FF\u3100-\u312F\u3190-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF01-\uFF60]/;

/**
 * Picks where the unit's line breaks go: whitespace between words (never at the unit's edges,
 * never next to a hard break, never before markup that could start a block), else between CJK
 * characters. Each break goes to the candidate nearest to where it was in the source, in order.
 * Returns fewer breaks than wanted when the translation is too short (lines are then merged).
 */
function chooseBreaks(unit: Unit, texts: readonly string[], order: readonly Atom[], verbatim: readonly boolean[], wanted: number, sameOrder: boolean): Candidate[] {
  const primary: Candidate[] = [];
  const secondary: Candidate[] = [];
  let position = 0;
  const lastGap = texts.length - 1;
  for (let k = 0; k <= lastGap; k++) {
    const text = texts[k];
    if (!verbatim[k]) {
      const before = k > 0 ? order[k - 1] : undefined;
      const after = k < lastGap ? order[k] : undefined;
      for (let start = nextWhitespace(text, 0), end = 0; start < text.length; start = nextWhitespace(text, end)) {
        end = start + 1;
        while (end < text.length && isWhitespace(text.charCodeAt(end))) end++;
        const atStart = start === 0;
        const atEnd = end === text.length;
        if (atStart && (k === 0 || before?.endsLine)) continue;
        // Before an atom: only one that cannot start a block, or one that started a line in the source too.
        if (atEnd && (k === lastGap || !after || after.endsLine || !(safeAtLineStart(after) || (sameOrder && endsWithBreak(unit, k))))) continue;
        primary.push({ gap: k, start, end, position: position + start });
      }
    }
    position += text.length + (k < lastGap ? 3 : 0);
  }
  if (primary.length < wanted) {
    // Not enough spaces (Chinese, Japanese): between two CJK characters.
    let offset = 0;
    for (let k = 0; k <= lastGap; k++) {
      const text = texts[k];
      if (!verbatim[k] && CJK.test(text)) {
        for (let i = 1; i < text.length; i++) {
          if (CJK.test(text.charAt(i - 1)) && CJK.test(text.charAt(i))) secondary.push({ gap: k, start: i, end: i, position: offset + i });
        }
      }
      offset += text.length + (k < lastGap ? 3 : 0);
    }
  }
  const byPosition = (x: Candidate, y: Candidate): number => x.position - y.position || x.start - y.start;
  const all = primary.length >= wanted ? primary : [...primary, ...secondary].sort(byPosition);
  if (all.length <= wanted) return all;

  const sourceLength = Math.max(1, unit.text.length);
  if (!sameOrder) {
    // Atoms moved: place the breaks by their relative position in the whole text.
    const separators = unit.gaps.flatMap((gap, k) => (verbatim[k] ? [] : gap.separators));
    return pick(all, separators.map((separator) => (separator.offset / sourceLength) * position));
  }
  // Same atom order: each break stays in its own gap, at the same relative place.
  const chosen: Candidate[] = [];
  let leftover = 0;
  let gapStart = 0;
  for (let k = 0; k <= lastGap; k++) {
    const gap = unit.gaps[k];
    const length = texts[k].length;
    if (!verbatim[k] && gap.separators.length > 0) {
      const inGap = primary.filter((candidate) => candidate.gap === k);
      const candidates = inGap.length >= gap.separators.length ? inGap : all.filter((candidate) => candidate.gap === k);
      const targets = gap.separators.map((separator) => gapStart + ((separator.offset - gap.offset) / Math.max(1, gap.plain.length)) * length);
      if (candidates.length >= targets.length) chosen.push(...pick(candidates, targets));
      else {
        chosen.push(...candidates);
        leftover += targets.length - candidates.length;
      }
    }
    gapStart += length + (k < lastGap ? 3 : 0);
  }
  if (leftover > 0) {
    // Gaps too short for their breaks: spread the rest over the remaining candidates, evenly.
    const rest = all.filter((candidate) => !chosen.includes(candidate));
    const extra = Math.min(leftover, rest.length);
    chosen.push(...pick(rest, Array.from({ length: extra }, (_, j) => ((j + 1) / (extra + 1)) * position)));
  }
  return chosen.sort(byPosition);
}

/** Chooses one candidate per target, in order, each nearest to its target while leaving enough for the rest. */
function pick(candidates: readonly Candidate[], targets: readonly number[]): Candidate[] {
  const chosen: Candidate[] = [];
  let next = 0;
  for (let j = 0; j < targets.length; j++) {
    const target = targets[j];
    const lastAllowed = candidates.length - (targets.length - j);
    let best = next;
    for (let i = next + 1; i <= lastAllowed; i++) {
      if (Math.abs(candidates[i].position - target) <= Math.abs(candidates[best].position - target)) best = i;
      else break;
    }
    chosen.push(candidates[best]);
    next = best + 1;
  }
  return chosen;
}
