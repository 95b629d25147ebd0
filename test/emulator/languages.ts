/** Language codes of each emulated service, and the emulator's crude language detection. */

export const HIVE_LANGUAGES: readonly string[] = [
  'ko', 'en', 'ja', 'zh-hans', 'zh-hant', 'fr', 'de', 'ru', 'es', 'pt', 'id', 'vi', 'th', 'it', 'tr', 'ar',
];

export const PAPAGO_LANGUAGES: readonly string[] = [
  'ko', 'en', 'ja', 'zh-CN', 'zh-TW', 'vi', 'th', 'id', 'fr', 'es', 'ru', 'de', 'it',
];

export const SMT_LANGUAGES: readonly string[] = ['ko', 'en', 'ja', 'zh-CN', 'zh-TW'];

export type DetectedScript = 'ko' | 'ja' | 'zh' | 'en';

/** Hangul -> ko, else kana -> ja, else Han -> zh, else en. */
export function detectScript(text: string): DetectedScript {
  if (/\p{Script=Hangul}/u.test(text)) return 'ko';
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return 'ja';
  if (/\p{Script=Han}/u.test(text)) return 'zh';
  return 'en';
}
