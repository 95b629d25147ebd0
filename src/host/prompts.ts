import * as vscode from 'vscode';

export type PromptKind = 'error' | 'warning' | 'info';

/** Answers a prompt instead of the user: the button's label, or undefined for none. */
export type PromptResponder = (kind: PromptKind, message: string, buttons: readonly string[]) => string | undefined | Thenable<string | undefined>;

/**
 * Non-modal messages with buttons (errors with their fixes, run summaries). Integration tests
 * answer them through `answerWith` (the extension's test API), so that what a button does runs
 * exactly as when a person clicks it.
 */
export class Prompts {
  private responder: PromptResponder | undefined;

  show(kind: PromptKind, message: string, ...buttons: string[]): Thenable<string | undefined> {
    if (this.responder) return Promise.resolve(this.responder(kind, message, buttons));
    if (kind === 'error') return vscode.window.showErrorMessage(message, ...buttons);
    if (kind === 'warning') return vscode.window.showWarningMessage(message, ...buttons);
    return vscode.window.showInformationMessage(message, ...buttons);
  }

  /** Answers every prompt with `responder` from now on; undefined shows them again. */
  answerWith(responder: PromptResponder | undefined): void {
    this.responder = responder;
  }
}
