import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { lstat, mkdir, open, readdir, readlink, realpath, rename, rm, rmdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { TranslateError } from './errors';
import { isAlive } from './processes';
import { message, plainText, type Message } from './messages';

/**
 * Writing files without ever leaving a half-written one, and checking before any paid request
 * that a path can be written at all.
 */

/** Temporary files being written; removed when the process exits, also after SIGINT or SIGTERM. */
const temporaries = new Set<string>();
let cleanupRegistered = false;

/** Removes every temporary file still being written (synchronous: safe in an exit handler). */
export function removeTemporaryFiles(): void {
  for (const file of temporaries) rmSync(file, { force: true });
  temporaries.clear();
}

function track(file: string): void {
  if (!cleanupRegistered) {
    process.once('exit', removeTemporaryFiles);
    cleanupRegistered = true;
  }
  temporaries.add(file);
}

/** Why a file operation failed, as a clause. */
function describeError(error: unknown): Message {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return message('its parent folder does not exist and cannot be made there');
    case 'EACCES':
    case 'EPERM':
      return message('permission denied');
    case 'EROFS':
      return message('the file system is read-only');
    case 'ENOTDIR':
      return message('a part of the path is a file, not a folder');
    case 'EISDIR':
      return message('it is a folder');
    case 'ENOSPC':
      return message('the disk is full');
    default:
      return plainText(code ?? (error instanceof Error ? error.message : String(error)));
  }
}

function cannotWrite(file: string, error: unknown): TranslateError {
  return new TranslateError('input', message('Cannot write {0}: {1}.', file, describeError(error)), { cause: error });
}

/** Where a write to `file` lands: the real file behind a symbolic link (even a dangling one), else `file`. */
export async function writeTarget(file: string): Promise<string> {
  try {
    return await realpath(file);
  } catch {
    // Missing: a dangling link still points somewhere.
  }
  let current = file;
  for (let hops = 0; hops < 32; hops++) {
    const info = await lstat(current).catch(() => undefined);
    if (!info?.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), await readlink(current));
  }
  return current;
}

/** The nearest folder of `dir` (itself included) that exists, and the levels missing below it. */
async function nearestExisting(dir: string): Promise<{ existing: string; missing: string[] }> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' || error.code === 'ENOTDIR' ? undefined : Promise.reject(error)));
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error(`${current} is not a folder`), { code: 'ENOTDIR', path: current });
      return { existing: current, missing };
    }
    const parent = path.dirname(current);
    if (parent === current) return { existing: current, missing };
    missing.unshift(current);
    current = parent;
  }
}

/**
 * Creates the missing folders of `dir` one level at a time below the nearest existing one. (A
 * recursive `mkdir` never returns for some paths, such as under `/proc`, on Node 20.) Throws an
 * `input` error naming the folder that cannot be created.
 */
export async function makeFolders(dir: string, forFile?: string): Promise<void> {
  const fail = (folder: string, error: unknown): TranslateError =>
    new TranslateError('input', message('Cannot write {0}: the folder {1} cannot be created ({2}).', forFile ?? folder, folder, describeError(error)), { cause: error });
  let missing: string[];
  try {
    missing = (await nearestExisting(dir)).missing;
  } catch (error) {
    const notFolder = (error as { path?: string }).path;
    if (notFolder) throw new TranslateError('input', message('Cannot write {0}: {1} is not a folder.', forFile ?? dir, notFolder), { cause: error });
    throw fail(dir, error);
  }
  for (const level of missing) {
    try {
      await mkdir(level);
    } catch (error) {
      // Another process may have made it meanwhile.
      const made = (error as NodeJS.ErrnoException).code === 'EEXIST' && (await stat(level).catch(() => undefined))?.isDirectory();
      if (!made) throw fail(level, error);
    }
  }
}

/**
 * Checks, before any request is paid for, that `file` can be written: it is not a folder, and
 * its folder exists or can be created and takes new files. Probes by creating (and removing at
 * once) a folder level or an empty temporary file. Throws an `input` error naming the path.
 */
export async function checkWritable(file: string): Promise<void> {
  try {
    const target = await writeTarget(file);
    const info = await stat(target).catch(() => undefined);
    if (info?.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    const { existing, missing } = await nearestExisting(path.dirname(target));
    if (missing.length > 0) {
      await mkdir(missing[0]);
      await rmdir(missing[0]);
      return;
    }
    const probe = path.join(existing, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.probe`);
    const handle = await open(probe, 'wx');
    await handle.close();
    await rm(probe, { force: true });
  } catch (error) {
    throw cannotWrite(file, error);
  }
}

/** A temporary file of `writeFileAtomic` older than this is stale whoever wrote it (another machine, say). */
const STALE_TEMPORARY_MS = 60 * 60_000;

/** `.<name>.<pid>-<random>.tmp`: the writer's process id tells whether it is still at work. */
function temporaryName(target: string): string {
  return `.${path.basename(target)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
}


/**
 * Removes temporary files that a killed process (SIGKILL, power loss) left beside `target`:
 * those of a process that is gone, and any older than an hour.
 */
async function removeStaleTemporaries(target: string): Promise<void> {
  const dir = path.dirname(target);
  const prefix = `.${path.basename(target)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const match = name.startsWith(prefix) ? /^(\d+)-[0-9a-f]{12}\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (!match || Number(match[1]) === process.pid) continue;
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (info && (!isAlive(Number(match[1])) || Date.now() - info.mtimeMs > STALE_TEMPORARY_MS)) await rm(file, { force: true });
  }
}

/**
 * Writes a file whole or not at all: to a temporary file in the same folder, flushed to disk,
 * then renamed over the target (an atomic replace on the same file system). A symbolic link is
 * written through to its real file, which keeps its permissions. Creates missing folders, and
 * removes temporary files of this target that a killed process left.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const target = await writeTarget(file);
  const dir = path.dirname(target);
  const mode = await stat(target).then(
    (info) => info.mode & 0o7777,
    () => undefined,
  );
  await makeFolders(dir, file);
  await removeStaleTemporaries(target);
  const temp = path.join(dir, temporaryName(target));
  track(temp);
  try {
    const handle = await open(temp, 'wx', mode ?? 0o666);
    try {
      await handle.writeFile(content);
      // The mode given to open is reduced by the umask: set the original one exactly.
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error instanceof TranslateError ? error : cannotWrite(file, error);
  } finally {
    temporaries.delete(temp);
  }
}
