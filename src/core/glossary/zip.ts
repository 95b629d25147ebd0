import { unzipSync } from 'fflate';
import { TranslateError } from '../errors';
import { message, type Message } from '../messages';

/** A download larger than this once unpacked is refused (a glossary upload is at most 10 MB). */
export const GLOSSARY_MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;

export interface ZippedCsv {
  /** The entry's name inside the ZIP. */
  name: string;
  /** The CSV text, decoded as UTF-8, without a BOM. */
  text: string;
}

function serverError(sentence: Message, detail?: string): TranslateError {
  return new TranslateError('server', sentence, { service: 'ncpIam', ...(detail ? { detail } : {}) });
}

/**
 * The glossary download answer: a ZIP holding the glossary's CSV. Returns the first `.csv`
 * entry (archive order); folders and macOS resource forks are ignored.
 */
export function csvFromZip(bytes: Uint8Array): ZippedCsv {
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
  if (!isZip) {
    throw serverError(message('The glossary service sent a download that is not a ZIP archive; try again in a moment.'), `${bytes.length} bytes, no ZIP signature`);
  }
  let entries: Record<string, Uint8Array>;
  let tooLarge: string | undefined;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (!isCsvEntry(file.name)) return false;
        if (file.originalSize > GLOSSARY_MAX_UNZIPPED_BYTES) {
          tooLarge = file.name;
          return false;
        }
        return true;
      },
    });
  } catch (error) {
    throw serverError(message('The glossary service sent a damaged ZIP archive; try the download again.'), error instanceof Error ? error.message : undefined);
  }
  if (tooLarge !== undefined) {
    throw serverError(message('The glossary download is larger than expected once unpacked; it was not read.'), `${tooLarge} over ${GLOSSARY_MAX_UNZIPPED_BYTES} bytes`);
  }
  const name = Object.keys(entries)[0];
  const data = name === undefined ? undefined : entries[name];
  if (name === undefined || data === undefined) {
    throw serverError(message('The glossary download holds no CSV file.'));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data); // drops a leading BOM
  } catch {
    throw serverError(message('The glossary download "{0}" is not UTF-8 text.', name));
  }
  return { name: name.split('/').pop() ?? name, text: text.replace(/^\uFEFF/, '') };
}

function isCsvEntry(name: string): boolean {
  if (name.endsWith('/') || name.startsWith('__MACOSX/')) return false;
  const base = name.split('/').pop() ?? '';
  return !base.startsWith('._') && base.toLowerCase().endsWith('.csv');
}
