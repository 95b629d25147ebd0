/**
 * One user-facing set of language codes, mapped to each service's own codes.
 * Users write BCP-47-like codes (`ko`, `en`, `zh-Hans`); providers translate them with the
 * tables here, so `zh-Hans` becomes Hive `zh-hans` and Papago `zh-CN`.
 */
export const LANGUAGES = [
  { code: 'ko', name: 'Korean', native: '한국어', hive: 'ko', papago: 'ko' },
  { code: 'en', name: 'English', native: 'English', hive: 'en', papago: 'en' },
  { code: 'ja', name: 'Japanese', native: '日本語', hive: 'ja', papago: 'ja' },
  { code: 'zh-Hans', name: 'Chinese (Simplified)', native: '简体中文', hive: 'zh-hans', papago: 'zh-CN' },
  { code: 'zh-Hant', name: 'Chinese (Traditional)', native: '繁體中文', hive: 'zh-hant', papago: 'zh-TW' },
  { code: 'fr', name: 'French', native: 'Français', hive: 'fr', papago: 'fr' },
  { code: 'de', name: 'German', native: 'Deutsch', hive: 'de', papago: 'de' },
  { code: 'ru', name: 'Russian', native: 'русский', hive: 'ru', papago: 'ru' },
  { code: 'es', name: 'Spanish', native: 'Español', hive: 'es', papago: 'es' },
  { code: 'pt', name: 'Portuguese', native: 'Português', hive: 'pt', papago: undefined },
  { code: 'id', name: 'Indonesian', native: 'Bahasa Indonesia', hive: 'id', papago: 'id' },
  { code: 'vi', name: 'Vietnamese', native: 'Tiếng Việt', hive: 'vi', papago: 'vi' },
  { code: 'th', name: 'Thai', native: 'ไทย', hive: 'th', papago: 'th' },
  { code: 'it', name: 'Italian', native: 'Italiano', hive: 'it', papago: 'it' },
  { code: 'tr', name: 'Turkish', native: 'Türkçe', hive: 'tr', papago: undefined },
  { code: 'ar', name: 'Arabic', native: 'العربية', hive: 'ar', papago: undefined },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export type LanguageInfo = (typeof LANGUAGES)[number];
export type SourceLanguage = LanguageCode | 'auto';

const byLowerCode = new Map<string, LanguageInfo>();
for (const language of LANGUAGES) {
  byLowerCode.set(language.code.toLowerCase(), language);
  byLowerCode.set(language.hive.toLowerCase(), language);
  if (language.papago) byLowerCode.set(language.papago.toLowerCase(), language);
}
// Common spellings people type.
const ALIASES: Record<string, LanguageCode> = {
  zh: 'zh-Hans',
  'zh-cn': 'zh-Hans',
  'zh-sg': 'zh-Hans',
  'zh-tw': 'zh-Hant',
  'zh-hk': 'zh-Hant',
  kr: 'ko',
  jp: 'ja',
  'pt-br': 'pt',
  'pt-pt': 'pt',
};

/** Resolves any accepted spelling (`ZH-cn`, `zh-hans`, `zh-Hans`) to the user-facing code. */
export function parseLanguage(input: string): LanguageCode | undefined {
  const key = input.trim().toLowerCase().replace(/_/g, '-');
  return byLowerCode.get(key)?.code ?? ALIASES[key];
}

export function parseSourceLanguage(input: string): SourceLanguage | undefined {
  return input.trim().toLowerCase() === 'auto' ? 'auto' : parseLanguage(input);
}

export function languageInfo(code: LanguageCode): LanguageInfo {
  const info = byLowerCode.get(code.toLowerCase());
  if (!info) throw new Error(`Unknown language code ${code}`);
  return info;
}

export function toHiveCode(code: LanguageCode): string {
  return languageInfo(code).hive;
}

export function toPapagoCode(code: LanguageCode): string | undefined {
  return languageInfo(code).papago;
}

export function fromServiceCode(serviceCode: string): LanguageCode | undefined {
  return parseLanguage(serviceCode);
}

export function describeLanguage(code: SourceLanguage): string {
  return code === 'auto' ? 'auto-detect' : `${languageInfo(code).name} (${code})`;
}

/** A symmetric pair list written once: `pairs('ko', ['en','ja'])` gives ko<->en and ko<->ja. */
export class PairTable {
  private readonly pairs = new Set<string>();

  addBoth(a: LanguageCode, others: readonly LanguageCode[]): this {
    for (const b of others) {
      if (a === b) continue;
      this.pairs.add(`${a}>${b}`);
      this.pairs.add(`${b}>${a}`);
    }
    return this;
  }

  has(from: LanguageCode, to: LanguageCode): boolean {
    return this.pairs.has(`${from}>${to}`);
  }
}
