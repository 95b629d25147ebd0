import * as vscode from 'vscode';
import { LANGUAGES, parseLanguage, type LanguageCode, type SourceLanguage } from '../core/languages';
import { optionsOf, sourceArg } from '../host/args';
import { CommandId } from '../host/ids';
import { settings } from '../host/settings';
import type { Command } from './registry';

type SourceItem = vscode.QuickPickItem & { value?: SourceLanguage };

/**
 * A quick pick of the source languages: `suggested` first (the best guess preselected), then
 * Auto-detect and every other language. Resolves to the choice, or undefined when dismissed.
 */
export function pickSourceLanguage(options: {
  suggested?: readonly LanguageCode[];
  current?: SourceLanguage;
  title?: string;
  placeHolder?: string;
  /** Offer Auto-detect (default true). */
  auto?: boolean;
}): Promise<SourceLanguage | undefined> {
  const suggested = options.suggested ?? [];
  const item = (value: SourceLanguage): SourceItem => {
    if (value === 'auto') return { value, label: vscode.l10n.t('Auto-detect'), description: vscode.l10n.t('detect the language of each text') };
    const language = LANGUAGES.find((entry) => entry.code === value)!;
    return { value, label: language.native, description: `${language.name} · ${language.code}` };
  };
  const items: SourceItem[] = [];
  if (suggested.length > 0) {
    items.push({ label: vscode.l10n.t('Detected'), kind: vscode.QuickPickItemKind.Separator });
    suggested.forEach((code, index) => items.push({ ...item(code), detail: index === 0 ? vscode.l10n.t('Best guess') : undefined }));
    items.push({ label: vscode.l10n.t('All languages'), kind: vscode.QuickPickItemKind.Separator });
  }
  if (options.auto !== false) items.push(item('auto'));
  items.push(...LANGUAGES.filter((language) => !suggested.includes(language.code)).map((language) => item(language.code)));
  for (const entry of items) if (entry.value !== undefined && entry.value === options.current) entry.description = `${entry.description ?? ''} · ${vscode.l10n.t('current')}`;

  const pick = vscode.window.createQuickPick<SourceItem>();
  pick.items = items;
  pick.title = options.title;
  pick.placeholder = options.placeHolder ?? vscode.l10n.t('Translate from which language?');
  pick.matchOnDescription = true;
  const preselected = items.find((entry) => entry.value !== undefined && entry.value === (suggested[0] ?? options.current));
  if (preselected) pick.activeItems = [preselected];
  return new Promise((resolve) => {
    let chosen: SourceLanguage | undefined;
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0]?.value ?? pick.activeItems[0]?.value;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}

/**
 * `hivePapago.selectSourceLanguage({from?, suggested?})`: the default source language (user
 * settings), `auto` to detect it. Without `from`, a pick with `suggested` first.
 */
export const selectSourceLanguage: Command = {
  id: CommandId.selectSourceLanguage,
  async run({ status }, arg?: unknown): Promise<SourceLanguage | undefined> {
    const options = optionsOf(arg);
    const suggested = Array.isArray(options.suggested)
      ? options.suggested.map((value) => (typeof value === 'string' ? parseLanguage(value) : undefined)).filter((code): code is LanguageCode => code !== undefined)
      : [];
    const from = sourceArg(options.from) ?? (await pickSourceLanguage({ suggested, current: settings.sourceLanguage() }));
    if (!from) return undefined;
    await settings.setSourceLanguage(from);
    status.update();
    return from;
  },
};
