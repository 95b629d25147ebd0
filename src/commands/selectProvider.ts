import * as vscode from 'vscode';
import type { ProviderChoice } from '../core/providers/registry';
import type { TextFormat } from '../core/providers/types';
import { enumArg, optionsOf, providerArg } from '../host/args';
import { CommandId } from '../host/ids';
import { providerLabel } from '../host/labels';
import { settings } from '../host/settings';
import type { Command } from './registry';

const KINDS: readonly TextFormat[] = ['text', 'html', 'markdown'];

/** `hivePapago.selectProvider({provider, kind?})`: sets the provider for one content kind, or for all. */
export const selectProvider: Command = {
  id: CommandId.selectProvider,
  async run({ status }, arg?: unknown): Promise<ProviderChoice | undefined> {
    const options = optionsOf(arg);
    const kind = enumArg<TextFormat | 'all'>(options.kind, 'kind', [...KINDS, 'all']) ?? 'all';
    let provider = providerArg(options.provider);
    if (!provider) {
      const items: (vscode.QuickPickItem & { value: ProviderChoice })[] = [
        { value: 'auto', label: providerLabel('auto'), detail: vscode.l10n.t('Markdown and HTML to Hive; plain text to Papago when its credentials are set, else Hive.') },
        { value: 'hive', label: 'Hive', detail: vscode.l10n.t('Hive automatic translation: 16 languages, several targets per request.') },
        { value: 'papago', label: 'Papago', detail: vscode.l10n.t('NAVER Cloud Papago Translation, with glossaries. Plain text only.') },
        { value: 'papago-smt', label: 'Papago SMT', detail: vscode.l10n.t('Legacy Naver Open API; the public service has closed.') },
        { value: 'pseudo', label: providerLabel('pseudo'), detail: vscode.l10n.t('Offline pseudo-localization, no account needed.') },
        { value: 'identity', label: providerLabel('identity'), detail: vscode.l10n.t('Offline, returns the text unchanged.') },
      ];
      const current = settings.provider('text');
      for (const item of items) if (item.value === current) item.description = vscode.l10n.t('current');
      provider = (await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Translate with which provider?') }))?.value;
      if (!provider) return undefined;
    }
    for (const format of kind === 'all' ? KINDS : [kind]) await settings.setProvider(format, provider);
    status.update();
    return provider;
  },
};
