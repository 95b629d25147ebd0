import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TranslateError } from '../core/errors';
import type { LanguageCode, SourceLanguage } from '../core/languages';
import { parseIntegerOption, parseProviderOption, parseSourceOption, parseTargetLanguages } from '../core/options';
import type { ProviderChoice } from '../core/providers/registry';

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

/** `--to`, given once or more (`--to ko --to ja` is `--to ko,ja`). */
export function parseTargets(values: readonly string[] | undefined): LanguageCode[] {
  if (!values || values.length === 0) throw usageError('Give the target languages with --to, e.g. --to en or --to en,ja.');
  return parseTargetLanguages(values, '--to');
}

export function parseSource(value: string | undefined, fallback: SourceLanguage = 'auto'): SourceLanguage {
  return value === undefined ? fallback : parseSourceOption(value);
}

export function parseProvider(value: string | undefined): ProviderChoice {
  return value === undefined ? 'auto' : parseProviderOption(value);
}

export function parsePositiveInt(value: string | undefined, name: string, fallback: number): number {
  return value === undefined ? fallback : parseIntegerOption(value, name, 1, 64);
}
