import * as vscode from 'vscode';
import { CommandId } from '../host/ids';
import type { Command } from './registry';

/** `hivePapago.statusMenu()`: what a click on the status bar item offers. */
export const statusMenu: Command = {
  id: CommandId.statusMenu,
  async run(): Promise<void> {
    const items = [
      { label: `$(server) ${vscode.l10n.t('Select Provider')}`, command: CommandId.selectProvider },
      { label: `$(globe) ${vscode.l10n.t('Select Target Languages')}`, command: CommandId.selectTargetLanguages },
      { label: `$(symbol-key) ${vscode.l10n.t('Select Source Language')}`, command: CommandId.selectSourceLanguage },
      { label: `$(key) ${vscode.l10n.t('Set Credentials')}`, command: CommandId.setCredentials },
      { label: `$(plug) ${vscode.l10n.t('Test Connection')}`, command: CommandId.testConnection },
    ];
    const picked = await vscode.window.showQuickPick(items);
    if (picked) await vscode.commands.executeCommand(picked.command);
  },
};
