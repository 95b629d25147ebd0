import type { Env, MdToken } from './parser';
import { markdownParser } from './parser';
import { parseDocument } from './segment';

/**
 * The anchors a document offers to `#fragment` links: one per heading, named as GitHub names
 * them (the heading's text, slugged by `github-slugger`, `-1`, `-2`… for repeats; the common
 * static site generators follow the same rules), and the explicit ones (`id` and `name`
 * attributes of HTML, `{#id}` after a heading). A translated heading gets a new slug; the
 * explicit anchors are never translated and keep their names.
 */
export interface Anchors {
  /** Heading slugs, in document order (heading `i` of a source is heading `i` of its outputs). */
  readonly headings: readonly string[];
  /** Explicit anchor names. */
  readonly explicit: ReadonlySet<string>;
}

type Slugger = { slug(value: string): string };
let sluggerClass: (new () => Slugger) | undefined;

/** github-slugger is an ES module: loaded once, on first use. */
async function newSlugger(): Promise<Slugger> {
  sluggerClass ??= (await import('github-slugger')).default;
  return new sluggerClass();
}

const ID_ATTRIBUTE = /\b(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;
const HEADING_ID = /\{#([^\s{}]+)[^{}]*\}\s*$/;

function explicitIn(html: string, into: Set<string>): void {
  ID_ATTRIBUTE.lastIndex = 0;
  for (let match = ID_ATTRIBUTE.exec(html); match; match = ID_ATTRIBUTE.exec(html)) into.add(match[1] ?? match[2] ?? match[3] ?? '');
}

/** What a heading reads as (its text content): text, code and the text of links; no HTML, no images. */
function textContent(children: readonly MdToken[]): string {
  let text = '';
  for (const child of children) {
    if (child.type === 'text' || child.type === 'text_special' || child.type === 'code_inline') text += child.content;
    else if (child.type === 'softbreak' || child.type === 'hardbreak') text += ' ';
  }
  return text;
}

/** The anchors of a Markdown document. */
export async function documentAnchors(text: string): Promise<Anchors> {
  const md = markdownParser();
  const document = parseDocument(text);
  const env: Env = document.env;
  const slugger = await newSlugger();
  const headings: string[] = [];
  const explicit = new Set<string>();
  const tokens = document.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'html_block') explicitIn(token.content, explicit);
    if (token.type === 'inline' && token.content.includes('<')) {
      for (const child of md.inlineTokens(token.content, env)) if (child.type === 'html_inline') explicitIn(child.content, explicit);
    }
    if (token.type !== 'heading_open') continue;
    const inline = tokens[i + 1];
    const content = inline?.type === 'inline' ? inline.content : '';
    const id = HEADING_ID.exec(content);
    if (id) explicit.add(id[1]);
    headings.push(slugger.slug(textContent(md.inlineTokens(content, env))));
  }
  return { headings, explicit };
}
