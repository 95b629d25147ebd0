import MarkdownIt from 'markdown-it';

export type Token = MarkdownIt.Token;
/** A markdown-it instance. */
export type Markdown = MarkdownIt.MarkdownIt;
/** markdown-it's parse environment (holds the link reference definitions). */
export type Env = MarkdownIt.Env;
type StateInline = MarkdownIt.StateInline;
type StateBlock = MarkdownIt.StateBlock;
type InlineRule = (state: StateInline, silent: boolean) => boolean;

/** A half-open range `[start, end)` in the string an inline parser saw (an inline token's `content`). */
export interface Span {
  start: number;
  end: number;
}

/** Where the label of an image sits (its alt text), in the same coordinates as its span. */
export interface ImageLabel {
  labelStart: number;
  labelEnd: number;
}

/**
 * Options every parser of this module uses, so that the source and the output are read the same
 * way: CommonMark plus GFM tables and strikethrough, raw HTML recognised, no typography and no
 * linkify (bare URLs are protected by our own scanner instead).
 */
const OPTIONS: MarkdownIt.MarkdownItOptions = { html: true, linkify: false, typographer: false };

// Stored on the tokens themselves (faster than WeakMaps for hundreds of thousands of tokens).
const SPAN = Symbol('span');
const IMAGE_LABEL = Symbol('imageLabel');
type Tracked = Token & { [SPAN]?: Span; [IMAGE_LABEL]?: ImageLabel };
const spans = {
  get: (token: Token): Span | undefined => (token as Tracked)[SPAN],
  has: (token: Token): boolean => (token as Tracked)[SPAN] !== undefined,
  set: (token: Token, span: Span): void => {
    (token as Tracked)[SPAN] = span;
  },
};
const imageLabels = {
  get: (token: Token): ImageLabel | undefined => (token as Tracked)[IMAGE_LABEL],
  set: (token: Token, label: ImageLabel): void => {
    (token as Tracked)[IMAGE_LABEL] = label;
  },
};
const labelEnds = new WeakMap<StateInline, Map<number, number>>();

/** The source span of an inline token produced by a tracking parser, if it has one. */
export function spanOf(token: Token): Span | undefined {
  return spans.get(token);
}

/** The label (alt text) range of an `image` token produced by a tracking parser. */
export function imageLabelOf(token: Token): ImageLabel | undefined {
  return imageLabels.get(token);
}

let tracking: Markdown | undefined;
let plain: Markdown | undefined;

/**
 * The shared parser that records, for the inline tokens that carry markup (emphasis, links,
 * images, code, HTML, hard breaks), where they sit in their inline token's `content`.
 * markdown-it only gives block tokens line maps; this wraps its inline rules to note `state.pos`
 * before and after each rule that pushed tokens. Reference definitions are kept as
 * `reference_definition` tokens (their lines are needed to rewrite destinations).
 */
export function trackingParser(): Markdown {
  tracking ??= createTrackingParser();
  return tracking;
}

/** A parser with the same configuration and no position tracking. */
export function plainParser(): Markdown {
  plain ??= configure(new MarkdownIt('default', OPTIONS));
  return plain;
}

let blockOnly: Markdown | undefined;

/**
 * The same parser without the inline pass: `inline` tokens keep empty children, to be parsed on
 * demand with `parseInline` (the structural guard skips text that did not change). Its inline
 * tokens are for structure only: escaped characters and entities stay inside text tokens.
 */
export function blockParser(): Markdown {
  if (!blockOnly) {
    const md = configure(new MarkdownIt('default', OPTIONS));
    md.core.ruler.disable(['inline', 'text_join']);
    // Escapes and entities are text: keep them as pending text instead of one token each (the
    // guard ignores text, and a pseudo-localized document has a hundred thousand escapes).
    // Positions advance exactly as with the original rules.
    for (const name of ['escape', 'entity']) {
      const rule = md.inline.ruler.__rules__.find((candidate) => candidate.name === name)?.fn as InlineRule | undefined;
      if (!rule) throw new Error(`markdown-it has no inline rule "${name}"`);
      md.inline.ruler.at(name, (state: StateInline, silent: boolean): boolean => {
        if (silent || (name === 'escape' && state.src.charCodeAt(state.pos + 1) === 0x0a)) return rule(state, silent);
        const start = state.pos;
        if (!rule(state, true)) return false;
        state.pending += state.src.slice(start, state.pos);
        return true;
      });
    }
    blockOnly = md;
  }
  return blockOnly;
}

