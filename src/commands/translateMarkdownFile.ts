import * as vscode from 'vscode';
import { TranslateError } from '../core/errors';
import type { LanguageCode } from '../core/languages';
import { createProvider, routeProvider } from '../core/providers/registry';
import type { JobState } from '../core/providers/types';
import { enumArg, isScripted, optionsOf, providerArg, sourceArg, targetsArg, uriArg } from '../host/args';
import { settings, type MarkdownOutput } from '../host/settings';
import type { Services } from '../host/services';
import type { Command, CommandHost } from './registry';
import { pickLanguages } from './selectTargetLanguages';

export interface TranslateMarkdownResult {
  outputs: { to: LanguageCode; uri: vscode.Uri }[];
  segments: number;
  charsSent: number;
  requests: number;
  cacheHits: number;
}

/**
 * `hivePapago.translateMarkdownFile({uri?, to?, from?, provider?, output?, review?})`: localizes a
 * Markdown file into sibling files (`README.ko.md`) or in place (one target, one undo step,
 * refused if the document changed while the translation ran).
 */
export const translateMarkdownFile: Command = {
  id: 'hivePapago.translateMarkdownFile',
  async run(host, arg?: unknown): Promise<TranslateMarkdownResult | undefined> {
    const { services, operations } = host;
    const options = optionsOf(arg);
    const scripted = isScripted(arg);
    const uri = (arg instanceof vscode.Uri ? arg : uriArg(options.uri, 'uri')) ?? (await pickMarkdownFile(scripted));
    if (!uri) return undefined;

    const document = await openMarkdown(uri);
    const source = document.getText();
    const version = document.version;
    const output = enumArg<MarkdownOutput>(options.output, 'output', ['sibling', 'inPlace']) ?? settings.markdownOutput(uri);
    const review = typeof options.review === 'boolean' ? options.review : settings.markdownReview(uri);
    const from = sourceArg(options.from) ?? settings.sourceLanguage(uri);
    let to = targetsArg(options.to);
    if (!to) {
      to = scripted ? settings.targetLanguages(uri) : await pickLanguages(settings.targetLanguages(uri), vscode.l10n.t('Translate the file into which languages?'));
      if (!to) return undefined;
    }
    if (output === 'inPlace' && to.length !== 1) {
      throw new TranslateError('input', vscode.l10n.t('Translating in place takes exactly one target language; {0} were given.', to.length));
    }

    const context = await services.providerContext();
    const providerId = routeProvider('markdown', providerArg(options.provider) ?? settings.provider('markdown', uri), context.credentials);
    const provider = createProvider(providerId, context);
    const engine = await import('../core/markdown/index.js');
    const memory = settings.translationMemory(uri) ? await openMemory(services, engine) : undefined;
    const targets = to;
    const outputUris = new Map<LanguageCode, vscode.Uri>(
      targets.map((lang) => [lang, output === 'inPlace' ? uri : uri.with({ path: engine.outputPathFor(uri.path, lang) })]),
    );

    const result = await operations.run(
      vscode.l10n.t('Translating {0} into {1}', vscode.workspace.asRelativePath(uri), targets.join(', ')),
      async (signal, progress) => {
        const onJobState = (state: JobState) => progress.report({ message: jobStateLabel(state) });
        return engine.localizeMarkdown(source, {
          provider,
          from,
          to: targets,
          glossaryKey: providerId === 'papago' && from !== 'auto' && targets.length === 1 ? services.glossaryChoices.get(from, targets[0])?.key : undefined,
          concurrency: settings.concurrency(),
          memory,
          signal,
          onJobState,
          onProgress: (done: number, total: number) => progress.report({ message: vscode.l10n.t('{0} of {1} segments', done, total) }),
          frontMatterFields: settings.frontMatterFields(uri),
          sourcePath: uri.path,
          outputPathFor: (lang: LanguageCode) => (outputUris.get(lang) ?? uri).path,
        });
      },
    );
    await memory?.flush();
    services.logger.info(
      `translateMarkdownFile: ${vscode.workspace.asRelativePath(uri)} -> ${targets.join(',')} with ${providerId}: ${result.segments} segments, ${result.charsSent} chars sent, ${result.requests} requests, ${result.cacheHits} cache hits`,
    );

    const outputs: TranslateMarkdownResult['outputs'] = [];
    for (const translated of result.outputs) {
      const target = outputUris.get(translated.to) ?? uri;
      const applied =
        output === 'inPlace'
          ? await applyInPlace(host, document, version, translated.text, review)
          : await writeSibling(host, target, translated.text, review);
      if (applied) outputs.push({ to: translated.to, uri: target });
    }
    if (output === 'sibling' && outputs.length > 0 && !scripted) {
      await vscode.window.showTextDocument(outputs[0].uri, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
    return { outputs, segments: result.segments, charsSent: result.charsSent, requests: result.requests, cacheHits: result.cacheHits };
  },
};

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

async function pickMarkdownFile(scripted: boolean): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'markdown') return active.uri;
  if (scripted) throw new TranslateError('input', vscode.l10n.t('Open a Markdown file or pass its uri.'));
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Markdown: ['md', 'markdown'] } });
  return picked?.[0];
}

/**
 * Opens the file as a document. Files on disk are checked first: binary or non-UTF-8 content is
 * refused with a clear error rather than translated as garbage.
 */
async function openMarkdown(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open;
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch {
    throw new TranslateError('input', vscode.l10n.t('The file {0} cannot be read.', vscode.workspace.asRelativePath(uri)));
  }
  const { decodeMarkdownBytes } = await import('../core/markdown/index.js');
  decodeMarkdownBytes(bytes, vscode.workspace.asRelativePath(uri));
  return vscode.workspace.openTextDocument(uri);
}

async function openMemory(services: Services, engine: typeof import('../core/markdown/index.js')) {
  await vscode.workspace.fs.createDirectory(services.globalStorageUri);
  return engine.FileTranslationMemory.open(vscode.Uri.joinPath(services.globalStorageUri, 'translation-memory.json').fsPath, services.logger);
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
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  return true;
}
