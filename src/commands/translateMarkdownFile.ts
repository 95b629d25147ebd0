import * as vscode from 'vscode';
import { cancelledError, TranslateError, type ErrorReason, type ServiceId } from '../core/errors';
import type { LanguageCode, SourceLanguage } from '../core/languages';
import type { FileAccess, FileReport, LocalizeRun } from '../core/localize';
import type { TranslationMemory } from '../core/markdown/memory';
import type { ProviderChoice } from '../core/providers/registry';
import type { JobState, ProviderId, TextFormat, TranslationProvider } from '../core/providers/types';
import { enumArg, isScripted, optionsOf, providerArg, sourceArg, targetsArg, uriArg } from '../host/args';
import { core } from '../host/core';
import { withFix } from '../host/fixes';
import { CommandId } from '../host/ids';
import { settings, type MarkdownOutput } from '../host/settings';
import type { Services } from '../host/services';
import type { Command, CommandHost } from './registry';
import { pickLanguages } from './selectTargetLanguages';
import { sourceLanguageOf } from './sourceLanguage';
import { languageName, localize } from '../host/messages';

export interface TranslateMarkdownResult {
  outputs: { to: LanguageCode; uri: vscode.Uri }[];
  /** Every file and target: `written`, `unchanged`, `failed` (with `error`) or `skipped` (declined in review). */
  files: { uri: vscode.Uri; to: LanguageCode; output: vscode.Uri; status: FileReport['status']; error?: string; degraded: number[]; untranslated: number[]; conflicts: number[] }[];
  /** The source language of each file, as given or detected. */
  sources: { uri: vscode.Uri; from: SourceLanguage }[];
  segments: number;
  charsSent: number;
  requests: number;
  cacheHits: number;
  /** What was left out and why (a target that is the file's own language, a file whose language was not chosen). */
  notes: string[];
  /** The summary an interactive run shows (with Open buttons). */
  summary: string;
}

/** Reports of a failure that would fail the other groups' requests too (see the core's `stopsTheRun`). */
const STOPS_THE_RUN: ReadonlySet<ErrorReason> = new Set<ErrorReason>(['auth', 'quota', 'config', 'network', 'timeout', 'rateLimit']);

/** Failures that may pass: Retry is offered for them. */
const PASSING: ReadonlySet<ErrorReason> = new Set<ErrorReason>(['timeout', 'network', 'server', 'rateLimit']);

const SERVICE_OF: Partial<Record<ProviderId, ServiceId>> = { hive: 'hive', papago: 'papago', 'papago-smt': 'papagoSmt' };

/** Files of one workspace folder sharing a source language and targets: one run of the core's file operation. */
interface Group {
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
  sources: TranslateMarkdownResult['sources'];
  notes: string[];
  requests: number;
  charsSent: number;
}

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
    throw new TranslateError(reason, failures[0].sentence ?? failures[0].error ?? '', { service: SERVICE_OF[providerId], retryable: PASSING.has(reason) });
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
  const sources: TranslateMarkdownResult['sources'] = [];
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
    stopped = outcome.files.find((report) => report.status === 'failed' && report.reason !== undefined && STOPS_THE_RUN.has(report.reason));
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
function notReached(group: Group, cause: FileReport, failedReport: (typeof import('../core/localize/index.js'))['failedReport']): FileReport[] {
  const error = new TranslateError(cause.reason ?? 'server', vscode.l10n.t('Not translated: the run stopped at an earlier error ({0}).', (cause.error ?? '').replace(/\.$/, '')));
  return group.files.flatMap((uri) => group.to.map((to) => failedReport(uri.fsPath, { to, path: uri.fsPath }, error)));
}

/** The result of runs over Markdown files, with its summary; `what` names the files and targets. */
export function summarize({ reports, sources, notes, requests, charsSent }: MarkdownOutcome, what: string): TranslateMarkdownResult {
  const files = reports.map((report) => ({
    uri: vscode.Uri.file(report.file),
    to: report.to,
    output: vscode.Uri.file(report.output),
    status: report.status,
    error: report.sentence ? localize(report.sentence) : report.error,
    degraded: report.degraded,
    untranslated: report.untranslated,
    conflicts: report.conflicts,
  }));
  // Units and memory hits are per source file (every target of a file shares them): count each file once.
  const perFile = new Map(reports.map((report) => [report.file, report]));
  const sum = (field: 'segments' | 'cacheHits'): number => [...perFile.values()].reduce((total, report) => total + report[field], 0);
  const result = {
    outputs: files.filter((file) => file.status === 'written' || file.status === 'unchanged').map((file) => ({ to: file.to, uri: file.output })),
    files,
    sources,
    segments: sum('segments'),
    charsSent,
    requests,
    cacheHits: sum('cacheHits'),
    notes,
  };
  return { ...result, summary: summaryText(result, what) };
}

