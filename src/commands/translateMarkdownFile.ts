import * as vscode from 'vscode';
import { TranslateError } from '../core/errors';
import type { LanguageCode } from '../core/languages';
import type { FileAccess, FileReport, LocalizeRun, RunResult } from '../core/localize';
import type { JobState } from '../core/providers/types';
import { CommandId } from '../host/ids';
import { enumArg, isScripted, optionsOf, providerArg, sourceArg, targetsArg, uriArg } from '../host/args';
import { settings, type MarkdownOutput } from '../host/settings';
import type { Services } from '../host/services';
import type { Command, CommandHost } from './registry';
import { pickLanguages } from './selectTargetLanguages';

export interface TranslateMarkdownResult {
  outputs: { to: LanguageCode; uri: vscode.Uri }[];
  /** Every file and target: `written`, `unchanged`, `failed` (with `error`) or `skipped` (declined in review). */
  files: { uri: vscode.Uri; to: LanguageCode; output: vscode.Uri; status: FileReport['status']; error?: string; degraded: number[]; untranslated: number[] }[];
  segments: number;
  charsSent: number;
  requests: number;
  cacheHits: number;
}

/**
 * `hivePapago.translateMarkdownFile({uri?, uris?, to?, from?, provider?, output?, review?})`:
 * localizes Markdown files into sibling files (`README.ko.md`) or in place (one target, one undo
 * step, refused if the document changed while the translation ran). From the Explorer, every
 * selected file. One file's failure does not stop the others; a summary names each failure.
 */
