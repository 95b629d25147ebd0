import * as vscode from 'vscode';
import { cancelledError } from '../core/errors';
import { ContextKey } from './ids';

type Work<T> = (signal: AbortSignal, progress: vscode.Progress<{ message?: string; increment?: number }>) => Promise<T>;

/**
 * Runs translations under a cancellable progress notification. The Cancel button (or the
 * "Cancel Running Translations" command) aborts the signal, which the core passes down to
 * `fetch`: cancelling really stops the requests and the polling.
 */
export class Operations implements vscode.Disposable {
  private readonly running = new Set<AbortController>();

  run<T>(title: string, work: Work<T>): Promise<T> {
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort(cancelledError()));
        this.running.add(controller);
        void this.updateContext();
        try {
          return await work(controller.signal, progress);
        } finally {
          subscription.dispose();
          this.running.delete(controller);
          void this.updateContext();
        }
      }),
    );
  }

  /** Aborts every running translation; returns how many there were. */
  cancelAll(): number {
    const count = this.running.size;
    for (const controller of this.running) controller.abort(cancelledError());
    return count;
  }

  private updateContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', ContextKey.busy, this.running.size > 0);
  }

  dispose(): void {
    this.cancelAll();
  }
}
