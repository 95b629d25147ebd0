import * as path from 'node:path';
import { markdownParser } from './parser';

/**
 * Rewriting relative link destinations so that links and images keep working when the
 * translated document is written to another folder than its source.
 */

/** Maps one destination as written in the source to the one to write in the output. */
export type DestinationRewriter = (destination: string) => string;

/** Destinations that do not depend on the document's folder: anchors, absolute URLs, `/root` paths. */
export function isRelativeDestination(destination: string): boolean {
  if (destination === '') return false;
  const first = destination.charAt(0);
  if (first === '#' || first === '/' || first === '\\' || first === '?') return false;
  // A scheme (`https:`, `mailto:`, `data:`) or a Windows drive (`C:`).
  return !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(destination);
}

/** Backslash escapes of ASCII punctuation, as Markdown reads them. */
function decodeEscapes(raw: string): string {
  return raw.includes('\\') ? raw.replace(/\\([!-/:-@[-`{-~])/g, '$1') : raw;
}

function toPosix(directory: string): string {
  return path.resolve(directory).split(path.sep).join('/');
}

/**
 * A rewriter from documents in `sourceDir` to documents in `outputDir`, or undefined when the
 * folders are the same (nothing to rewrite). Query strings and fragments are kept; spaces in
 * folder names that a new path introduces are written `%20`. `decode` turns a destination as
 * written into what it means (escapes, entities) for deciding whether it is relative.
 */
export function relativeRewriter(sourceDir: string, outputDir: string, decode: (raw: string) => string = decodeEscapes): DestinationRewriter | undefined {
  const from = toPosix(sourceDir);
  const to = toPosix(outputDir);
  if (from === to) return undefined;
  return (destination) => {
    // Decide on what the destination means (`\(x\)` is `(x)`), rewrite what is written.
    if (!isRelativeDestination(decode(destination))) return destination;
    const cut = destination.search(/[?#]/);
    const pathPart = cut < 0 ? destination : destination.slice(0, cut);
    const rest = cut < 0 ? '' : destination.slice(cut);
    if (pathPart === '') return destination;
    const target = path.posix.join(from, pathPart);
    let relative = path.posix.relative(to, target);
    if (relative === '') relative = '.';
    if (/[/\\]$/.test(pathPart) && !relative.endsWith('/')) relative += '/';
    if (pathPart.startsWith('./') && !relative.startsWith('.')) relative = `./${relative}`;
    return relative.replace(/ /g, '%20') + rest;
  };
}

/** A value range inside a string: `[start, end)` and the text there. */
export interface ValueRange {
  start: number;
  end: number;
  value: string;
}

const TAG = /<[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?\/?>/g;
const LINK_ATTRIBUTE = /(\s)(src|href|poster)(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;

/** `src`, `href` and `poster` attribute values in the opening tags of an HTML fragment. */
export function htmlLinkAttributes(html: string): ValueRange[] {
  const result: ValueRange[] = [];
  if (!/\b(?:src|href|poster)\b/i.test(html)) return result;
  TAG.lastIndex = 0;
  for (let tag = TAG.exec(html); tag; tag = TAG.exec(html)) {
    const text = tag[0];
    LINK_ATTRIBUTE.lastIndex = 0;
    for (let match = LINK_ATTRIBUTE.exec(text); match; match = LINK_ATTRIBUTE.exec(text)) {
      const value = match[4] ?? match[5] ?? match[6] ?? '';
      const quote = match[4] !== undefined || match[5] !== undefined ? 1 : 0;
      const start = tag.index + match.index + match[1].length + match[2].length + match[3].length + quote;
      result.push({ start, end: start + value.length, value });
    }
  }
  return result;
}

/** Applies a rewriter to the link attributes of an HTML fragment. */
export function rewriteHtml(html: string, rewrite: DestinationRewriter): string {
  const ranges = htmlLinkAttributes(html);
  if (ranges.length === 0) return html;
  const parts: string[] = [];
  let last = 0;
  for (const range of ranges) {
    parts.push(html.slice(last, range.start), rewrite(range.value));
    last = range.end;
  }
  parts.push(html.slice(last));
  return parts.join('');
}

/**
 * The range of a link destination that starts at `pos` (markdown-it's own reading of it), without
 * the angle brackets of `<…>`; undefined when there is none or it is empty.
 */
export function destinationRange(text: string, pos: number, max: number): { start: number; end: number } | undefined {
  const end = markdownParser().linkDestinationEnd(text, pos, max);
  if (end === undefined) return undefined;
  const angle = text.charCodeAt(pos) === 0x3c; /* < */
  const from = angle ? pos + 1 : pos;
  const to = angle ? end - 1 : end;
  return to > from ? { start: from, end: to } : undefined;
}
