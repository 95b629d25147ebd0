import * as vscode from 'vscode';
import { Disposable } from '../host/dispose';
import { ContextKey } from '../host/ids';
import type { PreviewStore, ReviewRequest } from '../host/views';

export const PREVIEW_SCHEME = 'hive-papago-preview';

interface Review {
  /** The right side (the proposal) and, for a new file, the empty left side. */
  sides: vscode.Uri[];
  settle(apply: boolean): void;
}

/**
 * Read-only documents holding proposed translations, and their review: a diff editor whose
 * title bar carries Apply and Discard (the `hivePapago.applyReview` and `discardReview`
 * commands, shown for this scheme). Closing the diff discards; the diff closes after either.
 * Nothing modal covers the diff, so it can be scrolled while the user decides.
 */
export class PreviewDocuments extends Disposable implements vscode.TextDocumentContentProvider, PreviewStore {
  private readonly contents = new Map<string, string>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private counter = 0;
  /** Open reviews, by the string of each of their preview sides. */
  private readonly reviews = new Map<string, Review>();

  constructor() {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this));
    this.register(
      vscode.window.tabGroups.onDidChangeTabs((event) => {
        for (const tab of event.closed) {
          const input = tab.input;
          if (input instanceof vscode.TabInputTextDiff) this.reviews.get(input.modified.toString())?.settle(false);
        }
      }),
    );
  }

  /** A new preview URI whose path ends like `original` (so the language and icon match). */
  add(original: vscode.Uri, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: original.path, query: String(++this.counter) });
    this.contents.set(uri.toString(), content);
    return uri;
  }

  remove(uri: vscode.Uri): void {
    this.contents.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  async review(request: ReviewRequest): Promise<boolean> {
    if (request.signal?.aborted) return false;
    const right = this.add(request.original, request.proposed);
    const left = request.exists ? request.original : this.add(request.original, '');
    const sides = request.exists ? [right] : [right, left];
    let settle: (apply: boolean) => void = () => undefined;
    const decided = new Promise<boolean>((resolve) => {
      settle = resolve;
    });
    const review: Review = { sides, settle: (apply) => settle(apply) };
    for (const side of sides) this.reviews.set(side.toString(), review);
    const onAbort = (): void => review.settle(false);
    request.signal?.addEventListener('abort', onAbort, { once: true });
    await this.updateContext();
    try {
      // Not a preview tab: opening another file must not replace (and so discard) the review.
      await vscode.commands.executeCommand('vscode.diff', left, right, request.title, { preview: false });
      return await decided;
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
      for (const side of sides) this.reviews.delete(side.toString());
      await this.closeDiff(right);
      for (const side of sides) this.remove(side);
      await this.updateContext();
    }
  }

  settle(uri: vscode.Uri | undefined, apply: boolean): boolean {
    const review = (uri && this.reviews.get(uri.toString())) ?? this.activeReview() ?? this.onlyReview();
    review?.settle(apply);
    return review !== undefined;
  }

  private activeReview(): Review | undefined {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    return input instanceof vscode.TabInputTextDiff ? this.reviews.get(input.modified.toString()) : undefined;
  }

  private onlyReview(): Review | undefined {
    const distinct = new Set(this.reviews.values());
    return distinct.size === 1 ? [...distinct][0] : undefined;
  }

  private async closeDiff(right: vscode.Uri): Promise<void> {
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === right.toString());
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
  }

  private updateContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', ContextKey.reviewing, this.reviews.size > 0);
  }
}
