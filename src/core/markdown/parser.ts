import MarkdownIt from 'markdown-it';
import { MAY_HAVE_MARKUP } from './chars';

/**
 * The engine's only door to markdown-it. The rest of the engine sees `MdToken` and `Mark`, not
 * markdown-it's classes. markdown-it is used through its documented surface alone: options,
 * `ruler` methods (one rule of our own in front of the inline rules and one in front of the
 * post-processing rules, which watch `state.pos` to learn where inline tokens sit), `env`, and
 * its documented helpers and utilities.
 *
 * The configuration: CommonMark plus GFM tables and strikethrough, raw HTML recognised, no
 * typography and no linkify (bare URLs are protected by our own scanner), link reference
 * definitions kept as `reference_definition` tokens (their lines are needed to rewrite
 * destinations), and no inline pass during block parsing (inline content is parsed on demand,
 * only where it can hold markup).
 */

/** A block or inline token, as much of markdown-it's `Token` as the engine reads. */
export interface MdToken {
  readonly type: string;
  readonly tag: string;
  readonly nesting: 1 | 0 | -1;
  readonly level: number;
  /** Lines `[begin, end)` of a block token. */
  readonly map: readonly [number, number] | null;
  readonly content: string;
  readonly markup: string;
  readonly info: string;
  readonly hidden: boolean;
  readonly attrs: readonly (readonly [string, string | number])[] | null;
  readonly meta: Readonly<Record<string, unknown>> | null;
  readonly children: readonly MdToken[] | null;
  attrGet(name: string): string | number | null;
}

/** markdown-it's parse environment (holds the link reference definitions). */
export type Env = MarkdownIt.Env;

/** A half-open range `[start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * An inline token that carries markup, with where it sits in the content its inline token
 * holds; `span` is undefined when it could not be located. An image also has the range of its
 * label (alt text) and its alt tokens' marks, in the same coordinates.
 */
export interface Mark {
  readonly token: MdToken;
  readonly span: Span | undefined;
  readonly label?: Span;
  readonly children?: readonly Mark[];
}

/** What the engine needs from a Markdown parser. */
export interface MarkdownParser {
  /** Block tokens of a document; `inline` tokens have no children (see `inlineMarkup`, `inlineTokens`). */
  parseBlocks(text: string, env: Env): MdToken[];
  /** The markup of an inline token's content, located (text and soft breaks left out); remembered per token. */
  inlineMarkup(token: MdToken, env: Env): readonly Mark[];
  /** Inline tokens of a content string (not located; for comparing structure). */
  inlineTokens(content: string, env: Env): MdToken[];
  /** A link destination as markdown-it stores it in `href`. */
  normalizeLink(url: string): string;
  /** Backslash escapes and entities decoded. */
  unescapeAll(text: string): string;
  isValidEntityCode(code: number): boolean;
  /** The end of a link destination starting at `start` (markdown-it's own helper), or undefined. */
  linkDestinationEnd(text: string, start: number, max: number): number | undefined;
  /** Nesting depth past which the parser reads no more blocks. */
  readonly maxNesting: number;
}

