import * as vscode from 'vscode';
import { isCancellation, TranslateError, userMessage } from '../core/errors';
import { isScripted } from '../host/args';
import { elapsedOf, fixesFor, type Fix } from '../host/fixes';
import { CommandId } from '../host/ids';
import { durationLabel, type Operations } from '../host/progress';
import type { LocalizationIndex } from '../host/localizations';
import type { Prompts } from '../host/prompts';
import type { Services } from '../host/services';
import type { ChangeMarks, GlossaryList, PreviewStore, ShownTranslations, StatusDisplay } from '../host/views';
import { describeError } from '../host/messages';

/**
 * What every command is given: the services (which build every client) and the views, seen
 * through the interfaces in `host/views`, never as view classes.
 */
export interface CommandHost {
  services: Services;
  operations: Operations;
  glossaries: GlossaryList;
  status: StatusDisplay;
  shown: ShownTranslations;
  previews: PreviewStore;
  /** Non-modal messages with buttons (tests answer them through the extension's test API). */
  prompts: Prompts;
  /** Where every translation of the workspace stands (the Localization view shows it). */
  localizations: LocalizationIndex;
  /** Show Source Changes' marks in editors. */
  changeMarks: ChangeMarks;
}

/** One command: its id beside its code. */
export interface Command {
  readonly id: string;
  run(host: CommandHost, ...args: unknown[]): unknown;
}

/**
 * Registers every command with one error policy: the user sees one clear sentence, the true
 * time a long operation took, and a button for each fix (see `fixesFor`: Set Credentials, Select
 * Source Language, Select Provider, Open Settings, Retry with the same arguments) besides Show
 * Log; the log gets the detail; a caller that passed an options object (a script, a test) gets a
 * rejection with the same sentence.
 */
export function registerCommands(host: CommandHost, commands: readonly Command[]): vscode.Disposable {
  return vscode.Disposable.from(
    ...commands.map((command) =>
      vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
        try {
          return await command.run(host, ...args);
        } catch (error) {
          const message = userMessage(error);
          if (isCancellation(error)) {
            host.services.logger.info(`${command.id}: cancelled`);
          } else {
            const detail = error instanceof TranslateError && error.detail ? ` (${error.detail})` : '';
            host.services.logger.error(`${command.id}: ${message}${detail}`);
            // The user reads it in VS Code's language; the log and a script get the English sentence.
            void showError(host, { id: command.id, args }, error, describeError(error)).then(undefined, (failure: unknown) =>
              host.services.logger.error(`${command.id}: the fix failed: ${userMessage(failure)}`),
            );
          }
          if (isScripted(args[0])) throw new Error(message);
          return undefined;
        }
      }),
    ),
  );
}

/** Shows the error with a button per fix, and runs the fix chosen. */
async function showError(host: CommandHost, invocation: { id: string; args: unknown[] }, error: unknown, message: string): Promise<void> {
  const elapsed = elapsedOf(error);
  const text = elapsed !== undefined && elapsed >= 1000 ? vscode.l10n.t('{0} (stopped after {1})', message, durationLabel(elapsed)) : message;
  const buttons = fixesFor(error).map((fix) => ({ fix, label: fixLabel(fix) }));
  const showLog = vscode.l10n.t('Show Log');
  const choice = await host.prompts.show('error', text, ...buttons.map((button) => button.label), showLog);
  if (choice === showLog) {
    await vscode.commands.executeCommand(CommandId.showLog);
    return;
  }
  const fix = buttons.find((button) => button.label === choice)?.fix;
  if (fix) await runFix(fix, invocation);
}

function fixLabel(fix: Fix): string {
  switch (fix.kind) {
    case 'setCredentials':
      return vscode.l10n.t('Set Credentials');
    case 'selectSourceLanguage':
      return vscode.l10n.t('Select Source Language');
    case 'selectProvider':
      return vscode.l10n.t('Select Provider');
    case 'openSettings':
      return vscode.l10n.t('Open Settings');
    case 'retry':
      return vscode.l10n.t('Retry');
  }
}

function runFix(fix: Fix, invocation: { id: string; args: unknown[] }): Thenable<unknown> {
  switch (fix.kind) {
    case 'setCredentials':
      return vscode.commands.executeCommand(CommandId.setCredentials, fix.service ? { service: fix.service } : undefined);
    case 'selectSourceLanguage':
      return vscode.commands.executeCommand(CommandId.selectSourceLanguage, fix.suggested ? { suggested: fix.suggested } : undefined);
    case 'selectProvider':
      return vscode.commands.executeCommand(CommandId.selectProvider);
    case 'openSettings':
      return vscode.commands.executeCommand('workbench.action.openSettings', fix.setting);
    case 'retry':
      // The same command with the same arguments (a menu's Uri, a script's options).
      return vscode.commands.executeCommand(invocation.id, ...invocation.args);
  }
}
