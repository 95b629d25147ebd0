import type { LanguageCode } from './languages';

/**
 * Guesses the language of a text, for providers that cannot detect it themselves (Hive does not
 * for Markdown). Scripts decide first: Hangul is Korean, kana is Japanese, Han alone is Chinese
 * (Simplified or Traditional by the characters only one of them uses), Thai, Arabic and
 * Cyrillic each name one of our languages. Latin-script text goes to franc-min's trigram
 * models, restricted to our Latin-script languages. Code, URLs, paths, HTML and front-matter
 * keys are removed first (`detectableText`), so that they do not sway the guess.
 */
export interface LanguageDetection {
  /** Set only when the guess is confident (see `CONFIDENT`). */
  language?: LanguageCode;
  /** 0 (no idea) to 1 (certain): the share of the text in the guessed language's script, lowered for short or ambiguous text. */
  confidence: number;
  /** Languages in the order of their likelihood, the best guess first; empty when the text has no letters. */
  candidates: LanguageCode[];
}

/** The confidence at or above which `language` is set. */
export const CONFIDENT = 0.6;

/** Fewer letters than this (a CJK character counts as two) give no confident guess. */
const MIN_LETTERS = 4;

/** Latin letters below which trigram statistics are unreliable (lowers the certainty in proportion). */
const MIN_LATIN_LETTERS = 40;

/** Characters used only in Simplified Chinese, each beside its Traditional form (same index). */
const SIMPLIFIED = '这们来时说国对会学为个发过动经问长开还进没样现实与关点义两机电员业应从体变华产东车书话间门马见让认请写读觉务简设计证据终级线组织结网页览择语译词汇装载击钮户帐号码录档项显';
const TRADITIONAL = '這們來時說國對會學為個發過動經問長開還進沒樣現實與關點義兩機電員業應從體變華產東車書話間門馬見讓認請寫讀覺務簡設計證據終級線組織結網頁覽擇語譯詞彙裝載擊鈕戶帳號碼錄檔項顯';
const SIMPLIFIED_ONLY = new Set(SIMPLIFIED);
const TRADITIONAL_ONLY = new Set(TRADITIONAL);

