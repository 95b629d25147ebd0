import type { FrontMatterField } from './frontMatter';

/**
 * The data model shared by segmentation, batching and reassembly.
 *
 * A unit is a run of translatable text (a paragraph, a heading, a table cell, a front-matter
 * value). Its inline markup is cut out as atoms, written `⟦n⟧` in the unit's canonical text;
 * what is between atoms are gaps of plain text. Translations come back in the same canonical
 * form and are written into the source at the unit's raw range.
 */

/** The kind of protected span an atom stands for. */
export type AtomRole =
  | 'em'
  | 'strong'
  | 's'
  | 'link'
  | 'image'
  | 'code'
  | 'html'
  | 'break'
  | 'autolink'
  | 'url'
  | 'math'
  | 'literal'
  | 'newline';

export interface Atom {
  /** 1-based number, in source order; the `n` of `⟦n⟧`. */
  readonly id: number;
  readonly role: AtomRole;
  /** Paired markup (emphasis, links, images) has an opening and a closing atom. */
  readonly kind: 'open' | 'close' | 'solo';
  /** The id of the other half of a pair, 0 for solo atoms. */
  partner: number;
  /** Raw range of the source bytes it stands for (Markdown units). */
  readonly start: number;
  readonly end: number;
  /** The literal value it stands for (front-matter units, where atoms have no raw range). */
  readonly text?: string;
  /** The atom ends a line (a hard break): text right after it starts a line. */
  readonly endsLine: boolean;
  /** A link or image closing that is only `]` (shortcut reference): a `(` right after it would make a new link. */
  readonly bareClose: boolean;
  /**
   * For the closing of a shortcut (`[text]`) or collapsed (`[text][]`) reference link or image:
   * the raw range of its label. The text is the label there, so when it is translated the
   * closing is written `][label]` to keep pointing at the same definition.
   */
  readonly label?: { readonly start: number; readonly end: number };
  /** Must stay first in the unit, followed by a space: a task-list box `[ ]`, an alert marker `[!NOTE]`. */
  readonly anchored?: boolean;
}

/** Line-break whitespace inside a gap (line end plus the next line's container prefix). */
export interface Separator {
  readonly start: number;
  readonly end: number;
  /** Where the soft break sits in the unit's canonical text (it reads as one space there). */
  readonly offset: number;
}

/** Plain text between two atoms (or a unit's edge and an atom). */
export interface Gap {
  /** Raw range. */
  readonly start: number;
  readonly end: number;
  /** Where the gap starts in the unit's canonical text. */
  readonly offset: number;
  /** The text a reader sees: escapes and entities decoded, line breaks as single spaces. */
  readonly plain: string;
  readonly separators: readonly Separator[];
}

export type UnitKind = 'paragraph' | 'heading' | 'cell' | 'frontMatter';

export interface Unit {
  readonly index: number;
  readonly kind: UnitKind;
  /** 0-based line where the unit starts. */
  readonly line: number;
  /** Raw range the unit's translation replaces. */
  readonly start: number;
  readonly end: number;
  readonly atoms: readonly Atom[];
  /** `atoms.length + 1` gaps. */
  readonly gaps: readonly Gap[];
  /** Canonical text: gaps joined by `⟦id⟧` placeholders. */
  readonly text: string;
  /** The unit starts a block, where `#`, `>`, `-`, `1.` … at the start would make new structure. */
  readonly blockStart: boolean;
  /** An ATX heading: a trailing `#` run would be read as its closing sequence. */
  readonly atxHeading: boolean;
  /**
   * The unit sits between `---` fences at the top of a document that are not front matter (a
   * thematic break and a setext heading): a translated `key: value` could turn them into front
   * matter, so colons are escaped.
   */
  readonly escapeColons?: boolean;
  /** For front-matter units: the field. */
  readonly field?: FrontMatterField;
  /** For Markdown units: the index of the source's inline token it comes from. */
  readonly token?: number;
}

/** A relative-able link destination somewhere in the document (raw range and value). */
export interface Destination {
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

export const PLACEHOLDER_OPEN = '⟦';
export const PLACEHOLDER_CLOSE = '⟧';

/** `⟦n⟧` */
export function placeholder(id: number): string {
  return `${PLACEHOLDER_OPEN}${id}${PLACEHOLDER_CLOSE}`;
}

/** Pieces of a canonical text: strings for text, numbers for atom ids. */
export type Piece = string | number;

const CANONICAL_PLACEHOLDER = new RegExp(`${PLACEHOLDER_OPEN}(\\d+)${PLACEHOLDER_CLOSE}`, 'g');

/** Splits a canonical text (as produced by `joinCanonical`) into text and atom ids. */
export function splitCanonical(text: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  CANONICAL_PLACEHOLDER.lastIndex = 0;
  for (let match = CANONICAL_PLACEHOLDER.exec(text); match; match = CANONICAL_PLACEHOLDER.exec(text)) {
    if (match.index > last) pieces.push(text.slice(last, match.index));
    pieces.push(Number(match[1]));
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push(text.slice(last));
  return pieces;
}

/** Joins pieces into canonical text. */
export function joinCanonical(pieces: readonly Piece[]): string {
  return pieces.map((piece) => (typeof piece === 'number' ? placeholder(piece) : piece)).join('');
}
