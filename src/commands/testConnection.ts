import * as vscode from 'vscode';
import type { ConnectionResult } from '../core/connection';
import type { ServiceId } from '../core/errors';
import { CommandId } from '../host/ids';
import { localize } from '../host/messages';
import type { Command } from './registry';
import { serviceLabel } from './setCredentials';

/** A button of a result notification: its title and the command it runs. */
export interface FixAction {
  title: string;
  command: string;
  args: unknown[];
}

/** One service's result as the user reads it. */
export interface ConnectionReport extends ConnectionResult {
  /** In VS Code's display language: `NAVER Cloud Papago Translation: connected.` */
  text: string;
  /** The buttons offered with a failure (none for a success). */
  actions: FixAction[];
}

const ENDPOINT_SETTINGS: Record<ServiceId, string> = {
  hive: 'hivePapago.hive.endpoint',
  papago: 'hivePapago.papago.endpoint',
  ncpIam: 'hivePapago.papago.endpoint',
  papagoSmt: 'hivePapago.papagoSmt.endpoint',
};

/** What can fix a failure: the keys, the endpoint setting, or simply trying again later. */
function fixesFor(result: ConnectionResult): FixAction[] {
  const setCredentials = { title: vscode.l10n.t('Set Credentials'), command: CommandId.setCredentials, args: [{ service: result.service }] };
  const openSettings = { title: vscode.l10n.t('Open Endpoint Setting'), command: 'workbench.action.openSettings', args: [ENDPOINT_SETTINGS[result.service]] };
  const retry = { title: vscode.l10n.t('Retry'), command: CommandId.testConnection, args: [] };
  const showLog = { title: vscode.l10n.t('Show Log'), command: CommandId.showLog, args: [] };
  switch (result.reason) {
    case 'auth':
    case 'config':
      return [setCredentials, showLog];
    case 'network':
    case 'timeout':
      return [retry, openSettings, showLog];
    case 'rateLimit':
    case 'server':
      return [retry, showLog];
    default:
      return [setCredentials, showLog];
  }
}

export function reportConnection(result: ConnectionResult): ConnectionReport {
  const label = serviceLabel(result.service);
  if (result.ok) return { ...result, text: vscode.l10n.t('{0}: connected.', label), actions: [] };
  const problem = result.problem ? localize(result.problem) : vscode.l10n.t('the connection failed.');
  return { ...result, text: vscode.l10n.t('{0}: {1}', label, problem), actions: fixesFor(result) };
}

/**
 * `hivePapago.testConnection()`: one cheap signed call per configured service. Each failure gets
 * a notification of its own with the buttons that fix it; the services that work are named in
 * one more.
 */
export const testConnection: Command = {
  id: CommandId.testConnection,
  async run({ services, operations }): Promise<ConnectionReport[]> {
    const context = await services.providerContext();
    const { testConnections } = await import('../core/connection.js');
    const results = await operations.run(vscode.l10n.t('Testing connections…'), (signal) => testConnections(context, signal));
    for (const result of results) services.logger.info(`testConnection: ${result.message}`);
    if (results.length === 0) {
      void vscode.window
        .showWarningMessage(vscode.l10n.t('No credentials are set.'), vscode.l10n.t('Set Credentials'))
        .then((choice) => choice && vscode.commands.executeCommand(CommandId.setCredentials));
      return [];
    }
    const reports = results.map(reportConnection);
    const connected = reports.filter((report) => report.ok);
    if (connected.length > 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Connected: {0}.', connected.map((report) => serviceLabel(report.service)).join(', ')));
    }
    for (const report of reports.filter((r) => !r.ok)) {
      void vscode.window.showErrorMessage(report.text, ...report.actions.map((action) => action.title)).then((choice) => {
        const action = report.actions.find((a) => a.title === choice);
        return action && vscode.commands.executeCommand(action.command, ...action.args);
      });
    }
    return reports;
  },
};
