import { TranslateError } from './errors';
import { message, type Message } from './messages';
import { parseLanguage, parseSourceLanguage, type LanguageCode, type SourceLanguage } from './languages';
import { isProviderId, type ProviderChoice } from './providers/registry';

/**
 * The checks of user-given options, shared by the CLI (flags, environment) and the extension
 * (command arguments): each rule and its message lives here once. Every failure is an `input`
 * error with one sentence naming the option as the user wrote it.
 */

function inputError(sentence: Message): TranslateError {
  return new TranslateError('input', sentence);
}

/**
 * Target languages from a comma-separated string or a list (items may be comma-separated too,
 * as repeated `--to` flags are): duplicates dropped, order kept, at least one.
 */
export function parseTargetLanguages(value: string | readonly unknown[], option = 'to'): LanguageCode[] {
  const items = typeof value === 'string' ? [value] : value;
  const codes: LanguageCode[] = [];
  for (const item of items) {
    if (typeof item !== 'string') throw inputError(message('The option "{0}" must be a list of language codes.', option));
    for (const part of item.split(',').map((piece) => piece.trim()).filter(Boolean)) {
      const code = parseLanguage(part);
      if (!code) throw inputError(message('Unknown target language "{0}".', part));
      if (!codes.includes(code)) codes.push(code);
    }
  }
  if (codes.length === 0) throw inputError(message('Choose at least one target language.'));
  return codes;
}

export function parseSourceOption(value: unknown): SourceLanguage {
  const code = typeof value === 'string' ? parseSourceLanguage(value) : undefined;
  if (!code) throw inputError(message('Unknown source language "{0}".', String(value)));
  return code;
}

export function parseProviderOption(value: unknown): ProviderChoice {
  if (value === 'auto' || (typeof value === 'string' && isProviderId(value))) return value;
  throw inputError(message('Unknown provider "{0}"; use auto, hive, papago, papago-smt, pseudo or identity.', String(value)));
}

/** A whole number in `[min, max]`, from a string or a number. */
export function parseIntegerOption(value: unknown, option: string, min: number, max: number): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw inputError(message('{0} must be a whole number from {1} to {2}.', option, min, max));
  }
  return number;
}
