import * as path from 'node:path';
import * as vscode from 'vscode';
import { TranslateError } from '../../core/errors';
import { optionsOf, uriArg } from '../../host/args';
import { CommandId } from '../../host/ids';
import type { Command } from '../registry';
import { resolveGlossary } from './resolve';

/**
 * `hivePapago.glossary.upload({glossaryKey, file})` -> `{wordCount}`. The CSV is validated
 * locally first (line-numbered errors); nothing is uploaded when it is invalid.
 */
export const uploadGlossary: Command = {
  id: CommandId.glossaryUpload,
  async run({ services, glossaries, operations }, arg?: unknown): Promise<{ wordCount: number } | undefined> {
    const glossary = await resolveGlossary(arg, services, glossaries);
    if (!glossary) return undefined;
    let file = uriArg(optionsOf(arg).file, 'file');
    if (!file) {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        filters: { [vscode.l10n.t('Glossary CSV')]: ['csv'] },
        openLabel: vscode.l10n.t('Upload to {0}', glossary.name),
      });
      if (!picked?.[0]) return undefined;
      file = picked[0];
    }
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(file);
    } catch {
      throw new TranslateError('input', vscode.l10n.t('The file {0} cannot be read.', file.fsPath || file.toString()));
    }
    const client = await services.glossaryClient();
    const fileName = path.basename(file.path);
    const updated = await operations.run(vscode.l10n.t('Uploading {0} to {1}…', fileName, glossary.name), (signal) =>
      client.upload(glossary.key, bytes, fileName, { signal }),
    );
    await glossaries.refresh();
    void vscode.window.showInformationMessage(vscode.l10n.t('Uploaded {0} terms to {1}.', updated.wordCount, updated.name));
    return { wordCount: updated.wordCount };
  },
};
