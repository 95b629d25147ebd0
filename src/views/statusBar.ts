import * as vscode from 'vscode';
import { describeLanguage } from '../core/languages';
import { Disposable } from '../host/dispose';
import { settings } from '../host/settings';
import { providerLabel } from '../commands/selectProvider';

export const STATUS_MENU = 'hivePapago.statusMenu';

/** Shows the provider and target languages; a click offers to change either. */
export class StatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    super();
    this.item = this.register(vscode.window.createStatusBarItem('hivePapago.status', vscode.StatusBarAlignment.Right, 100));
    this.item.name = vscode.l10n.t('Hive & Papago Translate');
    this.item.command = STATUS_MENU;
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
    tooltip.appendMarkdown(`${vscode.l10n.t('From')}: ${describeLanguage(settings.sourceLanguage())} · ${vscode.l10n.t('To')}: ${targets.map(describeLanguage).join(', ')}`);
    this.item.tooltip = tooltip;
  }

  static async showMenu(): Promise<void> {
    const items = [
      { label: `$(server) ${vscode.l10n.t('Select Provider')}`, command: 'hivePapago.selectProvider' },
      { label: `$(globe) ${vscode.l10n.t('Select Target Languages')}`, command: 'hivePapago.selectTargetLanguages' },
      { label: `$(key) ${vscode.l10n.t('Set Credentials')}`, command: 'hivePapago.setCredentials' },
      { label: `$(plug) ${vscode.l10n.t('Test Connection')}`, command: 'hivePapago.testConnection' },
    ];
    const picked = await vscode.window.showQuickPick(items);
    if (picked) await vscode.commands.executeCommand(picked.command);
  }
}
