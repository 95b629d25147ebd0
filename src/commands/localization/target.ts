import * as vscode from 'vscode';
import { TranslateError } from '../../core/errors';
import type { LanguageCode } from '../../core/languages';
import { optionsOf, targetsArg, uriArg } from '../../host/args';
import { localizationOfItem, type LocalizationItem } from '../../host/views';
import type { CommandHost } from '../registry';
import { languageName } from '../../host/messages';
import { core } from '../../host/core';

/**
 * What a localization command is about: the tree item a menu passed (a language row, a source, a
 * directory, a workspace folder), a script's `{uri, to?}` (`to`: one language code), or from the
 * palette the Markdown file in the active editor (a translation stands for its source and language).
 */
export async function localizationArg(host: CommandHost, arg: unknown): Promise<LocalizationItem> {
  const item = localizationOfItem(arg);
  if (item) return item;
  if (arg instanceof vscode.Uri) return { uri: arg };
  if (arg === undefined) {
    const document = vscode.window.activeTextEditor?.document;
    if (document?.languageId === 'markdown' && document.uri.scheme === 'file') return (await sourceOfOutput(host, document.uri)) ?? { uri: document.uri };
  }
  const options = optionsOf(arg);
  const uri = uriArg(options.uri, 'uri');
  if (!uri) throw new TranslateError('input', vscode.l10n.t('Pass the source as "uri" (and its language as "to"), or run this from the Localization view.'));
  const to = targetsArg(options.to);
  if (to && to.length !== 1) throw new TranslateError('input', vscode.l10n.t('Pass one language as "to".'));
  return { uri, to: to?.[0] };
}

/** The source and language of a translation the index knows. */
async function sourceOfOutput(host: CommandHost, uri: vscode.Uri): Promise<LocalizationItem | undefined> {
  for (const folder of await host.localizations.folders()) {
    for (const source of folder.sources) {
      const target = source.targets.find((candidate) => candidate.output.toString() === uri.toString());
      if (target) return { uri: source.uri, to: target.to };
    }
  }
  return undefined;
}

/** Whether `file` is `uri` or below it (a directory or workspace folder). */
export function isAtOrBelow(file: vscode.Uri, uri: vscode.Uri): boolean {
  if (file.toString() === uri.toString()) return true;
  const base = uri.path.endsWith('/') ? uri.path : `${uri.path}/`;
  return file.scheme === uri.scheme && file.authority === uri.authority && file.path.startsWith(base);
}

/**
 * The language of a row that names none (a source row): the only one with an output, else a
 * pick among those (a script must pass `to`). Undefined when the pick is dismissed.
 */
export async function languageWithOutput(host: CommandHost, uri: vscode.Uri, scripted: boolean): Promise<LanguageCode | undefined> {
  const folders = await host.localizations.folders();
  const source = folders.flatMap((entry) => entry.sources).find((entry) => entry.uri.toString() === uri.toString());
  const existing = source?.targets.filter((target) => target.status.state !== 'missing') ?? [];
  if (existing.length === 0) throw new TranslateError('input', vscode.l10n.t('{0} has no translation yet.', vscode.workspace.asRelativePath(uri)));
  if (existing.length === 1) return existing[0].to;
  if (scripted) throw new TranslateError('input', vscode.l10n.t('Pass one language as "to".'));
  const picked = await vscode.window.showQuickPick(
    existing.map((target) => ({ label: languageName(target.to), description: vscode.workspace.asRelativePath(target.output), to: target.to })),
    { placeHolder: vscode.l10n.t('Which translation?') },
  );
  return picked?.to;
}

/** The sibling output of `source` for `to`, and whether it exists. */
export async function outputOf(source: vscode.Uri, to: LanguageCode): Promise<{ uri: vscode.Uri; exists: boolean }> {
  const { outputsOf } = core();
  const uri = vscode.Uri.file(outputsOf(source.fsPath, [to], { kind: 'sibling' })[0].path);
  const exists = await vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
  return { uri, exists };
}
