import { isDeepStrictEqual } from 'node:util';
import { structureError } from './errors';
import { frontMatterData, frontMatterLineCount, setIn } from './frontMatter';
import { rewriteHtml, type DestinationRewriter } from './links';
import type { Unit } from './model';
import { markdownParser, mayHaveMarkup, type Env, type MdToken } from './parser';
import type { ParsedDocument } from './segment';
import { detectFence, hideFrontMatter } from './source';
import { describeBlock, inlineMessage, inlineSignature, sameBlock, sameInline, significant } from './tokenCompare';
import { message } from '../messages';

/**
 * The structural guard: before anything is written, the output is parsed again and compared
 * with the source. Block tokens must match in type, nesting, markup, heading level, list type,
 * marker and start number; code blocks, fences and HTML blocks byte for byte; inline markup
 * (emphasis, links and their targets and titles, images, code spans, raw HTML, hard breaks)
 * the same pieces per paragraph, heading or cell (in the same order, or moved around by a
 * translation's word order); link reference definitions the same; front matter must still
 * parse, with only the translated string values changed. Text is free to change. Expected
 * link targets take the relative-link rewriting into account. Each difference names the units
 * it can come from.
 */

export interface GuardOptions {
  /** The rewriter applied to relative destinations, if any (the guard expects its results). */
  rewrite?: DestinationRewriter;
  /** Front-matter paths whose string values may change. */
  translatedFields?: readonly (readonly string[])[];
  /** Stop after this many differences (default 10). */
  maxDifferences?: number;
  /** The source's units, to name the ones each difference comes from. */
  units?: readonly Unit[];
}

/** One difference, with 1-based lines in the source and in the output. */
export interface StructureDifference {
  sourceLine: number | undefined;
  outputLine: number | undefined;
  message: string;
  /** Indices of the units it can come from; empty when it cannot be narrowed to units. */
  units: number[];
}

/** Throws a structure error listing the differences when `output` does not keep the structure of `source`. */
export function assertSameStructure(source: ParsedDocument, output: string, options: GuardOptions = {}): void {
  const differences = compareStructure(source, output, options);
  if (differences.length === 0) return;
  throw structureError(message('The translation would change the structure of the Markdown document; nothing was written.'), {
    detail: describeDifferences(differences),
  });
}

/** The differences as a list, one per line. */
export function describeDifferences(differences: readonly StructureDifference[]): string {
  return differences.map((difference) => `- ${where(difference)}: ${difference.message}`).join('\n');
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
  const comparison = new Comparison(source, options);
  const fence = frontMatterLineCount(output) > 0 ? detectFence(output) : undefined;
  const frontMatterUnits = (options.units ?? []).filter((unit) => unit.field).map((unit) => unit.index);
  compareFrontMatter(source, fence ? output.slice(fence.start, fence.end) : undefined, options.translatedFields ?? [], frontMatterUnits, comparison.differences);
  const outputEnv: Env = {};
  comparison.blocks(markdownParser().parseBlocks(hideFrontMatter(output, fence?.lines ?? 0, fence?.after ?? 0), outputEnv));
  if (!comparison.full()) compareReferences(source.env, outputEnv, comparison.mapHref, comparison.differences);
  return comparison.differences.slice(0, comparison.max);
}

/**
 * Walks the output's block tokens beside the source's. Blocks must match one for one; the first
 * block that does not ends the walk (what follows is misaligned). Inline content is parsed only
 * where it differs from the source's (the same content with the same reference definitions
 * parses the same), with the references the output must have: the source's, rewritten (whether
 * it has them is checked after the walk).
 */
class Comparison {
  readonly differences: StructureDifference[] = [];
  readonly max: number;
  readonly mapHref: (href: string) => string;
  private readonly mapHtml: (html: string) => string;
  private readonly expectedEnv: Env;
  private readonly unitsOfToken = new Map<number, number>();

  constructor(
    private readonly source: ParsedDocument,
    private readonly options: GuardOptions,
  ) {
    const rewrite = options.rewrite;
    const parser = markdownParser();
    this.max = options.maxDifferences ?? 10;
    this.mapHref = rewrite ? (href) => parser.normalizeLink(rewrite(href)) : identity;
    this.mapHtml = rewrite ? (html) => rewriteHtml(html, rewrite) : identity;
    this.expectedEnv = rewrite ? { references: rewriteReferences(source.env, this.mapHref) } : source.env;
    for (const unit of options.units ?? []) if (unit.token !== undefined) this.unitsOfToken.set(unit.token, unit.index);
  }

  full(): boolean {
    return this.differences.length >= this.max;
  }

