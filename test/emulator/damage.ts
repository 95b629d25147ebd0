/**
 * How machine translation damages the markup tokens of an answer, as real engines do: a token
 * is dropped, rewritten as `[1]`, padded with spaces, written with full-width digits, moved past
 * the next word, or repeated. Papago's text API has no tag handling, and engines that have it
 * still do these things (DeepL moving tags to the sentence start, Google re-spacing placeables,
 * tokens rewritten for Chinese). Tokens are the engine's placeholders `⟦n⟧`, its unit markers
 * `⟦#n⟧` and the `<span id="n">` / `</span>` tags of HTML requests.
 *
 * Korean answers also wrap marked words in corner brackets and put a particle right after them:
 * `⟦1⟧설정⟦2⟧ 을` comes back as `⟦1⟧「설정」⟦2⟧을`, which CommonMark does not read as emphasis when
 * the tokens are `**`. `quoteMarkedWords` does that.
 *
 * Engines also answer with text that is special to Markdown (`*`, `_`, `[z](w)`, `<b>`, a
 * leading `#` or `1.`): `insertAdversarial` puts such text into the pieces between tokens, as the
 * engine's own adversarial test provider does.
 *
 * All are pure and deterministic for a given `random`; `seededRandom` makes one from a seed.
 */

export type MarkupDamage = 'drop' | 'brackets' | 'spaces' | 'fullwidth' | 'move' | 'repeat';

export const MARKUP_DAMAGES: readonly MarkupDamage[] = ['drop', 'brackets', 'spaces', 'fullwidth', 'move', 'repeat'];

/** A placeholder, a unit marker, or a `<span …>` / `</span>` tag. */
const TOKEN = /⟦#?\d+⟧|<span\b[^>]*>|<\/span>/g;
const WORD_AFTER = /^(\s*)([^\s⟦<]+)/;

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fullWidth(digits: string): string {
  return digits.replace(/\d/g, (digit) => String.fromCharCode(0xff10 + Number(digit)));
}

/** One damaged form of `token`; `rest` is the text after it (for `move`), returned possibly shortened. */
function damageOne(token: string, rest: string, kind: MarkupDamage): { out: string; rest: string } {
  const isTag = token.startsWith('<');
  switch (kind) {
    case 'drop':
      return { out: '', rest };
    case 'brackets':
      // `⟦1⟧` -> `[1]`; a tag loses its angle brackets the same way.
      return { out: isTag ? token.replace(/^</, '[').replace(/>$/, ']') : token.replace('⟦', '[').replace('⟧', ']'), rest };
    case 'spaces':
      return { out: isTag ? ` ${token} ` : token.replace('⟦', '⟦ ').replace('⟧', ' ⟧'), rest };
    case 'fullwidth':
      return { out: isTag ? token.replace(/\d+/, fullWidth) : token.replace(/\d+/, fullWidth), rest };
    case 'move': {
      const word = WORD_AFTER.exec(rest);
      if (!word) return { out: '', rest: `${rest}${token}` };
      return { out: `${word[1]}${word[2]}${token}`, rest: rest.slice(word[0].length) };
    }
    case 'repeat':
      return { out: `${token}${token}`, rest };
  }
}

/**
 * Damages each markup token of `text` with probability `share` (0 to 1), choosing one of
 * `kinds` (default: all) at random for each damaged token. Returns the text and how many tokens
 * were damaged.
 */
export function damageMarkup(text: string, share: number, random: () => number, kinds: readonly MarkupDamage[] = MARKUP_DAMAGES): { text: string; damaged: number } {
  if (share <= 0 || kinds.length === 0) return { text, damaged: 0 };
  let out = '';
  let rest = text;
  let damaged = 0;
  for (;;) {
    TOKEN.lastIndex = 0;
    const match = TOKEN.exec(rest);
    if (!match) break;
    out += rest.slice(0, match.index);
    rest = rest.slice(match.index + match[0].length);
    if (random() >= share) {
      out += match[0];
      continue;
    }
    const kind = kinds[Math.min(kinds.length - 1, Math.floor(random() * kinds.length))];
    const result = damageOne(match[0], rest, kind);
    out += result.out;
    rest = result.rest;
    damaged++;
  }
  return { text: out + rest, damaged };
}

/**
 * Wraps the text between two placeholders in corner brackets and glues the next word to the
 * closing placeholder, with probability `share` per pair: `⟦1⟧설정⟦2⟧ 을` -> `⟦1⟧「설정」⟦2⟧을`.
 */
export function quoteMarkedWords(text: string, share: number, random: () => number): { text: string; quoted: number } {
  if (share <= 0) return { text, quoted: 0 };
  let quoted = 0;
  const result = text.replace(/(⟦\d+⟧)([^⟦⟧\n]+?)(⟦\d+⟧)[ \t]+(?=[^\s⟦])/g, (match, open: string, inner: string, close: string) => {
    if (inner.trim() === '' || random() >= share) return match;
    quoted++;
    return `${open}「${inner.trim()}」${close}`;
  });
  return { text: result, quoted };
}

/** Markdown-special text: emphasis, links, images, HTML, code, block markers, entities, math, footnotes. */
export const ADVERSARIAL_TEXT = ' *x* _y_ [z](w) ![i](j) <b>v</b> `c` # 1. - + > | ~~s~~ ~t~ &amp; &copy; \\ $m$ === --- [^1] ';

/** Tokens, HTML tags and line breaks: the pieces between them get the adversarial text. */
const PIECE_BOUNDARY = /(⟦[^⟧]*⟧|<[^>]*>|\n)/;

/**
 * Inserts `ADVERSARIAL_TEXT` after the first character of each piece of text between tokens, tags
 * and line breaks that holds at least two non-space characters, with probability `share` per
 * piece. Returns the text and how many pieces were changed.
 */
export function insertAdversarial(text: string, share: number, random: () => number): { text: string; inserted: number } {
  if (share <= 0) return { text, inserted: 0 };
  let inserted = 0;
  const result = text
    .split(PIECE_BOUNDARY)
    .map((part, index) => {
      if (index % 2 === 1 || part.trim().length < 2 || random() >= share) return part;
      inserted++;
      return part.charAt(0) + ADVERSARIAL_TEXT + part.slice(1);
    })
    .join('');
  return { text: result, inserted };
}
