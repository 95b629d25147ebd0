import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { TranslateError } from '../errors';
import { isAlive } from '../processes';
import { message, type Message } from '../messages';

/**
 * An exclusive lock between processes: a lock file created with `wx` (it fails when the file
 * exists), holding who took it. A lock whose process is gone (same host) or older than
 * `staleMs` is abandoned and broken; otherwise the caller waits up to `waitMs`, then gets a
 * clear error naming the lock file.
 */
export interface LockOptions {
  /** A lock held longer than this is taken to be abandoned, whoever holds it (ms). */
  staleMs?: number;
  /** How long to wait for a lock held by someone else before giving up (ms). */
  waitMs?: number;
  /** What the lock protects, for the error message (`The translation memory /a/m.tm`). */
  label?: string | Message;
}

export const DEFAULT_LOCK_STALE_MS = 20_000;
export const DEFAULT_LOCK_WAIT_MS = 30_000;

/** The content of a lock file. */
export interface LockOwner {
  pid: number;
  host: string;
  /** When the lock was taken (ms since the epoch). */
  since: number;
  /** Tells this holder's lock from a later one at the same path. */
  token: string;
}

/** Runs `work` while holding the lock file `lockPath`; the lock is released even when it throws. */
export async function withLock<T>(lockPath: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const owner = await acquire(lockPath, options);
  try {
    return await work();
  } finally {
    await release(lockPath, owner);
  }
}

async function acquire(lockPath: string, options: LockOptions): Promise<LockOwner> {
  const staleMs = options.staleMs ?? DEFAULT_LOCK_STALE_MS;
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_LOCK_WAIT_MS);
  let delay = 5;
  for (;;) {
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: Date.now(), token: randomBytes(8).toString('hex') };
    try {
      await fs.writeFile(lockPath, JSON.stringify(owner), { flag: 'wx' });
      return owner;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new TranslateError('input', message('{0} cannot be written: its lock file {1} cannot be created ({2}).', options.label ?? lockPath, lockPath, code ?? 'error'), {
          cause: error,
        });
      }
    }
    const held = await readLock(lockPath);
    if (held && isStale(held, staleMs) && (await breakLock(lockPath, held.text, staleMs))) continue;
    if (Date.now() >= deadline) {
      const who = held?.owner
        ? message('process {0} on {1} since {2}', held.owner.pid, held.owner.host, new Date(held.owner.since).toISOString())
        : message('another process');
      throw new TranslateError(
        'timeout',
        message('{0} is locked by {1}; try again when that run ends, or delete {2} if no run is using it.', options.label ?? lockPath, who, lockPath),
      );
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 100);
  }
}

interface HeldLock {
  text: string;
  /** Undefined while the holder is still writing it (or when it is not a lock we wrote). */
  owner: LockOwner | undefined;
  modified: number;
}

async function readLock(lockPath: string): Promise<HeldLock | undefined> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(lockPath, 'utf8'), fs.stat(lockPath)]);
    return { text, owner: parseOwner(text), modified: stat.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.since === 'number' && typeof value.token === 'string') {
      return value as LockOwner;
    }
  } catch {
    // Not (yet) a lock file's content.
  }
  return undefined;
}

function isStale(held: HeldLock, staleMs: number): boolean {
  const since = held.owner?.since ?? held.modified;
  if (Date.now() - since > staleMs) return true;
  return held.owner !== undefined && held.owner.host === hostname() && !isAlive(held.owner.pid);
}


/**
 * Removes a stale lock, unless it changed since it was judged stale. Two waiters may judge the
 * same lock stale: a second lock file (`.break`, created with `wx`) lets only one of them
 * remove it, so the other cannot remove the fresh lock the first one takes next.
 */
async function breakLock(lockPath: string, judged: string, staleMs: number): Promise<boolean> {
  const guard = `${lockPath}.break`;
  try {
    await fs.writeFile(guard, '', { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A breaker that died between taking and removing the guard leaves it behind.
    const stat = await fs.stat(guard).catch(() => undefined);
    if (stat && Date.now() - stat.mtimeMs > staleMs) await fs.rm(guard, { force: true });
    return false;
  }
  try {
    const now = await readLock(lockPath);
    if (now?.text !== judged) return now === undefined;
    await fs.rm(lockPath, { force: true });
    return true;
  } finally {
    await fs.rm(guard, { force: true });
  }
}

/** Removes the lock file if it is still this holder's (a lock broken as stale may be someone else's now). */
async function release(lockPath: string, owner: LockOwner): Promise<void> {
  const held = await readLock(lockPath);
  if (held?.owner?.token === owner.token) await fs.rm(lockPath, { force: true });
}
