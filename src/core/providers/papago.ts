import { TranslateError } from '../errors';
import { fromServiceCode, LANGUAGES, PairTable, toPapagoCode, type LanguageCode, type SourceLanguage } from '../languages';
import { splitForLimit } from './chunking';
import type { PapagoCredentials, ProviderContext } from './context';
import type { ProviderCapabilities, TranslateRequest, TranslateResult, TranslationProvider } from './types';
import { validateRequest } from './validate';

const PAPAGO_LANGUAGES = LANGUAGES.filter((language) => language.papago !== undefined).map((language) => language.code);

/**
 * Papago Translation pairs: Korean, English and Japanese translate to and from every supported
 * language, plus Simplified <-> Traditional Chinese.
 */
export const PAPAGO_PAIRS = new PairTable()
  .addBoth('ko', PAPAGO_LANGUAGES)
  .addBoth('en', PAPAGO_LANGUAGES)
  .addBoth('ja', PAPAGO_LANGUAGES)
  .addBoth('zh-Hans', ['zh-Hant']);

/** Pairs for which Papago accepts a glossary. */
export const PAPAGO_GLOSSARY_PAIRS = new PairTable()
  .addBoth('ko', ['en', 'ja', 'zh-Hans', 'zh-Hant'])
  .addBoth('en', ['ja', 'zh-Hans', 'zh-Hant'])
  .addBoth('ja', ['zh-Hans', 'zh-Hant']);

export const PAPAGO_MAX_CHARS = 5000;

interface PapagoResponse {
  message?: { result?: { srcLangType?: string; tarLangType?: string; translatedText?: string } };
}

/** NAVER Cloud Papago Translation (`/nmt/v1/translation`), one target per call, with glossaries. */
export class PapagoProvider implements TranslationProvider {
  readonly capabilities: ProviderCapabilities = {
    id: 'papago',
    displayName: 'Papago',
    formats: ['text'],
    languages: PAPAGO_LANGUAGES,
    maxCharsPerCall: PAPAGO_MAX_CHARS,
    multiTarget: false,
    autoDetect: ['text'],
    glossary: true,
    offline: false,
    supportsPair: (from, to) => PAPAGO_PAIRS.has(from, to),
  };
  private readonly credentials: PapagoCredentials;

  constructor(private readonly context: ProviderContext) {
    const credentials = context.credentials.papago;
    if (!credentials) throw new TranslateError('config', 'Papago credentials are not set; set the client id and client secret first.', { service: 'papago' });
    this.credentials = credentials;
  }

  async translate(request: TranslateRequest): Promise<TranslateResult> {
    validateRequest(this.capabilities, request);
    if (request.glossaryKey && request.from !== 'auto') {
      const unsupported = request.to.find((to) => !PAPAGO_GLOSSARY_PAIRS.has(request.from as LanguageCode, to));
      if (unsupported) {
        throw new TranslateError('unsupportedPair', `Papago glossaries do not support ${request.from} to ${unsupported}; translate without the glossary.`);
      }
    }
    const pieces = splitForLimit(request.text, this.capabilities.maxCharsPerCall);
    let requests = 0;
    let detectedLanguage: LanguageCode | undefined;
    const translations = [];
    for (const to of request.to) {
      const parts: string[] = [];
      for (const piece of pieces) {
        if (piece.trim() === '') {
          parts.push(piece);
          continue;
        }
        const response = await this.call(piece, request.from, to, request);
        requests += response.attempts;
        const result = response.data.message?.result;
        if (typeof result?.translatedText !== 'string') {
          throw new TranslateError('server', 'Papago returned no translation; try again.', { service: 'papago' });
        }
        detectedLanguage ??= result.srcLangType ? fromServiceCode(result.srcLangType) : undefined;
        parts.push(keepOuterWhitespace(piece, result.translatedText));
      }
      translations.push({ to, text: parts.join('') });
    }
    return {
      provider: 'papago',
      from: request.from,
      detectedLanguage,
      translations,
      requests,
      charsSent: request.text.length * request.to.length,
    };
  }

  private call(text: string, from: SourceLanguage, to: LanguageCode, request: TranslateRequest) {
    const body: Record<string, string> = {
      source: from === 'auto' ? 'auto' : (toPapagoCode(from) ?? from),
      target: toPapagoCode(to) ?? to,
      text,
    };
    if (request.glossaryKey) body.glossaryKey = request.glossaryKey;
    return this.context.http.request<PapagoResponse>({
      service: 'papago',
      route: 'papago.translate',
      method: 'POST',
      url: `${this.context.endpoints.papago}/nmt/v1/translation`,
      headers: () => ({
        'Content-Type': 'application/json',
        'X-NCP-APIGW-API-KEY-ID': this.credentials.clientId,
        'X-NCP-APIGW-API-KEY': this.credentials.clientSecret,
      }),
      body: () => JSON.stringify(body),
      idempotent: true,
      responseType: 'json',
      signal: request.signal,
      chars: text.length,
    });
  }
}

/** Services trim; a piece that ended in a line break must keep it when the pieces are joined. */
export function keepOuterWhitespace(source: string, translated: string): string {
  const leading = /^\s*/.exec(source)?.[0] ?? '';
  const trailing = /\s*$/.exec(source)?.[0] ?? '';
  return leading + translated.trim() + trailing;
}
