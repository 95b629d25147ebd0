import * as vscode from 'vscode';
import { optionsOf } from '../../host/args';
import { CommandId } from '../../host/ids';
import type { Command } from '../registry';
import { resolveGlossary } from './resolve';

/** `hivePapago.glossary.delete({glossaryKey, confirm?})`; `confirm: false` skips the dialog. */
export const deleteGlossary: Command = {
  id: CommandId.glossaryDelete,
  async run({ services, glossaries, operations }, arg?: unknown): Promise<boolean> {
    const glossary = await resolveGlossary(arg, services, glossaries);
    if (!glossary) return false;
    if (optionsOf(arg).confirm !== false) {
      const remove = vscode.l10n.t('Delete');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Delete the glossary {0}? Its terms cannot be recovered.', glossary.name),
        { modal: true },
        remove,
      );
      if (answer !== remove) return false;
    }
    const client = await services.glossaryClient();
    await operations.run(vscode.l10n.t('Deleting {0}…', glossary.name), (signal) => client.delete(glossary.key, { signal }));
    await services.glossaryChoices.forget(glossary.key);
    await glossaries.refresh();
    void vscode.window.showInformationMessage(vscode.l10n.t('Glossary {0} deleted.', glossary.name));
    return true;
  },
};
