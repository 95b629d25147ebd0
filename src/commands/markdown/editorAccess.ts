// The core's file access as the editor sees it: open documents read with their unsaved edits,
// outputs written as undoable edits or whole files, never over an edit made meanwhile.
import * as vscode from 'vscode';
import { TranslateError } from '../../core/errors';
import type { FileAccess } from '../../core/localize';
import { core } from '../../host/core';
import type { CommandHost } from '../registry';

export function openDocument(file: string): vscode.TextDocument | undefined {
  const uri = vscode.Uri.file(file).toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri);
}

export interface AccessOptions {
  review: boolean;
  inPlace: boolean;
  signal: AbortSignal;
  /** Reports a stage of the work on the progress (the file, the message). */
  stage: (file: string | undefined, message: string) => void;
}

/**
 * Files as the editor sees them: an open document's text, unsaved edits included (files that
 * are not open are checked strictly first: UTF-8, not binary). In place, the source is replaced
 * as one undoable edit, only if the document did not change since it was read; sibling outputs
 * are written to disk whole, or as an undoable edit when open with unsaved changes. Each after
 * an optional review in a diff editor (Apply or Discard in its title bar).
 */
export function editorAccess(host: CommandHost, options: AccessOptions): FileAccess {
  const versions = new Map<string, number>();
  return {
    async read(file) {
      let document = openDocument(file);
      if (!document) {
        const text = await core().readMarkdownFile(file);
        if (!options.inPlace) return text;
        document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      }
      versions.set(file, document.version);
      return document.getText();
    },
    async current(file) {
      const open = openDocument(file);
      if (open) return open.getText();
      return vscode.workspace.fs.readFile(vscode.Uri.file(file)).then(
        (bytes) => new TextDecoder().decode(bytes),
        () => undefined,
      );
    },
    async write(file, text) {
      const open = openDocument(file);
      const read = versions.get(file);
      if (options.inPlace && open && read !== undefined) return applyInPlace(host, open, read, text, options);
      return writeSibling(host, vscode.Uri.file(file), text, options);
    },
  };
}

/** Shows the proposal in a diff with Apply and Discard; true when the user applies (always true without review). */
async function confirmByDiff(host: CommandHost, target: vscode.Uri, exists: boolean, proposed: string, title: string, options: AccessOptions): Promise<boolean> {
  if (!options.review) return true;
  options.stage(undefined, vscode.l10n.t('review {0}: Apply or Discard in the title bar of the diff', vscode.workspace.asRelativePath(target)));
  return host.previews.review({ original: target, exists, proposed, title, signal: options.signal });
}

/** Replaces the whole document in one WorkspaceEdit (one undo step), unless the user edited it meanwhile. */
async function applyInPlace(host: CommandHost, document: vscode.TextDocument, version: number, text: string, options: AccessOptions): Promise<boolean> {
  if (document.version !== version) {
    const show = vscode.l10n.t('Open Translation');
    const message = vscode.l10n.t('{0} was edited while the translation ran; it was not replaced, so your edits are kept.', vscode.workspace.asRelativePath(document.uri));
    void host.prompts.show('warning', message, show).then(async (choice) => {
      if (choice === show) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: text, language: 'markdown' }));
    });
    throw new TranslateError('input', message);
  }
  if (!(await confirmByDiff(host, document.uri, true, text, vscode.l10n.t('Review translation of {0}', vscode.workspace.asRelativePath(document.uri)), options))) return false;
  if (document.version !== version) throw new TranslateError('input', vscode.l10n.t('The document changed during the review; nothing was replaced.'));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  const applied = await vscode.workspace.applyEdit(edit);
  if (!applied) throw new TranslateError('input', vscode.l10n.t('The editor refused the edit; nothing was changed.'));
  return true;
}

/**
 * Writes a sibling file whole. A sibling open with unsaved edits is never overwritten: the
 * translation goes into it as one undoable edit instead, left unsaved for the user to review.
 */
async function writeSibling(host: CommandHost, target: vscode.Uri, text: string, options: AccessOptions): Promise<boolean> {
  if (options.review) {
    const exists = await vscode.workspace.fs.stat(target).then(() => true, () => false);
    if (!(await confirmByDiff(host, target, exists, text, vscode.l10n.t('Review {0}', vscode.workspace.asRelativePath(target)), options))) return false;
  }
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  if (open?.isDirty) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(target, new vscode.Range(open.positionAt(0), open.positionAt(open.getText().length)), text);
    await vscode.workspace.applyEdit(edit);
    void host.prompts.show(
      'warning',
      vscode.l10n.t('{0} had unsaved changes: the translation was applied as an edit you can undo, and not saved.', vscode.workspace.asRelativePath(target)),
    );
    return true;
  }
  const { writeFileAtomic } = core();
  await writeFileAtomic(target.fsPath, text);
  return true;
}
