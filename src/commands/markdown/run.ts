// Runs over Markdown files shared by Translate Markdown File, Localize Folder and the Localization
// view's updates: the provider and memory, source detection, one core run per group of files.
import * as vscode from 'vscode';
import { cancelledError, reasonStopsTheRun, TranslateError } from '../../core/errors';
import type { LanguageCode, SourceLanguage } from '../../core/languages';
import type { FileReport, LocalizeRun } from '../../core/localize';
import type { TranslationMemory } from '../../core/markdown/memory';
import type { ProviderChoice } from '../../core/providers/registry';
import type { JobState, ProviderId, TextFormat, TranslationProvider } from '../../core/providers/types';
import { core } from '../../host/core';
import { settings, type MarkdownOutput } from '../../host/settings';
import type { Services } from '../../host/services';
import type { CommandHost } from '../registry';
import { sourceLanguageOf } from '../sourceLanguage';
import { languageName } from '../../host/messages';
import { editorAccess, openDocument } from './editorAccess';


/** Files of one workspace folder sharing a source language and targets: one run of the core's file operation. */
export interface Group {
  from: SourceLanguage;
  to: LanguageCode[];
  files: vscode.Uri[];
}

/** A Markdown localization with its arguments resolved. */
export interface MarkdownRequest {
  uris: vscode.Uri[];
  to: LanguageCode[];
  /** As asked: `auto` detects each file's language. */
  from: SourceLanguage;
  output: MarkdownOutput;
  review: boolean;
  /** Called by a script or a test: nothing is asked, no summary is shown. */
  scripted: boolean;
  provider?: ProviderChoice;
}

/** The provider (and memory) runs over Markdown files use. */
export interface MarkdownRunner {
  providerId: ProviderId;
  provider: TranslationProvider;
  memory: { path: string; memory: TranslationMemory } | undefined;
}

/** What runs over Markdown files did: every file and target, the sources, the notes, the figures. */
export interface MarkdownOutcome {
  reports: FileReport[];
  /** The source language of each file, as given or detected. */
  sources: { uri: vscode.Uri; from: SourceLanguage }[];
  notes: string[];
  requests: number;
  charsSent: number;
}


/** The provider for Markdown (the explicit choice, else the setting for `scope`), and the translation memory when it is on. */
export async function markdownRunner(services: Services, choice: ProviderChoice | undefined, scope: vscode.Uri): Promise<MarkdownRunner> {
  const { id: providerId, provider } = await services.provider('markdown', choice, scope);
  const memory = settings.translationMemory(scope) ? await openMemory(services) : undefined;
  return { providerId, provider, memory };
}

/** Reports a stage of the work (a file, or undefined for the whole run) and each file done. */
export interface FileProgress {
  stage(file: string | undefined, message: string): void;
  /** A file's outputs are settled (written, unchanged, failed or skipped). */
  done(reports: readonly FileReport[]): void;
}

/** Progress of a run over `count` files: the stage, prefixed by the file when there are several; with several, "2 of 5 files" as each is done. */
export function fileProgress(progress: vscode.Progress<{ message?: string; increment?: number }>, count: number): FileProgress {
  let finished = 0;
  return {
    stage: (file, message) => progress.report({ message: `${file ? fileLabel(file, count) : ''}${message}` }),
    done(reports) {
      if (count < 2 || reports.length === 0) return;
      finished++;
      const name = vscode.workspace.asRelativePath(vscode.Uri.file(reports[0].file));
      progress.report({ message: vscode.l10n.t('{0} of {1} files: {2} done', finished, count, name), increment: 100 / count });
    },
  };
}

/**
 * The work of a Markdown localization, inside a progress: detects each file's language when the
 * source is `auto` (skipping a target that is the file's own language, asking a person when
 * unclear and the provider needs it), then one run of the core's file operation per workspace
 * folder, source language and targets, with that folder's state file. A failure that would fail
 * every request stops the runs (the files not reached are reported failed).
 */
