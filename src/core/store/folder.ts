import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { TranslateError } from '../errors';

/**
 * Makes sure the folder `dir` exists, creating missing levels one at a time below the nearest
 * existing ancestor, which must be a folder. Never `mkdir` with `recursive: true`: in Node 20 it
 * never returns for a path under `/proc`, where a plain `mkdir` fails at once. `label` names
 * what the folder is for, for the error (`The translation memory /a/m.tm`).
 */
export async function ensureFolder(dir: string, label: string): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const stat = await fs.stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
      throw cannotCreate(label, current, error);
    });
    if (stat?.isDirectory()) break;
    if (stat) throw new TranslateError('input', `${label} cannot be created: ${current} is not a folder.`);
    const parent = path.dirname(current);
    if (parent === current) throw new TranslateError('input', `${label} cannot be created: no part of its folder exists.`);
    missing.unshift(current);
    current = parent;
  }
  for (const level of missing) {
    try {
      await fs.mkdir(level);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const made = code === 'EEXIST' && (await fs.stat(level).catch(() => undefined))?.isDirectory();
      if (!made) throw cannotCreate(label, level, error);
    }
  }
}

function cannotCreate(label: string, folder: string, error: unknown): TranslateError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new TranslateError('input', `${label} cannot be created: the folder ${folder} cannot be made or read (${code}).`, { cause: error });
}
