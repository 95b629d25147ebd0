import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TranslateError } from '../core/errors';
import { parseLanguage, parseSourceLanguage, type LanguageCode, type SourceLanguage } from '../core/languages';
import { isProviderId, type ProviderChoice } from '../core/providers/registry';

export function usageError(message: string): TranslateError {
  return new TranslateError('input', message);
}

/** `parseArgs` with its exceptions turned into one-sentence usage errors. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw usageError(message.replace(/\. To specify a positional argument.*$/, '.'));
  }
}

export function parseTargets(value: string | undefined): LanguageCode[] {
  if (!value) throw usageError('Give the target languages with --to, e.g. --to en or --to en,ja.');
  const codes: LanguageCode[] = [];
  for (const part of value.split(',').map((item) => item.trim()).filter(Boolean)) {
    const code = parseLanguage(part);
    if (!code) throw usageError(`Unknown target language "${part}".`);
    if (!codes.includes(code)) codes.push(code);
  }
  if (codes.length === 0) throw usageError('Give at least one target language with --to.');
  return codes;
}

export function parseSource(value: string | undefined, fallback: SourceLanguage = 'auto'): SourceLanguage {
  if (value === undefined) return fallback;
  const code = parseSourceLanguage(value);
  if (!code) throw usageError(`Unknown source language "${value}".`);
  return code;
}

export function parseProvider(value: string | undefined): ProviderChoice {
  if (value === undefined || value === 'auto') return 'auto';
  if (!isProviderId(value)) throw usageError(`Unknown provider "${value}"; use auto, hive, papago, papago-smt, pseudo or identity.`);
  return value;
}

export function parsePositiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 64) throw usageError(`${name} must be a whole number from 1 to 64.`);
  return number;
}
