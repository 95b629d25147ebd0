import { createHash } from 'node:crypto';
import type { LanguageCode, SourceLanguage } from '../languages';
import type { ProviderId } from '../providers/types';
import type { Logger } from '../runtime';
import { LineStore, type LineStoreOptions, type StoreFormat } from '../store/lineStore';
import { message } from '../messages';

/** A store of unit translations, keyed by `memoryKey`. */
export interface TranslationMemory {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  /** Removes an entry (a translation that turned out to need care: the next run asks again). */
  forget(key: string): void;
  /** Persists pending changes. */
  flush(): Promise<void>;
}

/** What a cached translation depends on. */
export interface MemoryKeyParts {
  provider: ProviderId;
  /** Provider options that change the request, e.g. `{ format: 'markdown' }`. */
  options: Record<string, string | number | boolean>;
  glossaryKey?: string;
  from: SourceLanguage;
  to: LanguageCode;
  /** The unit's canonical text (placeholders included). */
  text: string;
}

/** sha256 of everything a translation depends on (hex). */
export function memoryKey(parts: MemoryKeyParts): string {
  const options = Object.keys(parts.options)
    .sort()
    .map((name) => [name, parts.options[name]]);
  const material = JSON.stringify([1, parts.provider, options, parts.glossaryKey ?? '', parts.from, parts.to, parts.text]);
  return createHash('sha256').update(material).digest('hex');
}

/** A memory that lives as long as the process (tests, one-off runs). */
export class InMemoryTranslationMemory implements TranslationMemory {
  readonly entries = new Map<string, string>();

  get(key: string): string | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: string): void {
    this.entries.set(key, value);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  async flush(): Promise<void> {
    // Nothing to persist.
  }
}

/** A translation, or `null` for an entry removed (until the file is compacted). */
type MemoryValue = string | null;

/** The file format of a translation memory (a line store, see `src/core/store/lineStore.ts`). */
export const MEMORY_FORMAT: StoreFormat<MemoryValue> = {
  kind: 'hive-papago-translate/translation-memory',
  version: 2,
  label: message('translation memory'),
  isValue: (value): value is MemoryValue => typeof value === 'string' || value === null,
  readLegacy: readMemoryV1,
  isRemoved: (value) => value === null,
};

/** The first format, `{ "version": 1, "entries": { key: text } }` in one JSON document. */
function readMemoryV1(text: string): Map<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const file = parsed as { version?: unknown; entries?: unknown } | null;
  if (!file || typeof file !== 'object' || file.version !== 1 || !file.entries || typeof file.entries !== 'object' || Array.isArray(file.entries)) {
    return undefined;
  }
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(file.entries)) if (typeof value === 'string') entries.set(key, value);
  return entries;
}

export interface FileMemoryOptions {
  /** Longest time a new entry waits in this process before it is appended to the file (ms). */
  appendDelayMs?: number;
  /** Lock timing (tests). */
  lock?: LineStoreOptions['lock'];
}

export const DEFAULT_APPEND_DELAY_MS = 1000;

/**
 * A translation memory in a file that several runs can share at once. Entries set are appended
 * to the file within `appendDelayMs` (a timer that does not keep the process alive), so a run
 * that is killed loses at most that much paid work; `flush()` appends what is pending and
 * compacts the file (sorted, one entry per line, merging what other runs appended meanwhile).
 * Open it with `FileTranslationMemory.open`, which checks the path before anything is paid for.
 * The old one-document JSON format is read, and rewritten in the new format on the first write.
 */
export class FileTranslationMemory implements TranslationMemory {
  /** Set here, not yet appended to the file. */
  private readonly pending = new Map<string, MemoryValue>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** File operations run one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();
  private appendFailed = false;

  private constructor(
    private readonly store: LineStore<MemoryValue>,
    private readonly entries: Map<string, MemoryValue>,
    /** The file has lines appended since it was last compacted. */
    private uncompacted: boolean,
    private readonly logger: Pick<Logger, 'warn'> | undefined,
    private readonly appendDelayMs: number,
  ) {}

  /**
   * Checks the path and loads the memory. Throws a `TranslateError` (reason `input`) naming the
   * path when it is a folder, an existing file that is not a translation memory (left
   * untouched), or in a folder that cannot be created or written. Missing folders are created.
   */
  static async open(file: string, logger?: Pick<Logger, 'warn'>, options: FileMemoryOptions = {}): Promise<FileTranslationMemory> {
    const store = new LineStore(file, MEMORY_FORMAT, { logger, lock: options.lock });
    const { entries, needsCompaction } = await store.open();
    return new FileTranslationMemory(store, entries, needsCompaction, logger, options.appendDelayMs ?? DEFAULT_APPEND_DELAY_MS);
  }

  get path(): string {
    return this.store.path;
  }

  get(key: string): string | undefined {
    return this.entries.get(key) ?? undefined;
  }

  set(key: string, value: string): void {
    this.put(key, value);
  }

  forget(key: string): void {
    if (this.entries.has(key)) this.put(key, null);
  }

  private put(key: string, value: MemoryValue): void {
    if (this.entries.get(key) === value) return;
    this.entries.set(key, value);
    this.pending.set(key, value);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.enqueue(() => this.appendPending()).catch((error: unknown) => {
        if (!this.appendFailed) this.logger?.warn(`The translation memory ${this.path} could not save new entries yet (${(error as Error).message}); they are kept for the next save.`);
        this.appendFailed = true;
      });
    }, this.appendDelayMs);
    this.timer.unref?.();
  }

  /** Number of entries known to this process. */
  get size(): number {
    let size = 0;
    for (const value of this.entries.values()) if (value !== null) size++;
    return size;
  }

  /** Appends what is pending and compacts the file; afterwards `get` also sees what other runs saved. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.enqueue(async () => {
      if (this.pending.size === 0 && !this.uncompacted) return;
      const batch = this.takePending();
      try {
        const merged = await this.store.compact(batch);
        for (const [key, value] of merged) if (!this.pending.has(key)) this.entries.set(key, value);
      } catch (error) {
        this.restorePending(batch);
        throw error;
      }
      this.uncompacted = false;
      this.appendFailed = false;
    });
  }

  private async appendPending(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.takePending();
    try {
      await this.store.append(batch);
    } catch (error) {
      this.restorePending(batch);
      throw error;
    }
    this.uncompacted = true;
    this.appendFailed = false;
  }

  private takePending(): Map<string, MemoryValue> {
    const batch = new Map(this.pending);
    this.pending.clear();
    return batch;
  }

  /** Puts back a batch that could not be saved (entries set again meanwhile are newer). */
  private restorePending(batch: ReadonlyMap<string, MemoryValue>): void {
    for (const [key, value] of batch) if (!this.pending.has(key)) this.pending.set(key, value);
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
