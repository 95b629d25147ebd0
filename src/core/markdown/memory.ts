import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LanguageCode, SourceLanguage } from '../languages';
import type { ProviderId } from '../providers/types';
import type { Logger } from '../runtime';
import { writeFileAtomic } from './files';

/** A store of unit translations, keyed by `memoryKey`. */
export interface TranslationMemory {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
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

  async flush(): Promise<void> {
    // Nothing to persist.
  }
}

interface MemoryFile {
  version: 1;
  entries: Record<string, string>;
}

/**
 * A translation memory stored as one JSON file (`{ "version": 1, "entries": { key: text } }`).
 * Loaded on first use; written with a temporary file and a rename, only when something changed.
 * A file that cannot be read as such (corrupt, another format) is ignored with a warning and
 * replaced on the next flush.
 */
export class FileTranslationMemory implements TranslationMemory {
  private entries: Map<string, string> | undefined;
  private dirty = false;

  constructor(
    readonly path: string,
    private readonly logger?: Pick<Logger, 'warn'>,
  ) {}

  get(key: string): string | undefined {
    return this.load().get(key);
  }

  set(key: string, value: string): void {
    const entries = this.load();
    if (entries.get(key) === value) return;
    entries.set(key, value);
    this.dirty = true;
  }

  /** Number of entries (loads the file). */
  get size(): number {
    return this.load().size;
  }

  async flush(): Promise<void> {
    if (!this.dirty || !this.entries) return;
    const file: MemoryFile = { version: 1, entries: Object.fromEntries(this.entries) };
    await writeFileAtomic(this.path, `${JSON.stringify(file)}\n`);
    this.dirty = false;
  }

  private load(): Map<string, string> {
    if (this.entries) return this.entries;
    this.entries = new Map();
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.logger?.warn(`Translation memory ${this.path} could not be read (${(error as Error).message}); starting empty.`);
      }
      return this.entries;
    }
    try {
      const parsed = JSON.parse(text) as Partial<MemoryFile>;
      if (!parsed || typeof parsed !== 'object' || parsed.version !== 1 || !parsed.entries || typeof parsed.entries !== 'object') {
        throw new Error('not a translation memory file');
      }
      for (const [key, value] of Object.entries(parsed.entries)) if (typeof value === 'string') this.entries.set(key, value);
    } catch (error) {
      this.logger?.warn(`Translation memory ${this.path} is corrupt (${(error as Error).message}); starting empty, it will be replaced.`);
      this.entries.clear();
    }
    return this.entries;
  }
}
