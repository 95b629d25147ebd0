import { SPECIAL, charClass } from './chars';

/**
 * Escaping of translated plain text so that it stays literal when written into Markdown.
 *
 * Backslash escapes of ASCII punctuation are always rendered as the character itself, so
 * escaping more than strictly needed is safe; we escape the characters that can start inline
 * markup everywhere, and those that only make block structure where a line starts.
 */

export interface EscapeContext {
  /** The text starts a line (a block start, or after a line break we insert). */
  lineStart: boolean;
  /** The text ends an ATX heading: a trailing `#` run would be its closing sequence. */
  headingEnd: boolean;
  /** Right after a link or image that closes with a bare `]`: a `(` would start a destination. */
  afterBareClose: boolean;
  /** Right before a link opening `[`: a trailing `!` would turn it into an image. */
  beforeLinkOpen: boolean;
  /** The document uses `$` math: escape `$`. */
  math: boolean;
  /** Inside a table cell, where `\\|` is the escape for a pipe. */
  tableCell?: boolean;
  /** Escape `:` too (see `Unit.escapeColons`). */
  colons?: boolean;
}

export const DEFAULT_ESCAPE_CONTEXT: EscapeContext = {
  lineStart: false,
  headingEnd: false,
  afterBareClose: false,
  beforeLinkOpen: false,
  math: false,
};

const ENTITY_START = '&(?=#?[A-Za-z0-9]+;)';
const INLINE_SPECIAL = new RegExp(`${charClass(SPECIAL.escapedInline)}|${ENTITY_START}`, 'g');
const INLINE_SPECIAL_MATH = new RegExp(`${charClass(SPECIAL.escapedInline + SPECIAL.math)}|${ENTITY_START}`, 'g');

/**
 * Escapes plain text for writing into Markdown inline content. A pipe becomes `\\|` in table
 * cells and `&#124;` elsewhere: markdown-it reads any line holding a pipe, escaped or not, as a
 * possible table header when a `---` line follows.
 */
export function escapeMarkdown(text: string, context: EscapeContext = DEFAULT_ESCAPE_CONTEXT): string {
  let out = text.replace(context.math ? INLINE_SPECIAL_MATH : INLINE_SPECIAL, '\\$&');
  if (out.includes('|')) out = out.replace(/\|/g, context.tableCell ? '\\|' : '&#124;');
  if (context.colons && out.includes(':')) out = out.replace(/:/g, '&#58;');
  if (context.lineStart) out = escapeLineStart(out);
  if (context.afterBareClose && out.startsWith('(')) out = `\\${out}`;
  if (context.beforeLinkOpen && out.endsWith('!') && !out.endsWith('\\!')) out = `${out.slice(0, -1)}\\!`;
  if (context.headingEnd && out.includes('#')) out = out.replace(/(^|[ \t])(#+)([ \t]*)$/, '$1\\$2$3');
  return out;
}

/** What a line can start with to need escaping: indentation, a block character, an ordered list's digits. */
const LINE_START_FIRST = new Set([' ', '\t', ...SPECIAL.lineStart, ...'0123456789']);

/** Characters that make block structure at the start of a line: headings, quotes, list items, setext underlines, table rows. */
function escapeLineStart(text: string): string {
  // Most lines start with a letter: nothing to do.
  const first = text.charAt(0);
  if (!LINE_START_FIRST.has(first)) return text;
  // Leading spaces or tabs would be read as indentation: write them as character references.
  const indent = /^[ \t]+/.exec(text);
  if (indent) return indent[0].replace(/ /g, '&#32;').replace(/\t/g, '&#9;') + text.slice(indent[0].length);
  if (SPECIAL.lineStart.includes(first)) return `\\${text}`;
  const ordered = /^(\d{1,9})([.)])(?=[ \t]|$)/.exec(text);
  if (ordered) return `${ordered[1]}\\${text.slice(ordered[1].length)}`;
  return text;
}
