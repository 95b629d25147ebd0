import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../files';
import { readMarkdownFile } from '../markdown/files';
import type { FileAccess } from './types';

/** Files on disk: sources read strictly (UTF-8, not binary), outputs written atomically. */
export const diskAccess: FileAccess = {
  read: (file) => readMarkdownFile(file),
  current: (file) => readFile(file, 'utf8').catch(() => undefined),
  async write(file, text) {
    await writeFileAtomic(file, text);
    return true;
  },
};
