import { TranslateError } from '../errors';
import type { ProviderCapabilities, TranslateRequest } from './types';
import { message } from '../messages';

/** The code of the error about a source left to detect by a provider that cannot: hosts say how to give one (`--from`, a picker). */
export const NO_DETECTION = 'noDetection';

/** Refuses, before any request, what the provider cannot do: empty text, a format, a language or a pair. */
export function validateRequest(capabilities: ProviderCapabilities, request: TranslateRequest): void {
  const name = capabilities.displayName;
  if (request.text.trim() === '') throw new TranslateError('input', message('There is no text to translate.'));
  if (request.to.length === 0) throw new TranslateError('input', message('Choose at least one target language.'));
  if (!capabilities.formats.includes(request.format)) {
    throw new TranslateError('input', message('{0} cannot translate {1} content.', name, request.format === 'html' ? 'HTML' : request.format));
  }
  if (request.from === 'auto' && !capabilities.autoDetect.includes(request.format)) {
    throw new TranslateError('input', message('{0} cannot detect the source language of {1} content; choose a source language.', name, request.format), { code: NO_DETECTION });
  }
  for (const code of [request.from, ...request.to]) {
    if (code !== 'auto' && !capabilities.languages.includes(code)) {
      throw new TranslateError('unsupportedPair', message('{0} does not support {1}.', name, { language: code }));
    }
  }
  if (request.from === 'auto') return;
  for (const to of request.to) {
    if (to === request.from) {
      throw new TranslateError('unsupportedPair', message('The source and target languages are both {0}.', { language: to }));
    }
    if (!capabilities.supportsPair(request.from, to)) {
      throw new TranslateError('unsupportedPair', message('{0} cannot translate from {1} to {2}.', name, { language: request.from }, { language: to }));
    }
  }
}
