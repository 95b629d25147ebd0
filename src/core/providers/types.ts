import type { LanguageCode, SourceLanguage } from '../languages';

export type ProviderId = 'hive' | 'papago' | 'papago-smt' | 'pseudo' | 'identity';
export const PROVIDER_IDS: readonly ProviderId[] = ['hive', 'papago', 'papago-smt', 'pseudo', 'identity'];
/** A provider, or 'auto' for the router's choice. */
export type ProviderChoice = ProviderId | 'auto';

export function isProviderId(value: string): value is ProviderId {
  return (PROVIDER_IDS as readonly string[]).includes(value);
}

export type TextFormat = 'text' | 'html' | 'markdown';

/** Where an asynchronous job stands, for progress reporting. */
export type JobState = 'submitting' | 'waiting' | 'processing' | 'completed' | 'failed';

export interface ProviderCapabilities {
  readonly id: ProviderId;
  readonly displayName: string;
  readonly formats: readonly TextFormat[];
  readonly languages: readonly LanguageCode[];
  /** Characters accepted in one call; longer text is split by the provider at sentence or line boundaries. */
  readonly maxCharsPerCall: number;
  /** Several targets in one call. */
  readonly multiTarget: boolean;
  /** Formats for which `from: 'auto'` is accepted. */
  readonly autoDetect: readonly TextFormat[];
  readonly glossary: boolean;
  /** Needs no account and no network. */
  readonly offline: boolean;
  supportsPair(from: LanguageCode, to: LanguageCode): boolean;
}

export interface TranslateRequest {
  text: string;
  from: SourceLanguage;
  to: readonly LanguageCode[];
  format: TextFormat;
  glossaryKey?: string;
  signal?: AbortSignal;
  onJobState?: (state: JobState) => void;
}

export interface Translation {
  to: LanguageCode;
  text: string;
}

export interface TranslateResult {
  provider: ProviderId;
  from: SourceLanguage;
  /** The language the service detected (or was told), when it says. */
  detectedLanguage?: LanguageCode;
  translations: Translation[];
  /** HTTP requests made, retries included (0 for offline providers). */
  requests: number;
  /** Characters of source text sent (once per call, whatever the number of targets). */
  charsSent: number;
}

export interface TranslationProvider {
  readonly capabilities: ProviderCapabilities;
  translate(request: TranslateRequest): Promise<TranslateResult>;
  /**
   * The options this provider applies that change its translations (e.g. `{ honorific: true }`),
   * for the translation memory's keys; absent or empty when it applies none.
   */
  memoryOptions?(): Record<string, string | number | boolean>;
}

/**
 * A client of a networked service that can check its credentials with one cheap signed call,
 * built exactly like its real requests (same URL, headers and signature).
 */
export interface ServiceProbe {
  /** Resolves when the service accepted the credentials; rejects with a `TranslateError` otherwise. */
  probe(signal?: AbortSignal): Promise<void>;
}
