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

/** An entity or numeric character reference follows (then a literal `&` must be escaped). */
const REFERENCE_AHEAD = /#?[A-Za-z0-9]+;/y;

/**
 * Escapes plain text for writing into Markdown inline content. A pipe becomes `\\|` in table
 * cells and `&#124;` elsewhere: markdown-it reads any line holding a pipe, escaped or not, as a
 * possible table header when a `---` line follows.
 */
export function escapeMarkdown(text: string, context: EscapeContext = DEFAULT_ESCAPE_CONTEXT): string {
  let out = escapeInline(text, context);
  if (context.lineStart) out = escapeLineStart(out);
  if (context.afterBareClose && out.startsWith('(')) out = `\\${out}`;
  if (context.beforeLinkOpen && out.endsWith('!') && !out.endsWith('\\!')) out = `${out.slice(0, -1)}\\!`;
  if (context.headingEnd) out = out.replace(/(^|[ \t])(#+)([ \t]*)$/, '$1\\$2$3');
  return out;
}

/**
 * The characters that can start inline markup, escaped wherever they are: `\\`, backtick, `*`,
 * `_`, brackets, `<`, `~`, `$` with math, `&` before a reference; `|` and (with `colons`) `:` as
 * described above. One pass, and the text itself when nothing needs escaping.
 */
function escapeInline(text: string, context: EscapeContext): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7e) continue;
    let replacement: string | undefined;
    switch (code) {
      case 0x5c: // \
      case 0x60: // `
      case 0x2a: // *
      case 0x5f: // _
      case 0x5b: // [
      case 0x5d: // ]
      case 0x3c: // <
      case 0x7e: // ~
        replacement = `\\${text.charAt(i)}`;
        break;
      case 0x24: // $
        if (context.math) replacement = '\\$';
        break;
      case 0x26: // &
        REFERENCE_AHEAD.lastIndex = i + 1;
        if (REFERENCE_AHEAD.test(text)) replacement = '\\&';
        break;
      case 0x7c: // |
        replacement = context.tableCell ? '\\|' : '&#124;';
        break;
      case 0x3a: // :
        if (context.colons) replacement = '&#58;';
        break;
    }
    if (replacement === undefined) continue;
    out += text.slice(copied, i) + replacement;
    copied = i + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Characters that make block structure at the start of a line: headings, quotes, list items, setext underlines, table rows. */
function escapeLineStart(text: string): string {
  // Leading spaces or tabs would be read as indentation: write them as character references.
  const indent = /^[ \t]+/.exec(text);
  if (indent) return indent[0].replace(/ /g, '&#32;').replace(/\t/g, '&#9;') + text.slice(indent[0].length);
  const first = text.charAt(0);
  if ('#>-+=:|'.includes(first) && first !== '') return `\\${text}`;
  const ordered = /^(\d{1,9})([.)])(?=[ \t]|$)/.exec(text);
  if (ordered) return `${ordered[1]}\\${text.slice(ordered[1].length)}`;
  return text;
}
