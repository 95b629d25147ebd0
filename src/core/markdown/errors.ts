import { TranslateError } from '../errors';
import { message, plainText, type Message } from '../messages';

/**
 * `code` of the errors this engine throws when a translation would change the document's
 * structure (or lose protected markup). The reason is `structure`: the provider's output, not the
 * user's input, is at fault, so nothing is written and the CLI exits 1.
 */
export const STRUCTURE_ERROR_CODE = 'markdown-structure';

/** A structural failure: the sentence says what happened, `detail` lists what differs and where (shown on the next lines). */
export function structureError(sentence: Message, options: { detail?: string; cause?: unknown } = {}): TranslateError {
  const full = options.detail ? message('{0}:{1}', sentence, { lines: options.detail.split('\n').map((line) => plainText(line.replace(/^- /, ''))) }) : sentence;
  return new TranslateError('structure', full, { code: STRUCTURE_ERROR_CODE, detail: options.detail, cause: options.cause });
}

/** Whether an error is a structural failure from this engine. */
export function isStructureError(error: unknown): error is TranslateError {
  return error instanceof TranslateError && error.code === STRUCTURE_ERROR_CODE;
}
