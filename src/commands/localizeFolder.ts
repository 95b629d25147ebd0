import * as vscode from 'vscode';
import { TranslateError } from '../core/errors';
import { isScripted, optionsOf, uriArg } from '../host/args';
import { CommandId } from '../host/ids';
import { describeError } from '../host/messages';
import type { Command } from './registry';
import type { TranslateMarkdownResult } from './markdown/summary';
import { markdownRequest, translateMarkdown } from './translateMarkdownFile';
import { core } from '../host/core';

/**
 * `hivePapago.localizeFolder({uri? | uris?, to?, from?, provider?})`: localizes every Markdown
 * file below the folders (the Explorer's selection, the argument, or a folder picked) into
 * sibling files, as Translate Markdown File does for files (one run per workspace folder with its
 * state file, the summary, the same result). Folders are read as the CLI reads them: no
 * `node_modules`, `.git`, ignored files or existing outputs. A file that cannot be read as
 * UTF-8 Markdown is left out with a note instead of stopping the others.
 */
export const localizeFolder: Command = {
  id: CommandId.localizeFolder,
  async run(host, arg?: unknown, selected?: unknown): Promise<TranslateMarkdownResult | undefined> {
    const options = optionsOf(arg);
    const scripted = isScripted(arg) && options.interactive !== true;
    const folders = await folderUris(arg, selected, options, scripted);
    if (folders.length === 0) return undefined;
    const { expandInputs } = core();
    const found = new Map<string, vscode.Uri>();
    for (const folder of folders) {
      for (const file of await expandInputs([folder.fsPath], { cwd: folder.fsPath })) found.set(file, vscode.Uri.file(file));
    }
    const { readable, notes } = await readableSources([...found.values()]);
    if (readable.length === 0) throw new TranslateError('input', notes.join(' '));
    const request = await markdownRequest(readable, options, scripted, vscode.l10n.t('Localize the folder into which languages?'), { output: 'sibling' });
    if (!request) return undefined;
    const label =
      folders.length === 1
        ? vscode.l10n.t('{0} ({1} files)', vscode.workspace.asRelativePath(folders[0]), readable.length)
        : vscode.l10n.t('{0} folders ({1} files)', folders.length, readable.length);
    const result = await translateMarkdown(host, request, options, { label, notes });
    host.localizations.invalidate();
    return result;
  },
};

/** The folders: the Explorer's selection, the argument (`uri`, `uris`), or a pick (a person only). */
async function folderUris(arg: unknown, selected: unknown, options: Record<string, unknown>, scripted: boolean): Promise<vscode.Uri[]> {
  let uris: vscode.Uri[] | undefined;
  if (Array.isArray(selected) && selected.length > 0 && selected.every((item) => item instanceof vscode.Uri)) uris = selected as vscode.Uri[];
  else if (arg instanceof vscode.Uri) uris = [arg];
  else if (Array.isArray(options.uris)) uris = options.uris.map((value, index) => uriArg(value, `uris[${index}]`)!);
  else if (options.uri !== undefined) uris = [uriArg(options.uri, 'uri')!];
  if (!uris) {
    if (scripted) throw new TranslateError('input', vscode.l10n.t('Pass the folder to localize as "uri" (or several as "uris").'));
    uris = await vscode.window.showOpenDialog({
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: true,
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      openLabel: vscode.l10n.t('Localize'),
      title: vscode.l10n.t('Localize which folders?'),
    });
    if (!uris) return [];
  }
  const virtual = uris.find((uri) => uri.scheme !== 'file');
  if (virtual) throw new TranslateError('input', vscode.l10n.t('{0} is not on disk: only folders on disk can be localized.', vscode.workspace.asRelativePath(virtual)));
  return uris;
}

/** The sources that read as UTF-8 Markdown, and a note for each that does not. */
export async function readableSources(uris: readonly vscode.Uri[]): Promise<{ readable: vscode.Uri[]; notes: string[] }> {
  const { decodeMarkdownBytes } = core();
  const readable: vscode.Uri[] = [];
  const notes: string[] = [];
  for (const uri of uris) {
    try {
      decodeMarkdownBytes(await vscode.workspace.fs.readFile(uri), vscode.workspace.asRelativePath(uri));
      readable.push(uri);
    } catch (error) {
      notes.push(vscode.l10n.t('Left out: {0}', describeError(error)));
    }
  }
  return { readable, notes };
}
