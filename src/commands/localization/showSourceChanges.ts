import * as vscode from 'vscode';
import type { LanguageCode } from '../../core/languages';
import type { FileAccess, SourceChange, SourceChanges } from '../../core/localize';
import { isScripted, optionsOf } from '../../host/args';
import { CommandId } from '../../host/ids';
import { settings } from '../../host/settings';
import type { ChangeMarkKind } from '../../host/views';
import type { Command, CommandHost } from '../registry';
import { languageWithOutput, localizationArg, outputOf } from './target';
import { languageName } from '../../host/messages';
import { core } from '../../host/core';

export interface SourceChangesResult extends SourceChanges {
  source: vscode.Uri;
  output: vscode.Uri;
  /** Why there is nothing to show unit by unit (missing, untracked, restructured, current), if so. */
  message?: string;
}

/**
 * `hivePapago.localization.showSourceChanges(item | {uri, to})`: what changed in a source since
 * its translation was written. The state keeps fingerprints, not the old text, so the old source
 * cannot be shown; what can be: which units changed, were added or removed (their lines), and
 * the translation's text for each, which is the old text in the other language. The source opens
 * in the first column with those units selected and marked, the translation beside it with the
 * matching units marked, and a list steps through the changes (both editors follow).
 */
export const showSourceChanges: Command = {
  id: CommandId.localizationShowSourceChanges,
  async run(host, arg?: unknown): Promise<SourceChangesResult | undefined> {
    const item = await localizationArg(host, arg);
    const scripted = isScripted(arg) && optionsOf(arg).interactive !== true;
    const to = item.to ?? (await languageWithOutput(host, item.uri, scripted));
    if (!to) return undefined;
    const output = await outputOf(item.uri, to);
    const localize = core();
    const folder = vscode.workspace.getWorkspaceFolder(item.uri);
    const state = folder ? await localize.LocalizationState.read(vscode.Uri.joinPath(folder.uri, localize.STATE_FILE).fsPath) : undefined;
    const found = await localize.sourceChanges(item.uri.fsPath, to, { output: { kind: 'sibling' }, access: await editorAccess(), state, frontMatterFields: settings.frontMatterFields(item.uri) });
    const message = nothingToShow(found, item.uri, to);
    const result: SourceChangesResult = { ...found, source: item.uri, output: output.uri, message };
    if (message) {
      if (!scripted) void host.prompts.show('info', message);
      return result;
    }
    const editors = await showMarked(host, item.uri, output.uri, found.changes);
    // The list stays open after the command returns, until the person is done with it.
    if (!scripted) stepThrough(editors, found.changes);
    return result;
  },
};

/** Sources as the editor shows them (unsaved edits included), so that the lines marked are the lines seen. */
async function editorAccess(): Promise<FileAccess> {
  const { diskAccess } = core();
  const open = (file: string) => vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'file' && document.uri.fsPath === file);
  return {
    read: async (file) => open(file)?.getText() ?? diskAccess.read(file),
    current: async (file) => open(file)?.getText() ?? diskAccess.current(file),
    write: () => Promise.resolve(false),
  };
}

/** The sentence to show instead of changes, when there are none to show unit by unit. */
function nothingToShow({ status, changes }: SourceChanges, source: vscode.Uri, to: LanguageCode): string | undefined {
  const name = vscode.workspace.asRelativePath(source);
  const output = vscode.workspace.asRelativePath(vscode.Uri.file(status.output));
  if (status.state === 'missing') return vscode.l10n.t('{0} has no translation into {1} yet: there is nothing to compare.', name, languageName(to));
  if (status.untracked) return vscode.l10n.t('{0} was not written by this tool, or its state was lost: there is no record of the source it was translated from. An update translates it whole again.', output);
  if (status.restructured) return vscode.l10n.t('{0} was restructured by hand (paragraphs added or removed): its paragraphs no longer line up with the source, so changes cannot be shown one by one, and it will not be overwritten.', output);
  if (changes.length > 0) return undefined;
  if (status.state === 'current') return vscode.l10n.t('{0} is current: the source did not change since it was written.', output);
  return vscode.l10n.t('Only code or markup changed in {0} since {1} was written: an update carries it over and keeps every translated paragraph.', name, output);
}

