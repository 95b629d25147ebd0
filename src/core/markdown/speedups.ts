import MarkdownIt from 'markdown-it';

/**
 * Faster stand-ins for parts of markdown-it 15 that dominate the engine's parses, with exactly
 * the same results (`test/unit/markdown.parser.test.ts` compares every token with a stock
 * markdown-it's): tokens and parse states built with plain assignments, a line table built with
 * `indexOf`, one slice for contiguous paragraph lines, a `normalize` rule that scans clean text
 * once, a `text` rule that stops only where the inline rules of the engine's configuration (no
 * linkify, no typographer: see `parser.ts`) can start, and memoized link normalization. The
 * block state also hands over top-level blocks in a streaming parse.
 */

type Token = MarkdownIt.Token;
type Markdown = MarkdownIt.MarkdownIt;
type Env = MarkdownIt.Env;
type StateInline = MarkdownIt.StateInline;
type StateBlock = MarkdownIt.StateBlock;

/** Where a streaming parse hands each run of top-level block tokens (see `parseBlocksStreaming`). */
export const ON_BLOCKS = Symbol('onBlocks');
export type BlockHandlerEnv = Env & { [ON_BLOCKS]?: (tokens: Token[]) => void };

/** Puts the speed-ups into a markdown-it instance. */
export function useSpeedups(md: Markdown): void {
  md.core.ruler.at('normalize', normalize);
  md.inline.ruler.at('text', text);
  md.block.State = PlainStateBlock as unknown as typeof md.block.State;
  md.inline.State = PlainStateInline as unknown as typeof md.inline.State;
  // Link normalization (URL parsing, punycode, percent-encoding) is a pure function of the
  // destination and a large part of parsing link-heavy documents; the guard parses the same
  // destinations again. Remember recent results.
  md.normalizeLink = memoize(md.normalizeLink.bind(md), normalizedLinks);
  md.normalizeLinkText = memoize(md.normalizeLinkText.bind(md), normalizedLinkTexts);
}

/**
 * markdown-it 15's `Token` constructor sets its fields through a transpiled class-field helper,
 * the costliest function in a profile of its parse. Our parsers' states push tokens built with plain
 * assignments instead: the same fields in the same order, on `Token`'s prototype (its methods,
 * `instanceof Token`). `push` and `pushPending` do exactly what markdown-it 15.0's do; a test
 * compares every token with a stock parser's on the whole CommonMark spec.
 */
// The interface gives the class Token's fields and methods (the prototype is set below).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
interface PlainToken extends Token {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
class PlainToken {
  constructor(type: string, tag: string, nesting: Token['nesting']) {
    this.type = type;
    this.tag = tag;
    this.attrs = null;
    this.map = null;
    this.nesting = nesting;
    this.level = 0;
    this.children = null;
    this.content = '';
    this.markup = '';
    this.info = '';
    this.meta = null;
    this.block = false;
    this.hidden = false;
  }
}
Object.setPrototypeOf(PlainToken.prototype, MarkdownIt.Token.prototype);

/**
 * markdown-it's `normalize` core rule (CRLF and CR to LF, NUL to U+FFFD), with one scan of a text
 * that has neither, and literal splits (about twice as fast as its regular expressions on a big
 * text that has CRs).
 */
function normalize(state: MarkdownIt.StateCore): void {
  let text = state.src;
  if (!UNNORMALIZED.test(text)) return;
  if (text.includes('\r')) {
    text = text.split('\r\n').join('\n');
    if (text.includes('\r')) text = text.split('\r').join('\n');
  }
  if (NUL.test(text)) text = text.replace(/\0/g, '\uFFFD');
  state.src = text;
}

const UNNORMALIZED = /[\r\0]/;
const NUL = /\0/;

/**
 * markdown-it's block state with the same fields and line tables, built faster: after a line's
 * indentation it jumps to the line end with `indexOf` instead of visiting every character
 * (markdown-it 15.0's constructor does both, and sets its fields through the class-field helper).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
interface PlainStateBlock extends StateBlock {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
class PlainStateBlock {
  constructor(src: string, md: Markdown, env: Env, tokens: Token[]) {
    this.bMarks = [];
    this.eMarks = [];
    this.tShift = [];
    this.sCount = [];
    this.bsCount = [];
    this.blkIndent = 0;
    this.line = 0;
    this.lineMax = 0;
    this.tight = false;
    this.listIndent = -1;
    this.parentType = 'root';
    this.level = 0;
    this.Token = MarkdownIt.Token;
    this.src = src;
    this.md = md;
    this.env = env;
    this.tokens = tokens;
    const length = src.length;
    let start = 0;
    while (start < length) {
      // The indentation: spaces and tabs (to the next multiple of 4 columns).
      let pos = start;
      let indent = 0;
      let offset = 0;
      for (let code = src.charCodeAt(pos); code === 0x20 || code === 0x09; code = src.charCodeAt(++pos)) {
        indent++;
        offset += code === 0x09 ? 4 - (offset % 4) : 1;
      }
      // A last line of only spaces and tabs is no line (as in markdown-it).
      if (pos >= length) break;
      let end = src.indexOf('\n', pos);
      if (end < 0) end = length;
      this.bMarks.push(start);
      this.eMarks.push(end);
      this.tShift.push(indent);
      this.sCount.push(offset);
      this.bsCount.push(0);
      start = end + 1;
    }
    this.bMarks.push(length);
    this.eMarks.push(length);
    this.tShift.push(0);
    this.sCount.push(0);
    this.bsCount.push(0);
    this.lineMax = this.bMarks.length - 1;
  }

  /**
   * markdown-it's `getLines`, with a shortcut for the common case (no indentation to strip, lines
   * contiguous in the source, so no container prefix between them): one slice of the source
   * instead of a slice per line joined into a copy.
   */
  getLines(begin: number, end: number, indent: number, keepLastLF: boolean): string {
    if (indent === 0 && begin < end) {
      let contiguous = true;
      for (let line = begin; line + 1 < end && contiguous; line++) contiguous = this.bMarks[line + 1] === this.eMarks[line] + 1;
      if (contiguous) return this.src.slice(this.bMarks[begin], keepLastLF ? this.eMarks[end - 1] + 1 : this.eMarks[end - 1]);
    }
    return MarkdownIt.StateBlock.prototype.getLines.call(this, begin, end, indent, keepLastLF);
  }