export async function localizeFiles(host: CommandHost, runner: MarkdownRunner, request: MarkdownRequest, signal: AbortSignal, progress: FileProgress): Promise<MarkdownOutcome> {
  const { services } = host;
  const { provider, providerId, memory } = runner;
  const { uris, to: targets, output, review, scripted } = request;
  const { failedReport, runLocalization } = core();
  const format: TextFormat = provider.capabilities.formats.includes('markdown') ? 'markdown' : 'text';
  // With `auto`, each file's language is detected: to skip a target that is the file's own
  // language, and to tell it to a provider that cannot detect it (asking when unclear).
  const needsSource = !provider.capabilities.autoDetect.includes(format);
  const notes: string[] = [];
  const sources: MarkdownOutcome['sources'] = [];
  const totals = { requests: 0, charsSent: 0 };
  const stage = progress.stage;
  const groups: Group[] = [];
  for (const uri of uris) {
    let from = request.from;
    let language = request.from === 'auto' ? undefined : request.from;
    const name = vscode.workspace.asRelativePath(uri);
    if (request.from === 'auto') {
      stage(uri.fsPath, vscode.l10n.t('detecting the source language…'));
      const text = await detectionText(uri.fsPath, provider, targets);
      if (needsSource) {
        language = await sourceLanguageOf(text, name, scripted);
        if (signal.aborted) throw cancelledError();
        if (!language) {
          notes.push(vscode.l10n.t('{0}: not translated, no source language was chosen.', name));
          continue;
        }
        from = language;
      } else {
        const { detectLanguage } = core();
        language = (await detectLanguage(text)).language;
      }
    }
    sources.push({ uri, from });
    const own = targets.filter((code) => code === language);
    if (own.length > 0) notes.push(vscode.l10n.t('{0} is already in {1}: not translated into it.', name, languageName(own[0])));
    const fileTargets = targets.filter((code) => !own.includes(code));
    if (fileTargets.length === 0) continue;
    // Each workspace folder keeps its own state file: its files are one run.
    const key = `${vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? ''}\u0000${from}>${fileTargets.join(',')}`;
    const group = groups.find((candidate) => `${vscode.workspace.getWorkspaceFolder(candidate.files[0])?.uri.toString() ?? ''}\u0000${candidate.from}>${candidate.to.join(',')}` === key);
    if (group) group.files.push(uri);
    else groups.push({ from, to: fileTargets, files: [uri] });
  }

  const all: FileReport[] = [];
  let stopped: FileReport | undefined;
  for (const group of groups) {
    if (stopped) {
      all.push(...notReached(group, stopped, failedReport));
      continue;
    }
    const from = group.from;
    const scope = group.files[0];
    const run: LocalizeRun = {
      files: group.files.map((uri) => uri.fsPath),
      provider,
      from,
      to: group.to,
      output: output === 'inPlace' ? { kind: 'inPlace' } : { kind: 'sibling' },
      access: editorAccess(host, { review, inPlace: output === 'inPlace', signal, stage }),
      memory: memory?.memory,
      protectedFiles: memory ? [memory.path] : [],
      glossaryKey: providerId === 'papago' && from !== 'auto' ? (target: LanguageCode) => services.glossaryChoices.get(from, target)?.key : undefined,
      concurrency: settings.concurrency(),
      frontMatterFields: settings.frontMatterFields(scope),
      signal,
      state: await openState(scope, output === 'inPlace'),
      onJobState: (state: JobState) => stage(undefined, jobStateLabel(state)),
      onProgress: (done: number, total: number) => stage(undefined, vscode.l10n.t('{0} of {1} segments', done, total)),
      onFileDone: (reports) => progress.done(reports),
    };
    const outcome = await runLocalization(run);
    totals.requests += outcome.requests;
    totals.charsSent += outcome.charsSent;
    all.push(...outcome.files);
    stopped = outcome.files.find((report) => report.status === 'failed' && report.reason !== undefined && reasonStopsTheRun(report.reason));
  }
  return { reports: all, sources, notes, ...totals };
}

/** The localization state of the workspace folder holding `uri` (none in place, or outside any folder). */
async function openState(uri: vscode.Uri, inPlace: boolean) {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (inPlace || !folder || folder.uri.scheme !== 'file') return undefined;
  const { LocalizationState, STATE_FILE } = core();
  return LocalizationState.open(vscode.Uri.joinPath(folder.uri, STATE_FILE).fsPath);
}

function fileLabel(file: string, count: number): string {
  return count > 1 ? `${vscode.workspace.asRelativePath(vscode.Uri.file(file))}: ` : '';
}

/** The text the engine would send of a file (its translatable units), to detect its language. */
async function detectionText(file: string, provider: TranslationProvider, to: readonly LanguageCode[]): Promise<string> {
  const open = openDocument(file);
  let text: string;
  if (open) {
    text = open.getText();
  } else {
    text = await core().readMarkdownFile(file);
  }
  const { planMarkdown } = core();
  try {
    return planMarkdown(text, { provider, from: 'auto', to }).units.map((unit) => unit.text).join('\n');
  } catch {
    // Broken front matter: the run reports it before sending anything; detect on the raw text.
    return text;
  }
}

/** Reports for the files of a group that an earlier failure kept the run from reaching. */
function notReached(group: Group, cause: FileReport, failedReport: (typeof import('../../core/localize/index.js'))['failedReport']): FileReport[] {
  const error = new TranslateError(cause.reason ?? 'server', vscode.l10n.t('Not translated: the run stopped at an earlier error ({0}).', (cause.error ?? '').replace(/\.$/, '')));
  return group.files.flatMap((uri) => group.to.map((to) => failedReport(uri.fsPath, { to, path: uri.fsPath }, error)));
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


export async function openMemory(services: Services) {
  await vscode.workspace.fs.createDirectory(services.globalStorageUri);
  const { FileTranslationMemory } = core();
  const path = vscode.Uri.joinPath(services.globalStorageUri, 'translation-memory.json').fsPath;
  return { path, memory: await FileTranslationMemory.open(path, services.logger) };
}
