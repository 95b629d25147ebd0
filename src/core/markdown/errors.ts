import { TranslateError } from '../errors';

/**
 * `code` of the errors this engine throws when a translation would change the document's
 * structure (or lose protected markup). The reason is `structure`: the provider's output, not the
 * user's input, is at fault, so nothing is written and the CLI exits 1.
 */
export const STRUCTURE_ERROR_CODE = 'markdown-structure';

/** A structural failure: the message says what happened, `detail` lists what differs and where. */
export function structureError(message: string, options: { detail?: string; cause?: unknown } = {}): TranslateError {
  const full = options.detail ? `${message}\n${options.detail}` : message;
  return new TranslateError('structure', full, { code: STRUCTURE_ERROR_CODE, detail: options.detail, cause: options.cause });
}

/** Whether an error is a structural failure from this engine. */
export function isStructureError(error: unknown): error is TranslateError {
  return error instanceof TranslateError && error.code === STRUCTURE_ERROR_CODE;
}
