import * as vscode from 'vscode';
import { LANGUAGES, type LanguageCode } from '../core/languages';
import { optionsOf, targetsArg } from '../host/args';
import { CommandId } from '../host/ids';
import { languageOnly } from '../host/messages';
import { settings } from '../host/settings';
import type { Command } from './registry';

/** A multi-select quick pick of every language, with `current` ticked; undefined when dismissed or empty. */
export async function pickLanguages(current: readonly LanguageCode[], placeHolder: string): Promise<LanguageCode[] | undefined> {
  const selected = new Set(current);
  const items = LANGUAGES.map((language) => ({
    label: language.native,
    description: `${languageOnly(language.code)} · ${language.code}`,
    code: language.code as LanguageCode,
    picked: selected.has(language.code),
  }));
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder });
  return picked && picked.length > 0 ? picked.map((item) => item.code) : undefined;
}

/** `hivePapago.selectTargetLanguages({to})`: the default target languages (user settings). */
export const selectTargetLanguages: Command = {
  id: CommandId.selectTargetLanguages,
  async run({ status }, arg?: unknown): Promise<LanguageCode[] | undefined> {
    const codes = targetsArg(optionsOf(arg).to) ?? (await pickLanguages(settings.targetLanguages(), vscode.l10n.t('Translate into which languages?')));
    if (!codes) return undefined;
    await settings.setTargetLanguages(codes);
    status.update();
    return codes;
  },
};
