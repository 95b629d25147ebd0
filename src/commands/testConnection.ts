import * as vscode from 'vscode';
import type { ConnectionResult } from '../core/connection';
import { CommandId } from '../host/ids';
import type { Command } from './registry';

/** `hivePapago.testConnection()`: one cheap signed call per configured service. */
export const testConnection: Command = {
  id: CommandId.testConnection,
  async run({ services, operations }): Promise<ConnectionResult[]> {
    const context = await services.providerContext();
    const { testConnections } = await import('../core/connection.js');
    const results = await operations.run(vscode.l10n.t('Testing connections…'), (signal) => testConnections(context, signal));
    for (const result of results) services.logger.info(`testConnection: ${result.message}`);
    if (results.length === 0) {
      void vscode.window
        .showWarningMessage(vscode.l10n.t('No credentials are set.'), vscode.l10n.t('Set Credentials'))
        .then((choice) => choice && vscode.commands.executeCommand(CommandId.setCredentials));
    } else if (results.every((r) => r.ok)) {
      void vscode.window.showInformationMessage(results.map((r) => r.message).join(' '));
    } else {
      void vscode.window.showErrorMessage(results.map((r) => r.message).join(' '));
    }
    return results;
  },
};
