import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { blockParser, inlineMarkup, parseBlocksStreaming, parseInline, plainParser, trackingParser, type Env, type Token } from '../../src/core/markdown/parser';
import { FIXTURE_NAMES, fixture, specExamples } from '../support/markdown';

/**
 * The engine's parsers change how markdown-it works inside (plain tokens and states, a faster
 * line table, a narrower `text` rule, memoized link normalization, position tracking, inline
 * parsing on demand, streaming) but must read every document exactly as a stock markdown-it
 * with the same options does.
 */

const stock = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
stock.core.ruler.disable('strip_references');

/** Tokens as plain data (spans and other symbol-keyed notes are not enumerable data). */
function plain(tokens: readonly Token[]): unknown[] {
  return tokens.map((token) => ({
    type: token.type,
    tag: token.tag,
    attrs: token.attrs,
    map: token.map,
    nesting: token.nesting,
    level: token.level,
    children: token.children ? plain(token.children) : null,
    content: token.content,
    markup: token.markup,
    info: token.info,
    meta: token.type === 'reference_definition' ? JSON.stringify(token.meta) : null,
    block: token.block,
    hidden: token.hidden,
  }));
}

/** Significant inline tokens only (what the block parser's on-demand inline pass must agree on). */
function significant(tokens: readonly Token[]): unknown[] {
  return tokens
    .filter((token) => token.type !== 'text' && token.type !== 'text_special')
    .map((token) => ({ type: token.type, attrs: token.attrs, content: token.type === 'code_inline' || token.type === 'html_inline' ? token.content : '', markup: token.markup, children: token.children ? significant(token.children) : null }));
}

const documents = [
  ...specExamples().map((example) => ({ name: `spec example ${example.number}`, text: example.markdown })),
  ...FIXTURE_NAMES.map((name) => ({ name, text: fixture(name).replace(/^\uFEFF/, '') })),
  { name: 'line tables', text: '\t \tx\n \n  - a\n\t- b\n\n   \n\n\t\tcode\n  ' },
  { name: 'a last line of spaces', text: 'a\n  ' },
  { name: 'only spaces', text: ' \t ' },
  { name: 'empty', text: '' },
  { name: 'CR, CRLF and NUL', text: 'a\r\nb\rc\0d\r\n\r\n# h\r\r\nx\n\r\ny\0\r' },
  { name: 'hard breaks only', text: 'a  \nb\\\nc   \nd \ne\t\nf' },
  { name: 'terminators', text: 'a-b: c#d = e {f} $g% h+i@j^k >l\n\n[x]: /u\n\n[x] - [x]: [y](</a b> "t") *e* _f_ ~~s~~ `c` <b>h</b> &amp; \\* a  \nb' },
];

describe('markdown engine: parsers', function () {
  this.timeout(60_000);

  it('the tracking and plain parsers give the same tokens as stock markdown-it', () => {
    const failures: string[] = [];
    for (const { name, text } of documents) {
      const expected = plain(stock.parse(text, {}));
      if (!isEqual(plain(trackingParser().parse(text, {})), expected)) failures.push(`tracking: ${name}`);
      if (!isEqual(plain(plainParser().parse(text, {})), expected)) failures.push(`plain: ${name}`);
    }
    assert.deepEqual(failures, []);
  });

  it('the block parser gives the same blocks, and the same inline markup on demand', () => {
    const failures: string[] = [];
    for (const { name, text } of documents) {
      const expected = stock.parse(text, {});
      const env = {};
      const actual = blockParser().parse(text, env);
      const blocks = (tokens: readonly Token[]): unknown[] => plain(tokens).map((token) => ({ ...(token as object), children: null }));
      if (!isEqual(blocks(actual), blocks(expected))) {
        failures.push(`blocks: ${name}`);
        continue;
      }
      actual.forEach((token, k) => {
        if (token.type !== 'inline') return;
        if (!isEqual(significant(parseInline(blockParser(), token, env)), significant(expected[k].children ?? []))) failures.push(`inline: ${name}`);
        const markup = (tokens: readonly Token[]): unknown[] => significant(tokens.filter((child) => child.type !== 'softbreak'));
        if (!isEqual(markup(inlineMarkup(token, env)), markup(expected[k].children ?? []))) failures.push(`markup: ${name}`);
      });
    }
    assert.deepEqual(failures, []);
  });

  it('the streaming block parse hands over the same blocks, top-level block by block, and the same references', () => {
    const failures: string[] = [];
    for (const { name, text } of documents) {
      const env: Env = {};
      const expected = plain(blockParser().parse(text, env));
      const streamedEnv: Env = {};
      const streamed: unknown[] = [];
      let chunks = 0;
      parseBlocksStreaming(text, streamedEnv, (tokens) => {
        chunks++;
        // Whole top-level blocks: starting at level 0, every opening closed.
        const depth = tokens.reduce((sum, token) => sum + token.nesting, 0);
        if (tokens[0]?.level !== 0 || depth !== 0) failures.push(`not whole top-level blocks: ${name}`);
        streamed.push(...plain(tokens));
      });
      if (!isEqual(streamed, expected)) failures.push(`blocks: ${name}`);
      if (!isEqual(streamedEnv.references, env.references)) failures.push(`references: ${name}`);
      if (expected.length > 0 && chunks === 0) failures.push(`no chunk: ${name}`);
    }
    assert.deepEqual(failures, []);
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
