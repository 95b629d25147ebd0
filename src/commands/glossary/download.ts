import * as vscode from 'vscode';
import { TranslateError } from '../../core/errors';
import { isScripted, optionsOf, uriArg } from '../../host/args';
import { CommandId } from '../../host/ids';
import type { Command } from '../registry';
import { resolveGlossary } from './resolve';

/** `<name>.csv`, without the characters file systems refuse in a name. */
export function csvFileName(glossaryName: string): string {
  const safe = [...glossaryName].map((char) => (char < ' ' || '\\/:*?"<>|'.includes(char) ? '_' : char)).join('');
  return `${safe.trim().replace(/^\.+/, '') || 'glossary'}.csv`;
}

/**
 * `hivePapago.glossary.download({glossaryKey, out})` -> `{uri}`: saves the glossary's CSV where
 * the user picks (by default `<name>.csv` in the workspace folder), or to `out`, and opens it.
 */
export const downloadGlossary: Command = {
  id: CommandId.glossaryDownload,
  async run({ services, glossaries, operations }, arg?: unknown): Promise<{ uri: vscode.Uri } | undefined> {
    const glossary = await resolveGlossary(arg, services, glossaries);
    if (!glossary) return undefined;
    let out = uriArg(optionsOf(arg).out, 'out');
    if (!out && isScripted(arg)) throw new TranslateError('input', vscode.l10n.t('The argument "out" is needed: the path to save the CSV to.'));
    if (!out) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      out = await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Download {0}', glossary.name),
        saveLabel: vscode.l10n.t('Save'),
        defaultUri: folder ? vscode.Uri.joinPath(folder, csvFileName(glossary.name)) : undefined,
        filters: { [vscode.l10n.t('Glossary CSV')]: ['csv'] },
      });
      if (!out) return undefined;
    }
    const client = await services.glossaryClient();
    const { csv } = await operations.run(vscode.l10n.t('Downloading {0}…', glossary.name), (signal) => client.download(glossary.key, { signal }));
    await vscode.workspace.fs.writeFile(out, new TextEncoder().encode(csv));
    await vscode.window.showTextDocument(out, { preview: false });
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Saved {0}.', vscode.workspace.asRelativePath(out)), 5000);
    return { uri: out };
  },
};
