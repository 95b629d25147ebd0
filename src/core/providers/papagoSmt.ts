import { TranslateError } from '../errors';
import { PairTable, toPapagoCode, type LanguageCode } from '../languages';
import { splitForLimit } from './chunking';
import type { PapagoSmtCredentials, ProviderContext } from './context';
import { keepOuterWhitespace } from './papago';
import type { ProviderCapabilities, TranslateRequest, TranslateResult, TranslationProvider } from './types';
import { validateRequest } from './validate';

const SMT_LANGUAGES: readonly LanguageCode[] = ['ko', 'en', 'ja', 'zh-Hans', 'zh-Hant'];
export const SMT_PAIRS = new PairTable().addBoth('ko', ['en', 'ja', 'zh-Hans', 'zh-Hant']);

interface SmtResponse {
  message?: { result?: { translatedText?: string; srcLangType?: string } };
}

/**
 * The legacy Naver Open API Papago SMT (`/v1/language/translate`). The service itself has
 * closed; it stays selectable for compatible gateways, never the default.
 */
export class PapagoSmtProvider implements TranslationProvider {
  readonly capabilities: ProviderCapabilities = {
    id: 'papago-smt',
    displayName: 'Papago SMT (legacy)',
    formats: ['text'],
    languages: SMT_LANGUAGES,
    maxCharsPerCall: 5000,
    multiTarget: false,
    autoDetect: [],
    glossary: false,
    offline: false,
    supportsPair: (from, to) => SMT_PAIRS.has(from, to),
  };
  private readonly credentials: PapagoSmtCredentials;

  constructor(private readonly context: ProviderContext) {
    const credentials = context.credentials.papagoSmt;
    if (!credentials) {
      throw new TranslateError('config', 'Papago SMT credentials are not set; set the Naver client id and client secret first.', { service: 'papagoSmt' });
    }
    this.credentials = credentials;
  }

  async translate(request: TranslateRequest): Promise<TranslateResult> {
    validateRequest(this.capabilities, request);
    const from = request.from as LanguageCode; // validateRequest refused 'auto'
    const pieces = splitForLimit(request.text, this.capabilities.maxCharsPerCall);
    let requests = 0;
    const translations = [];
    for (const to of request.to) {
      const parts: string[] = [];
      for (const piece of pieces) {
        if (piece.trim() === '') {
          parts.push(piece);
          continue;
        }
        const response = await this.context.http.request<SmtResponse>({
          service: 'papagoSmt',
          route: 'smt.translate',
          method: 'POST',
          url: `${this.context.endpoints.papagoSmt}/v1/language/translate`,
          headers: () => ({
            'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
            'X-Naver-Client-Id': this.credentials.clientId,
            'X-Naver-Client-Secret': this.credentials.clientSecret,
          }),
          body: () => new URLSearchParams({ source: toPapagoCode(from) ?? from, target: toPapagoCode(to) ?? to, text: piece }),
          idempotent: true,
          responseType: 'json',
          signal: request.signal,
          chars: piece.length,
        });
        requests += response.attempts;
        const text = response.data.message?.result?.translatedText;
        if (typeof text !== 'string') throw new TranslateError('server', 'Papago SMT returned no translation; try again.', { service: 'papagoSmt' });
        parts.push(keepOuterWhitespace(piece, text));
      }
      translations.push({ to, text: parts.join('') });
    }
    return { provider: 'papago-smt', from: request.from, detectedLanguage: from, translations, requests, charsSent: request.text.length * request.to.length };
  }
}
