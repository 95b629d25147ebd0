import * as vscode from 'vscode';
import { isCancellation, TranslateError, userMessage } from '../core/errors';
import { isScripted } from '../host/args';
import { CommandId } from '../host/ids';
import type { Operations } from '../host/progress';
import type { Services } from '../host/services';
import type { GlossaryList, PreviewStore, ShownTranslations, StatusDisplay } from '../host/views';

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
}

/** One command: its id beside its code. */
export interface Command {
  readonly id: string;
  run(host: CommandHost, ...args: unknown[]): unknown;
}

/**
 * Registers every command with one error policy: the user sees one clear sentence (with a way to
 * fix missing or rejected credentials), the log gets the detail, and a caller that passed an
 * options object (a script, a test) gets a rejection with the same sentence.
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
            void showError(error, message);
          }
          if (isScripted(args[0])) throw new Error(message);
          return undefined;
        }
      }),
    ),
  );
}

async function showError(error: unknown, message: string): Promise<void> {
  const fixable = error instanceof TranslateError && (error.reason === 'auth' || error.reason === 'config') && error.service;
  const setCredentials = vscode.l10n.t('Set Credentials');
  const showLog = vscode.l10n.t('Show Log');
  const choice = await vscode.window.showErrorMessage(message, ...(fixable ? [setCredentials] : []), showLog);
  if (choice === setCredentials && error instanceof TranslateError) {
    await vscode.commands.executeCommand(CommandId.setCredentials, { service: error.service });
  } else if (choice === showLog) {
    await vscode.commands.executeCommand(CommandId.showLog);
  }
}