export const translateMarkdownFile: Command = {
  id: CommandId.translateMarkdownFile,
  async run(host, arg?: unknown, selected?: unknown): Promise<TranslateMarkdownResult | undefined> {
    const { services, operations } = host;
    const options = optionsOf(arg);
    const scripted = isScripted(arg);
    const uris = await markdownUris(arg, selected, options, scripted);
    if (uris.length === 0) return undefined;
    const scope = uris[0];

    const output = enumArg<MarkdownOutput>(options.output, 'output', ['sibling', 'inPlace']) ?? settings.markdownOutput(scope);
    const review = typeof options.review === 'boolean' ? options.review : settings.markdownReview(scope);
    const from = sourceArg(options.from) ?? settings.sourceLanguage(scope);
    let to = targetsArg(options.to);
    if (!to) {
      to = scripted ? settings.targetLanguages(scope) : await pickLanguages(settings.targetLanguages(scope), vscode.l10n.t('Translate the file into which languages?'));
      if (!to) return undefined;
    }
    if (output === 'inPlace' && to.length !== 1) {
      throw new TranslateError('input', vscode.l10n.t('Translating in place takes exactly one target language; {0} were given.', to.length));
    }

    const { id: providerId, provider } = await services.provider('markdown', providerArg(options.provider), scope);
    const localize = await import('../core/localize/index.js');
    const memory = settings.translationMemory(scope) ? await openMemory(services) : undefined;
    const targets = to;
    const label = uris.length === 1 ? vscode.workspace.asRelativePath(scope) : vscode.l10n.t('{0} files', uris.length);

    const outcome = await operations.run(vscode.l10n.t('Translating {0} into {1}', label, targets.join(', ')), async (signal, progress) => {
      const run: LocalizeRun = {
        files: uris.map((uri) => uri.fsPath),
        provider,
        from,
        to: targets,
        output: output === 'inPlace' ? { kind: 'inPlace' } : { kind: 'sibling' },
        access: editorAccess(host, review, output === 'inPlace'),
        memory: memory?.memory,
        protectedFiles: memory ? [memory.path] : [],
        glossaryKey:
          providerId === 'papago' && from !== 'auto' ? (target: LanguageCode) => services.glossaryChoices.get(from, target)?.key : undefined,
        concurrency: settings.concurrency(),
        frontMatterFields: settings.frontMatterFields(scope),
        signal,
        state: await openState(scope, output === 'inPlace'),
        onJobState: (state: JobState) => progress.report({ message: jobStateLabel(state) }),
        onProgress: (done: number, total: number) => progress.report({ message: vscode.l10n.t('{0} of {1} segments', done, total) }),
      };
      return localize.runLocalization(run);
    });

    const result = summarize(outcome);
    services.logger.info(
      `translateMarkdownFile: ${uris.length} file(s) -> ${targets.join(',')} with ${providerId}: ${result.segments} segments, ${result.charsSent} chars sent, ${result.requests} requests, ${result.cacheHits} cache hits; ${result.files.map((file) => `${vscode.workspace.asRelativePath(file.uri)} [${file.to}] ${file.status}`).join(', ')}`,
    );
    const failures = result.files.filter((file) => file.status === 'failed');
    if (uris.length === 1 && failures.length > 0 && failures.length === result.files.length) {
      throw new TranslateError(outcome.files.find((report) => report.status === 'failed')?.reason ?? 'server', failures[0].error ?? '');
    }
    if (failures.length > 0 && !scripted) {
      const lines = failures.map((file) => `${vscode.workspace.asRelativePath(file.uri)} [${file.to}]: ${file.error ?? ''}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} of {1} translations failed: {2}', failures.length, result.files.length, lines.join(' · ')));
    }
    if (output === 'sibling' && result.outputs.length > 0 && !scripted && uris.length === 1) {
      await vscode.window.showTextDocument(result.outputs[0].uri, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
    return result;
  },
};

/** The localization state of the workspace folder holding `uri` (none in place, or outside any folder). */
async function openState(uri: vscode.Uri, inPlace: boolean) {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (inPlace || !folder || folder.uri.scheme !== 'file') return undefined;
  const { LocalizationState, STATE_FILE } = await import('../core/localize/index.js');
  return LocalizationState.open(vscode.Uri.joinPath(folder.uri, STATE_FILE).fsPath);
}

function summarize(result: RunResult): TranslateMarkdownResult {
  const reports = result.files;
  const files = reports.map((report) => ({
    uri: vscode.Uri.file(report.file),
    to: report.to,
    output: vscode.Uri.file(report.output),
    status: report.status,
    error: report.error,
    degraded: report.degraded,
    untranslated: report.untranslated,
  }));
  // Units and memory hits are per source file (every target of a file shares them): count each file once.
  const perFile = new Map(reports.map((report) => [report.file, report]));
  const sum = (field: 'segments' | 'cacheHits'): number => [...perFile.values()].reduce((total, report) => total + report[field], 0);
  return {
    outputs: files.filter((file) => file.status === 'written' || file.status === 'unchanged').map((file) => ({ to: file.to, uri: file.output })),
    files,
    segments: sum('segments'),
    charsSent: result.charsSent,
    requests: result.requests,
    cacheHits: sum('cacheHits'),
  };
}

function jobStateLabel(state: JobState): string {
  switch (state) {
    case 'submitting':
      return vscode.l10n.t('submitting the document…');
    case 'waiting':
      return vscode.l10n.t('waiting in the Hive queue…');
    case 'processing':
      return vscode.l10n.t('Hive is translating…');
    case 'completed':
      return vscode.l10n.t('completed');
    case 'failed':
      return vscode.l10n.t('failed');
  }
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

async function openMemory(services: Services) {
  await vscode.workspace.fs.createDirectory(services.globalStorageUri);
  const { FileTranslationMemory } = await import('../core/markdown/memory.js');
  const path = vscode.Uri.joinPath(services.globalStorageUri, 'translation-memory.json').fsPath;
  return { path, memory: await FileTranslationMemory.open(path, services.logger) };
}

function openDocument(file: string): vscode.TextDocument | undefined {
  const uri = vscode.Uri.file(file).toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri);
}

/**
 * Files as the editor sees them: an open document's text, unsaved edits included (files that
 * are not open are checked strictly first: UTF-8, not binary). In place, the source is replaced
 * as one undoable edit, only if the document did not change since it was read; sibling outputs
 * are written to disk whole, or as an undoable edit when open with unsaved changes. Each after
 * an optional review.
 */
function editorAccess(host: CommandHost, review: boolean, inPlace: boolean): FileAccess {
  const versions = new Map<string, number>();
  return {
    async read(file) {
      let document = openDocument(file);
      if (!document) {
        const { readMarkdownFile } = await import('../core/markdown/files.js');
        const text = await readMarkdownFile(file);
        if (!inPlace) return text;
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
      if (inPlace && open && read !== undefined) return applyInPlace(host, open, read, text, review);
      return writeSibling(host, vscode.Uri.file(file), text, review);
    },
  };
}

/** Optionally shows a diff and asks; true when the user applies (always true without review). */
async function confirmByDiff(host: CommandHost, left: vscode.Uri, proposed: string, title: string): Promise<boolean> {
  const preview = host.previews.add(left, proposed);
  try {
    await vscode.commands.executeCommand('vscode.diff', left, preview, title, { preview: true });
    const apply = vscode.l10n.t('Apply');
    const answer = await vscode.window.showInformationMessage(title, { modal: true }, apply, vscode.l10n.t('Discard'));
    return answer === apply;
  } finally {
    host.previews.remove(preview);
  }
}

/** Replaces the whole document in one WorkspaceEdit (one undo step), unless the user edited it meanwhile. */
async function applyInPlace(host: CommandHost, document: vscode.TextDocument, version: number, text: string, review: boolean): Promise<boolean> {
  if (document.version !== version) {
    const show = vscode.l10n.t('Open Translation');
    const message = vscode.l10n.t('{0} was edited while the translation ran; it was not replaced, so your edits are kept.', vscode.workspace.asRelativePath(document.uri));
    void vscode.window.showWarningMessage(message, show).then(async (choice) => {
      if (choice === show) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: text, language: 'markdown' }));
    });
    throw new TranslateError('input', message);
  }
  if (review && !(await confirmByDiff(host, document.uri, text, vscode.l10n.t('Review translation of {0}', vscode.workspace.asRelativePath(document.uri))))) return false;
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
async function writeSibling(host: CommandHost, target: vscode.Uri, text: string, review: boolean): Promise<boolean> {
  if (review) {
    const exists = await vscode.workspace.fs.stat(target).then(() => true, () => false);
    const left = exists ? target : host.previews.add(target, '');
    const title = vscode.l10n.t('Review {0}', vscode.workspace.asRelativePath(target));
    if (!(await confirmByDiff(host, left, text, title))) return false;
  }
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  if (open?.isDirty) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(target, new vscode.Range(open.positionAt(0), open.positionAt(open.getText().length)), text);
    await vscode.workspace.applyEdit(edit);
    void vscode.window.showWarningMessage(
      vscode.l10n.t('{0} had unsaved changes: the translation was applied as an edit you can undo, and not saved.', vscode.workspace.asRelativePath(target)),
    );
    return true;
  }
  const { writeFileAtomic } = await import('../core/files.js');
  await writeFileAtomic(target.fsPath, text);
  return true;
}