/** A backslash escape of ASCII punctuation: always the literal character, never markup. */
const ESCAPED_PUNCTUATION = /\\[!-/:-@[-`{-~]/g;

/**
 * Whether inline content may hold markup (when not, it parses to text and soft breaks only).
 * Escaped characters do not count (translated text is written escaped).
 */
export function mayHaveMarkup(content: string): boolean {
  if (!MAY_HAVE_MARKUP.test(content)) return false;
  return !content.includes('\\') || MAY_HAVE_MARKUP.test(content.replace(ESCAPED_PUNCTUATION, ''));
}

type Token = MarkdownIt.Token;
type StateInline = MarkdownIt.StateInline;

const OPTIONS: MarkdownIt.MarkdownItOptions = { html: true, linkify: false, typographer: false };

/**
 * The enabled rules, by function name, of markdown-it 15.0.3 in this configuration: the engine's
 * position tracking and special characters were written for exactly these (a unit test checks
 * them against the installed markdown-it, so an upgrade fails loudly). markdown-it has no public
 * list of rule names; `getRules('')` (public) gives the functions.
 */
export const EXPECTED_RULES = {
  core: ['normalize', 'block', 'linkify$1', 'replace', 'smartquotes'],
  block: ['table', 'code', 'fence', 'blockquote', 'hr', 'list', 'reference', 'html_block', 'heading', 'lheading', 'paragraph'],
  inline: ['text', 'linkify', 'newline', 'escape', 'backtick', 'strikethrough_tokenize', 'emphasis_tokenize', 'link', 'image', 'autolink', 'html_inline', 'entity'],
  inline2: ['link_pairs', 'strikethrough_postProcess', 'emphasis_post_process', 'fragments_join'],
} as const;

type Chains = { [K in keyof typeof EXPECTED_RULES]: string[] };

/** The enabled rules of each chain, by function name. */
export function ruleChains(md: MarkdownIt.MarkdownIt): Chains {
  const names = (rules: readonly { name: string }[]): string[] => rules.map((rule) => rule.name);
  return {
    core: names(md.core.ruler.getRules('')),
    block: names(md.block.ruler.getRules('')),
    inline: names(md.inline.ruler.getRules('')),
    inline2: names(md.inline.ruler2.getRules('')),
  };
}

/** The core rules the engine turns off: it parses blocks, then inline content per unit. */
const DISABLED_CORE = ['strip_references', 'inline', 'text_join'];

/**
 * Throws unless the enabled rules are exactly a stock markdown-it's in the engine's
 * configuration, the same functions in the same order: a plugin that adds or replaces a rule
 * fails here, at setup, rather than silently parsing as text. (The functions are compared, not
 * their names, which bundling and minifying change.)
 */
export function assertRuleChains(md: MarkdownIt.MarkdownIt): void {
  const stock = new MarkdownIt('default', OPTIONS);
  stock.core.ruler.disable(DISABLED_CORE);
  const chains = (instance: MarkdownIt.MarkdownIt) => ({
    core: instance.core.ruler.getRules(''),
    block: instance.block.ruler.getRules(''),
    inline: instance.inline.ruler.getRules(''),
    inline2: instance.inline.ruler2.getRules(''),
  });
  const actual = chains(md);
  const expected = chains(stock);
  for (const chain of Object.keys(expected) as (keyof typeof expected)[]) {
    const a: readonly unknown[] = actual[chain];
    const b: readonly unknown[] = expected[chain];
    if (a.length !== b.length || a.some((rule, k) => rule !== b[k])) {
      throw new Error(`markdown-it's ${chain} rules were changed (a plugin?): the Markdown engine was written for markdown-it's own rules only (${ruleChains(stock)[chain].join(', ')})`);
    }
  }
}

/** Where the rules of one inline parse state were, the last time the position rule ran. */
interface Track {
  pos: number;
  count: number;
  posMax: number;
}

/** Collects token positions during one `inlineMarkup` parse (image alts are parsed in states of their own). */
class PositionRecorder {
  readonly spans = new Map<Token, Span>();
  readonly labels = new Map<Token, Span>();
  private readonly tracks = new Map<StateInline, Track>();

  /** Called before the inline rules at every position, and once after the last rule. */
  observe(state: StateInline): void {
    const track = this.tracks.get(state);
    if (!track) {
      this.tracks.set(state, { pos: state.pos, count: state.tokens.length, posMax: state.posMax });
      return;
    }
    if (state.tokens.length > track.count) this.settle(state, track);
    track.pos = state.pos;
    track.count = state.tokens.length;
    track.posMax = state.posMax;
  }

  /**
   * The tokens pushed since the last look came from the rule that read `[track.pos, state.pos)`.
   * A link's rule parses its label in between, with `posMax` at the label's end: entering the
   * label shows a smaller `posMax`, leaving it a larger one (links do not nest).
   */
  private settle(state: StateInline, track: Track): void {
    const tokens = state.tokens;
    if (state.posMax > track.posMax) {
      // Back from a link label: the last rule inside read up to the label's end, then `](…)`.
      let close = tokens.length - 1;
      while (close > track.count && tokens[close].type !== 'link_close') close--;
      this.record(state, track.pos, track.posMax, track.count, close);
      if (tokens[close].type === 'link_close') this.spans.set(tokens[close], { start: track.posMax, end: state.pos });
      return;
    }
    this.record(state, track.pos, state.pos, track.count, tokens.length);
  }

  /** Notes the spans of `tokens[from, to)`, pushed by one rule that read `[start, end)`. */
  private record(state: StateInline, start: number, end: number, from: number, to: number): void {
    const src = state.src;
    const tokens = state.tokens;
    switch (src.charCodeAt(start)) {
      case 0x0a /* \n */:
      case 0x5c /* \ */: {
        // A hard break: after spaces (they were pending text, before `start`) or a backslash.
        let spaces = start;
        if (src.charCodeAt(start) === 0x0a) while (spaces > 0 && src.charCodeAt(spaces - 1) === 0x20) spaces--;
        for (let i = from; i < to; i++) if (tokens[i].type === 'hardbreak') this.spans.set(tokens[i], { start: spaces, end });
        break;
      }
      case 0x60 /* ` */:
      case 0x3c /* < */:
        for (let i = from; i < to; i++) if (tokens[i].type !== 'text') this.spans.set(tokens[i], { start, end });
        break;
      case 0x2a /* * */:
      case 0x5f /* _ */:
      case 0x7e /* ~ */: {
        // Delimiter runs: one text token per character (emphasis) or per pair (strikethrough),
        // pushed last; post-processing turns some of them into *_open / *_close in place.
        let at = end;
        for (let i = to - 1; i >= from && at > start; i--) {
          const begin = at - tokens[i].content.length;
          this.spans.set(tokens[i], { start: begin, end: at });
          at = begin;
        }
        break;
      }
      case 0x5b /* [ */:
        this.recordLink(state, start, end, from, to);
        break;
      case 0x21 /* ! */:
        for (let i = from; i < to; i++) {
          const token = tokens[i];
          if (token.type !== 'image') continue;
          this.spans.set(token, { start, end });
          this.labels.set(token, { start: start + 2, end: start + 2 + token.content.length });
        }
        break;
    }
  }

  /** A link opening; with its closing too when the label had no position of its own (empty). */
  private recordLink(state: StateInline, start: number, end: number, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const token = state.tokens[i];
      if (token.type === 'link_open') this.spans.set(token, { start, end: start + 1 });
      else if (token.type === 'link_close') {
        const labelEnd = state.md.helpers.parseLinkLabel(state, start, true);
        if (labelEnd >= 0) this.spans.set(token, { start: labelEnd, end });
      }
    }
  }
}

