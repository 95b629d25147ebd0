import * as vscode from 'vscode';
import { cancelledError, type ServiceId } from '../core/errors';
import type { RetryEvent } from '../core/http/client';
import { noteElapsed } from './fixes';
import { ContextKey } from './ids';

type Work<T> = (signal: AbortSignal, progress: vscode.Progress<{ message?: string; increment?: number }>) => Promise<T>;

/**
 * Where an operation shows its progress: `window` (the status bar) for short work such as a
 * selection, `notification` for long jobs (files), with the stage, the retries and Cancel.
 */
export type ProgressPlace = 'window' | 'notification';

/** An operation as it was started and the messages its progress showed (the last 50), for the extension's test API. */
export interface OperationRecord {
  title: string;
  place: ProgressPlace;
  messages: string[];
}

const SERVICE_LABELS: Record<ServiceId, string> = { hive: 'Hive', papago: 'Papago', ncpIam: 'Papago', papagoSmt: 'Papago SMT' };

/**
 * Runs translations under a cancellable progress. The Cancel button (or the "Cancel Running
 * Translations" command) aborts the signal, which the core passes down to `fetch`: cancelling
 * really stops the requests and the polling. Retries show in the progress ("retrying in 4 s,
 * attempt 2 of 4"); a failure carries the time the operation really took (see `noteElapsed`).
 */
export class Operations implements vscode.Disposable {
  private readonly running = new Set<AbortController>();
  /** The last operations started, newest last (a few, for tests). */
  readonly started: OperationRecord[] = [];

  constructor(private readonly onRetry: (listener: (event: RetryEvent) => void) => vscode.Disposable) {}

  run<T>(title: string, work: Work<T>, place: ProgressPlace = 'notification'): Promise<T> {
    const record: OperationRecord = { title, place, messages: [] };
    this.started.push(record);
    if (this.started.length > 20) this.started.shift();
    const location = place === 'window' ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification;
    return Promise.resolve(
      vscode.window.withProgress({ location, title, cancellable: place === 'notification' }, async (shown, token) => {
        const progress: vscode.Progress<{ message?: string; increment?: number }> = {
          report(value) {
            if (value.message) record.messages.push(value.message);
            if (record.messages.length > 50) record.messages.shift();
            shown.report(value);
          },
        };
        const controller = new AbortController();
        const cancellation = token.onCancellationRequested(() => controller.abort(cancelledError()));
        const retries = this.onRetry((event) => progress.report({ message: retryMessage(event) }));
        const begun = Date.now();
        this.running.add(controller);
        void this.updateContext();
        try {
          return await work(controller.signal, progress);
        } catch (error) {
          noteElapsed(error, Date.now() - begun);
          throw error;
        } finally {
          cancellation.dispose();
          retries.dispose();
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

function retryMessage(event: RetryEvent): string {
  return vscode.l10n.t(
    '{0}: retrying in {1} s, attempt {2} of {3}',
    SERVICE_LABELS[event.service],
    Math.max(1, Math.ceil(event.delayMs / 1000)),
    event.attempt,
    event.maxAttempts,
  );
}

/** `1 min 5 s`, `12 s`, for messages. */
export function durationLabel(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? vscode.l10n.t('{0} min {1} s', minutes, seconds % 60) : vscode.l10n.t('{0} s', seconds);
}
