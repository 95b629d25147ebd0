import { isDeepStrictEqual } from 'node:util';
import { structureError } from './errors';
import { frontMatterData, frontMatterLineCount } from './frontMatter';
import { rewriteHtml, type DestinationRewriter } from './links';
import { blockParser, inlineMarkup, mayHaveMarkup, parseBlocksStreaming, parseInline, plainParser, type Env, type Token } from './parser';
import type { ParsedDocument } from './segment';
import { detectFence, hideFrontMatter } from './source';

/**
 * The structural guard: before anything is written, the output is parsed again and compared
 * with the source. Block tokens must match in type, nesting, markup, heading level, list type,
 * marker and start number; code blocks, fences and HTML blocks byte for byte; inline markup
 * (emphasis, links and their targets and titles, images, code spans, raw HTML, hard breaks)
 * the same pieces per paragraph, heading or cell (in the same order, or moved around by a
 * translation's word order); link reference definitions the same; front matter must still
 * parse, with only the translated string values changed. Text is free to change. Expected
 * link targets take the relative-link rewriting into account.
 */

export interface GuardOptions {
  /** The rewriter applied to relative destinations, if any (the guard expects its results). */
  rewrite?: DestinationRewriter;
  /** Front-matter paths whose string values may change. */
  translatedFields?: readonly (readonly string[])[];
  /** Stop after this many differences (default 10). */
  maxDifferences?: number;
}

/** One difference, with 1-based lines in the source and in the output. */
export interface StructureDifference {
  sourceLine: number | undefined;
  outputLine: number | undefined;
  message: string;
}

/** Throws a structure error listing the differences when `output` does not keep the structure of `source`. */
export function assertSameStructure(source: ParsedDocument, output: string, options: GuardOptions = {}): void {
  const differences = compareStructure(source, output, options);
  if (differences.length === 0) return;
  const lines = differences.map((difference) => `- ${where(difference)}: ${difference.message}`);
  throw structureError('The translation would change the structure of the Markdown document; nothing was written.', {
    detail: lines.join('\n'),
  });
}

function where(difference: StructureDifference): string {
  const parts: string[] = [];
  if (difference.sourceLine !== undefined) parts.push(`line ${difference.sourceLine}`);
  if (difference.outputLine !== undefined && difference.outputLine !== difference.sourceLine) parts.push(`output line ${difference.outputLine}`);
  return parts.length > 0 ? parts.join(', ') : 'document';
}

/** The differences between the structure of `source` and of `output` (empty when they match). */
export function compareStructure(source: ParsedDocument, output: string, options: GuardOptions = {}): StructureDifference[] {
  if (output === source.source.raw && !options.rewrite) return [];
  const max = options.maxDifferences ?? 10;
  const md = plainParser();
  const rewrite = options.rewrite;
  const mapHref = rewrite ? (href: string): string => md.normalizeLink(rewrite(href)) : (href: string): string => href;
  const mapHtml = rewrite ? (html: string): string => rewriteHtml(html, rewrite) : (html: string): string => html;
  const differences: StructureDifference[] = [];

  const fence = frontMatterLineCount(output) > 0 ? detectFence(output) : undefined;
  compareFrontMatter(source, fence ? output.slice(fence.start, fence.end) : undefined, options.translatedFields ?? [], differences);

  // The output's blocks are compared as the parser completes each top-level block, and their
  // tokens dropped then. Inline content is parsed only where it differs from the source's (the
  // same content with the same reference definitions parses the same), with the references the
  // output must have: the source's, rewritten. Whether it has them is checked at the end; any
  // difference there fails the guard anyway.
  const outputEnv: Env = {};
  const expectedEnv: Env = rewrite ? { references: rewriteReferences(source.env, mapHref) } : source.env;
  const blocks = blockParser();
  const sourceTokens = source.tokens;
  const identity = (value: string): string => value;
  let sourceLine = 0;
  let outputLine = 0;
  let outputCount = 0;
  let firstExtra: Token | undefined;
  let aligned = true;
  let done = false;
  const compareBlocks = (outputTokens: readonly Token[]): void => {
    for (const outputToken of outputTokens) {
      const i = outputCount++;
      if (done) continue;
      if (i >= sourceTokens.length) {
        firstExtra ??= outputToken;
        continue;
      }
      if (differences.length >= max) {
        done = true;
        continue;
      }
      const sourceToken = sourceTokens[i];
      if (sourceToken.map) sourceLine = sourceToken.map[0];
      if (outputToken.map) outputLine = outputToken.map[0];
      if (!sameBlock(sourceToken, outputToken, mapHtml)) {
        differences.push({ sourceLine: sourceLine + 1, outputLine: outputLine + 1, message: `expected ${describeBlock(sourceToken)}, found ${describeBlock(outputToken)}` });
        aligned = false;
        done = true;
        continue;
      }
      if (sourceToken.type !== 'inline') continue;
      if (!rewrite && sourceToken.content === outputToken.content) continue;
      const sourceMarkup = inlineMarkup(sourceToken, source.env);
      const expected = significant(sourceMarkup);
      const children = mayHaveMarkup(outputToken.content) ? parseInline(blocks, outputToken, expectedEnv) : [];
      const actual = significant(children);
      if (expected.length === actual.length && expected.every((token, k) => sameInline(token, actual[k], mapHref, mapHtml))) continue;
      // A translation may move markup (word order): the same pieces in another order are fine.
      const before = inlineSignature(sourceMarkup, mapHref, mapHtml);
      const after = inlineSignature(children, identity, identity);
      if (before.length === after.length && [...before].sort().join('\u0001') === [...after].sort().join('\u0001')) continue;
      differences.push({ sourceLine: sourceLine + 1, outputLine: outputLine + 1, message: inlineMessage(before, after) });
    }
  };
  parseBlocksStreaming(hideFrontMatter(output, fence?.lines ?? 0, fence?.after ?? 0), outputEnv, compareBlocks);
  if (aligned && sourceTokens.length !== outputCount && differences.length < max) {
    // Named at the line of the block that is missing (in the source) or was added (in the output).
    const missing = sourceTokens.length > outputCount;
    const extra = missing ? sourceTokens[outputCount] : firstExtra;
    if (extra?.map) {
      if (missing) sourceLine = extra.map[0];
      else outputLine = extra.map[0];
    }
    differences.push({
      sourceLine: sourceLine + 1,
      outputLine: outputLine + 1,
      message: missing ? `${describeBlock(extra)} is missing` : `${describeBlock(extra)} was added`,
    });
  }
  if (differences.length < max) compareReferences(source.env, outputEnv, mapHref, differences);
  return differences.slice(0, max);
}

