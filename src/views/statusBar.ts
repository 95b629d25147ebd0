import * as vscode from 'vscode';
import { Disposable } from '../host/dispose';
import { CommandId } from '../host/ids';
import { providerLabel } from '../host/labels';
import { settings } from '../host/settings';
import type { StatusDisplay } from '../host/views';
import { languageName } from '../host/messages';

/** Shows the provider and target languages; a click opens the status menu to change either. */
export class StatusBar extends Disposable implements StatusDisplay {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    super();
    this.item = this.register(vscode.window.createStatusBarItem('hivePapago.status', vscode.StatusBarAlignment.Right, 100));
    this.item.name = vscode.l10n.t('Hive & Papago Translate');
    this.item.command = CommandId.statusMenu;
    this.register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('hivePapago')) this.update();
    }));
    this.update();
    this.item.show();
  }

  update(): void {
    const targets = settings.targetLanguages();
    const text = settings.provider('text');
    this.item.text = `$(globe) ${providerLabel(text)} → ${targets.join(', ')}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${vscode.l10n.t('Hive & Papago Translate')}**\n\n`);
    tooltip.appendMarkdown(
      `${vscode.l10n.t('Plain text')}: ${providerLabel(text)} · HTML: ${providerLabel(settings.provider('html'))} · Markdown: ${providerLabel(settings.provider('markdown'))}\n\n`,
    );
    tooltip.appendMarkdown(`${vscode.l10n.t('From')}: ${languageName(settings.sourceLanguage())} · ${vscode.l10n.t('To')}: ${targets.map(languageName).join(', ')}`);
    this.item.tooltip = tooltip;
  }
}
