import { TranslateError } from '../errors';
import { fromServiceCode, LANGUAGES, PairTable, toPapagoCode, type LanguageCode, type SourceLanguage } from '../languages';
import type { PapagoCredentials, ProviderContext } from './context';
import { translatePerTarget } from './perTarget';
import type { ProviderCapabilities, ServiceProbe, TranslateRequest, TranslateResult, TranslationProvider } from './types';
import { validateRequest } from './validate';
import { message } from '../messages';

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

/** Targets that Papago can translate into formal speech, each with the sources it does it from. */
const HONORIFIC_SOURCES: Partial<Record<LanguageCode, readonly LanguageCode[]>> = {
  ko: ['en', 'ja', 'zh-Hans', 'zh-Hant'],
  ja: ['ko', 'en', 'zh-Hans', 'zh-Hant'],
};

/** Whether Papago applies `honorific` from `from` to `to` (with `auto`, whenever the target takes it). */
export function papagoHonorificApplies(from: SourceLanguage, to: LanguageCode): boolean {
  const sources = HONORIFIC_SOURCES[to];
  return sources !== undefined && (from === 'auto' || sources.includes(from));
}

/** The one-character call that checks the credentials (one character is billed). */
const PROBE_BODY: PapagoBody = { source: 'en', target: 'ko', text: 'a' };

interface PapagoBody {
  source: string;
  target: string;
  text: string;
  glossaryKey?: string;
  honorific?: boolean;
}

/** NAVER Cloud Papago Translation (`/nmt/v1/translation`), one target per call, with glossaries. */
export class PapagoProvider implements TranslationProvider, ServiceProbe {
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
    if (!credentials) throw new TranslateError('config', message('Papago credentials are not set; set the client id and client secret first.'), { service: 'papago' });
    this.credentials = credentials;
  }

  async translate(request: TranslateRequest): Promise<TranslateResult> {
    validateRequest(this.capabilities, request);
    if (request.glossaryKey && request.from !== 'auto') {
      const unsupported = request.to.find((to) => !PAPAGO_GLOSSARY_PAIRS.has(request.from as LanguageCode, to));
      if (unsupported) {
        throw new TranslateError('unsupportedPair', message('Papago glossaries do not support {0} to {1}; translate without the glossary.', { language: request.from }, { language: unsupported }));
      }
    }
    return translatePerTarget('papago', request, this.capabilities.maxCharsPerCall, async (piece, to) => {
      const body: PapagoBody = { source: papagoSource(request.from), target: toPapagoCode(to) ?? to, text: piece };
      if (request.glossaryKey) body.glossaryKey = request.glossaryKey;
      if (this.honorific && papagoHonorificApplies(request.from, to)) body.honorific = true;
      const response = await this.send('papago.translate', body, request.signal, piece.length);
      const result = response.data.message?.result;
      if (typeof result?.translatedText !== 'string') {
        throw new TranslateError('server', message('Papago returned no translation; try again.'), { service: 'papago' });
      }
      const detectedLanguage = result.srcLangType ? fromServiceCode(result.srcLangType) : undefined;
      return { text: result.translatedText, detectedLanguage, attempts: response.attempts };
    });
  }

  memoryOptions(): Record<string, boolean> {
    return this.honorific ? { honorific: true } : {};
  }

  private get honorific(): boolean {
    return this.context.options?.honorific === true;
  }

  /** Translates one character from English to Korean: the cheapest call the API accepts. */
  async probe(signal?: AbortSignal): Promise<void> {
    await this.send('papago.probe', PROBE_BODY, signal);
  }

  /** Every Papago request: the configured endpoint and the API Gateway key headers. */
  private send(route: string, body: PapagoBody, signal: AbortSignal | undefined, chars?: number) {
    const json = JSON.stringify(body);
    return this.context.http.request<PapagoResponse>({
      service: 'papago',
      route,
      method: 'POST',
      url: `${this.context.endpoints.papago}/nmt/v1/translation`,
      headers: () => ({
        'Content-Type': 'application/json',
        'X-NCP-APIGW-API-KEY-ID': this.credentials.clientId,
        'X-NCP-APIGW-API-KEY': this.credentials.clientSecret,
      }),
      body: () => json,
      idempotent: true,
      responseType: 'json',
      signal,
      ...(chars === undefined ? {} : { chars }),
    });
  }
}

function papagoSource(from: SourceLanguage): string {
  return from === 'auto' ? 'auto' : (toPapagoCode(from) ?? from);
}
