import * as vscode from 'vscode';
import { TranslateError, type ServiceId } from '../core/errors';
import type { ProviderId } from '../core/providers/types';
import { enumArg, isScripted, optionsOf, providerArg, sourceArg, targetsArg, uriArg } from '../host/args';
import { withFix } from '../host/fixes';
import { CommandId } from '../host/ids';
import { settings, type MarkdownOutput } from '../host/settings';
import type { Command, CommandHost } from './registry';
import { pickLanguages } from './selectTargetLanguages';
import { fileProgress, localizeFiles, markdownRunner, type MarkdownRequest } from './markdown/run';
import { showSummary, summarize, type TranslateMarkdownResult } from './markdown/summary';

const SERVICE_OF: Partial<Record<ProviderId, ServiceId>> = { hive: 'hive', papago: 'papago', 'papago-smt': 'papagoSmt' };

/**
 * `hivePapago.translateMarkdownFile({uri?, uris?, to?, from?, provider?, output?, review?})`:
 * localizes Markdown files into sibling files (`README.ko.md`) or in place (one target, one undo
 * step, refused if the document changed while the translation ran). From the Explorer, every
 * selected file. With the source `auto`, each file's language is detected first; a provider that
 * cannot detect it (Hive, for Markdown) is told it, and the user is asked when it is unclear; a
 * target that is a file's own language is skipped with a note. One file's failure does not stop the others;
 * a summary names the outputs (with Open buttons), what needed care, and each failure.
 */
export const translateMarkdownFile: Command = {
  id: CommandId.translateMarkdownFile,
  async run(host, arg?: unknown, selected?: unknown): Promise<TranslateMarkdownResult | undefined> {
    const options = optionsOf(arg);
    const scripted = isScripted(arg) && options.interactive !== true;
    const uris = await markdownUris(arg, selected, options, scripted);
    if (uris.length === 0) return undefined;
    const request = await markdownRequest(uris, options, scripted, vscode.l10n.t('Translate the file into which languages?'));
    return request && translateMarkdown(host, request, options);
  },
};

/**
 * Reads the options of a Markdown command (`to`, `from`, `provider`, `output`, `review`) for
 * `uris`, the settings standing in for those not given; asks for the targets when a person runs
 * it without them (undefined when dismissed).
 */
export async function markdownRequest(uris: vscode.Uri[], options: Record<string, unknown>, scripted: boolean, question: string, forced?: { output: MarkdownOutput }): Promise<MarkdownRequest | undefined> {
  const scope = uris[0];
  const output = forced?.output ?? enumArg<MarkdownOutput>(options.output, 'output', ['sibling', 'inPlace']) ?? settings.markdownOutput(scope);
  const review = typeof options.review === 'boolean' ? options.review : settings.markdownReview(scope);
  const from = sourceArg(options.from) ?? settings.sourceLanguage(scope);
  let to = targetsArg(options.to);
  if (!to) {
    to = scripted ? settings.targetLanguages(scope) : await pickLanguages(settings.targetLanguages(scope), question);
    if (!to) return undefined;
  }
  if (output === 'inPlace' && to.length !== 1) {
    throw withFix(new TranslateError('input', vscode.l10n.t('Translating in place takes exactly one target language; {0} were given.', to.length)), {
      kind: 'openSettings',
      setting: 'hivePapago.markdown.output',
    });
  }
  return { uris, to, from, output, review, scripted, provider: providerArg(options.provider) };
}

/** How a caller names its files: `label` in the progress and summary (default: the file, or "n files"); `notes` on files it left out. */
export interface MarkdownPresentation {
  label?: string;
  notes?: string[];
}

/**
 * Localizes the files of a request under one progress, then logs, and shows the summary to a
 * person (a script gets the result). A single file whose every target failed throws its error.
 */
export async function translateMarkdown(host: CommandHost, request: MarkdownRequest, options: Record<string, unknown> = {}, { label, notes: before = [] }: MarkdownPresentation = {}): Promise<TranslateMarkdownResult> {
  const { services, operations } = host;
  const { uris, to: targets, output, review, scripted } = request;
  const scope = uris[0];
  const runner = await markdownRunner(services, request.provider, scope);
  const { providerId } = runner;
  const what = label ?? (uris.length === 1 ? vscode.workspace.asRelativePath(scope) : vscode.l10n.t('{0} files', uris.length));
  const outcome = await operations.run(vscode.l10n.t('Translating {0} into {1}', what, targets.join(', ')), (signal, progress) =>
    localizeFiles(host, runner, request, signal, fileProgress(progress, uris.length)),
  );
  outcome.notes.unshift(...before);
  const { reports, notes } = outcome;
  const result = summarize(outcome, `${what} → ${targets.join(', ')}`);
  services.logger.info(
    `translateMarkdownFile: ${uris.length} file(s) -> ${targets.join(',')} with ${providerId}: ${result.segments} segments, ${result.charsSent} chars sent, ${result.requests} requests, ${result.cacheHits} cache hits; ${result.files.map((file) => `${vscode.workspace.asRelativePath(file.uri)} [${file.to}] ${file.status}`).join(', ')}${notes.length > 0 ? `; ${notes.join(' ')}` : ''}`,
  );
  const failures = reports.filter((report) => report.status === 'failed');
  if (uris.length === 1 && failures.length > 0 && failures.length === reports.length) {
    const reason = failures[0].reason ?? 'server';
    throw new TranslateError(reason, failures[0].sentence ?? failures[0].error ?? '', { service: SERVICE_OF[providerId] });
  }
  if (!scripted) {
    const opened = output === 'sibling' && uris.length === 1 && result.outputs.length === 1 ? result.outputs[0].uri : undefined;
    if (opened) await vscode.window.showTextDocument(opened, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    const retry = failures.length > 0 ? { ...options, uris: [...new Set(failures.map((report) => report.file))], to: targets, from: request.from, provider: providerId, output, review, interactive: true } : undefined;
    // A failed retry has shown its own error already.
    void showSummary(host, result, failures.length > 0, opened, retry).then(undefined, () => undefined);
  }
  return result;
}

/** The files to translate: the Explorer's selection, the argument, the active Markdown editor, or a pick. */
async function markdownUris(arg: unknown, selected: unknown, options: Record<string, unknown>, scripted: boolean): Promise<vscode.Uri[]> {
  if (Array.isArray(selected) && selected.length > 0 && selected.every((item) => item instanceof vscode.Uri)) return checkFiles(selected as vscode.Uri[]);
  if (arg instanceof vscode.Uri) return checkFiles([arg]);
  if (Array.isArray(options.uris)) return checkFiles(options.uris.map((value, index) => uriArg(value, `uris[${index}]`)!));
  const given = uriArg(options.uri, 'uri');
  if (given) return checkFiles([given]);
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'markdown') return checkFiles([active.uri]);
  if (scripted) throw new TranslateError('input', vscode.l10n.t('Open a Markdown file or pass its uri.'));
  const picked = await vscode.window.showOpenDialog({ canSelectMany: true, filters: { Markdown: ['md', 'markdown'] } });
  return picked ? checkFiles(picked) : [];
}

function checkFiles(uris: vscode.Uri[]): vscode.Uri[] {
  const unsaved = uris.find((uri) => uri.scheme !== 'file');
  if (unsaved) throw new TranslateError('input', vscode.l10n.t('Save {0} as a file first: only files on disk can be localized.', vscode.workspace.asRelativePath(unsaved)));
  return uris;
}
