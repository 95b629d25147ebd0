import * as vscode from 'vscode';
import { Disposable } from '../host/dispose';
import type { ChangeMarkKind, ChangeMarks } from '../host/views';

/**
 * Show Source Changes' marks: whole-line backgrounds and overview-ruler marks in the colours of
 * the editor's own change gutter (changed, added, removed), a warning sign after conflicts, and
 * the diff editor's "removed" colour on the translation's lines (text written for the old
 * source). Each mark's hover says what it is. Marks stay until their document is edited.
 */
export class SourceChangeMarks extends Disposable implements ChangeMarks {
  private readonly types: Record<ChangeMarkKind, vscode.TextEditorDecorationType>;
  private readonly marked = new Map<string, vscode.TextEditor[]>();

  constructor() {
    super();
    const type = (background: string | undefined, ruler: string, extra: vscode.DecorationRenderOptions = {}) =>
      this.register(
        vscode.window.createTextEditorDecorationType({
          isWholeLine: true,
          backgroundColor: background ? new vscode.ThemeColor(background) : undefined,
          overviewRulerColor: new vscode.ThemeColor(ruler),
          overviewRulerLane: vscode.OverviewRulerLane.Left,
          ...extra,
        }),
      );
    this.types = {
      changed: type('diffEditor.insertedLineBackground', 'editorOverviewRuler.modifiedForeground'),
      added: type('diffEditor.insertedLineBackground', 'editorOverviewRuler.addedForeground'),
      removed: type(undefined, 'editorOverviewRuler.deletedForeground', {
        borderStyle: 'solid',
        borderWidth: '2px 0 0 0',
        borderColor: new vscode.ThemeColor('editorGutter.deletedBackground'),
      }),
      conflict: type('diffEditor.insertedLineBackground', 'editorOverviewRuler.warningForeground', {
        after: { contentText: ' ⚠', color: new vscode.ThemeColor('editorWarning.foreground') },
      }),
      translation: type('diffEditor.removedLineBackground', 'editorOverviewRuler.modifiedForeground'),
    };
    this.register(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.clear(event.document.uri);
      }),
    );
  }

  show(editor: vscode.TextEditor, marks: readonly { range: vscode.Range; kind: ChangeMarkKind; hover?: string }[]): void {
    for (const [kind, type] of Object.entries(this.types) as [ChangeMarkKind, vscode.TextEditorDecorationType][]) {
      editor.setDecorations(
        type,
        marks.filter((mark) => mark.kind === kind).map((mark) => ({ range: mark.range, hoverMessage: mark.hover })),
      );
    }
    const key = editor.document.uri.toString();
    this.marked.set(key, [...(this.marked.get(key) ?? []).filter((known) => known !== editor), editor]);
  }

  private clear(uri: vscode.Uri): void {
    const editors = this.marked.get(uri.toString());
    if (!editors) return;
    this.marked.delete(uri.toString());
    for (const editor of editors) for (const type of Object.values(this.types)) editor.setDecorations(type, []);
  }
}
