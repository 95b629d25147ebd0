import * as vscode from 'vscode';
import { describeLanguage } from '../core/languages';
import type { Translation } from '../core/providers/types';
import { Disposable } from '../host/dispose';

interface Shown {
  uri: string;
  version: number;
  entries: { range: vscode.Range; translations: Translation[] }[];
}

export const APPLY_SHOWN = 'hivePapago.applyShownTranslation';
export const COPY_SHOWN = 'hivePapago.copyShownTranslation';

/**
 * The "show" mode of Translate Selection: the translation appears in a hover over the
 * selection, with Replace and Copy actions, and nothing changes until the user chooses.
 */
export class TranslationHover extends Disposable implements vscode.HoverProvider {
  private shown: Shown | undefined;

  constructor() {
    super();
    this.register(vscode.languages.registerHoverProvider({ scheme: '*' }, this));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => {
      if (this.shown?.uri === document.uri.toString()) this.shown = undefined;
    }));
  }

  async show(editor: vscode.TextEditor, entries: Shown['entries']): Promise<void> {
    this.shown = { uri: editor.document.uri.toString(), version: editor.document.version, entries };
    const first = entries[0].range;
    editor.selection = new vscode.Selection(first.start, first.end);
    editor.revealRange(first);
    await vscode.commands.executeCommand('editor.action.showHover');
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const shown = this.shown;
    if (!shown || shown.uri !== document.uri.toString()) return undefined;
    const index = shown.entries.findIndex((entry) => entry.range.contains(position));
    if (index < 0) return undefined;
    const entry = shown.entries[index];
    const markdown = new vscode.MarkdownString(undefined, true);
    markdown.isTrusted = { enabledCommands: [APPLY_SHOWN, COPY_SHOWN] };
    for (const translation of entry.translations) {
      const args = encodeURIComponent(JSON.stringify([{ index, to: translation.to }]));
      markdown.appendMarkdown(`**${describeLanguage(translation.to)}**\n\n`);
      markdown.appendCodeblock(translation.text, 'text');
      markdown.appendMarkdown(
        `[$(replace) ${vscode.l10n.t('Replace')}](command:${APPLY_SHOWN}?${args}) · [$(copy) ${vscode.l10n.t('Copy')}](command:${COPY_SHOWN}?${args})\n\n`,
      );
    }
    return new vscode.Hover(markdown, entry.range);
  }

  private find(arg: unknown): { shown: Shown; range: vscode.Range; text: string } | undefined {
    const { index, to } = (arg ?? {}) as { index?: number; to?: string };
    const shown = this.shown;
    const entry = shown && typeof index === 'number' ? shown.entries[index] : undefined;
    const translation = entry?.translations.find((t) => t.to === to);
    return shown && entry && translation ? { shown, range: entry.range, text: translation.text } : undefined;
  }

  /** Replaces the selection with a shown translation, unless the document changed meanwhile. */
  async apply(arg: unknown): Promise<boolean> {
    const found = this.find(arg);
    if (!found) return false;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === found.shown.uri);
    if (!document || document.version !== found.shown.version) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The document changed since the translation was shown; nothing was replaced.'));
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, found.range, found.text);
    const applied = await vscode.workspace.applyEdit(edit);
    if (applied) this.shown = undefined;
    return applied;
  }

  async copy(arg: unknown): Promise<boolean> {
    const found = this.find(arg);
    if (!found) return false;
    await vscode.env.clipboard.writeText(found.text);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Translation copied.'), 3000);
    return true;
  }
}
