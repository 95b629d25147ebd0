import * as vscode from 'vscode';
import type { Glossary } from '../core/glossary';
import type { LanguageCode } from '../core/languages';
import type { Translation } from '../core/providers/types';

/**
 * The views as commands see them. Commands are given these interfaces (see `CommandHost`), never
 * the view classes, so that views only display and commands only act.
 */

/** The glossary list the tree view shows. */
export interface GlossaryList {
  /** Glossaries loaded so far, for pickers. */
  readonly loaded: readonly Glossary[];
  /** Forgets what was loaded and reloads the first page. */
  refresh(): Promise<void>;
  /** Appends the next page. */
  loadMore(): Promise<void>;
  /** Redraws the items, whose "used for" pairs may have changed. */
  redraw(): void;
}

/**
 * The glossary of a tree item, when a menu passed one: tree items carry the glossary they show.
 * Anything else (an options object from a script) gives undefined.
 */
export function glossaryOfItem(arg: unknown): Glossary | undefined {
  if (!(arg instanceof vscode.TreeItem) || !('glossary' in arg)) return undefined;
  const glossary = (arg as { glossary?: Partial<Glossary> }).glossary;
  return typeof glossary?.key === 'string' && typeof glossary.name === 'string' ? (glossary as Glossary) : undefined;
}

/** The status bar item showing the provider and target languages. */
export interface StatusDisplay {
  /** Shows the current settings. */
  update(): void;
}

/** One selection and its translations, as the hover shows them. */
export interface ShownEntry {
  range: vscode.Range;
  translations: Translation[];
  /** The provider that translated it, as the user reads its name. */
  provider: string;
  /** The glossary used for each target, by name, where one was. */
  glossaries?: Partial<Record<Translation['to'], string>>;
}

/** One shown translation, with the document (and its version) it was shown for. */
export interface ShownTranslation {
  uri: string;
  version: number;
  range: vscode.Range;
  text: string;
}

/** The hover of Translate Selection's "show" mode. */
export interface ShownTranslations {
  /** Selects the first range and opens the hover over it. */
  show(editor: vscode.TextEditor, entries: ShownEntry[]): Promise<void>;
  /** The translation `{index, to}` names (the arguments of the hover's links), if still shown. */
  find(arg: unknown): ShownTranslation | undefined;
  /** Forgets what was shown, once it was applied. */
  clear(): void;
}

/** A proposed text to review against the current one. */
export interface ReviewRequest {
  /** The file the proposal is for (the left side of the diff). */
  original: vscode.Uri;
  /** False when the file does not exist yet: the left side is then empty. */
  exists: boolean;
  proposed: string;
  title: string;
  /** Aborting it discards the proposal and closes the diff. */
  signal?: AbortSignal;
}

/** Read-only documents holding proposed text, and their review in a diff editor. */
export interface PreviewStore {
  /** A new preview URI whose path ends like `original`, holding `content`. */
  add(original: vscode.Uri, content: string): vscode.Uri;
  remove(uri: vscode.Uri): void;
  /**
   * Opens a diff of the proposal, with Apply and Discard in its title bar, and resolves when the
   * user chooses: true for Apply, false for Discard or for closing the diff. The diff closes after.
   */
  review(request: ReviewRequest): Promise<boolean>;
  /** Settles the review shown for `uri` (a side of its diff), or the active or only one: true when there was one. */
  settle(uri: vscode.Uri | undefined, apply: boolean): boolean;
}

/** What a localization tree item stands for: a source (with a language, for one of its outputs), a directory or a workspace folder. */
export interface LocalizationItem {
  uri: vscode.Uri;
  to?: LanguageCode;
}

/**
 * The source, directory or folder (and language) of a localization tree item, when a menu passed
 * one: tree items carry what they show. Anything else gives undefined.
 */
export function localizationOfItem(arg: unknown): LocalizationItem | undefined {
  if (!(arg instanceof vscode.TreeItem) || !('localization' in arg)) return undefined;
  const item = (arg as { localization?: Partial<LocalizationItem> }).localization;
  return item?.uri instanceof vscode.Uri ? (item as LocalizationItem) : undefined;
}

/** How a line range of a source or a translation is marked by Show Source Changes. */
export type ChangeMarkKind = 'changed' | 'added' | 'removed' | 'conflict' | 'translation';

/** Marks in editors: the units of a source changed since its translation was written, and the translation's text for them. */
export interface ChangeMarks {
  /** Replaces the marks of `editor` (none clears them); they stay until the document is edited. */
  show(editor: vscode.TextEditor, marks: readonly { range: vscode.Range; kind: ChangeMarkKind; hover?: string }[]): void;
}
