import MarkdownIt from 'markdown-it';
import { ON_BLOCKS, useSpeedups, type BlockHandlerEnv } from './speedups';

export type Token = MarkdownIt.Token;
/** A markdown-it instance. */
export type Markdown = MarkdownIt.MarkdownIt;
/** markdown-it's parse environment (holds the link reference definitions). */
export type Env = MarkdownIt.Env;
type StateInline = MarkdownIt.StateInline;
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

/**
 * Parses a document's blocks like `blockParser`, handing the tokens of each top-level block
 * (a paragraph, a whole list, a whole block quote…) to `onBlocks` as soon as it is complete, then
 * dropping them: a big document's tokens never pile up (and never outlive the young generation).
 * Reference definitions are collected in `env` as usual, complete only at the end.
 */
export function parseBlocksStreaming(text: string, env: Env, onBlocks: (tokens: Token[]) => void): void {
  const streamingEnv = env as BlockHandlerEnv;
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
  useSpeedups(md);
  return md;
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
