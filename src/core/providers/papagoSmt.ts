import { TranslateError } from '../errors';
import { PairTable, toPapagoCode, type LanguageCode } from '../languages';
import type { PapagoSmtCredentials, ProviderContext } from './context';
import { translatePerTarget } from './perTarget';
import type { ProviderCapabilities, ServiceProbe, TranslateRequest, TranslateResult, TranslationProvider } from './types';
import { validateRequest } from './validate';
import { message } from '../messages';

const SMT_LANGUAGES: readonly LanguageCode[] = ['ko', 'en', 'ja', 'zh-Hans', 'zh-Hant'];
export const SMT_PAIRS = new PairTable().addBoth('ko', ['en', 'ja', 'zh-Hans', 'zh-Hant']);

interface SmtResponse {
  message?: { result?: { translatedText?: string; srcLangType?: string } };
}

/** The one-character call that checks the credentials. */
const PROBE_FORM = { source: 'en', target: 'ko', text: 'a' };

/**
 * The legacy Naver Open API Papago SMT (`/v1/language/translate`). The service itself has
 * closed; it stays selectable for compatible gateways, never the default.
 */
export class PapagoSmtProvider implements TranslationProvider, ServiceProbe {
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
      throw new TranslateError('config', message('Papago SMT credentials are not set; set the Naver client id and client secret first.'), { service: 'papagoSmt' });
    }
    this.credentials = credentials;
  }

  async translate(request: TranslateRequest): Promise<TranslateResult> {
    validateRequest(this.capabilities, request);
    const from = request.from as LanguageCode; // validateRequest refused 'auto'
    const source = toPapagoCode(from) ?? from;
    return translatePerTarget('papago-smt', request, this.capabilities.maxCharsPerCall, async (piece, to) => {
      const form = { source, target: toPapagoCode(to) ?? to, text: piece };
      const response = await this.send('smt.translate', form, request.signal, piece.length);
      const text = response.data.message?.result?.translatedText;
      if (typeof text !== 'string') throw new TranslateError('server', message('Papago SMT returned no translation; try again.'), { service: 'papagoSmt' });
      // The service detects nothing: the source is the one it was told.
      return { text, detectedLanguage: from, attempts: response.attempts };
    });
  }

  /** Translates one character from English to Korean: the cheapest call the API accepts. */
  async probe(signal?: AbortSignal): Promise<void> {
    await this.send('smt.probe', PROBE_FORM, signal);
  }

  /** Every SMT request: the configured endpoint, a form body and the Naver client headers. */
  private send(route: string, form: Record<string, string>, signal: AbortSignal | undefined, chars?: number) {
    return this.context.http.request<SmtResponse>({
      service: 'papagoSmt',
      route,
      method: 'POST',
      url: `${this.context.endpoints.papagoSmt}/v1/language/translate`,
      headers: () => ({
        'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
        'X-Naver-Client-Id': this.credentials.clientId,
        'X-Naver-Client-Secret': this.credentials.clientSecret,
      }),
      body: () => new URLSearchParams(form),
      idempotent: true,
      responseType: 'json',
      signal,
      ...(chars === undefined ? {} : { chars }),
    });
  }
}
