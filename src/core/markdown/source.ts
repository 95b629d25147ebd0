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
export function readSource(raw: string, frontMatterLines = detectFrontMatterLines(raw)): SourceText {
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
  // markdown-it normalises line ends and NUL itself; build our own text only when something has to be hidden.
  const parseText =
    frontMatterLines > 0 || bom
      ? lines.map((line, index) => (index < frontMatterLines ? '' : line)).join('\n')
      : raw;
  return { raw, bom, lines, rawLineStarts, rawLineEnds, parseText, frontMatterLines };
}

const FENCE_OPEN = /^---[ \t]*$/;
const FENCE_CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/** Fenced front matter candidate: lines taken (fences included) and the raw range between the fences. */
export interface FenceRange {
  lines: number;
  start: number;
  end: number;
}

/**
 * A first line `---` and a closing `---` (or `...`) line: the candidate front matter, or
 * undefined. Whether it is front matter depends on what is between (see `frontMatter.ts`).
 */
export function detectFence(raw: string): FenceRange | undefined {
  const first = raw.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!raw.startsWith('---', first)) return undefined;
  const lineBreak = /\r\n|\r|\n/g;
  lineBreak.lastIndex = first;
  let lineStart = first;
  let start = 0;
  for (let index = 0; ; index++) {
    const match = lineBreak.exec(raw);
    const lineEnd = match ? match.index : raw.length;
    const line = raw.slice(lineStart, lineEnd);
    if (index === 0) {
      if (!FENCE_OPEN.test(line)) return undefined;
    } else if (FENCE_CLOSE.test(line)) {
      return { lines: index + 1, start, end: lineStart };
    }
    if (!match) return undefined;
    lineStart = match.index + match[0].length;
    if (index === 0) start = lineStart;
  }
}

/** Number of lines of the fenced candidate front matter, 0 when there is none. */
export function detectFrontMatterLines(raw: string): number {
  return detectFence(raw)?.lines ?? 0;
}
