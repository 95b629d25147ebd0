import { chooseBreaks, type Layout } from './breaks';
import { escapeMarkdown, type EscapeContext } from './escape';
import { renderFrontMatter } from './frontMatter';
import type { DestinationRewriter } from './links';
import { partitionPoint } from './locate';
import { splitCanonical, type Atom, type Piece, type Separator, type Unit } from './model';
import type { ParsedDocument, Segmentation } from './segment';
import { trim, trimEnd, trimStart } from './trim';

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
  /** Units whose emphasis and strikethrough are written as inline HTML (`<strong>`, `<em>`, `<del>`). */
  htmlEmphasis?: ReadonlySet<number>;
  /** Units written exactly as given (text kept from an existing output): raw Markdown, or a front-matter field's value. */
  raw?: ReadonlyMap<number, string>;
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
      const kept = options.raw?.get(unit.index);
      if (kept !== undefined) return kept === unit.field!.value ? undefined : kept;
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
    const kept = options.raw?.get(unit.index);
    if (kept !== undefined) {
      replacements.push({ start: unit.start, end: unit.end, text: kept });
      continue;
    }
    const translation = translations[unit.index];
    if (translation === undefined || (keepUnchanged && translation === unit.text)) continue;
    const html = options.htmlEmphasis?.has(unit.index) ?? false;
    replacements.push({ start: unit.start, end: unit.end, text: renderUnit(unit, translation, copy, options.hasMath, keepUnchanged, html) });
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
  const low = partitionPoint(edits.length, (i) => edits[i].start < start);
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

type Copier = (start: number, end: number) => string;

/** One unit's replacement text. */
export function renderUnit(unit: Unit, translation: string, copy: Copier, hasMath: boolean, keepUnchanged = true, htmlEmphasis = false): string {
  if (unit.atoms.length === 0 && unit.gaps[0].separators.length === 0) {
    // One line of plain text: what the general path below does, without its machinery.
    const text = trim(translation);
    if (keepUnchanged && isUnchanged(unit, 0, text, copy)) return copy(unit.gaps[0].start, unit.gaps[0].end);
    return escapeMarkdown(text, escapeContext(unit, hasMath, { k: 0, from: 0, lineStart: false, unitEnd: true }));
  }
  const layout = layOut(unit, translation, copy, keepUnchanged);
  const { order, texts, verbatim } = layout;
  const switched = underscoresToSwitch(order, texts, copy);
  // The line breaks of the gaps that changed are the pool to put back between the translated words.
  const pool: Separator[] = [];
  for (let k = 0; k < texts.length; k++) if (!verbatim[k]) pool.push(...unit.gaps[k].separators);
  const relabel = referencesToRelabel(unit, verbatim, layout.sameOrder);
  const breaks = pool.length > 0 ? chooseBreaks(layout, pool.length) : [];

  const out: string[] = [];
  let used = 0;
  const lastGap = texts.length - 1;
  for (let k = 0; k <= lastGap; k++) {
    const before = k > 0 ? order[k - 1] : undefined;
    const after = k < lastGap ? order[k] : undefined;
    if (verbatim[k]) out.push(copy(unit.gaps[k].start, unit.gaps[k].end));
    else {
      const cuts = breaks.filter((cut) => cut.gap === k);
      const text = texts[k];
      let from = 0;
      for (let c = 0; c <= cuts.length; c++) {
        const cut = c < cuts.length ? cuts[c] : undefined;
        const place: Place = { k, from, before, after: cut ? undefined : after, lineStart: c > 0, unitEnd: !cut && k === lastGap };
        out.push(escapeMarkdown(text.slice(from, cut ? cut.start : text.length), escapeContext(unit, hasMath, place)));
        if (!cut) break;
        const separator = pool[used++];
        out.push(copy(separator.start, separator.end));
        from = cut.end;
      }
    }
    if (after) {
      if (htmlEmphasis && after.role in EMPHASIS_TAGS) out.push(emphasisTag(after));
      else if (relabel.has(after)) out.push(relabelled(after, copy));
      else if (switched.has(after)) out.push('*'.repeat(after.end - after.start));
      else out.push(after.text ?? copy(after.start, after.end));
    }
  }
  return out.join('');
}

/**
 * The inline HTML for emphasis and strikethrough delimiters: the same rendering, and no flanking
 * rules (`**「설정」**을` is not emphasis in CommonMark, `<strong>「설정」</strong>을` is).
 */
const EMPHASIS_TAGS: Readonly<Record<string, string>> = { em: 'em', strong: 'strong', s: 'del' };

function emphasisTag(atom: Atom): string {
  const tag = EMPHASIS_TAGS[atom.role];
  return atom.kind === 'open' ? `<${tag}>` : `</${tag}>`;
}

/** Where a piece of translated text is written. */
interface Place {
  /** Its gap, and where it starts in the gap's text. */
  k: number;
  from: number;
  /** The atoms before and right after it (none after when a line break we put back follows). */
  before?: Atom;
  after?: Atom;
  /** A line break we put back precedes it. */
  lineStart: boolean;
  /** It ends the unit. */
  unitEnd: boolean;
}

/** How a piece of translated text is escaped where it is written. */
function escapeContext(unit: Unit, hasMath: boolean, place: Place): EscapeContext {
  const { k, before, after } = place;
  return {
    lineStart: place.lineStart || (k === 0 ? unit.blockStart : before?.endsLine === true),
    headingEnd: unit.atxHeading && place.unitEnd,
    afterBareClose: place.from === 0 && before?.bareClose === true,
    beforeLinkOpen: after?.role === 'link' && after.kind === 'open',
    math: hasMath,
    tableCell: unit.kind === 'cell',
    colons: unit.escapeColons,
  };
}

/** A gap whose text did not change is copied from the source (with its line breaks). */
function isUnchanged(unit: Unit, k: number, text: string, copy: Copier): boolean {
  const gap = unit.gaps[k];
  return gap.plain === text && !hasBareBracket(copy(gap.start, gap.end));
}

/** The translation's atoms in its order, the texts before, between and after them, and which gaps stay as they were. */
function layOut(unit: Unit, translation: string, copy: Copier, keepUnchanged: boolean): Layout {
  const order: Atom[] = [];
  const texts: string[] = [''];
  for (const piece of keepAnchorFirst(unit, splitCanonical(translation))) {
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
  const sameOrder = order.every((atom, index) => atom.id === index + 1);
  const verbatim = texts.map((text, k) => keepUnchanged && sameOrder && isUnchanged(unit, k, text, copy));
  return { unit, order, texts, verbatim, sameOrder };
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

