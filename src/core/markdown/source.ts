/**
 * The source document as lines, and the string markdown-it actually parses.
 *
 * markdown-it normalises line ends (`\r\n` and `\r` become `\n`) and replaces NUL; we do the same
 * up front so its line numbers and our lines agree, and keep for every line where it starts in
 * the raw text, so any parsed position maps back to an exact raw offset (CRLF files included).
 * A byte-order mark and YAML front matter are hidden from markdown-it (front matter would
 * otherwise read as a thematic break and a heading) without moving any line.
 */
export interface SourceText {
  /** The document exactly as given. */
  readonly raw: string;
  /** `'\uFEFF'` when the document starts with a byte-order mark, else `''`. */
  readonly bom: string;
  /** Line texts without their line ends (normalised: NUL as U+FFFD). */
  readonly lines: readonly string[];
  /** Raw offset where each line's text starts. */
  readonly rawLineStarts: readonly number[];
  /** Raw offset where each line's text ends (where its line end starts). */
  readonly rawLineEnds: readonly number[];
  /** What markdown-it parses: lines joined with `\n`, front matter lines emptied. */
  readonly parseText: string;
  /** Number of lines at the top that are front matter (0 when there is none). */
  readonly frontMatterLines: number;
}

/** Splits `raw` into lines and builds the text markdown-it will parse. */
export function readSource(raw: string, frontMatterLines = topFenceLineCount(raw)): SourceText {
  const bom = raw.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
  const lines: string[] = [];
  const rawLineStarts: number[] = [];
  const rawLineEnds: number[] = [];
  const hasNul = raw.includes('\0');
  let nextCr = raw.indexOf('\r');
  let start = bom.length;
  const length = raw.length;
  for (;;) {
    let end = raw.indexOf('\n', start);
    if (end < 0) end = length;
    let next = end + 1;
    if (nextCr >= 0 && nextCr < start) nextCr = raw.indexOf('\r', start);
    if (nextCr >= 0 && nextCr < end) {
      next = raw.charCodeAt(nextCr + 1) === 0x0a ? nextCr + 2 : nextCr + 1;
      end = nextCr;
    }
    const text = raw.slice(start, end);
    lines.push(hasNul && text.includes('\0') ? text.replace(/\0/g, '\uFFFD') : text);
    rawLineStarts.push(start);
    rawLineEnds.push(end);
    if (end >= length) break;
    start = next;
  }
  const parseText = hideFrontMatter(raw, frontMatterLines, frontMatterLines < rawLineStarts.length ? rawLineStarts[frontMatterLines] : raw.length);
  return { raw, bom, lines, rawLineStarts, rawLineEnds, parseText, frontMatterLines };
}

/**
 * The text markdown-it parses: the document with its BOM dropped and its first `lines` lines
 * (front matter) emptied, so that line numbers stay. `rest` is the raw offset of line `lines`.
 * markdown-it normalises line ends and NUL itself.
 */
export function hideFrontMatter(raw: string, lines: number, rest: number): string {
  if (lines > 0) return '\n'.repeat(rest < raw.length || /[\r\n]$/.test(raw) ? lines : lines - 1) + raw.slice(rest);
  return raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
}

/** Fenced front matter candidate: lines taken (fences included) and the raw range between the fences. */
export interface FenceRange {
  lines: number;
  start: number;
  end: number;
  /** Raw offset just after the closing line and its line end (the text length when it has none). */
  after: number;
  /** `+++` fences (TOML): kept byte for byte, never translated. */
  toml: boolean;
}

/**
 * A first line `---` and a closing `---` (or `...`) line (YAML), or `+++` lines (TOML, Hugo):
 * the candidate front matter, or undefined. Whether YAML fences hold front matter depends on
 * what is between (see `frontMatter.ts`).
 */
export function detectFence(raw: string): FenceRange | undefined {
  const first = raw.charCodeAt(0) === 0xfeff ? 1 : 0;
  const toml = raw.startsWith('+++', first);
  if (!toml && !raw.startsWith('---', first)) return undefined;
  const open = toml ? /^\+\+\+[ \t]*$/ : /^---[ \t]*$/;
  const close = toml ? open : /^(?:---|\.\.\.)[ \t]*$/;
  const lineBreak = /\r\n|\r|\n/g;
  lineBreak.lastIndex = first;
  let lineStart = first;
  let start = 0;
  for (let index = 0; ; index++) {
    const match = lineBreak.exec(raw);
    const lineEnd = match ? match.index : raw.length;
    const line = raw.slice(lineStart, lineEnd);
    if (index === 0) {
      if (!open.test(line)) return undefined;
    } else if (close.test(line)) {
      return { lines: index + 1, start, end: lineStart, after: match ? match.index + match[0].length : raw.length, toml };
    }
    if (!match) return undefined;
    lineStart = match.index + match[0].length;
    if (index === 0) start = lineStart;
  }
}

/** Lines of a fence pair at the top (`---` or `+++` lines, fences included), front matter or not; 0 when there is none. */
export function topFenceLineCount(raw: string): number {
  return detectFence(raw)?.lines ?? 0;
}
