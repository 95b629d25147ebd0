import * as vscode from 'vscode';
import { TranslateError } from '../core/errors';
import { optionsOf } from '../host/args';
import { credentialValueProblem, hasCredentialFields } from '../host/credentialFields';
import { CREDENTIAL_FIELDS, CREDENTIAL_SERVICES, isCredentialService, type CredentialService, type CredentialStore } from '../host/credentials';
import { CommandId } from '../host/ids';
import type { Command } from './registry';

interface FieldPrompt {
  title: string;
  prompt: string;
}

export function serviceLabel(service: CredentialService): string {
  switch (service) {
    case 'hive':
      return vscode.l10n.t('Hive automatic translation');
    case 'papago':
      return vscode.l10n.t('NAVER Cloud Papago Translation');
    case 'ncpIam':
      return vscode.l10n.t('NAVER Cloud glossary API (IAM keys)');
    case 'papagoSmt':
      return vscode.l10n.t('Legacy Papago SMT (Naver Developers)');
  }
}

function fieldPrompt(service: CredentialService, field: string): FieldPrompt {
  const prompts: Record<string, FieldPrompt> = {
    'hive.serviceKey': { title: vscode.l10n.t('Hive service key'), prompt: vscode.l10n.t('The service key (formerly app key) from Hive console > AI services > Automatic translation.') },
    'hive.secretKey': { title: vscode.l10n.t('Hive secret key'), prompt: vscode.l10n.t('The secret key of the same Hive service.') },
    'papago.clientId': { title: vscode.l10n.t('Papago client id'), prompt: vscode.l10n.t('X-NCP-APIGW-API-KEY-ID of your NAVER Cloud Papago Translation application.') },
    'papago.clientSecret': { title: vscode.l10n.t('Papago client secret'), prompt: vscode.l10n.t('X-NCP-APIGW-API-KEY of the same application.') },
    'ncpIam.accessKey': { title: vscode.l10n.t('NCP access key'), prompt: vscode.l10n.t('An access key of your NAVER Cloud account (for the glossary API).') },
    'ncpIam.secretKey': { title: vscode.l10n.t('NCP secret key'), prompt: vscode.l10n.t('The secret key of that access key.') },
    'papagoSmt.clientId': { title: vscode.l10n.t('Naver client id'), prompt: vscode.l10n.t('X-Naver-Client-Id of your Naver Developers application.') },
    'papagoSmt.clientSecret': { title: vscode.l10n.t('Naver client secret'), prompt: vscode.l10n.t('X-Naver-Client-Secret of the same application.') },
  };
  return prompts[`${service}.${field}`];
}

/** The input box's check of a key (the rule itself lives in `credentialValueProblem`). */
export function validateCredentialValue(value: string): string | undefined {
  switch (credentialValueProblem(value)) {
    case 'empty':
      return vscode.l10n.t('Enter a value.');
    case 'spaces':
      return vscode.l10n.t('A key has no spaces or line breaks.');
    case 'tooLong':
      return vscode.l10n.t('This is too long to be a key.');
    case undefined:
      return undefined;
  }
}

/** What each service's keys are for, shown under its name in the picker. */
function serviceDetail(service: CredentialService): string {
  switch (service) {
    case 'hive':
      return vscode.l10n.t('Translates selections and Markdown files; 16 languages.');
    case 'papago':
      return vscode.l10n.t('Translates plain text, with glossaries.');
    case 'ncpIam':
      return vscode.l10n.t('Only for managing glossaries: not needed to translate.');
    case 'papagoSmt':
      return vscode.l10n.t('Only for compatible gateways: the public service has closed.');
  }
}

/** Asks which service to set keys for; the services whose keys are stored say so. */
export async function pickService(placeHolder: string, credentials: CredentialStore): Promise<CredentialService | undefined> {
  const stored = await Promise.all(CREDENTIAL_SERVICES.map((service) => credentials.has(service)));
  const items = CREDENTIAL_SERVICES.map((service, index) => ({
    label: serviceLabel(service),
    description: stored[index] ? `$(pass-filled) ${vscode.l10n.t('set')}` : undefined,
    detail: serviceDetail(service),
    service,
  }));
  return (await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true }))?.service;
}

/**
 * `hivePapago.setCredentials({service, ...fields})`: stores a service's keys in SecretStorage.
 * Without fields it asks for each one in a masked, validated input box.
 */
export const setCredentials: Command = {
  id: CommandId.setCredentials,
  async run({ services }, arg?: unknown): Promise<boolean> {
    const options = optionsOf(arg);
    if (options.service !== undefined && !isCredentialService(options.service)) {
      throw new TranslateError('input', vscode.l10n.t('Unknown service "{0}"; use hive, papago, ncpIam or papagoSmt.', String(options.service)));
    }
    const service = (options.service as CredentialService | undefined) ?? (await pickService(vscode.l10n.t('Which service are these credentials for?'), services.credentials));
    if (!service) return false;

    const values: Record<string, string> = {};
    for (const field of CREDENTIAL_FIELDS[service]) {
      const given = options[field];
      if (given !== undefined) {
        const problem = typeof given === 'string' ? validateCredentialValue(given) : vscode.l10n.t('Enter a value.');
        if (problem) throw new TranslateError('input', `${fieldPrompt(service, field).title}: ${problem}`);
        values[field] = (given as string).trim();
        continue;
      }
      const { title, prompt } = fieldPrompt(service, field);
      const entered = await vscode.window.showInputBox({ title, prompt, password: true, ignoreFocusOut: true, validateInput: validateCredentialValue });
      if (entered === undefined) return false;
      values[field] = entered.trim();
    }
    services.logger.addSecret(...Object.values(values));
    if (!hasCredentialFields(service, values)) return false; // every field was asked for above
    await services.credentials.set(service, values);
    services.logger.info(`credentials stored for ${service}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: credentials saved in secret storage.', serviceLabel(service)));
    return true;
  },
};