/** Letters only Vietnamese uses among our Latin-script languages (tone marks on vowels, ơ, ư, đ). */
const VIETNAMESE = /[ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/giu;

/** Our Latin-script languages, as franc's ISO 639-3 codes. */
const FRANC_CODES: Record<string, LanguageCode> = {
  eng: 'en',
  fra: 'fr',
  deu: 'de',
  spa: 'es',
  por: 'pt',
  ind: 'id',
  vie: 'vi',
  ita: 'it',
  tur: 'tr',
};

/** A franc score less than this below the best one (scores run from 0 to 1) makes a close second. */
const CLOSE_SECOND = 0.08;

type Script = 'hangul' | 'kana' | 'han' | 'thai' | 'arabic' | 'cyrillic' | 'latin';

const SCRIPTS: [Script, RegExp][] = [
  ['hangul', /\p{Script=Hangul}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['han', /\p{Script=Han}/u],
  ['thai', /\p{Script=Thai}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['latin', /\p{Script=Latin}/u],
];

/**
 * The text a translation engine would be sent, roughly: without front-matter keys, fenced and
 * inline code, HTML tags and comments, URLs, link destinations, e-mail addresses, file names and
 * identifiers (`a_b`, `a.b`, `a/b`), entities and the Markdown engine's placeholders (`⟦1⟧`).
 */
export function detectableText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  let fence: string | undefined;
  let frontMatter = lines[0]?.trim() === '---';
  for (const [index, line] of lines.entries()) {
    if (frontMatter) {
      if (index > 0 && /^(---|\.\.\.)\s*$/.test(line)) frontMatter = false;
      // Values only; lists and mappings written inline (`tags: [a, b]`) are data, not prose.
      else if (index > 0) kept.push(line.replace(/^\s*(-\s+)?[\w.-]+\s*:(?=\s|$)/, '').replace(/^\s*[[{].*$/, ''));
      continue;
    }
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    // Reference definitions: `[label]: https://…`.
    if (/^\s{0,3}\[[^\]]+\]:\s*\S+/.test(line)) continue;
    kept.push(line);
  }
  return kept
    .join('\n')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/(`+)[\s\S]*?\1/g, ' ')
    .replace(/<\/?[a-z][^<>]*>/gi, ' ')
    .replace(/\]\([^)\s]*(\s+"[^"]*")?\)/g, '] ')
    .replace(/\b(?:https?|ftp|mailto):\S+|\bwww\.\S+/gi, ' ')
    .replace(/\S+@\S+\.\w+/g, ' ')
    .replace(/&#?\w+;/g, ' ')
    .replace(/⟦[^⟧]*⟧/g, ' ')
    .replace(/[\p{L}\p{N}]*[_./\\][\p{L}\p{N}_./\\]*[\p{L}\p{N}]/gu, ' ');
}

interface Counts {
  letters: Record<Script, number>;
  latinText: string;
  simplified: number;
  traditional: number;
  vietnamese: number;
}

function count(text: string): Counts {
  const letters: Record<Script, number> = { hangul: 0, kana: 0, han: 0, thai: 0, arabic: 0, cyrillic: 0, latin: 0 };
  let latinText = '';
  let simplified = 0;
  let traditional = 0;
  for (const char of text) {
    if (!/\p{L}/u.test(char)) {
      latinText += /[\s\p{P}]/u.test(char) ? char : ' ';
      continue;
    }
    const script = SCRIPTS.find(([, pattern]) => pattern.test(char))?.[0];
    if (!script) continue;
    letters[script]++;
    if (script === 'latin') latinText += char;
    else latinText += ' ';
    if (script === 'han') {
      if (SIMPLIFIED_ONLY.has(char)) simplified++;
      else if (TRADITIONAL_ONLY.has(char)) traditional++;
    }
  }
  return { letters, latinText, simplified, traditional, vietnamese: latinText.match(VIETNAMESE)?.length ?? 0 };
}

/** A block of text in one script family, with the languages it may be, best first. */
interface Block {
  weight: number;
  languages: LanguageCode[];
  /** How sure the choice among `languages` is (1 when there is only one). */
  certainty: number;
}

type Franc = typeof import('franc-min', { with: { 'resolution-mode': 'import' } }).francAll;
let francAll: Franc | undefined;

/** franc-min is an ES module: loaded on first use (the bundles inline it). */
async function loadFranc(): Promise<Franc> {
  francAll ??= (await import('franc-min')).francAll;
  return francAll;
}

/** Characters of Latin-script text judged at once; longer text is judged window by window. */
const WINDOW = 400;
/** Windows judged at most, spread over the text. */
const MAX_WINDOWS = 12;

/**
 * The best of our Latin-script languages for `text`, and how sure that is: the gap to the
 * second best, scaled down for short text. franc's scores shrink towards each other as text
 * grows, so a long text is cut into windows that vote instead; the certainty is then the share
 * of the text whose window chose the winner.
 */
async function latinBlock(counts: Counts): Promise<Block> {
  const weight = counts.letters.latin;
  if (counts.vietnamese >= Math.max(3, weight * 0.04)) return { weight, languages: ['vi'], certainty: 1 };
  const franc = await loadFranc();
  const rank = (text: string): (readonly [LanguageCode, number])[] =>
    franc(text, { only: Object.keys(FRANC_CODES), minLength: 1 })
      .filter(([code]) => code in FRANC_CODES)
      .map(([code, score]) => [FRANC_CODES[code], score] as const);
  const windows = windowsOf(counts.latinText);
  if (windows.length <= 1) {
    const scores = rank(counts.latinText);
    if (scores.length === 0) return { weight, languages: ['en'], certainty: 0 };
    const [best, second] = scores;
    const gap = second ? best[1] - second[1] : 1;
    const languages = scores.filter(([, score]) => score >= best[1] - 0.25).slice(0, 4).map(([code]) => code);
    return { weight, languages, certainty: Math.min(1, gap / CLOSE_SECOND) * Math.min(1, weight / MIN_LATIN_LETTERS) };
  }
  const votes = new Map<LanguageCode, number>();
  let total = 0;
  for (const window of windows) {
    const size = window.replace(/[^\p{L}]/gu, '').length;
    total += size;
    const [best, second] = rank(window);
    // A window too close to call abstains (it still counts in the total).
    if (best && (!second || best[1] - second[1] >= CLOSE_SECOND / 4)) votes.set(best[0], (votes.get(best[0]) ?? 0) + size);
  }
  const ranked = [...votes].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0 || total === 0) return { weight, languages: rank(counts.latinText).slice(0, 4).map(([code]) => code), certainty: 0 };
  return { weight, languages: ranked.slice(0, 4).map(([code]) => code), certainty: ranked[0][1] / total };
}

/** Windows of about `WINDOW` characters, cut at spaces, at most `MAX_WINDOWS` spread over the text. */
function windowsOf(text: string): string[] {
  const compact = text.replace(/\s+/g, ' ').trim();
  const windows: string[] = [];
  for (let start = 0; start < compact.length; ) {
    let end = Math.min(compact.length, start + WINDOW);
    const space = compact.indexOf(' ', end);
    if (end < compact.length) end = space < 0 ? compact.length : space;
    const window = compact.slice(start, end).trim();
    // A short tail joins the window before it.
    if (windows.length > 0 && window.length < WINDOW / 2) windows[windows.length - 1] += ` ${window}`;
    else if (window) windows.push(window);
    start = end + 1;
  }
  if (windows.length <= MAX_WINDOWS) return windows;
  const step = windows.length / MAX_WINDOWS;
  return Array.from({ length: MAX_WINDOWS }, (_, index) => windows[Math.floor(index * step)]);
}

function chineseBlock(counts: Counts, weight: number): Block {
  const { simplified, traditional } = counts;
  if (simplified === traditional) return { weight, languages: ['zh-Hans', 'zh-Hant'], certainty: 0 };
  const languages: LanguageCode[] = simplified > traditional ? ['zh-Hans', 'zh-Hant'] : ['zh-Hant', 'zh-Hans'];
  const share = Math.max(simplified, traditional) / (simplified + traditional);
  return { weight, languages, certainty: share >= 0.8 ? 1 : Math.max(0, (share - 0.5) / 0.3) };
}

/**
 * Guesses the language of `text` (plain text or Markdown). See `LanguageDetection`: `language`
 * is set only when the guess is confident; `candidates` always list what the text may be.
 */
export async function detectLanguage(text: string): Promise<LanguageDetection> {
  const counts = count(detectableText(text));
  const { hangul, kana, han, thai, arabic, cyrillic, latin } = counts.letters;
  const blocks: Block[] = [];
  // A CJK character carries about a word's worth of text: it weighs two Latin letters.
  if (kana > 0 && kana >= (kana + han + hangul) * 0.05) {
    blocks.push({ weight: 2 * (kana + han), languages: ['ja'], certainty: 1 });
    if (hangul > 0) blocks.push({ weight: 2 * hangul, languages: ['ko'], certainty: 1 });
  } else if (hangul > 0) {
    // Korean text may quote a few Han characters (hanja).
    blocks.push({ weight: 2 * (hangul + han), languages: ['ko'], certainty: 1 });
  } else if (han > 0) {
    blocks.push(chineseBlock(counts, 2 * han));
  }
  if (thai > 0) blocks.push({ weight: thai, languages: ['th'], certainty: 1 });
  if (arabic > 0) blocks.push({ weight: arabic, languages: ['ar'], certainty: 1 });
  if (cyrillic > 0) blocks.push({ weight: cyrillic, languages: ['ru'], certainty: 1 });
  if (latin > 0) blocks.push(await latinBlock(counts));

  const total = blocks.reduce((sum, block) => sum + block.weight, 0);
  if (total === 0) return { confidence: 0, candidates: [] };
  blocks.sort((a, b) => b.weight - a.weight);
  // Each script's best guess, by weight, then the other guesses within each script.
  const candidates = [...new Set([...blocks.map((block) => block.languages[0]), ...blocks.flatMap((block) => block.languages.slice(1))])];
  const top = blocks[0];
  const share = top.weight / total;
  const confidence = total < MIN_LETTERS ? 0 : round(share * top.certainty);
  return confidence >= CONFIDENT ? { language: candidates[0], confidence, candidates } : { confidence, candidates };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
