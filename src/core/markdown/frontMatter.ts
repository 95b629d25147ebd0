import { isDeepStrictEqual } from 'node:util';
import YAML, { isMap, isScalar, type Document, type Scalar } from 'yaml';
import { detectFence, type SourceText } from './source';
import { structureError } from './errors';
import { TranslateError } from '../errors';
import { message } from '../messages';

/** Front-matter fields translated by default. */
export const DEFAULT_FRONT_MATTER_FIELDS: readonly string[] = ['title', 'description'];

/** Front matter at the top of a document: YAML between `---` lines (or TOML between `+++` lines, kept as is). */
export interface FrontMatter {
  /** Raw offsets of the YAML text between the fence lines. */
  readonly start: number;
  readonly end: number;
  readonly yaml: string;
  /** The parsed document, or undefined for TOML or YAML with errors (then nothing in it is translated). */
  readonly document: Document | undefined;
}

/** One translatable string value of the front matter. */
export interface FrontMatterField {
  /** Key path, e.g. `['title']` or `['seo', 'description']`. */
  readonly path: readonly string[];
  readonly value: string;
  /** Raw offsets of the scalar's source (quotes or block header included). */
  readonly start: number;
  readonly end: number;
  readonly style: Scalar.Type | undefined;
  /** 0-based line of the value in the document. */
  readonly line: number;
}

/**
 * Reads the front matter of a document whose first `lines` lines are fenced front matter.
 * Returns undefined when there is none. YAML that is not a mapping (or is empty) is still front
 * matter, kept byte for byte, with nothing to translate.
 */
export function readFrontMatter(source: SourceText): FrontMatter | undefined {
  const lines = source.frontMatterLines;
  if (lines < 2) return undefined;
  const start = lines > 2 ? source.rawLineStarts[1] : source.rawLineStarts[lines - 1];
  const end = source.rawLineStarts[lines - 1];
  const yaml = source.raw.slice(start, end);
  // TOML front matter (`+++`) is kept byte for byte and never translated.
  const document = source.lines[0].startsWith('+++') ? undefined : parseYaml(yaml);
  if (document) checkAliases(document);
  return { start, end, yaml, document };
}

/**
 * Refuses front matter whose aliases expand beyond reason (a "billion laughs" alias bomb): the
 * data is built once here, with the YAML library's alias limit, before anything is sent.
 */
function checkAliases(document: Document): void {
  try {
    document.toJS();
  } catch (error) {
    throw new TranslateError('input', message('The front matter expands YAML aliases beyond the safe limit (an alias bomb); fix it before translating.'), { cause: error });
  }
}

function parseYaml(yaml: string): Document | undefined {
  try {
    const document = YAML.parseDocument(yaml, { keepSourceTokens: false });
    return document.errors.length === 0 ? document : undefined;
  } catch {
    return undefined;
  }
}

/** Lines taken by the document's front matter (fences included), 0 when it has none. */
export function frontMatterLineCount(raw: string): number {
  const fence = detectFence(raw);
  if (!fence) return 0;
  if (fence.toml) return fence.lines;
  return isFrontMatterYaml(raw.slice(fence.start, fence.end)) ? fence.lines : 0;
}

/**
 * Whether a document's first lines are front matter in our sense: a `---` fence pair around
 * YAML that parses to a mapping, or is empty. (`---` / text / `---` with plain text between is
 * a thematic break and a setext heading, and stays Markdown.)
 */
export function isFrontMatterYaml(yaml: string): boolean {
  if (yaml.trim() === '') return true;
  try {
    const document = YAML.parseDocument(yaml);
    if (document.errors.length > 0) return true; // Broken YAML in a fence pair: keep it untouched, don't parse it as Markdown.
    return document.contents === null || isMap(document.contents);
  } catch {
    return true;
  }
}

/** The allow-listed string values (dotted paths like `seo.title` reach into mappings). */
export function frontMatterFields(frontMatter: FrontMatter, fields: readonly string[], source: SourceText): FrontMatterField[] {
  const document = frontMatter.document;
  if (!document) return [];
  const result: FrontMatterField[] = [];
  const seen = new Set<string>();
  for (const field of fields) {
    if (seen.has(field)) continue;
    seen.add(field);
    const path = field.split('.').filter((part) => part !== '');
    if (path.length === 0) continue;
    const node = document.getIn(path, true);
    // A value with an anchor may be used elsewhere through an alias: it is left as it is.
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range || node.anchor) continue;
    const start = frontMatter.start + node.range[0];
    result.push({
      path,
      value: node.value,
      start,
      end: frontMatter.start + node.range[1],
      style: node.type,
      line: lineOf(source, start),
    });
  }
  return result.sort((a, b) => a.start - b.start);
}

