import { describeLanguage } from '../languages';
import { TranslateError } from '../errors';
import type { ProviderCapabilities, TranslateRequest } from './types';

/** Refuses, before any request, what the provider cannot do: empty text, a format, a language or a pair. */
export function validateRequest(capabilities: ProviderCapabilities, request: TranslateRequest): void {
  const name = capabilities.displayName;
  if (request.text.trim() === '') throw new TranslateError('input', 'There is no text to translate.');
  if (request.to.length === 0) throw new TranslateError('input', 'Choose at least one target language.');
  if (!capabilities.formats.includes(request.format)) {
    throw new TranslateError('input', `${name} cannot translate ${request.format === 'html' ? 'HTML' : request.format} content.`);
  }
  if (request.from === 'auto' && !capabilities.autoDetect.includes(request.format)) {
    throw new TranslateError('input', `${name} cannot detect the source language of ${request.format} content; choose a source language.`);
  }
  for (const code of [request.from, ...request.to]) {
    if (code !== 'auto' && !capabilities.languages.includes(code)) {
      throw new TranslateError('unsupportedPair', `${name} does not support ${describeLanguage(code)}.`);
    }
  }
  if (request.from === 'auto') return;
  for (const to of request.to) {
    if (to === request.from) {
      throw new TranslateError('unsupportedPair', `The source and target languages are both ${describeLanguage(to)}.`);
    }
    if (!capabilities.supportsPair(request.from, to)) {
      throw new TranslateError(
        'unsupportedPair',
        `${name} cannot translate from ${describeLanguage(request.from)} to ${describeLanguage(to)}.`,
      );
    }
  }
}
