import type { SourceText } from './source';

/**
 * Mapping the content of inline tokens (what markdown-it hands its inline parser) back to raw
 * offsets in the source document. markdown-it gives block tokens line ranges only; the content
 * is found again in those lines.
 */

/** Maps a position in an inline token's content to its raw offset in the document. */
export type ContentMap = (index: number) => number;

/** The first index in `[0, length)` where `before` turns false (it must be true, then false). */
export function partitionPoint(length: number, before: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (before(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Maps the content of a paragraph or setext heading (markdown-it's `getLines(...)` trimmed)
 * back to raw offsets. Each content line is the end of its source line, after the container
 * prefix, except the last, whose trailing spaces were trimmed; leading spaces may be synthetic
 * (a tab split by an indent) and then map to the tab. `\n` maps to the raw line end.
 */
export function mapLines(source: SourceText, content: string, firstLine: number, lineCount: number): ContentMap | undefined {
  // Per content line: where it starts in the content, how many synthetic spaces lead it, and
  // the raw offset of its first real character.
  const starts = new Int32Array(lineCount);
  const synthetics = new Int32Array(lineCount);
  const raws = new Int32Array(lineCount);
  const ends = new Int32Array(lineCount);
  let lineStartInContent = 0;
  for (let k = 0; k < lineCount; k++) {
    const lineNumber = firstLine + k;
    const line = source.lines[lineNumber];
    if (line === undefined) return undefined;
    const newline = k === lineCount - 1 ? content.length : content.indexOf('\n', lineStartInContent);
    if (newline < 0) return undefined;
    const contentLength = newline - lineStartInContent;
    let lineEnd = line.length;
    if (k === lineCount - 1) while (lineEnd > 0 && isAsciiSpace(line.charCodeAt(lineEnd - 1))) lineEnd--;
    let synthetic = 0;
    while (synthetic <= contentLength) {
      const realStart = lineEnd - (contentLength - synthetic);
      if (realStart >= 0 && sameText(content, lineStartInContent + synthetic, newline, line, realStart)) break;
      if (content.charCodeAt(lineStartInContent + synthetic) !== 0x20) return undefined;
      synthetic++;
    }
    if (synthetic > contentLength) return undefined;
    starts[k] = lineStartInContent;
    synthetics[k] = synthetic;
    raws[k] = source.rawLineStarts[lineNumber] + lineEnd - (contentLength - synthetic);
    ends[k] = source.rawLineEnds[lineNumber];
    lineStartInContent = newline + 1;
  }
  if (lineStartInContent !== content.length + 1) return undefined;
  return (index) => {
    const low = Math.max(0, partitionPoint(lineCount, (k) => starts[k] <= index) - 1);
    const column = index - starts[low];
    const next = low + 1 < lineCount ? starts[low + 1] - 1 : content.length;
    if (index === next) return ends[low]; // the line's \n
    const synthetic = synthetics[low];
    return column < synthetic ? Math.max(raws[low] - 1, 0) : raws[low] + column - synthetic;
  };
}

function isAsciiSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** `a.slice(from, to) === b.slice(at, at + (to - from))` (a native comparison: lines are long). */
function sameText(a: string, from: number, to: number, b: string, at: number): boolean {
  if (at + (to - from) > b.length) return false;
  return b.startsWith(a.slice(from, to), at);
}

/** Maps an ATX heading's content: it follows the opening `#` run and its spaces. */
export function mapAtxHeading(source: SourceText, content: string, lineNumber: number): ContentMap | undefined {
  const line = source.lines[lineNumber];
  let pos = line.indexOf('#');
  if (pos < 0) return undefined;
  while (line.charCodeAt(pos) === 0x23) pos++;
  while (pos < line.length && isAsciiSpace(line.charCodeAt(pos))) pos++;
  if (!line.startsWith(content, pos)) return undefined;
  const base = source.rawLineStarts[lineNumber] + pos;
  return (index) => base + index;
}

/**
 * Maps the cells of a table row: markdown-it's cells are the row's text split at unescaped pipes
 * (`\\|` read as `|`), trimmed. Each is found again in the row's line, in order, with only
 * spaces and one pipe between two cells. Empty cells map to undefined.
 */
export function mapTableRow(source: SourceText, lineNumber: number, cells: readonly string[]): (ContentMap | undefined)[] | undefined {
  const line = source.lines[lineNumber];
  const rawLineStart = source.rawLineStarts[lineNumber];
  const maps: (ContentMap | undefined)[] = [];
  let cursor = 0;
  for (let k = 0; k < cells.length; k++) {
    if (k > 0) {
      cursor = afterPipe(line, cursor);
      if (cursor < 0) return undefined;
    }
    const cell = cells[k];
    if (cell === '') {
      // An empty first cell follows the row's leading pipe (container prefixes have no pipe).
      if (k === 0) cursor = line.indexOf('|') + 1;
      if (cursor === 0) return undefined;
      maps.push(undefined);
      continue;
    }
    const written = cell.replace(/\|/g, '\\|');
    const at = line.indexOf(written, cursor);
    if (at < 0 || (k > 0 && line.slice(cursor, at).trim() !== '')) return undefined;
    const positions: number[] = [];
    for (let pos = at; pos < at + written.length; pos++) if (!(line.charCodeAt(pos) === 0x5c && line.charCodeAt(pos + 1) === 0x7c)) positions.push(pos);
    maps.push((index) => rawLineStart + positions[index]);
    cursor = at + written.length;
  }
  return maps;
}

/** Just after the next `|` when only spaces come before it, else -1. */
function afterPipe(line: string, from: number): number {
  let pos = from;
  while (pos < line.length && /\s/.test(line.charAt(pos))) pos++;
  return line.charCodeAt(pos) === 0x7c ? pos + 1 : -1;
}