  /**
   * markdown-it's block loop calls `skipEmptyLines` before each block, and nothing else calls
   * it: at the top level (nesting level 0) the tokens so far are whole top-level blocks, handed
   * over there in a streaming parse (a test checks that every run starts and ends at the top
   * level). One class for both kinds of parse keeps markdown-it's rules monomorphic.
   */
  skipEmptyLines(from: number): number {
    if (this.level === 0 && this.tokens.length > 0) {
      const onBlocks = (this.env as BlockHandlerEnv)[ON_BLOCKS];
      if (onBlocks) {
        onBlocks(this.tokens);
        this.tokens.length = 0;
      }
    }
    return MarkdownIt.StateBlock.prototype.skipEmptyLines.call(this, from);
  }

  push(type: string, tag: string, nesting: Token['nesting']): Token {
    const token = new PlainToken(type, tag, nesting);
    token.block = true;
    if (nesting < 0) this.level--;
    token.level = this.level;
    if (nesting > 0) this.level++;
    this.tokens.push(token);
    return token;
  }
}
Object.setPrototypeOf(PlainStateBlock.prototype, MarkdownIt.StateBlock.prototype);

/**
 * markdown-it's inline state, built with plain assignments too (one is made per paragraph,
 * heading and cell): the fields of markdown-it 15.0's constructor, in its order, on its prototype.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
interface PlainStateInline extends StateInline {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
class PlainStateInline {
  constructor(src: string, md: Markdown, env: Env, outTokens: Token[]) {
    this.pos = 0;
    this.level = 0;
    this.pending = '';
    this.pendingLevel = 0;
    this.cache = {};
    this.backticks = {};
    this.backticksScanned = false;
    this.skipHtmlSpecial = false;
    this.linkLevel = 0;
    this.delimiters = [];
    this._prev_delimiters = [];
    this.Token = MarkdownIt.Token;
    this.src = src;
    this.env = env;
    this.md = md;
    this.tokens = outTokens;
    this.tokens_meta = Array<StateInline['tokens_meta'][number]>(outTokens.length);
    this.posMax = src.length;
  }

  pushPending(): Token {
    const token = new PlainToken('text', '', 0);
    token.content = this.pending;
    token.level = this.pendingLevel;
    this.tokens.push(token);
    this.pending = '';
    return token;
  }

  push(type: string, tag: string, nesting: Token['nesting']): Token {
    if (this.pending) this.pushPending();
    const token = new PlainToken(type, tag, nesting);
    let meta: StateInline['tokens_meta'][number];
    if (nesting < 0) {
      this.level--;
      this.delimiters = this._prev_delimiters.pop()!;
    }
    token.level = this.level;
    if (nesting > 0) {
      this.level++;
      this._prev_delimiters.push(this.delimiters);
      this.delimiters = [];
      meta = { delimiters: this.delimiters };
    }
    this.pendingLevel = this.level;
    this.tokens.push(token);
    this.tokens_meta.push(meta);
    return token;
  }
}
Object.setPrototypeOf(PlainStateInline.prototype, MarkdownIt.StateInline.prototype);

/**
 * markdown-it's `text` rule stops at every character some rule or plugin might start at (`-`,
 * `:`, `#`, `=`, `{` …), then tries every rule there in vain. Ours stops only where a rule of
 * the engine's configuration can start (line break, `!`, `&`, `*`, `<`, `[`, backslash, `_`,
 * backtick, `~`) or where link labels end (`]`): the tokens are the same, with fewer rule calls.
 */
function text(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const max = state.posMax;
  let pos = state.pos;
  while (pos < max) {
    const code = src.charCodeAt(pos);
    if (code < 0x80 && TERMINATORS[code] === 1) break;
    pos++;
  }
  if (pos === state.pos) return false;
  if (!silent) state.pending += src.slice(state.pos, pos);
  state.pos = pos;
  return true;
}

/** 1 for the ASCII characters where the text rule stops. */
const TERMINATORS = new Uint8Array(0x80);
for (const char of '\n!&*<[\\]_`~') TERMINATORS[char.charCodeAt(0)] = 1;

const CACHE_LIMIT = 50_000;
const normalizedLinks = new Map<string, string>();
const normalizedLinkTexts = new Map<string, string>();

function memoize(fn: (url: string) => string, cache: Map<string, string>): (url: string) => string {
  return (url) => {
    let result = cache.get(url);
    if (result === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      result = fn(url);
      cache.set(url, result);
    }
    return result;
  };
}