/** 0-based whole-line range of 1-based inclusive lines. */
function lines(document: vscode.TextDocument, line: number, endLine: number): vscode.Range {
  const last = Math.min(endLine, document.lineCount) - 1;
  const first = Math.min(line, document.lineCount) - 1;
  return new vscode.Range(first, 0, last, document.lineAt(last).text.length);
}

interface Marked {
  source: vscode.TextEditor;
  translation: vscode.TextEditor;
}

/** Opens the source and its translation side by side, marks the changes in both and selects them in the source. */
async function showMarked(host: CommandHost, sourceUri: vscode.Uri, outputUri: vscode.Uri, changes: readonly SourceChange[]): Promise<Marked> {
  const source = await vscode.window.showTextDocument(sourceUri, { viewColumn: vscode.ViewColumn.One, preview: false });
  const translation = await vscode.window.showTextDocument(outputUri, { viewColumn: vscode.ViewColumn.Two, preview: false, preserveFocus: true });
  host.changeMarks.show(
    source,
    changes.map((change) => ({ range: lines(source.document, change.line, change.endLine), kind: sourceMark(change), hover: describeChange(change) })),
  );
  host.changeMarks.show(
    translation,
    changes.flatMap((change) =>
      change.translation ? [{ range: lines(translation.document, change.translation.line, change.translation.endLine), kind: 'translation' as const, hover: translationHover(change) }] : [],
    ),
  );
  source.selections = changes.map((change) => {
    const range = lines(source.document, change.line, change.endLine);
    return new vscode.Selection(range.start, range.end);
  });
  reveal({ source, translation }, changes[0]);
  return { source, translation };
}

function sourceMark(change: SourceChange): ChangeMarkKind {
  return change.conflict ? 'conflict' : change.kind;
}

function describeChange(change: SourceChange): string {
  if (change.conflict) return vscode.l10n.t('Changed in the source and edited by hand in the translation: an update keeps the hand edit.');
  switch (change.kind) {
    case 'changed':
      return vscode.l10n.t('Changed since the translation was written.');
    case 'added':
      return vscode.l10n.t('New since the translation was written: not translated yet.');
    case 'removed':
      return vscode.l10n.t('A paragraph was removed here since the translation was written.');
  }
}

function translationHover(change: SourceChange): string {
  return change.kind === 'removed'
    ? vscode.l10n.t('The translation of a paragraph since removed from the source (line {0}).', change.line)
    : vscode.l10n.t('The translation of what source lines {0}–{1} said before they changed.', change.line, change.endLine);
}

function reveal(editors: Marked, change: SourceChange): void {
  const range = lines(editors.source.document, change.line, change.endLine);
  editors.source.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  if (change.translation) {
    editors.translation.revealRange(lines(editors.translation.document, change.translation.line, change.translation.endLine), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

/** A list of the changes; moving through it reveals each in both editors, choosing one puts the cursor on it. */
function stepThrough(editors: Marked, changes: readonly SourceChange[]): void {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { change: SourceChange }>();
  pick.title = vscode.l10n.t('Source changes since the translation was written');
  pick.placeholder = vscode.l10n.t('{0} changes: choose one to go to it', changes.length);
  pick.matchOnDetail = true;
  pick.items = changes.map((change) => ({
    label: `$(${change.conflict ? 'warning' : change.kind === 'added' ? 'diff-added' : change.kind === 'removed' ? 'diff-removed' : 'diff-modified'}) ${
      change.line === change.endLine ? vscode.l10n.t('Line {0}', change.line) : vscode.l10n.t('Lines {0}–{1}', change.line, change.endLine)
    }`,
    description: describeChange(change),
    detail: change.translation ? vscode.l10n.t('Translation: {0}', oneLine(change.translation.text)) : undefined,
    change,
  }));
  const disposables: vscode.Disposable[] = [
    pick,
    pick.onDidChangeActive(([active]) => {
      if (active) reveal(editors, active.change);
    }),
    pick.onDidAccept(() => {
      const [chosen] = pick.selectedItems;
      pick.hide();
      if (!chosen) return;
      const range = lines(editors.source.document, chosen.change.line, chosen.change.endLine);
      void vscode.window.showTextDocument(editors.source.document, { viewColumn: editors.source.viewColumn, selection: new vscode.Selection(range.start, range.start) });
    }),
  ];
  disposables.push(pick.onDidHide(() => vscode.Disposable.from(...disposables).dispose()));
  pick.show();
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}
