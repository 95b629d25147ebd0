import { readFile, stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { TranslateError } from '../core/errors';
import type { LanguageCode } from '../core/languages';
import type { TranslationStatus } from '../core/localize';
import type { LocalizationState } from '../core/localize/state';
import { STATE_FILE } from '../core/localize/stateFile';
import type { RedactingLogger } from '../core/runtime';
import { Disposable } from './dispose';
import { describeError } from './messages';
import { settings } from './settings';
import { core } from './core';

/**
 * Where every translation of the workspace stands: for each workspace folder on disk, its
 * Markdown sources (as Localize Folder finds them: no `node_modules`, `.git`, ignored files or
 * outputs) and for each target language (`hivePapago.targetLanguages` of that folder) the core's
 * status against the folder's state file. Sources that did not change, nor their outputs or their
 * state entries, are not read again. Markdown and state-file changes on disk (debounced) and the
 * settings it depends on mark it out of date; `onDidChange` then tells the view to ask again.
 */

/** One output of one source. */
export interface TargetEntry {
  to: LanguageCode;
  output: vscode.Uri;
  status: TranslationStatus;
}

/** One Markdown source and its outputs (none, with `error`, when it cannot be read). */
export interface SourceEntry {
  folder: vscode.WorkspaceFolder;
  uri: vscode.Uri;
  /** Relative to the workspace folder, with `/`. */
  relative: string;
  targets: TargetEntry[];
  /** Why its status cannot be told (not UTF-8, broken front matter). */
  error?: string;
}

/** One workspace folder. */
export interface FolderEntry {
  folder: vscode.WorkspaceFolder;
  targets: LanguageCode[];
  sources: SourceEntry[];
  /** `hivePapago.markdown.output` is `inPlace` for it: there are no sibling outputs to track. */
  inPlace: boolean;
  /** Why the folder could not be read (a state file that is not one, say). */
  error?: string;
}

/** A target a run may update: stale or missing, and not restructured by hand (a run would refuse it). */
export function isUpdatable(status: TranslationStatus): boolean {
  return status.state !== 'current' && !status.restructured;
}

const DEBOUNCE_MS = 300;
const MARKDOWN_GLOB = '**/*.{md,markdown,MD,Markdown}';

interface Cached {
  key: string;
  entry: SourceEntry;
}

export class LocalizationIndex extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires when what the index would tell has (probably) changed. */
  readonly onDidChange = this.changed.event;
  private current: Promise<FolderEntry[]> | undefined;
  private readonly cache = new Map<string, Cached>();
  private readonly states = new Map<string, { key: string; state: Promise<LocalizationState> }>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private watching = false;

  constructor(private readonly logger: RedactingLogger) {
    super();
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.invalidate()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (['hivePapago.targetLanguages', 'hivePapago.markdown.output', 'hivePapago.markdown.frontMatterFields'].some((key) => event.affectsConfiguration(key))) this.invalidate();
      }),
    );
    this.register(new vscode.Disposable(() => clearTimeout(this.timer)));
  }

  /** Every workspace folder on disk, as it stands (computed once per change). */
  folders(): Promise<FolderEntry[]> {
    this.watch();
    this.current ??= this.compute().catch((error: unknown) => {
      this.current = undefined;
      throw error;
    });
    return this.current;
  }

  /** Marks everything out of date now, and computes it again. */
  refresh(): Promise<FolderEntry[]> {
    this.invalidate();
    return this.folders();
  }

  /** Marks everything out of date and tells the view. */
  invalidate(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.current = undefined;
    this.changed.fire();
  }

  /** Watches Markdown files and state files from the first question on (not at activation). */
  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    for (const glob of [MARKDOWN_GLOB, `**/${STATE_FILE}`]) {
      const watcher = this.register(vscode.workspace.createFileSystemWatcher(glob));
      this.register(watcher.onDidCreate(() => this.schedule()));
      this.register(watcher.onDidChange(() => this.schedule()));
      this.register(watcher.onDidDelete(() => this.schedule()));
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.invalidate(), DEBOUNCE_MS);
  }

  private async compute(): Promise<FolderEntry[]> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
    const result: FolderEntry[] = [];
    const seen = new Set<string>();
    for (const folder of folders) {
      const entry = await this.folderEntry(folder, seen);
      result.push(entry);
    }
    for (const key of this.cache.keys()) if (!seen.has(key)) this.cache.delete(key);
    return result;
  }

  private async folderEntry(folder: vscode.WorkspaceFolder, seen: Set<string>): Promise<FolderEntry> {
    const localize = core();
    const { decodeMarkdownBytes } = localize;
    const targets = settings.targetLanguages(folder.uri);
    const inPlace = settings.markdownOutput(folder.uri) === 'inPlace';
    const frontMatterFields = settings.frontMatterFields(folder.uri);
    const entry: FolderEntry = { folder, targets, sources: [], inPlace };
    if (inPlace) return entry;
    const root = folder.uri.fsPath;
    let files: string[];
    try {
      files = await localize.expandInputs([root], { cwd: root });
    } catch (error) {
      // The folder exists: the one input error is that it holds no Markdown file, which the view shows as its empty state.
      if (error instanceof TranslateError && error.reason === 'input') return entry;
      throw error;
    }
    let state: LocalizationState | undefined;
    try {
      state = await this.stateOf(vscode.Uri.joinPath(folder.uri, STATE_FILE).fsPath);
    } catch (error) {
      entry.error = describeError(error);
      this.logger.warn(`localization view: ${entry.error}`);
    }
    const outputs = (file: string) => localize.outputsOf(file, targets, { kind: 'sibling' });
    for (const file of files) {
      const uri = vscode.Uri.file(file);
      const key = [await signature(file), ...(await Promise.all(outputs(file).map(async (output) => `${output.to}=${await signature(output.path)}:${JSON.stringify(state?.get(file, output.to) ?? null)}`))), frontMatterFields.join(',')].join('|');
      seen.add(file);
      const cached = this.cache.get(file);
      if (cached?.key === key && cached.entry.folder === folder) {
        entry.sources.push(cached.entry);
        continue;
      }
      const source: SourceEntry = { folder, uri, relative: relativePath(folder, uri), targets: [] };
      try {
        // Read as Localize Folder reads (UTF-8, not binary), the file named as the view names it.
        const access = { ...localize.diskAccess, read: async (path: string) => decodeMarkdownBytes(await readFile(path), source.relative) };
        const statuses = await localize.translationStatus([file], targets, { output: { kind: 'sibling' }, access, state, frontMatterFields });
        source.targets = statuses.map((status) => ({ to: status.to, output: vscode.Uri.file(status.output), status }));
      } catch (error) {
        source.error = describeError(error);
      }
      this.cache.set(file, { key, entry: source });
      entry.sources.push(source);
    }
    return entry;
  }

  /** The state file of a folder, read again only when it changed on disk (undefined while there is none). */
  private async stateOf(file: string): Promise<LocalizationState | undefined> {
    const key = await signature(file);
    if (key === 'none') {
      this.states.delete(file);
      return undefined;
    }
    let known = this.states.get(file);
    if (known?.key !== key) {
      known = { key, state: core().LocalizationState.read(file) };
      this.states.set(file, known);
      // A state file that cannot be read is tried again at the next computation.
      known.state.catch(() => this.states.delete(file));
    }
    return known.state;
  }
}

/** What tells a file's version apart cheaply: its size and modification time ('none' when it does not exist). */
async function signature(file: string): Promise<string> {
  const info = await stat(file).catch(() => undefined);
  return info ? `${info.size}:${info.mtimeMs}` : 'none';
}

function relativePath(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string {
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : uri.path;
}