  blocks(outputTokens: readonly MdToken[]): void {
    const sourceTokens = this.source.tokens;
    const lines = { source: 0, output: 0 };
    const count = Math.min(sourceTokens.length, outputTokens.length);
    for (let i = 0; i < count && !this.full(); i++) {
      const sourceToken = sourceTokens[i];
      const outputToken = outputTokens[i];
      if (sourceToken.map) lines.source = sourceToken.map[0];
      if (outputToken.map) lines.output = outputToken.map[0];
      if (!sameBlock(sourceToken, outputToken, this.mapHtml)) {
        this.add(lines, `expected ${describeBlock(sourceToken)}, found ${describeBlock(outputToken)}`, this.unitsAround(i));
        return;
      }
      if (sourceToken.type === 'inline') this.inline(i, outputToken, lines);
    }
    if (sourceTokens.length === outputTokens.length || this.full()) return;
    // Named at the line of the block that is missing (in the source) or was added (in the output).
    const missing = sourceTokens.length > outputTokens.length;
    const extra = missing ? sourceTokens[count] : outputTokens[count];
    if (extra.map) lines[missing ? 'source' : 'output'] = extra.map[0];
    this.add(lines, missing ? `${describeBlock(extra)} is missing` : `${describeBlock(extra)} was added`, this.unitsAround(count));
  }

  private inline(index: number, outputToken: MdToken, lines: { source: number; output: number }): void {
    const sourceToken = this.source.tokens[index];
    if (!this.options.rewrite && sourceToken.content === outputToken.content) return;
    const parser = markdownParser();
    const sourceMarkup = parser.inlineMarkup(sourceToken, this.source.env).map((mark) => mark.token);
    const expected = significant(sourceMarkup);
    const children = mayHaveMarkup(outputToken.content) ? parser.inlineTokens(outputToken.content, this.expectedEnv) : [];
    const actual = significant(children);
    if (expected.length === actual.length && expected.every((token, k) => sameInline(token, actual[k], this.mapHref, this.mapHtml))) return;
    // A translation may move markup (word order): the same pieces in another order are fine.
    const before = inlineSignature(sourceMarkup, this.mapHref, this.mapHtml);
    const after = inlineSignature(children, identity, identity);
    if (before.length === after.length && [...before].sort().join('\u0001') === [...after].sort().join('\u0001')) return;
    const unit = this.unitsOfToken.get(index);
    this.add(lines, inlineMessage(before, after), unit === undefined ? [] : [unit]);
  }

  /**
   * The units a block difference at source token `index` can come from: those of its top-level
   * block and of the one before (a paragraph's new last line can change how the next block reads).
   */
  private unitsAround(index: number): number[] {
    const tokens = this.source.tokens;
    let start = Math.min(index, tokens.length - 1);
    for (let blocks = 0; start > 0; start--) {
      if (tokens[start].level === 0 && tokens[start].nesting !== -1 && ++blocks === 2) break;
    }
    let end = Math.min(index + 1, tokens.length);
    while (end < tokens.length && tokens[end].level > 0) end++;
    const units: number[] = [];
    for (let i = Math.max(0, start); i < end; i++) {
      const unit = this.unitsOfToken.get(i);
      if (unit !== undefined) units.push(unit);
    }
    return units;
  }

  private add(lines: { source: number; output: number }, message: string, units: number[]): void {
    this.differences.push({ sourceLine: lines.source + 1, outputLine: lines.output + 1, message, units });
  }
}

const identity = (value: string): string => value;
function compareFrontMatter(source: ParsedDocument, afterYaml: string | undefined, translated: readonly (readonly string[])[], frontMatterUnits: number[], differences: StructureDifference[]): void {
  const before = source.frontMatter;
  const after = afterYaml === undefined ? undefined : { yaml: afterYaml };
  if (!before && !after) return;
  if (!before || !after) {
    differences.push({ sourceLine: 1, outputLine: 1, message: before ? 'the front matter is missing' : 'unexpected front matter', units: [] });
    return;
  }
  if (!before.document) {
    if (before.yaml !== after.yaml) differences.push({ sourceLine: 2, outputLine: 2, message: 'the front matter (not valid YAML) changed', units: [] });
    return;
  }
  const parsed = frontMatterData(after.yaml);
  if (!parsed.ok) {
    differences.push({ sourceLine: 2, outputLine: 2, message: 'the front matter no longer parses as YAML', units: frontMatterUnits });
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
  if (!isDeepStrictEqual(expected, actual)) differences.push({ sourceLine: 2, outputLine: 2, message: 'the front matter data changed beyond the translated fields', units: frontMatterUnits });
}

function getIn(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const key of path) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
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
      units: [],
      message: !b ? `the link reference definition [${label}] is missing` : !a ? `unexpected link reference definition [${label}]` : `the link reference definition [${label}] changed`,
    });
  }
}

