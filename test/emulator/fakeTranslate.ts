/**
 * The emulator's deterministic "translation".
 *
 * Rule: every word of translatable text gets the target code and a colon in front of it
 * (`Hello, world` to ko -> `ko:Hello, ko:world`). A word is a run of letters, marks and digits
 * holding at least one letter, with inner apostrophes (`don't`). Everything else (spaces, line
 * breaks, punctuation, numbers) is kept byte for byte, so the output has the same lines, and the
 * rule composes: translating pieces split at non-word characters and joining them gives the same
 * result as translating the whole. When `from === to` the text comes back unchanged.
 *
 * Never touched:
 * - all formats: URLs (`https://...`, `www....`) and e-mail addresses;
 * - `html`: tags with their attributes, comments, entities, and the content of `script`,
 *   `style`, `pre` and `code` elements;
 * - `markdown`: all of the `html` list, plus front matter, fenced and indented code blocks,
 *   inline code, link destinations and titles (`](url "title")`), reference labels (`][ref]`),
 *   link reference definitions, footnote references, task list boxes and backslash escapes.
 *   Markup characters (`#`, `*`, `_`, `>`, `|`, list markers) are not letters, so they stay.
 */
export type FakeFormat = 'text' | 'html' | 'markdown';

const WORD = /[\p{L}\p{M}\p{N}]*\p{L}[\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

/** The translation of one word. */
export function fakeWord(word: string, to: string): string {
  return `${to}:${word}`;
}

function translateProse(text: string, to: string): string {
  return text.replace(WORD, (word) => fakeWord(word, to));
}

type Range = [start: number, end: number];

const URL_PATTERN = /(?:https?|ftp):\/\/[^\s<>()"'`]+|www\.[^\s<>()"'`]+/;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const HTML_COMMENT = /<!--[\s\S]*?-->/;
const RAW_ELEMENT = /<(script|style|pre|code)\b[^>]*>[\s\S]*?<\/\1\s*>/;
const HTML_TAG = /<\/?[A-Za-z][\w:-]*(?:\s(?:[^<>"']|"[^"]*"|'[^']*')*)?\/?>/;
const ENTITY = /&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/;
const CODE_SPAN = /(?<!`)(`+)(?!`)[\s\S]*?[^`]\1(?!`)/;
const AUTOLINK = /<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>/;
const LINK_DESTINATION = /\]\(\s*(?:<[^>\n]*>|(?:[^\s()]|\([^()\s]*\))*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/;
const REFERENCE_LABEL = /\]\[[^\]]*\]/;
const FOOTNOTE = /\[\^[^\]\s]+\]/;
const TASK_BOX = /^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\]/;
const ESCAPE = /\\[!-/:-@[-`{-~]/;

function combine(patterns: RegExp[]): RegExp {
  // Group numbers inside each pattern are renumbered by position, so back-references are rebuilt.
  let groups = 0;
  const sources = patterns.map((pattern) => {
    const offset = groups;
    groups += new RegExp(`${pattern.source}|`).exec('')!.length - 1;
    return `(?:${pattern.source.replace(/\\(\d)/g, (_, n: string) => `\\${Number(n) + offset}`)})`;
  });
  return new RegExp(sources.join('|'), 'gmu');
}

const TEXT_INLINE = combine([URL_PATTERN, EMAIL]);
const HTML_INLINE = combine([HTML_COMMENT, RAW_ELEMENT, HTML_TAG, ENTITY, URL_PATTERN, EMAIL]);
const MARKDOWN_INLINE = combine([
  CODE_SPAN, HTML_COMMENT, RAW_ELEMENT, AUTOLINK, HTML_TAG, LINK_DESTINATION, REFERENCE_LABEL,
  FOOTNOTE, TASK_BOX, URL_PATTERN, EMAIL, ENTITY, ESCAPE,
]);

function inlineRanges(text: string, start: number, end: number, pattern: RegExp, out: Range[]): void {
  const slice = text.slice(start, end);
  pattern.lastIndex = 0;
  for (let m = pattern.exec(slice); m; m = pattern.exec(slice)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    out.push([start + m.index, start + m.index + m[0].length]);
  }
}

interface Line {
  text: string;
  start: number;
  /** End of the line's text, before its line break. */
  end: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push({ text: text.slice(start, m.index), start, end: m.index });
    start = m.index + m[0].length;
  }
  lines.push({ text: text.slice(start), start, end: text.length });
  return lines;
}

const FENCE_OPEN = /^[ \t]*(?:>[ \t]?)*[ \t]*(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^[ \t]*(?:>[ \t]?)*[ \t]*(`{3,}|~{3,})[ \t]*$/;
const LIST_ITEM = /^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:[ \t]*\S/;
const BLANK = /^[ \t]*$/;

/** Whole lines Markdown never translates: front matter, code blocks, link definitions. */
function markdownBlockRanges(lines: Line[]): Range[] {
  const ranges: Range[] = [];
  let i = 0;
  const opener = /^(---|\+\+\+)[ \t]*$/.exec(lines[0].text);
  if (opener) {
    const closer = opener[1] === '---' ? /^(---|\.\.\.)[ \t]*$/ : /^\+\+\+[ \t]*$/;
    const close = lines.findIndex((line, index) => index > 0 && closer.test(line.text));
    if (close > 0) {
      ranges.push([lines[0].start, lines[close].end]);
      i = close + 1;
    }
  }
  let inList = false;
  let prevBlank = true;
  let prevCode = false;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const fence = FENCE_OPEN.exec(line.text);
    if (fence && !(fence[1][0] === '`' && fence[2].includes('`'))) {
      const char = fence[1][0];
      let close = i + 1;
      for (; close < lines.length; close++) {
        const m = FENCE_CLOSE.exec(lines[close].text);
        if (m && m[1][0] === char && m[1].length >= fence[1].length) break;
      }
      const last = Math.min(close, lines.length - 1);
      ranges.push([line.start, lines[last].end]);
      i = last;
      if (!/^[ \t]/.test(line.text)) inList = false;
      prevBlank = prevCode = false;
      continue;
    }
    const blank = BLANK.test(line.text);
    if (!blank && /^(?: {4}|\t)/.test(line.text) && (prevBlank || prevCode) && !inList) {
      ranges.push([line.start, line.end]);
      prevCode = true;
      prevBlank = false;
      continue;
    }
    if (!blank && LINK_DEFINITION.test(line.text)) ranges.push([line.start, line.end]);
    if (LIST_ITEM.test(line.text)) inList = true;
    else if (!blank && !/^[ \t]/.test(line.text)) inList = false;
    if (!blank) prevCode = false;
    prevBlank = blank;
  }
  return ranges;
}

function protectedRanges(text: string, format: FakeFormat): Range[] {
  const ranges: Range[] = [];
  if (format === 'text') inlineRanges(text, 0, text.length, TEXT_INLINE, ranges);
  else if (format === 'html') inlineRanges(text, 0, text.length, HTML_INLINE, ranges);
  else {
    let pos = 0;
    for (const block of markdownBlockRanges(splitLines(text))) {
      inlineRanges(text, pos, block[0], MARKDOWN_INLINE, ranges);
      ranges.push(block);
      pos = block[1];
    }
    inlineRanges(text, pos, text.length, MARKDOWN_INLINE, ranges);
  }
  return ranges;
}

/**
 * Translates `text` from `from` to `to` by the rule above. `format` is `text` for Papago,
 * `html` for Hive sync (plain text or HTML) and `markdown` for Hive async.
 */
export function fakeTranslate(text: string, from: string, to: string, format: FakeFormat = 'text'): string {
  if (from === to) return text;
  let out = '';
  let pos = 0;
  for (const [start, end] of protectedRanges(text, format)) {
    out += translateProse(text.slice(pos, start), to) + text.slice(start, end);
    pos = end;
  }
  return out + translateProse(text.slice(pos), to);
}

/**
 * Glossary-aware translation: occurrences of a glossary source term (longest first,
 * case-sensitive) become the target term verbatim; the text between them is fake-translated.
 */
export function fakeTranslateWithGlossary(
  text: string,
  from: string,
  to: string,
  terms: ReadonlyArray<readonly [source: string, target: string]>,
  format: FakeFormat = 'text',
): string {
  const usable = terms.filter(([source]) => source.length > 0);
  if (usable.length === 0) return fakeTranslate(text, from, to, format);
  const targets = new Map(usable.map(([source, target]) => [source, target]));
  const sources = [...targets.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(sources.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  let out = '';
  let pos = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    out += fakeTranslate(text.slice(pos, m.index), from, to, format) + targets.get(m[0])!;
    pos = m.index + m[0].length;
  }
  return out + fakeTranslate(text.slice(pos), from, to, format);
}
