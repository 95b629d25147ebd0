import * as vscode from 'vscode';
import { optionsOf, stringArg } from '../../host/args';
import { core } from '../../host/core';
import { CommandId } from '../../host/ids';
import type { Command } from '../registry';

/** `hivePapago.glossary.create({name, description?})` -> `{glossaryKey}` */
export const createGlossary: Command = {
  id: CommandId.glossaryCreate,
  async run({ services, glossaries, operations }, arg?: unknown): Promise<{ glossaryKey: string } | undefined> {
    const { GLOSSARY_MAX_DESCRIPTION_CHARS, GLOSSARY_MAX_NAME_CHARS } = core();
    const options = optionsOf(arg);
    let name = stringArg(options.name, 'name');
    let description = stringArg(options.description, 'description');
    if (name === undefined) {
      name = await vscode.window.showInputBox({
        title: vscode.l10n.t('New glossary'),
        prompt: vscode.l10n.t('Glossary name (at most {0} characters)', GLOSSARY_MAX_NAME_CHARS),
        validateInput: (value) =>
          value.trim() === ''
            ? vscode.l10n.t('Enter a name.')
            : value.trim().length > GLOSSARY_MAX_NAME_CHARS
              ? vscode.l10n.t('At most {0} characters.', GLOSSARY_MAX_NAME_CHARS)
              : undefined,
      });
      if (name === undefined) return undefined;
      description = await vscode.window.showInputBox({
        title: vscode.l10n.t('New glossary'),
        prompt: vscode.l10n.t('Description (optional, at most {0} characters)', GLOSSARY_MAX_DESCRIPTION_CHARS),
        validateInput: (value) => (value.length > GLOSSARY_MAX_DESCRIPTION_CHARS ? vscode.l10n.t('At most {0} characters.', GLOSSARY_MAX_DESCRIPTION_CHARS) : undefined),
      });
      if (description === undefined) return undefined;
    }
    const client = await services.glossaryClient();
    const glossaryName = name.trim();
    const key = await operations.run(vscode.l10n.t('Creating glossary {0}…', glossaryName), (signal) =>
      client.create(glossaryName, description?.trim() || undefined, { signal }),
    );
    await glossaries.refresh();
    void vscode.window.showInformationMessage(vscode.l10n.t('Glossary {0} created.', glossaryName));
    return { glossaryKey: key };
  },
};
