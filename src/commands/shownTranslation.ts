import * as vscode from 'vscode';
import { CommandId } from '../host/ids';
import type { Command } from './registry';

/**
 * `hivePapago.applyShownTranslation({index, to})`, the hover's Replace link: replaces the
 * selection with a shown translation, unless the document changed since it was shown.
 */
export const applyShownTranslation: Command = {
  id: CommandId.applyShownTranslation,
  async run({ shown }, arg?: unknown): Promise<boolean> {
    const found = shown.find(arg);
    if (!found) return false;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === found.uri);
    if (!document || document.version !== found.version) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The document changed since the translation was shown; nothing was replaced.'));
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, found.range, found.text);
    const applied = await vscode.workspace.applyEdit(edit);
    if (applied) shown.clear();
    return applied;
  },
};

/** `hivePapago.copyShownTranslation({index, to})`, the hover's Copy link. */
export const copyShownTranslation: Command = {
  id: CommandId.copyShownTranslation,
  async run({ shown }, arg?: unknown): Promise<boolean> {
    const found = shown.find(arg);
    if (!found) return false;
    await vscode.env.clipboard.writeText(found.text);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Translation copied.'), 3000);
    return true;
  },
};
