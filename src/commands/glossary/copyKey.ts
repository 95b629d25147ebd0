import * as vscode from 'vscode';
import { CommandId } from '../../host/ids';
import type { Command } from '../registry';
import { resolveGlossary } from './resolve';

/** `hivePapago.glossary.copyKey({glossaryKey})`: puts the key on the clipboard and returns it. */
export const copyGlossaryKey: Command = {
  id: CommandId.glossaryCopyKey,
  async run({ services, glossaries }, arg?: unknown): Promise<string | undefined> {
    const glossary = await resolveGlossary(arg, services, glossaries);
    if (!glossary) return undefined;
    await vscode.env.clipboard.writeText(glossary.key);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the key of {0}.', glossary.name), 3000);
    return glossary.key;
  },
};