function lineOf(source: SourceText, offset: number): number {
  let low = 0;
  let high = source.rawLineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (source.rawLineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Writes translated values back into the YAML text. Each value keeps its original quoting style
 * when that style can hold it (plain, single, double quotes, literal or folded block), else
 * becomes double-quoted. Every other byte stays. The result is parsed again and must hold exactly
 * the original data with the new values, or this throws.
 */
export function renderFrontMatter(frontMatter: FrontMatter, fields: readonly FrontMatterField[], values: readonly (string | undefined)[]): string {
  const changed = fields
    .map((field, index) => ({ field, value: values[index] }))
    .filter((entry): entry is { field: FrontMatterField; value: string } => entry.value !== undefined && entry.value !== entry.field.value);
  if (changed.length === 0 || !frontMatter.document) return frontMatter.yaml;

  const expected = frontMatter.document.toJS() as unknown;
  for (const { field, value } of changed) setIn(expected, field.path, value);

  for (const preserveStyle of [true, false]) {
    const parts: string[] = [];
    let last = frontMatter.start;
    for (const { field, value } of changed) {
      parts.push(frontMatter.yaml.slice(last - frontMatter.start, field.start - frontMatter.start));
      const original = frontMatter.yaml.slice(field.start - frontMatter.start, field.end - frontMatter.start);
      parts.push(preserveStyle ? scalarInStyle(value, field.style, original) : doubleQuoted(value));
      last = field.end;
    }
    parts.push(frontMatter.yaml.slice(last - frontMatter.start));
    const yaml = parts.join('');
    const reparsed = parseYaml(yaml);
    if (reparsed && isDeepStrictEqual(reparsed.toJS(), expected)) return yaml;
  }
  throw structureError(message('The translated front matter would not parse back to the same data; nothing was written.'), {
    detail: changed.map(({ field }) => `front matter "${field.path.join('.')}" (line ${field.line + 1})`).join('; '),
  });
}

export function setIn(target: unknown, path: readonly string[], value: string): void {
  let node = target as Record<string, unknown>;
  for (let i = 0; i < path.length - 1; i++) node = node[path[i]] as Record<string, unknown>;
  node[path[path.length - 1]] = value;
}

/** YAML double-quoted scalar; JSON string syntax is a subset of it. */
function doubleQuoted(value: string): string {
  return JSON.stringify(value);
}

const PLAIN_UNSAFE_START = /^[\s\-?:,[\]{}#&*!|>'"%@`]/;

function scalarInStyle(value: string, style: Scalar.Type | undefined, original: string): string {
  switch (style) {
    case 'PLAIN':
      if (!PLAIN_UNSAFE_START.test(value) && !/[\n\r]|: |:$| #|\s$|[,[\]{}]/.test(value)) return value;
      return doubleQuoted(value);
    case 'QUOTE_SINGLE':
      return /[\n\r]/.test(value) ? doubleQuoted(value) : `'${value.replace(/'/g, "''")}'`;
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return blockScalar(value, original) ?? doubleQuoted(value);
    default:
      return doubleQuoted(value);
  }
}

/** Re-renders a block scalar with its own header, indentation and line ends. */
function blockScalar(value: string, original: string): string | undefined {
  const headerEnd = /\r\n|\r|\n/.exec(original);
  if (!headerEnd) return undefined;
  const eol = headerEnd[0];
  const header = original.slice(0, headerEnd.index);
  const body = original.slice(headerEnd.index + eol.length);
  const indent = /^[ ]+/.exec(body)?.[0];
  if (!indent) return undefined;
  const lines = value.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const text = lines.map((line) => (line === '' ? '' : indent + line)).join(eol);
  return `${header}${eol}${text}${original.endsWith(eol) ? eol : ''}`;
}

/** The front matter's data for comparison (undefined when it does not parse). */
export function frontMatterData(yaml: string): { ok: boolean; data: unknown } {
  const document = parseYaml(yaml);
  return document ? { ok: true, data: document.toJS() as unknown } : { ok: false, data: undefined };
}
