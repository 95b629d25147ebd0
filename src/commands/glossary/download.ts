import * as vscode from 'vscode';
import { isScripted, optionsOf, uriArg } from '../../host/args';
import { CommandId } from '../../host/ids';
import type { Command } from '../registry';
import { resolveGlossary } from './resolve';

/**
 * `hivePapago.glossary.download({glossaryKey, out?})` -> `{uri}`: saves the CSV to `out` (or
 * where the user picks), or opens it in an untitled editor.
 */
export const downloadGlossary: Command = {
  id: CommandId.glossaryDownload,
  async run({ services, glossaries, operations }, arg?: unknown): Promise<{ uri: vscode.Uri } | undefined> {
    const glossary = await resolveGlossary(arg, services, glossaries);
    if (!glossary) return undefined;
    let out = uriArg(optionsOf(arg).out, 'out');
    if (!out && !isScripted(arg)) {
      const open = vscode.l10n.t('Open in Editor');
      const save = vscode.l10n.t('Save As…');
      const choice = await vscode.window.showQuickPick([open, save], { placeHolder: vscode.l10n.t('Download {0}', glossary.name) });
      if (!choice) return undefined;
      if (choice === save) {
        const base = vscode.workspace.workspaceFolders?.[0]?.uri;
        out = await vscode.window.showSaveDialog({
          defaultUri: base ? vscode.Uri.joinPath(base, `${glossary.name}.csv`) : undefined,
          filters: { CSV: ['csv'] },
        });
        if (!out) return undefined;
      }
    }
    const client = await services.glossaryClient();
    const { csv } = await operations.run(vscode.l10n.t('Downloading {0}…', glossary.name), (signal) => client.download(glossary.key, { signal }));
    if (out) {
      await vscode.workspace.fs.writeFile(out, new TextEncoder().encode(csv));
      void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}.', vscode.workspace.asRelativePath(out)));
      return { uri: out };
    }
    const document = await vscode.workspace.openTextDocument({ content: csv, language: 'csv' });
    await vscode.window.showTextDocument(document, { preview: false });
    return { uri: document.uri };
  },
};
