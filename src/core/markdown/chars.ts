import { PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN } from './model';

/**
 * The one table of characters that are special to the engine, for the markdown-it configuration
 * of `parser.ts` (CommonMark, GFM tables and strikethrough, raw HTML, no linkify, no
 * typographer). Every scanner builds its patterns from here, so a plugin that adds a character
 * is added in one place (and `parser.ts` refuses rule chains it does not know).
 */
export const SPECIAL = {
  /**
   * Where an inline rule can start markup: backslash (escape, hard break), backtick, `*`, `_`,
   * `~`, `[`, `!`, `<`. Entities (`&`) and soft breaks are not markup. Two spaces before a line
   * end also make a hard break (see `MAY_HAVE_MARKUP`).
   */
  inlineMarkupStarts: '\\`*_~[!<',
  /** Escaped with a backslash wherever translated text is written (`]` closes link text). */
  escapedInline: '\\`*_[]<~',
  /** Escaped too where the document has `$` math. */
  math: '$',
  /** Make block structure at the start of a line (heading, quote, list, setext underline, table, definition). */
  lineStart: '#>-+=:|',
  /** Start the spans the engine's own scanners protect inside text (task boxes, footnotes, math, URLs, emoji, templates, attributes). */
  scannedStarts: '[$:{',
  /** What the in-text scanners need (`://` URLs, footnotes, emoji codes, templates, attributes). */
  textScanStarts: ':/[{',
  /** The placeholder brackets: literal ones in a document are protected. */
  placeholder: PLACEHOLDER_OPEN + PLACEHOLDER_CLOSE,
} as const;

/** A regular-expression character class matching any of `chars`. */
export function charClass(chars: string): string {
  return `[${chars.replace(/[\\\]^-]/g, '\\$&')}]`;
}

/** Inline content without any of these cannot hold markup (it parses to text and soft breaks only). */
export const MAY_HAVE_MARKUP = new RegExp(`${charClass(SPECIAL.inlineMarkupStarts)}| {2}\\n`);

/** A run of literal placeholder brackets. */
export const PLACEHOLDER_BRACKETS = new RegExp(`${charClass(SPECIAL.placeholder)}+`);

/**
 * A bare URL: a scheme or `www.` up to whitespace or an angle bracket (trailing punctuation is
 * trimmed by `trimUrl`).
 */
export const BARE_URL = /(?:\b(?:https?|ftp):\/\/|\bwww\.)[^\s<>]+/;

/** A new global copy of a pattern (each scanner keeps its own `lastIndex`). */
export function globalPattern(pattern: RegExp, flags = ''): RegExp {
  return new RegExp(pattern.source, `g${flags}`);
}
