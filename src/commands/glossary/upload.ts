import * as path from 'node:path';
import * as vscode from 'vscode';
import { TranslateError } from '../../core/errors';
import { GlossaryCsvError, type Glossary } from '../../core/glossary';
import { isScripted, optionsOf, uriArg } from '../../host/args';
import { CommandId } from '../../host/ids';
import type { Command } from '../registry';
import { resolveGlossary } from './resolve';

function showRefused(fileName: string, problems: number): void {
  const text =
    problems === 1
      ? vscode.l10n.t('{0} was not uploaded: it has a problem, shown in the Problems panel.', fileName)
      : vscode.l10n.t('{0} was not uploaded: it has {1} problems, shown in the Problems panel.', fileName, problems);
  const show = vscode.l10n.t('Show Problems');
  void vscode.window.showErrorMessage(text, show).then((choice) => choice === show && vscode.commands.executeCommand('workbench.actions.view.problems'));
}

/**
 * `hivePapago.glossary.upload({glossaryKey, file})` -> `{wordCount}`. The CSV is validated
 * locally first: when it has problems nothing is uploaded, and each bad line is listed in the
 * Problems panel until the file is fixed or uploaded.
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
    let updated: Glossary;
    try {
      updated = await operations.run(vscode.l10n.t('Uploading {0} to {1}…', fileName, glossary.name), (signal) =>
        client.upload(glossary.key, bytes, fileName, { signal }),
      );
    } catch (error) {
      if (!(error instanceof GlossaryCsvError)) throw error;
      // A refused file: every bad line in the Problems panel; a person also gets the file open at
      // the first one, and a notification that points there. A script gets the rejection.
      const scripted = isScripted(arg);
      await services.csvProblems.report(file, error, { reveal: !scripted });
      if (scripted) throw error;
      showRefused(fileName, error.problems.length);
      return undefined;
    }
    services.csvProblems.clear(file);
    await glossaries.refresh();
    void vscode.window.showInformationMessage(vscode.l10n.t('Uploaded {0} terms to {1}.', updated.wordCount, updated.name));
    return { wordCount: updated.wordCount };
  },
};