let recorder: PositionRecorder | undefined;

function positionRule(state: StateInline, silent: boolean): boolean {
  if (!silent && recorder) recorder.observe(state);
  return false;
}

function lastPositionRule(state: StateInline): boolean {
  recorder?.observe(state);
  return false;
}

/**
 * A markdown-it instance in the engine's configuration, with its position rules. `plugins` are
 * for tests: any plugin that adds a rule makes the setup fail (the engine does not know its
 * characters).
 */
export function createMarkdown(plugins: readonly ((md: MarkdownIt.MarkdownIt) => void)[] = []): MarkdownIt.MarkdownIt {
  const md = new MarkdownIt('default', OPTIONS);
  md.core.ruler.disable(DISABLED_CORE);
  for (const plugin of plugins) md.use(plugin);
  assertRuleChains(md);
  md.inline.ruler.before('text', 'engine_positions', positionRule);
  md.inline.ruler2.before('balance_pairs', 'engine_positions_end', lastPositionRule);
  return md;
}

const NO_MARKS: readonly Mark[] = Object.freeze([]);

function toMarks(tokens: readonly Token[], found: PositionRecorder, shift: number): Mark[] {
  const marks: Mark[] = [];
  for (const token of tokens) {
    const type = token.type;
    if (type === 'text' || type === 'text_special' || type === 'softbreak') continue;
    const span = found.spans.get(token);
    const label = found.labels.get(token);
    const mark: Mark = {
      token,
      span: span && { start: span.start + shift, end: span.end + shift },
      label: label && { start: label.start + shift, end: label.end + shift },
      // The alt text was parsed as a string of its own: its positions start at the label.
      children: type === 'image' && label ? toMarks(token.children ?? [], found, label.start + shift) : undefined,
    };
    marks.push(mark);
  }
  return marks;
}

class MarkdownItParser implements MarkdownParser {
  private readonly md = createMarkdown();
  private readonly marks = new WeakMap<MdToken, readonly Mark[]>();
  readonly maxNesting = this.md.options.maxNesting ?? 100;

  parseBlocks(text: string, env: Env): MdToken[] {
    return this.md.parse(text, env);
  }

  inlineMarkup(token: MdToken, env: Env): readonly Mark[] {
    let marks = this.marks.get(token);
    if (marks) return marks;
    if (!mayHaveMarkup(token.content)) marks = NO_MARKS;
    else {
      const found = new PositionRecorder();
      const children: Token[] = [];
      recorder = found;
      try {
        this.md.inline.parse(token.content, this.md, env, children);
      } finally {
        recorder = undefined;
      }
      marks = toMarks(children, found, 0);
    }
    this.marks.set(token, marks);
    return marks;
  }

  inlineTokens(content: string, env: Env): MdToken[] {
    const children: Token[] = [];
    this.md.inline.parse(content, this.md, env, children);
    return children;
  }

  normalizeLink(url: string): string {
    return this.md.normalizeLink(url);
  }

  unescapeAll(text: string): string {
    return this.md.utils.unescapeAll(text);
  }

  isValidEntityCode(code: number): boolean {
    return this.md.utils.isValidEntityCode(code);
  }

  linkDestinationEnd(text: string, start: number, max: number): number | undefined {
    const result = this.md.helpers.parseLinkDestination(text, start, max);
    return result.ok && result.pos > start ? result.pos : undefined;
  }
}

let shared: MarkdownParser | undefined;

/** The engine's parser (one markdown-it instance, made on first use). */
export function markdownParser(): MarkdownParser {
  shared ??= new MarkdownItParser();
  return shared;
}
