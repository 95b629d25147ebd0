import { LANGUAGES, type LanguageCode } from '../languages';
import type { ProviderCapabilities, ProviderId, TranslateRequest, TranslateResult, TranslationProvider } from './types';
import { throwIfAborted } from '../http/abort';

const ALL_CODES: readonly LanguageCode[] = LANGUAGES.map((language) => language.code);

function offlineCapabilities(id: ProviderId, displayName: string): ProviderCapabilities {
  return {
    id,
    displayName,
    formats: ['text', 'html', 'markdown'],
    languages: ALL_CODES,
    maxCharsPerCall: Number.MAX_SAFE_INTEGER,
    multiTarget: true,
    autoDetect: ['text', 'html', 'markdown'],
    glossary: false,
    offline: true,
    supportsPair: (from, to) => from !== to,
  };
}

/** Offline provider that returns the source unchanged: for dry runs and structure tests. */
export class IdentityProvider implements TranslationProvider {
  readonly capabilities = offlineCapabilities('identity', 'Identity (offline, unchanged text)');

  async translate(request: TranslateRequest): Promise<TranslateResult> {
    throwIfAborted(request.signal);
    return {
      provider: 'identity',
      from: request.from,
      translations: request.to.map((to) => ({ to, text: request.text })),
      requests: 0,
      charsSent: 0,
    };
  }
}

const ACCENTED: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ó', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'ú', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Á', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ó', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Ú', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/**
 * Spans pseudo-localization must not touch: HTML tags and entities, URLs, placeholders of
 * common message formats (`{0}`, `{{name}}`, `%s`, `$1`), and the Markdown engine's protected
 * tokens (`⟦…⟧`).
 */
const PROTECTED = /<[^>]*>|&[#\w]+;|https?:\/\/\S+|\{\{[^}]*\}\}|\{[\w.]+\}|%\d*\$?[sdif@]|\$\d+|⟦[^⟧]*⟧/g;

export interface PseudoOptions {
  /** Extra length as a fraction of the text's length, so truncated UI shows (default 0.3). */
  expansion?: number;
  /** Wrap each translated line in markers, so untranslated or truncated text stands out (default true). */
  markers?: boolean;
}

/** Pseudo-localizes one line: accents letters outside protected spans, pads, brackets it. */
function pseudoLine(line: string, expansion: number, markers: boolean): string {
  if (line.trim() === '') return line;
  const leading = /^\s*/.exec(line)?.[0] ?? '';
  const trailing = /\s*$/.exec(line)?.[0] ?? '';
  const body = line.slice(leading.length, line.length - trailing.length);
  let out = '';
  let last = 0;
  let letters = 0;
  for (const match of body.matchAll(PROTECTED)) {
    const index = match.index ?? 0;
    out += accent(body.slice(last, index));
    letters += countLetters(body.slice(last, index));
    out += match[0];
    last = index + match[0].length;
  }
  out += accent(body.slice(last));
  letters += countLetters(body.slice(last));
  if (letters === 0) return line;
  const padding = '~'.repeat(Math.ceil(letters * expansion));
  return markers ? `${leading}[${out}${padding ? ' ' + padding : ''}]${trailing}` : `${leading}${out}${padding}${trailing}`;
}

function accent(text: string): string {
  return text.replace(/[A-Za-z]/g, (letter) => ACCENTED[letter] ?? letter);
}

function countLetters(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}

export function pseudoLocalize(text: string, options: PseudoOptions = {}): string {
  const expansion = options.expansion ?? 0.3;
  const markers = options.markers ?? true;
  return text
    .split(/(\r\n|\n|\r)/)
    .map((part, index) => (index % 2 === 1 ? part : pseudoLine(part, expansion, markers)))
    .join('');
}

/** Offline pseudo-localization: accented look-alikes, ~30 % padding and [brackets]. */
export class PseudoProvider implements TranslationProvider {
  readonly capabilities = offlineCapabilities('pseudo', 'Pseudo-localization (offline)');

  constructor(private readonly options: PseudoOptions = {}) {}

  async translate(request: TranslateRequest): Promise<TranslateResult> {
    throwIfAborted(request.signal);
    const text = pseudoLocalize(request.text, this.options);
    return {
      provider: 'pseudo',
      from: request.from,
      translations: request.to.map((to) => ({ to, text })),
      requests: 0,
      charsSent: 0,
    };
  }
}
