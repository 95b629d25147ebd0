import * as vscode from 'vscode';
import { RedactingLogger } from '../core/runtime';

/** The one log of the extension: a `LogOutputChannel` behind a logger that redacts every stored secret. */
export function createLogger(channel: vscode.LogOutputChannel): RedactingLogger {
  return new RedactingLogger({
    trace: (message) => channel.trace(message),
    debug: (message) => channel.debug(message),
    info: (message) => channel.info(message),
    warn: (message) => channel.warn(message),
    error: (message) => channel.error(message),
  });
}
