import * as path from 'node:path';
import type { LanguageCode } from '../languages';
import type { Revision } from '../markdown/revision';
import type { Logger } from '../runtime';
import { LineStore, type StoreFormat } from '../store/lineStore';
import { message } from '../messages';

/**
 * The localization state of a tree: for every source file and target language, what the tool
 * wrote last (see `Revision`), so that `status` can tell current, stale and missing outputs and
 * edits made by people, and a re-run keeps those edits. One line per file and language, sorted,
 * paths relative to the state file's folder with `/`: the file is meant to be committed and
 * merges well. Deleting it loses only that knowledge (the next run rewrites outputs whole),
 * never an output.
 */

export { STATE_FILE } from './stateFile';

export interface StateEntry extends Revision {
  /** The output's path, relative to the state file's folder. */
  output: string;
}

function isStateEntry(value: unknown): value is StateEntry {
  const entry = value as Partial<StateEntry> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.output === 'string' &&
    typeof entry.source === 'string' &&
    typeof entry.written === 'string' &&
    Array.isArray(entry.units) &&
    entry.units.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string')
  );
}

export const STATE_FORMAT: StoreFormat<StateEntry> = {
  kind: 'hive-papago-translate/localization-state',
  version: 1,
  label: message('localization state'),
  isValue: isStateEntry,
};

export class LocalizationState {
  private constructor(
    private readonly store: LineStore<StateEntry>,
    private readonly entries: Map<string, StateEntry>,
    /** The folder paths in the state are relative to. */
    readonly root: string,
  ) {}

  /** Opens (or starts) the state file; refuses, before anything is sent, a path that is not one. */
  static async open(file: string, logger?: Pick<Logger, 'warn'>): Promise<LocalizationState> {
    const store = new LineStore(file, STATE_FORMAT, { logger });
    const { entries } = await store.open();
    return new LocalizationState(store, entries, path.dirname(path.resolve(file)));
  }

  /**
   * The state as its file holds it, to read only (`status`, the Localization view): nothing is
   * locked, created, migrated or written. Recording with it (`set`, `flush`) is for `open`.
   */
  static async read(file: string): Promise<LocalizationState> {
    const store = new LineStore(file, STATE_FORMAT);
    return new LocalizationState(store, await store.peek(), path.dirname(path.resolve(file)));
  }

  get path(): string {
    return this.store.path;
  }

  private key(source: string, to: LanguageCode): string {
    return `${to}:${this.relative(source)}`;
  }

  /** A path relative to the state's folder, with `/`. */
  relative(file: string): string {
    return path.relative(this.root, path.resolve(file)).split(path.sep).join('/');
  }

  get(source: string, to: LanguageCode): StateEntry | undefined {
    return this.entries.get(this.key(source, to));
  }

  /** Records what was just written for a source and target, on disk at once (appended). */
  async set(source: string, to: LanguageCode, output: string, revision: Revision): Promise<void> {
    const key = this.key(source, to);
    const entry: StateEntry = { output: this.relative(output), ...revision };
    this.entries.set(key, entry);
    await this.store.append(new Map([[key, entry]]));
  }

  /** Sources with an entry for `to` (absolute paths). */
  sources(to: LanguageCode): string[] {
    const prefix = `${to}:`;
    return [...this.entries.keys()].filter((key) => key.startsWith(prefix)).map((key) => path.resolve(this.root, key.slice(prefix.length)));
  }

  /** Sorts and compacts the file (after a run). */
  async flush(): Promise<void> {
    await this.store.compact();
  }
}
