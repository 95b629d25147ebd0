import * as vscode from 'vscode';
import { TranslateError } from '../core/errors';
import { isScripted, optionsOf } from '../host/args';
import { CREDENTIAL_SERVICES, isCredentialService, type CredentialService } from '../host/credentials';
import { CommandId } from '../host/ids';
import type { Command } from './registry';
import { serviceLabel } from './setCredentials';

/** `hivePapago.clearCredentials({service?})`: deletes one service's keys, or every service's. */
export const clearCredentials: Command = {
  id: CommandId.clearCredentials,
  async run({ services }, arg?: unknown): Promise<CredentialService[]> {
    const options = optionsOf(arg);
    let targets: CredentialService[];
    if (options.service !== undefined) {
      if (!isCredentialService(options.service)) {
        throw new TranslateError('input', vscode.l10n.t('Unknown service "{0}"; use hive, papago, ncpIam or papagoSmt.', String(options.service)));
      }
      targets = [options.service];
    } else if (isScripted(arg)) {
      targets = CREDENTIAL_SERVICES;
    } else {
      const stored = (await Promise.all(CREDENTIAL_SERVICES.map(async (s) => ((await services.credentials.has(s)) ? s : undefined)))).filter(
        (s): s is CredentialService => s !== undefined,
      );
      if (stored.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No credentials are stored.'));
        return [];
      }
      const items = [
        ...stored.map((service) => ({ label: serviceLabel(service), services: [service] })),
        { label: vscode.l10n.t('All services'), services: stored },
      ];
      const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Clear which credentials?') });
      if (!picked) return [];
      targets = picked.services;
    }
    for (const service of targets) await services.credentials.clear(service);
    services.logger.info(`credentials cleared for ${targets.join(', ')}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Credentials cleared: {0}.', targets.map(serviceLabel).join(', ')));
    return targets;
  },
};