/** Where a streaming parse hands each run of top-level block tokens. */
const ON_BLOCKS = Symbol('onBlocks');
type StreamingEnv = Env & { [ON_BLOCKS]?: (tokens: Token[]) => void };

/**
 * Parses a document's blocks like `blockParser`, handing the tokens of each top-level block
 * (a paragraph, a whole list, a whole block quote…) to `onBlocks` as soon as it is complete, then
 * dropping them: a big document's tokens never pile up (and never outlive the young generation).
 * Reference definitions are collected in `env` as usual, complete only at the end.
 */
export function parseBlocksStreaming(text: string, env: Env, onBlocks: (tokens: Token[]) => void): void {
  const streamingEnv = env as StreamingEnv;
  streamingEnv[ON_BLOCKS] = onBlocks;
  try {
    const rest = blockParser().parse(text, env);
    if (rest.length > 0) onBlocks(rest);
  } finally {
    delete streamingEnv[ON_BLOCKS];
  }
}

const MARKUP = Symbol('markup');
const NO_MARKUP: readonly Token[] = Object.freeze([]);
/**
 * Where the inline rules of this configuration can make markup: a backslash (escape, hard
 * break), backtick, `*`, `_`, `~`, `[`, `!`, `<`, or two spaces before a line end (hard break).
 * Without any of them, content is plain text (entities and soft breaks are not markup).
 */
