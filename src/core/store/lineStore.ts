import { constants, promises as fs, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { TranslateError } from '../errors';
import { message, type Message } from '../messages';
import { makeFolders, writeFileAtomic } from '../files';
import type { Logger } from '../runtime';
import { withLock, type LockOptions } from './lock';

/**
 * A line store: keyed JSON values in a text file that several processes can share and git can
 * merge. One header line names the kind of file and its version; then one entry per line:
 *
 *     {"kind":"hive-papago-translate/translation-memory","version":2}
 *     {"k":"0b1c…","v":"안녕하세요"}
 *     {"k":"5f2e…","v":"…"}
 *
 * Writers append entries at the end, under a lock (`<path>.lock`); a later line wins over an
 * earlier one with the same key. Compaction re-reads the file under the same lock (so entries
 * that others appended meanwhile are kept), keeps the last value per key, sorts by key and
 * replaces the file through a temporary file and a rename. The compacted form depends only on
 * the entries: same entries, same bytes. Readers ignore an unfinished last line (a writer that
 * died mid-append); a file with any other unreadable line is moved aside, never replaced.
 */
export interface StoreFormat<V> {
  /** Names the kind of file in the header, e.g. `hive-papago-translate/translation-memory`. */
  kind: string;
  version: number;
  /** What the file is, for messages (`translation memory`). */
  label: string | Message;
  /** Whether a value read from the file is one this store holds (otherwise the line is unreadable). */
  isValue(value: unknown): value is V;
  /** Reads an older whole-file format, or returns undefined when `text` is not one. Migrated on the first write. */
  readLegacy?(text: string): Map<string, V> | undefined;
  /**
   * A value that stands for a removed key (a tombstone): appended like any value, so the last
   * write still wins when runs share the file, and dropped when the file is compacted.
   */
  isRemoved?(value: V): boolean;
}

export interface LineStoreOptions {
  /** Warns when a corrupt file is moved aside. */
  logger?: Pick<Logger, 'warn'>;
  lock?: Pick<LockOptions, 'staleMs' | 'waitMs'>;
}

/** What `parseStore` found in a file. */
export type StoreContents<V> =
  /** `compacted`: one line per key in key order and nothing else (as compaction writes it, give or take spacing). */
  | { state: 'lines'; entries: Map<string, V>; badLines: number; compacted: boolean }
  | { state: 'legacy'; entries: Map<string, V> }
  | { state: 'foreign' }
  | { state: 'unsupported'; version: unknown };

export function headerLine(format: StoreFormat<unknown>): string {
  return JSON.stringify({ kind: format.kind, version: format.version });
}

/** One entry's line (without the line end); object keys sorted at every depth. */
export function entryLine(key: string, value: unknown): string {
  if (typeof value !== 'object' || value === null) return `{"k":${JSON.stringify(key)},"v":${JSON.stringify(value)}}`;
  return JSON.stringify({ k: key, v: value }, (_name, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** The compacted file: the header, then one line per key in code-unit order. */
export function serializeStore<V>(format: StoreFormat<V>, entries: ReadonlyMap<string, V>): string {
  let text = `${headerLine(format)}\n`;
  for (const key of [...entries.keys()].sort()) text += `${entryLine(key, entries.get(key))}\n`;
  return text;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const NEWLINE = 0x0a;

/** The file's lines; a line that is not valid UTF-8 is undefined. */
function splitLines(bytes: Uint8Array): (string | undefined)[] {
  try {
    return utf8.decode(bytes).split('\n');
  } catch {
    const lines: (string | undefined)[] = [];
    for (let start = 0, end = 0; end >= 0; start = end + 1) {
      end = bytes.indexOf(NEWLINE, start);
      lines.push(decodeLine(bytes.subarray(start, end < 0 ? bytes.length : end)));
    }
    return lines;
  }
}

function decodeLine(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function parseJson(line: string | undefined): unknown {
  try {
    return line === undefined ? undefined : JSON.parse(line);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHeaderOf(format: StoreFormat<unknown>, line: string | undefined): boolean {
  const header = parseJson(line);
  return isRecord(header) && header.kind === format.kind && header.version === format.version;
}

function parseEntry<V>(text: string | undefined, format: StoreFormat<V>): [string, V] | undefined {
  const line = parseJson(text);
  if (!isRecord(line) || typeof line.k !== 'string' || !Object.hasOwn(line, 'v') || !format.isValue(line.v)) return undefined;
  return [line.k, line.v];
}

/** Reads a file's bytes as a store of `format` (or its legacy format), without judging what to do. */
export function parseStore<V>(bytes: Uint8Array, format: StoreFormat<V>): StoreContents<V> {
  const lines = splitLines(bytes);
  const header = parseJson(lines[0]);
  if (!isRecord(header) || header.kind !== format.kind) {
    const legacy = format.readLegacy?.(new TextDecoder().decode(bytes));
    return legacy ? { state: 'legacy', entries: legacy } : { state: 'foreign' };
  }
  if (header.version !== format.version) return { state: 'unsupported', version: header.version };
  const entries = new Map<string, V>();
  let badLines = 0;
  let previous: string | undefined;
  let compacted = lines.length > 1 && lines[lines.length - 1] === '';
  for (let i = 1; i < lines.length; i++) {
    const entry = lines[i] === '' ? undefined : parseEntry(lines[i], format);
    if (entry) {
      entries.set(entry[0], entry[1]);
      if (previous !== undefined && !(previous < entry[0])) compacted = false;
      previous = entry[0];
      continue;
    }
    if (i < lines.length - 1) compacted = false;
    // An unfinished last line is a writer that died mid-append: not corruption.
    if (lines[i] !== '' && i < lines.length - 1) badLines++;
  }
  return { state: 'lines', entries, badLines, compacted };
}

/** What the file held when read under the lock. */
interface Read<V> {
  entries: Map<string, V>;
  /** Whether the file is missing or already in compacted form (not when in the legacy format). */
  compacted: boolean;
  /** In the legacy format (`compacted` is false: the first write migrates it). */
  legacy: boolean;
}

/** A line store at one path (see `StoreFormat`). Every write holds the lock `<path>.lock`. */
export class LineStore<V> {
  readonly path: string;
  readonly lockPath: string;
  /** `The translation memory /a/m.tm`, to start messages with. */
  private readonly label: Message;

  constructor(
    file: string,
    private readonly format: StoreFormat<V>,
    private readonly options: LineStoreOptions = {},
  ) {
    this.path = path.resolve(file);
    this.lockPath = `${this.path}.lock`;
    this.label = message('The {0} {1}', format.label, this.path);
  }

  /**
   * Checks the path and reads the store, before anything is paid for. Throws a `TranslateError`
   * with reason `input` when the path is a folder, a file of another kind (left untouched) or in
   * a folder that cannot be created or written. Creates missing folders; a corrupt file is moved
   * aside (see `compact`). `needsCompaction`: the file has appended lines (a file in the legacy
   * format is not counted: it is migrated on the first write).
   */
  async open(): Promise<{ entries: Map<string, V>; needsCompaction: boolean }> {
    // ENOTDIR: a file stands where a folder should; `makeFolders` names it.
    const stat = await fs.stat(this.path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOTDIR' ? undefined : ignoreMissing(error)));
    if (stat) this.checkIsFile(stat);
    else await makeFolders(path.dirname(this.path), this.path);
    if (stat) {
      await fs.access(this.path, constants.R_OK | constants.W_OK).catch((error: NodeJS.ErrnoException) => {
        throw new TranslateError('input', message('{0} cannot be read and written ({1}).', this.label, error.code ?? 'error'), { cause: error });
      });
    }
    return this.locked(async () => {
      const { entries, compacted, legacy } = await this.read();
      return { entries, needsCompaction: !compacted && !legacy };
    });
  }

  /**
   * The entries as the file holds them now, for a reader that changes nothing: no lock, no folder
   * created, nothing migrated or set aside (unreadable lines are skipped). A missing file holds none.
   */
  async peek(): Promise<Map<string, V>> {
    const bytes = await fs.readFile(this.path).catch(ignoreMissing);
    if (!bytes) return new Map();
    const contents = this.readable(parseStore(bytes, this.format));
    return contents.entries;
  }

  /** Appends entries at the end of the file (creating it, or migrating a legacy one, when needed). */
  async append(entries: ReadonlyMap<string, V>): Promise<void> {
    if (entries.size === 0) return;
    await this.locked(async () => {
      const handle = await fs.open(this.path, 'r+').catch(ignoreMissing);
      let appended = false;
      if (handle) {
        try {
          appended = await this.appendLines(handle, entries);
        } finally {
          await handle.close();
        }
      }
      if (!appended) await this.rewrite(entries);
    });
  }

  /**
   * Re-reads the file under the lock, adds `extra` after what it holds, keeps the last value per
   * key and rewrites it sorted (unless it is compacted already and `extra` changes nothing).
   * Returns every entry. A file
   * with unreadable lines (other than an unfinished last one) is moved to
   * `<path>.corrupt-<time>` with a warning, and the entries that could be read are kept.
   */
  async compact(extra: ReadonlyMap<string, V> = new Map()): Promise<Map<string, V>> {
    return this.locked(() => this.rewrite(extra));
  }

  private locked<T>(work: () => Promise<T>): Promise<T> {
    return withLock(this.lockPath, work, { ...this.options.lock, label: this.label });
  }

  private checkIsFile(stat: Stats): void {
    if (stat.isDirectory()) throw new TranslateError('input', message('{0} is a folder; give the path of a file.', this.label));
    if (!stat.isFile()) throw new TranslateError('input', message('{0} is not a regular file; give the path of a file.', this.label));
  }

  /** Refuses contents of another kind or of a newer format. */
  private readable(contents: StoreContents<V>): Extract<StoreContents<V>, { entries: Map<string, V> }> {
    switch (contents.state) {
      case 'foreign':
        throw new TranslateError('input', message('{0} is not a {1} file; it was left untouched, give another path.', this.label, this.format.label));
      case 'unsupported':
        throw new TranslateError(
          'input',
          message(
            '{0} has format version {1}, which this version cannot read (it reads {2}); it was left untouched.',
            this.label,
            JSON.stringify(contents.version),
            this.format.version,
          ),
        );
      default:
        return contents;
    }
  }

  /** Reads the whole file (under the lock); refuses files of another kind; sets a corrupt one aside. */
  private async read(): Promise<Read<V>> {
    const bytes = await fs.readFile(this.path).catch(ignoreMissing);
    if (!bytes) return { entries: new Map(), compacted: true, legacy: false };
    const contents = this.readable(parseStore(bytes, this.format));
    switch (contents.state) {
      case 'legacy':
        return { entries: contents.entries, compacted: false, legacy: true };
      case 'lines': {
        if (contents.badLines === 0) return { entries: contents.entries, compacted: contents.compacted, legacy: false };
        const aside = await this.asidePath();
        await fs.rename(this.path, aside);
        await writeFileAtomic(this.path, serializeStore(this.format, contents.entries));
        this.options.logger?.warn(
          `${this.label.text} had ${contents.badLines} unreadable line(s): it was moved to ${aside}, and a new one holds the ${contents.entries.size} entries that could be read.`,
        );
        return { entries: contents.entries, compacted: true, legacy: false };
      }
    }
  }

  private async rewrite(extra: ReadonlyMap<string, V>): Promise<Map<string, V>> {
    const { entries, compacted } = await this.read();
    let changed = !compacted;
    for (const [key, value] of extra) {
      const old = entries.get(key);
      if (old === undefined || entryLine(key, old) !== entryLine(key, value)) changed = true;
      entries.set(key, value);
    }
    const removed = this.format.isRemoved;
    if (removed) {
      for (const [key, value] of entries) {
        if (!removed(value)) continue;
        entries.delete(key);
        changed = true;
      }
    }
    if (changed) await writeFileAtomic(this.path, serializeStore(this.format, entries));
    return entries;
  }

  /**
   * Appends to a file that starts with this store's header (false when it does not). An
   * unfinished last line left by a writer that died is cut off first, unless it is a whole
   * entry that only lacks its line end.
   */
  private async appendLines(handle: FileHandle, entries: ReadonlyMap<string, V>): Promise<boolean> {
    const { size } = await handle.stat();
    const head = await readAt(handle, 0, Math.min(size, 4096));
    const headerEnd = head.indexOf(NEWLINE);
    if (headerEnd < 0 && size > head.length) return false;
    if (!isHeaderOf(this.format, decodeLine(head.subarray(0, headerEnd < 0 ? head.length : headerEnd)))) return false;

    let offset = size;
    let text = '';
    if ((await readAt(handle, size - 1, 1))[0] !== NEWLINE) {
      const lineStart = (await lastNewline(handle, size)) + 1;
      if (lineStart === 0 || parseEntry(decodeLine(await readAt(handle, lineStart, size - lineStart)), this.format)) text = '\n';
      else await handle.truncate((offset = lineStart));
    }
    for (const [key, value] of entries) text += `${entryLine(key, value)}\n`;
    const bytes = Buffer.from(text);
    for (let written = 0; written < bytes.length; ) {
      written += (await handle.write(bytes, written, bytes.length - written, offset + written)).bytesWritten;
    }
    return true;
  }

  /** `<path>.corrupt-<ISO time>`, with a counter if a file of that name exists. */
  private async asidePath(): Promise<string> {
    const base = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (!(await fs.stat(candidate).catch(ignoreMissing))) return candidate;
    }
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined;
  throw error;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(Math.max(length, 0));
  let read = 0;
  while (read < buffer.length) {
    const { bytesRead } = await handle.read(buffer, read, buffer.length - read, position + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return buffer.subarray(0, read);
}

/** Offset of the last line end before `size`, or -1. */
async function lastNewline(handle: FileHandle, size: number): Promise<number> {
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - 65536);
    const found = (await readAt(handle, start, end - start)).lastIndexOf(NEWLINE);
    if (found >= 0) return start + found;
    end = start;
  }
  return -1;
}