function compareFrontMatter(source: ParsedDocument, afterYaml: string | undefined, translated: readonly (readonly string[])[], differences: StructureDifference[]): void {
  const before = source.frontMatter;
  const after = afterYaml === undefined ? undefined : { yaml: afterYaml };
  if (!before && !after) return;
  if (!before || !after) {
    differences.push({ sourceLine: 1, outputLine: 1, message: before ? 'the front matter is missing' : 'unexpected front matter' });
    return;
  }
  if (!before.document) {
    if (before.yaml !== after.yaml) differences.push({ sourceLine: 2, outputLine: 2, message: 'the front matter (not valid YAML) changed' });
    return;
  }
  const parsed = frontMatterData(after.yaml);
  if (!parsed.ok) {
    differences.push({ sourceLine: 2, outputLine: 2, message: 'the front matter no longer parses as YAML' });
    return;
  }
  const expected = before.document.toJS() as unknown;
  const actual = parsed.data;
  for (const path of translated) {
    if (typeof getIn(expected, path) === 'string' && typeof getIn(actual, path) === 'string') {
      setIn(expected, path, '');
      setIn(actual, path, '');
    }
  }
  if (!isDeepStrictEqual(expected, actual)) differences.push({ sourceLine: 2, outputLine: 2, message: 'the front matter data changed beyond the translated fields' });
}

function getIn(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const key of path) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function setIn(value: unknown, path: readonly string[], to: string): void {
  const parent = getIn(value, path.slice(0, -1));
  if (parent && typeof parent === 'object') (parent as Record<string, unknown>)[path[path.length - 1]] = to;
}

/** The source's link reference definitions with their destinations rewritten. */
function rewriteReferences(sourceEnv: Env, mapHref: (href: string) => string): NonNullable<Env['references']> {
  const rewritten: NonNullable<Env['references']> = {};
  for (const [label, reference] of Object.entries(sourceEnv.references ?? {})) rewritten[label] = { ...reference, href: mapHref(reference.href) };
  return rewritten;
}

function compareReferences(sourceEnv: Env, outputEnv: Env, mapHref: (href: string) => string, differences: StructureDifference[]): void {
  const before = sourceEnv.references ?? {};
  const after = outputEnv.references ?? {};
  for (const label of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[label];
    const b = after[label];
    if (a && b && mapHref(a.href) === b.href && a.title === b.title) continue;
    differences.push({
      sourceLine: undefined,
      outputLine: undefined,
      message: !b ? `the link reference definition [${label}] is missing` : !a ? `unexpected link reference definition [${label}]` : `the link reference definition [${label}] changed`,
    });
  }
}

function sameAttributes(a: Token, b: Token): boolean {
  const x = a.attrs ?? [];
  const y = b.attrs ?? [];
  return x.length === y.length && x.every(([name, value], k) => y[k][0] === name && y[k][1] === value);
}

