import type { MdToken } from './parser';

/**
 * Comparing tokens for the structural guard: which block and inline tokens must match between
 * the source and the output, signatures of inline markup (to accept markup a translation moved
 * around), and how a difference is described.
 */

function sameAttributes(a: MdToken, b: MdToken): boolean {
  const x = a.attrs ?? [];
  const y = b.attrs ?? [];
  return x.length === y.length && x.every(([name, value], k) => y[k][0] === name && y[k][1] === value);
}

/** Same block token: type, tag, markup, info, tightness, attributes; code and HTML byte for byte. */
export function sameBlock(a: MdToken, b: MdToken, mapHtml: (html: string) => string): boolean {
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

const IMAGE_END = { type: 'image_end' } as MdToken;

/** The inline tokens that carry structure (text and soft breaks are free to change), image alts flattened. */
export function significant(tokens: readonly MdToken[], out: MdToken[] = []): MdToken[] {
  for (const raw of tokens) {
    const token = asEmphasis(raw);
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

export function sameInline(a: MdToken, b: MdToken, mapHref: (href: string) => string, mapHtml: (html: string) => string): boolean {
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

export function describeBlock(token: MdToken | undefined): string {
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

export function inlineSignature(tokens: readonly MdToken[], mapHref: (href: string) => string, mapHtml: (html: string) => string): string[] {
  const out: string[] = [];
  for (const raw of tokens) {
    const token = asEmphasis(raw);
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

export function inlineMessage(expected: readonly string[], actual: readonly string[]): string {
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

/**
 * Inline HTML that is emphasis or strikethrough (exactly `<em>`, `<strong>`, `<del>` and their
 * closing tags, as the engine writes units whose delimiters would not parse) stands for the
 * delimiter tokens; any other token is itself.
 */
function asEmphasis(token: MdToken): MdToken {
  if (token.type !== 'html_inline') return token;
  const tag = HTML_EMPHASIS[token.content];
  return tag ? { ...tag, attrGet: () => null } : token;
}

function delimiter(type: string, markup: string): Omit<MdToken, 'attrGet'> {
  return { type, tag: '', nesting: type.endsWith('_open') ? 1 : -1, level: 0, map: null, content: '', markup, info: '', hidden: false, attrs: null, meta: null, children: null };
}

const HTML_EMPHASIS: Readonly<Record<string, Omit<MdToken, 'attrGet'> | undefined>> = {
  '<em>': delimiter('em_open', '*'),
  '</em>': delimiter('em_close', '*'),
  '<strong>': delimiter('strong_open', '**'),
  '</strong>': delimiter('strong_close', '**'),
  '<del>': delimiter('s_open', '~~'),
  '</del>': delimiter('s_close', '~~'),
};
