import * as vscode from 'vscode';
import { Disposable } from '../host/dispose';
import type { PreviewStore } from '../host/views';

export const PREVIEW_SCHEME = 'hive-papago-preview';

/** Read-only documents holding proposed translations, for the diff review before applying. */
export class PreviewDocuments extends Disposable implements vscode.TextDocumentContentProvider, PreviewStore {
  private readonly contents = new Map<string, string>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private counter = 0;

  constructor() {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this));
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
}
