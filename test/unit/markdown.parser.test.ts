import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { createMarkdown, EXPECTED_RULES, markdownParser, mayHaveMarkup, ruleChains, type Mark, type MdToken } from '../../src/core/markdown/parser';
import { FIXTURE_NAMES, fixture, specExamples } from '../support/markdown';

/**
 * The engine's parser is a stock markdown-it with the engine's options, no inline pass during
 * block parsing, and two observing rules of its own. It must read every document exactly as a
 * stock markdown-it with the same options does, and the positions it notes for inline markup
 * must point at that markup in the source text.
 */

const stock = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
stock.core.ruler.disable('strip_references');

/** Block tokens as plain data (inline children left out). */
function blocks(tokens: readonly MdToken[]): unknown[] {
  return tokens.map((token) => ({
    type: token.type,
    tag: token.tag,
    attrs: token.attrs,
    map: token.map,
    nesting: token.nesting,
    level: token.level,
    content: token.content,
    markup: token.markup,
    info: token.info,
    meta: token.type === 'reference_definition' ? JSON.stringify(token.meta) : null,
    hidden: token.hidden,
  }));
}

/** Significant inline tokens only (text tokens are free to differ). */
function significant(tokens: readonly MdToken[]): unknown[] {
  return tokens
    .filter((token) => token.type !== 'text' && token.type !== 'text_special')
    .map((token) => ({ type: token.type, attrs: token.attrs, content: token.type === 'code_inline' || token.type === 'html_inline' ? token.content : '', markup: token.markup, children: token.children ? significant(token.children) : null }));
}

const documents = [
  ...specExamples().map((example) => ({ name: `spec example ${example.number}`, text: example.markdown })),
  ...FIXTURE_NAMES.map((name) => ({ name, text: fixture(name).replace(/^\uFEFF/, '') })),
  { name: 'line tables', text: '\t \tx\n \n  - a\n\t- b\n\n   \n\n\t\tcode\n  ' },
  { name: 'CR, CRLF and NUL', text: 'a\r\nb\rc\0d\r\n\r\n# h\r\r\nx\n\r\ny\0\r' },
  { name: 'hard breaks only', text: 'a  \nb\\\nc   \nd \ne\t\nf' },
  { name: 'links and images', text: '[](u) [a *b*](u) [c](<d e> "t") ![x *y*](i) [ref] [ref][] [z][ref] <http://a.b> <b>h</b> `c` ~~s~~ **S** _e_\n\n[ref]: /u' },
];

/** What the source text at a mark must look like, by token type. */
function markFits(content: string, mark: Mark): boolean {
  const { token, span } = mark;
  if (!span) return false;
  const text = content.slice(span.start, span.end);
  switch (token.type) {
    case 'hardbreak':
      // The spaces or backslash before the line end, and the next line's indentation.
      return /^( {2,}|\\)\n[ \t]*$/.test(text);
    case 'code_inline':
      return text.startsWith(token.markup) && text.endsWith(token.markup) && text.replace(/\s+/g, ' ').includes(token.content.replace(/\s+/g, ' ').trim());
    case 'html_inline':
      return text === token.content;
    case 'link_open':
      return token.info === 'auto' ? text.startsWith('<') && text.endsWith('>') : text === '[';
    case 'link_close':
      return token.info === 'auto' ? text.startsWith('<') && text.endsWith('>') : text.startsWith(']');
    case 'image':
      return text.startsWith('![') && mark.label !== undefined && content.slice(mark.label.start, mark.label.end) === token.content;
    default:
      // Emphasis and strikethrough: one delimiter character (or `~~`) of the run that made it.
      return text.length > 0 && token.markup.startsWith(text);
  }
}

describe('markdown engine: parser', function () {
  this.timeout(60_000);

  it('gives the same blocks as stock markdown-it, and the same inline markup on demand', () => {
    const failures: string[] = [];
    const parser = markdownParser();
    for (const { name, text } of documents) {
      const expected = stock.parse(text, {});
      const env = {};
      const actual = parser.parseBlocks(text, env);
      if (!isEqual(blocks(actual), blocks(expected))) {
        failures.push(`blocks: ${name}`);
        continue;
      }
      actual.forEach((token, k) => {
        if (token.type !== 'inline') return;
        const children = expected[k].children ?? [];
        if (!isEqual(significant(parser.inlineTokens(token.content, env)), significant(children))) failures.push(`inline: ${name}`);
        const markup = (tokens: readonly MdToken[]): unknown[] => significant(tokens.filter((child) => child.type !== 'softbreak'));
        if (!isEqual(markup(parser.inlineMarkup(token, env).map((mark) => mark.token)), markup(children))) failures.push(`markup: ${name}`);
      });
    }
    assert.deepEqual(failures, []);
  });

  it('locates every piece of inline markup in the source text', () => {
    const failures: string[] = [];
    const parser = markdownParser();
    let checked = 0;
    const check = (name: string, content: string, marks: readonly Mark[]): void => {
      for (const mark of marks) {
        checked++;
        if (!markFits(content, mark)) failures.push(`${name}: ${mark.token.type} at ${JSON.stringify(mark.span)} in ${JSON.stringify(content)}`);
        if (mark.children) check(name, content, mark.children);
      }
    };
    for (const { name, text } of documents) {
      const env = {};
      for (const token of parser.parseBlocks(text, env)) if (token.type === 'inline') check(name, token.content, parser.inlineMarkup(token, env));
    }
    assert.deepEqual(failures, []);
    assert.ok(checked > 700, `${checked} marks checked`);
  });

  it('skips parsing only content that cannot hold markup: escaped characters are literal', () => {
    for (const text of ['plain text', 'a \\*b\\* \\[c\\]\\(d\\) \\<e> \\`f\\` \\~\\~g\\~\\~', 'a &amp; b', 'a\nb', '\\[x](y)']) {
      assert.equal(mayHaveMarkup(text), false, text);
      assert.deepEqual(significant(stock.parseInline(text, {})[0].children ?? []).filter((token) => (token as { type: string }).type !== 'softbreak'), [], text);
    }
    for (const text of ['a *b*', 'a \\\\*b*', 'a\\\nb', 'a  \nb', '\\![x](y)']) assert.equal(mayHaveMarkup(text), true, text);
  });

  it('refuses rule chains it was not written for: a plugin fails at setup', () => {
    assert.doesNotThrow(() => createMarkdown());
    const mark = (md: MarkdownIt.MarkdownIt): void => {
      md.inline.ruler.before('emphasis', 'mark', function mark(state, silent) {
        if (state.src.slice(state.pos, state.pos + 2) !== '==') return false;
        const end = state.src.indexOf('==', state.pos + 2);
        if (end < 0) return false;
        if (!silent) state.push('mark', 'mark', 0).content = state.src.slice(state.pos + 2, end);
        state.pos = end + 2;
        return true;
      });
    };
    assert.throws(() => createMarkdown([mark]), /inline rules were changed \(a plugin\?\)/);
    // A plugin that replaces a rule under its own name is caught too (the functions are compared).
    const replace = (md: MarkdownIt.MarkdownIt): void => {
      md.inline.ruler.at('emphasis', (state, silent) => stock.inline.ruler.getRules('')[6](state, silent));
    };
    assert.throws(() => createMarkdown([replace]), /inline rules were changed/);
  });

  it('was written for the rules of the installed markdown-it, by name (an upgrade that changes them fails here)', () => {
    const configured = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
    configured.core.ruler.disable(['strip_references', 'inline', 'text_join']);
    assert.deepEqual(ruleChains(configured), EXPECTED_RULES);
  });
});

function isEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}