/**
 * One paragraph: what was written, the figures, the lines of units that needed care (repaired
 * markup, left untranslated) per output, the notes and each failure.
 */
function summaryText(result: Omit<TranslateMarkdownResult, 'summary'>, what: string): string {
  const count = (status: FileReport['status']): number => result.files.filter((file) => file.status === status).length;
  const parts: string[] = [
    vscode.l10n.t('{0}: {1} written, {2} unchanged, {3} failed, {4} not applied.', what, count('written'), count('unchanged'), count('failed'), count('skipped')),
    vscode.l10n.t('{0} segments, {1} characters sent in {2} requests, {3} from memory.', result.segments, result.charsSent, result.requests, result.cacheHits),
  ];
  for (const file of result.files) {
    const name = `${vscode.workspace.asRelativePath(file.output)}`;
    if (file.degraded.length > 0) parts.push(vscode.l10n.t('{0}: markup repaired at {1}.', name, lineList(file.degraded)));
    if (file.untranslated.length > 0) parts.push(vscode.l10n.t('{0}: left untranslated at {1}.', name, lineList(file.untranslated)));
    if (file.conflicts.length > 0) parts.push(vscode.l10n.t('{0}: kept as edited by hand where the source changed too, at {1} of the source.', name, lineList(file.conflicts)));
    if (file.status === 'failed') parts.push(`${vscode.workspace.asRelativePath(file.uri)} [${file.to}]: ${file.error ?? ''}`);
  }
  parts.push(...result.notes);
  return parts.join(' ');
}

function lineList(lines: readonly number[]): string {
  const shown = lines.slice(0, 8).join(', ') + (lines.length > 8 ? ', …' : '');
  return lines.length === 1 ? vscode.l10n.t('line {0}', shown) : vscode.l10n.t('lines {0}', shown);
}

/** The summary, with a button to open each output (a pick when there are many) and Retry Failed (`retry`: translateMarkdownFile's options). */
export async function showSummary(host: CommandHost, result: TranslateMarkdownResult, failed: boolean, opened: vscode.Uri | undefined, retry: Record<string, unknown> | undefined): Promise<void> {
  const outputs = result.outputs.filter((entry) => entry.uri.toString() !== opened?.toString());
  const openOne = outputs.length <= 2 ? outputs.map((entry) => ({ label: vscode.l10n.t('Open {0}', basename(entry.uri)), uri: entry.uri })) : [];
  const openMany = outputs.length > 2 ? vscode.l10n.t('Open…') : undefined;
  const retryLabel = retry ? vscode.l10n.t('Retry Failed') : undefined;
  const buttons = [...openOne.map((entry) => entry.label), ...(openMany ? [openMany] : []), ...(retryLabel ? [retryLabel] : [])];
  const choice = await host.prompts.show(failed ? 'warning' : 'info', result.summary, ...buttons);
  const one = openOne.find((entry) => entry.label === choice);
  if (one) {
    await vscode.window.showTextDocument(one.uri, { preview: false });
  } else if (choice !== undefined && choice === openMany) {
    const picked = await vscode.window.showQuickPick(
      outputs.map((entry) => ({ label: basename(entry.uri), description: vscode.workspace.asRelativePath(entry.uri), uri: entry.uri })),
      { canPickMany: true, placeHolder: vscode.l10n.t('Open which translations?') },
    );
    for (const entry of picked ?? []) await vscode.window.showTextDocument(entry.uri, { preview: false });
  } else if (choice !== undefined && choice === retryLabel && retry) {
    await vscode.commands.executeCommand(CommandId.translateMarkdownFile, retry);
  }
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
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
  const { FileTranslationMemory } = core();
  const path = vscode.Uri.joinPath(services.globalStorageUri, 'translation-memory.json').fsPath;
  return { path, memory: await FileTranslationMemory.open(path, services.logger) };
}

function openDocument(file: string): vscode.TextDocument | undefined {
  const uri = vscode.Uri.file(file).toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri);
}

interface AccessOptions {
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
function editorAccess(host: CommandHost, options: AccessOptions): FileAccess {
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
