import * as vscode from 'vscode';
import { TranslateError } from '../../core/errors';
import { isScripted } from '../../host/args';
import { CommandId } from '../../host/ids';
import type { Command } from '../registry';
import { languageWithOutput, localizationArg, outputOf } from './target';
import { languageName } from '../../host/messages';

/**
 * `hivePapago.localization.openSideBySide(item | {uri, to})`: the source in the first editor
 * column and its translation in the second, the translation scrolled to the lines the source
 * shows (outputs keep their source's lines).
 */
export const openSideBySide: Command = {
  id: CommandId.localizationOpenSideBySide,
  async run(host, arg?: unknown): Promise<{ source: vscode.Uri; output: vscode.Uri } | undefined> {
    const item = await localizationArg(host, arg);
    const to = item.to ?? (await languageWithOutput(host, item.uri, isScripted(arg)));
    if (!to) return undefined;
    const output = await outputOf(item.uri, to);
    if (!output.exists) {
      throw new TranslateError('input', vscode.l10n.t('{0} has no translation into {1} yet: update it first.', vscode.workspace.asRelativePath(item.uri), languageName(to)));
    }
    const source = await vscode.window.showTextDocument(item.uri, { viewColumn: vscode.ViewColumn.One, preview: false });
    const translation = await vscode.window.showTextDocument(output.uri, { viewColumn: vscode.ViewColumn.Two, preview: false, preserveFocus: true });
    const shown = source.visibleRanges[0];
    if (shown) translation.revealRange(new vscode.Range(shown.start, shown.start), vscode.TextEditorRevealType.AtTop);
    return { source: source.document.uri, output: translation.document.uri };
  },
};
