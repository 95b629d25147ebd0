export { writeFileAtomic } from '../files';
import { promises as fs } from 'node:fs';
import { TranslateError } from '../errors';
import { message } from '../messages';

/**
 * Reads a Markdown file as UTF-8. Refuses binary files (NUL bytes) and text that is not valid
 * UTF-8, naming the file. A byte-order mark is kept as U+FEFF at the start of the string, so
 * writing the string back as UTF-8 reproduces it byte for byte.
 */
export async function readMarkdownFile(file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const sentence =
      code === 'ENOENT'
        ? message('Cannot read {0}: it does not exist.', file)
        : code === 'EISDIR'
          ? message('Cannot read {0}: it is a folder.', file)
          : message('Cannot read {0}: {1}.', file, code ?? (error as Error).message);
    throw new TranslateError('input', sentence, { cause: error });
  }
  return decodeMarkdownBytes(bytes, file);
}

/** Decodes file bytes as in `readMarkdownFile` (for callers that already hold the bytes). */
export function decodeMarkdownBytes(bytes: Uint8Array, file: string): string {
  if (bytes.includes(0)) {
    throw new TranslateError('input', message('{0} looks like a binary file (it contains NUL bytes); only UTF-8 Markdown can be translated.', file));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    throw new TranslateError('input', message('{0} is not valid UTF-8; save it as UTF-8 and try again.', file), { cause: error });
  }
}