/** Same block token: type, tag, markup, info, tightness, attributes; code and HTML byte for byte. */
function sameBlock(a: Token, b: Token, mapHtml: (html: string) => string): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'inline':
      return true;
    case 'fence':
      return a.markup === b.markup && a.info === b.info && a.content === b.content;
    case 'code_block':
      return a.content === b.content;
    case 'html_block':
      return mapHtml(a.content) === b.content;
    case 'reference_definition':
      return a.meta?.label === b.meta?.label;
    default:
      return a.tag === b.tag && a.markup === b.markup && a.info === b.info && a.hidden === b.hidden && sameAttributes(a, b);
  }
}

const IMAGE_END = { type: 'image_end' } as Token;

/** The inline tokens that carry structure (text and soft breaks are free to change), image alts flattened. */
function significant(tokens: readonly Token[], out: Token[] = []): Token[] {
  for (const token of tokens) {
    const type = token.type;
    if (type === 'text' || type === 'text_special' || type === 'softbreak') continue;
    out.push(token);
    if (type === 'image') {
      significant(token.children ?? [], out);
      out.push(IMAGE_END);
    }
  }
  return out;
}

function sameInline(a: Token, b: Token, mapHref: (href: string) => string, mapHtml: (html: string) => string): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'link_open':
      return mapHref(String(a.attrGet('href') ?? '')) === b.attrGet('href') && a.attrGet('title') === b.attrGet('title') && a.info === b.info;
    case 'image':
      return mapHref(String(a.attrGet('src') ?? '')) === b.attrGet('src') && a.attrGet('title') === b.attrGet('title');
    case 'code_inline':
      return a.markup === b.markup && a.content === b.content;
    case 'html_inline':
      return mapHtml(a.content) === b.content;
    case 'em_open':
    case 'em_close':
    case 'strong_open':
    case 'strong_close':
    case 'hardbreak':
    case 'image_end':
      return true;
    default:
      return a.markup === b.markup;
  }
}

function describeBlock(token: Token | undefined): string {
  if (!token) return 'nothing';
  switch (token.type) {
    case 'heading_open':
      return `a level-${token.tag.slice(1)} heading`;
    case 'paragraph_open':
      return 'a paragraph';
    case 'fence':
      return `a fenced code block (${token.markup}${token.info})`;
    case 'code_block':
      return 'an indented code block';
    case 'html_block':
      return 'an HTML block';
    case 'bullet_list_open':
      return `a bullet list (${token.markup})`;
    case 'ordered_list_open':
      return `an ordered list (${token.markup})`;
    case 'list_item_open':
      return `a list item (${token.info}${token.markup})`;
    case 'blockquote_open':
      return 'a block quote';
    case 'hr':
      return `a thematic break (${token.markup})`;
    case 'table_open':
      return 'a table';
    case 'inline':
      return 'text';
    default:
      return token.type.replace(/_/g, ' ');
  }
}

function inlineSignature(tokens: readonly Token[], mapHref: (href: string) => string, mapHtml: (html: string) => string): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'text_special':
      case 'softbreak':
        break;
      case 'link_open':
        out.push(`link\u0000${mapHref(String(token.attrGet('href') ?? ''))}\u0000${token.attrGet('title') ?? ''}\u0000${token.info}`);
        break;
      case 'image':
        out.push(`image\u0000${mapHref(String(token.attrGet('src') ?? ''))}\u0000${token.attrGet('title') ?? ''}`);
        out.push(...inlineSignature(token.children ?? [], mapHref, mapHtml), 'image end');
        break;
      case 'code_inline':
        out.push(`code\u0000${token.markup}\u0000${token.content}`);
        break;
      case 'html_inline':
        out.push(`html\u0000${mapHtml(token.content)}`);
        break;
      case 'hardbreak':
        out.push('hard break');
        break;
      case 'em_open':
      case 'em_close':
      case 'strong_open':
      case 'strong_close':
        // `*` and `_` emphasis are the same thing (translations may need `*` inside words).
        out.push(token.type);
        break;
      default:
        out.push(`${token.type}\u0000${token.markup}`);
    }
  }
  return out;
}

function inlineMessage(expected: readonly string[], actual: readonly string[]): string {
  let k = 0;
  while (k < expected.length && k < actual.length && expected[k] === actual[k]) k++;
  return `inline markup differs: expected ${describeInline(expected[k])}, found ${describeInline(actual[k])}`;
}

function describeInline(signature: string | undefined): string {
  if (signature === undefined) return 'nothing more';
  const [kind, a, b] = signature.split('\u0000');
  switch (kind) {
    case 'link':
      return b === 'auto' ? `an autolink to ${a}` : `a link to "${a}"`;
    case 'image':
      return `an image "${a}"`;
    case 'code':
      return `code \`${b}\``;
    case 'html':
      return `HTML ${a}`;
    case 'em_open':
    case 'em_close':
    case 'strong_open':
    case 'strong_close':
    case 's_open':
    case 's_close':
      return a === undefined ? kind.replace('_', ' ') : `${kind.replace('_', ' ')} (${a})`;
    default:
      return kind;
  }
}
