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

const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ACCENTED = 'áƀçðéƒĝĥíĵķļɱñóþǫŕšţúṽŵẋýžÁƁÇÐÉƑĜĤÍĴĶĻṀÑÓÞǪŔŠŢÚṼŴẊÝŽ';
/** The accented look-alike of each ASCII code (itself when not a letter); all are one UTF-16 unit. */
const ASCII_ACCENTS = Uint16Array.from({ length: 128 }, (_, code) => {
  const index = PLAIN.indexOf(String.fromCharCode(code));
  return index < 0 ? code : ACCENTED.charCodeAt(index);
});
const LETTER = /\p{L}/u;
const UTF16 = new TextDecoder('utf-16le');
/** Reused for every line (allocating one per line took about a quarter of the time). */
let buffer = new Uint16Array(1024);

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
  let first = 0;
  let end = line.length;
  while (first < end && isSpace(line.charCodeAt(first))) first++;
  if (first === end) return line;
  while (isSpace(line.charCodeAt(end - 1))) end--;
  const body = line.slice(first, end);
  // Accenting keeps every code unit in place: fill a buffer, then copy protected spans back.
  if (buffer.length < body.length) buffer = new Uint16Array(Math.max(body.length, 2 * buffer.length));
  const units = buffer;
  let letters = accent(body, 0, body.length, units);
  PROTECTED.lastIndex = 0;
  for (let match = PROTECTED.exec(body); match; match = PROTECTED.exec(body)) {
    const to = match.index + match[0].length;
    letters -= countLetters(body, match.index, to);
    for (let i = match.index; i < to; i++) units[i] = body.charCodeAt(i);
  }
  if (letters === 0) return line;
  const text = UTF16.decode(units.subarray(0, body.length));
  const padding = '~'.repeat(Math.ceil(letters * expansion));
  const leading = line.slice(0, first);
  const trailing = line.slice(end);
  return markers ? `${leading}[${text}${padding ? ' ' + padding : ''}]${trailing}` : `${leading}${text}${padding}${trailing}`;
}

/** Whitespace as `\s` sees it. */
function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code > 0x7f && /\s/.test(String.fromCharCode(code)));
}

/** Writes `text[from, to)` into `units` with ASCII letters accented; returns its letters (any script). */
function accent(text: string, from: number, to: number, units: Uint16Array): number {
  let letters = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      units[i] = ASCII_ACCENTS[code];
      if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) letters++;
    } else {
      units[i] = code;
      if (isLetterAt(text, i, code)) letters++;
    }
  }
  return letters;
}

function countLetters(text: string, from: number, to: number): number {
  let letters = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 128 ? (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a : isLetterAt(text, i, code)) letters++;
  }
  return letters;
}

/** Whether a letter starts at `i` (a low surrogate is never counted: its pair was). */
function isLetterAt(text: string, i: number, code: number): boolean {
  if (code >= 0xdc00 && code <= 0xdfff) return false;
  return LETTER.test(code >= 0xd800 && code <= 0xdbff ? String.fromCodePoint(text.codePointAt(i)!) : String.fromCharCode(code));
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
