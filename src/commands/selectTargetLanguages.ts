import * as vscode from 'vscode';
import { LANGUAGES, type LanguageCode } from '../core/languages';
import { optionsOf, targetsArg } from '../host/args';
import { settings } from '../host/settings';
import type { Command } from './registry';

/** `hivePapago.selectTargetLanguages({to})`: the default target languages (user settings). */
export const selectTargetLanguages: Command = {
  id: 'hivePapago.selectTargetLanguages',
  async run({ statusBar }, arg?: unknown): Promise<LanguageCode[] | undefined> {
    let codes = targetsArg(optionsOf(arg).to);
    if (!codes) {
      const current = new Set(settings.targetLanguages());
      const items = LANGUAGES.map((language) => ({
        label: language.native,
        description: `${language.name} · ${language.code}`,
        code: language.code as LanguageCode,
        picked: current.has(language.code),
      }));
      const picked = await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: vscode.l10n.t('Translate into which languages?') });
      if (!picked || picked.length === 0) return undefined;
      codes = picked.map((item) => item.code);
    }
    await settings.setTargetLanguages(codes);
    statusBar.update();
    return codes;
  },
};