const MAY_HAVE_MARKUP = /[\\`*_~[!<]| {2}\n/;

/** Whether inline content may hold markup (when not, it parses to text and soft breaks only). */
export function mayHaveMarkup(content: string): boolean {
  return MAY_HAVE_MARKUP.test(content);
}
type WithMarkup = Token & { [MARKUP]?: readonly Token[] };

/**
 * The markup of an inline token from `blockParser`: its content parsed by the tracking parser
 * (spans recorded), keeping every child but text and soft breaks; image alts stay whole. Parsed
 * once and remembered on the token. The text tokens, most of a document, are dropped at once
 * instead of living through the whole localization (old-generation garbage is costly).
 */
export function inlineMarkup(token: Token, env: Env): readonly Token[] {
  let markup = (token as WithMarkup)[MARKUP];
  if (!markup && !mayHaveMarkup(token.content)) markup = (token as WithMarkup)[MARKUP] = NO_MARKUP;
  if (!markup) {
    const md = trackingParser();
    const children: Token[] = [];
    md.inline.parse(token.content, md, env, children);
    markup = children.filter((child) => child.type !== 'text' && child.type !== 'text_special' && child.type !== 'softbreak');
    (token as WithMarkup)[MARKUP] = markup;
  }
  return markup;
}

/**
 * Parses an inline token's content (for tokens from `blockParser`). The children are returned,
 * not stored on the token: kept short-lived, they cost the garbage collector little.
 */
export function parseInline(md: Markdown, token: Token, env: Env): Token[] {
  const children: Token[] = [];
  md.inline.parse(token.content, md, env, children);
  return children;
}

function configure(md: Markdown): Markdown {
  md.core.ruler.disable('strip_references');
  md.core.ruler.at('normalize', normalize);
  md.inline.ruler.at('text', text);
  usePlainTokens(md);
  // Link normalization (URL parsing, punycode, percent-encoding) is a pure function of the
  // destination and a large part of parsing link-heavy documents; the guard parses the same
  // destinations again. Remember recent results.
  md.normalizeLink = memoize(md.normalizeLink.bind(md), normalizedLinks);
  md.normalizeLinkText = memoize(md.normalizeLinkText.bind(md), normalizedLinkTexts);
  return md;
}

/**
 * markdown-it 15's `Token` constructor sets its fields through a transpiled class-field helper
 * that costs about a third of a parse. Our parsers' states push tokens built with plain
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

function usePlainTokens(md: Markdown): void {
  md.block.State = PlainStateBlock as unknown as typeof md.block.State;
  md.inline.State = PlainStateInline as unknown as typeof md.inline.State;
}

/**
 * markdown-it's `normalize` core rule (CRLF and CR to LF, NUL to U+FFFD), with one scan of a text
 * that has neither, and literal splits (twice as fast as its regular expressions on big texts).
 * NUL is looked for with a regular expression: `includes('\0')` is slow on two-byte strings.
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
      const onBlocks = (this.env as StreamingEnv)[ON_BLOCKS];
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
 * this configuration can start (line break, `!`, `&`, `*`, `<`, `[`, backslash, `_`, backtick, `~`) or
 * where link labels end (`]`): the tokens are the same, with fewer rule calls.
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

function createTrackingParser(): Markdown {
  const md = configure(new MarkdownIt('default', OPTIONS));

  const originalParseLinkLabel = md.helpers.parseLinkLabel;
  md.helpers = {
    ...md.helpers,
    parseLinkLabel(state: StateInline, start: number, disableNested?: boolean): number {
      const end = originalParseLinkLabel(state, start, disableNested);
      let ends = labelEnds.get(state);
      if (!ends) labelEnds.set(state, (ends = new Map()));
      ends.set(start, end);
      return end;
    },
  };

  const rules = md.inline.ruler.__rules__;
  const original = (name: string): InlineRule => {
    const rule = rules.find((candidate) => candidate.name === name);
    if (!rule) throw new Error(`markdown-it has no inline rule "${name}"`);
    return rule.fn as InlineRule;
  };

  wrap(md, 'newline', original('newline'), (state, start, end, tokens, from) => {
    for (let i = from; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.type !== 'hardbreak') continue;
      // The trailing spaces that make a hard break were in `pending`, before `start`.
      let spaces = start;
      while (spaces > 0 && state.src.charCodeAt(spaces - 1) === 0x20) spaces--;
      spans.set(token, { start: spaces, end });
    }
  });
  wrap(md, 'escape', original('escape'), (_state, start, end, tokens, from) => {
    for (let i = from; i < tokens.length; i++) if (tokens[i].type === 'hardbreak') spans.set(tokens[i], { start, end });
  });
  wrap(md, 'backticks', original('backticks'), (_state, start, end, tokens, from) => {
    for (let i = from; i < tokens.length; i++) if (tokens[i].type === 'code_inline') spans.set(tokens[i], { start, end });
  });
  wrap(md, 'html_inline', original('html_inline'), (_state, start, end, tokens, from) => {
    for (let i = from; i < tokens.length; i++) if (tokens[i].type === 'html_inline') spans.set(tokens[i], { start, end });
  });
  wrap(md, 'autolink', original('autolink'), (_state, start, end, tokens, from) => {
    for (let i = from; i < tokens.length; i++) spans.set(tokens[i], { start, end });
  });
  // Delimiter runs: one text token per character (emphasis) or per pair (strikethrough), pushed
  // last; postprocessing later turns some of them into *_open / *_close in place.
  const delimiterRun: Recorder = (_state, start, end, tokens, first) => {
    let to = end;
    for (let i = tokens.length - 1; i >= first && to > start; i--) {
      const token = tokens[i];
      const from = to - token.content.length;
      spans.set(token, { start: from, end: to });
      to = from;
    }
  };
  wrap(md, 'emphasis', original('emphasis'), delimiterRun);
  wrap(md, 'strikethrough', original('strikethrough'), delimiterRun);
  wrap(md, 'link', original('link'), (state, start, end, tokens, from) => {
    const labelEnd = labelEnds.get(state)?.get(start);
    if (labelEnd === undefined || labelEnd < 0) return;
    for (let i = from; i < tokens.length; i++) {
      const token = tokens[i];
      if (spans.has(token)) continue;
      if (token.type === 'link_open') spans.set(token, { start, end: start + 1 });
      else if (token.type === 'link_close') spans.set(token, { start: labelEnd, end });
    }
  });
  wrap(md, 'image', original('image'), (_state, start, end, tokens, from) => {
    for (let i = from; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.type !== 'image') continue;
      const labelStart = start + 2;
      spans.set(token, { start, end });
      imageLabels.set(token, { labelStart, labelEnd: labelStart + token.content.length });
      // The alt text was parsed as a separate string: move its tokens into our coordinates.
      shift(token.children ?? [], labelStart);
    }
  });
  return md;
}

/** Notes the spans of `tokens[from…]`, pushed by one rule that read `[start, end)`. */
type Recorder = (state: StateInline, start: number, end: number, tokens: Token[], from: number) => void;

function wrap(md: Markdown, name: string, rule: InlineRule, record: Recorder): void {
  md.inline.ruler.at(name, (state: StateInline, silent: boolean): boolean => {
    if (silent) return rule(state, silent);
    const start = state.pos;
    const before = state.tokens.length;
    const ok = rule(state, silent);
    if (ok && state.tokens.length > before) record(state, start, state.pos, state.tokens, before);
    return ok;
  });
}

function shift(tokens: Token[], by: number): void {
  for (const token of tokens) {
    const span = spans.get(token);
    if (span) spans.set(token, { start: span.start + by, end: span.end + by });
    const label = imageLabels.get(token);
    if (label) imageLabels.set(token, { labelStart: label.labelStart + by, labelEnd: label.labelEnd + by });
    if (token.children) shift(token.children, by);
  }
}
