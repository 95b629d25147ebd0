import * as vscode from 'vscode';
import type { LanguageCode } from '../../core/languages';
import type { FileReport } from '../../core/localize';
import { providerArg, sourceArg } from '../../host/args';
import { isUpdatable, type SourceEntry, type TargetEntry } from '../../host/localizations';
import { settings } from '../../host/settings';
import type { CommandHost } from '../registry';
import { fileProgress, localizeFiles, markdownRunner, type MarkdownOutcome, type MarkdownRequest, type MarkdownRunner } from '../markdown/run';
import { showSummary, summarize, type TranslateMarkdownResult } from '../markdown/summary';

/** Which outputs an update concerns (every one the index knows, filtered). */
export type TargetFilter = (source: SourceEntry, target: TargetEntry) => boolean;

/** The sources of one workspace folder to update, and into which languages each. */
interface FolderWork {
  folder: vscode.WorkspaceFolder;
  files: Map<string, { uri: vscode.Uri; to: Set<LanguageCode> }>;
  /** The folder's target languages, in their order. */
  targets: LanguageCode[];
}

/**
 * Updates the stale and missing outputs that `filter` selects, everywhere the index looks (every
 * workspace folder): one run per workspace folder, its files packed together (into every
 * language any of its files needs: a file's outputs that are current come back unchanged, as the
 * state keeps every unit of them, and are left out of the report), under one progress that counts
 * files. Outputs restructured by hand are never overwritten: they are named in the notes. A person
 * gets the summary (written, unchanged, failed, conflicts kept); a script gets the result.
 * `options`: `from`, `provider`, `review` (the settings otherwise).
 */
export async function updateTranslations(host: CommandHost, filter: TargetFilter, options: Record<string, unknown>, scripted: boolean): Promise<TranslateMarkdownResult> {
  const folders = await host.localizations.refresh();
  const work: FolderWork[] = [];
  const notes: string[] = [];
  const selected = new Set<string>();
  for (const entry of folders) {
    const folderWork: FolderWork = { folder: entry.folder, files: new Map(), targets: entry.targets };
    for (const source of entry.sources) {
      for (const target of source.targets) {
        if (!filter(source, target)) continue;
        if (target.status.restructured) {
          notes.push(vscode.l10n.t('{0} was restructured by hand (paragraphs added or removed): it was not overwritten; delete it to translate the file again.', vscode.workspace.asRelativePath(target.output)));
          continue;
        }
        if (!isUpdatable(target.status)) continue;
        const file = folderWork.files.get(source.uri.fsPath) ?? { uri: source.uri, to: new Set<LanguageCode>() };
        file.to.add(target.to);
        folderWork.files.set(source.uri.fsPath, file);
        selected.add(key(source.uri.fsPath, target.to));
      }
    }
    if (folderWork.files.size > 0) work.push(folderWork);
  }

  const fileCount = work.reduce((sum, folder) => sum + folder.files.size, 0);
  const what = vscode.l10n.t('Stale translations');
  if (fileCount === 0) {
    const result = summarize({ reports: [], sources: [], notes, requests: 0, charsSent: 0 }, what);
    const message = [vscode.l10n.t('Every translation is current.'), ...notes].join(' ');
    if (!scripted) void host.prompts.show('info', message);
    return { ...result, summary: message };
  }

  // Everything that could fail before the work starts (credentials, provider) fails here.
  const runs: { request: MarkdownRequest; runner: MarkdownRunner }[] = [];
  for (const folder of work) {
    const scope = folder.folder.uri;
    const union = folder.targets.filter((to) => [...folder.files.values()].some((file) => file.to.has(to)));
    runs.push({
      runner: await markdownRunner(host.services, providerArg(options.provider), scope),
      request: {
        uris: [...folder.files.values()].map((file) => file.uri),
        to: union,
        from: sourceArg(options.from) ?? settings.sourceLanguage(scope),
        output: 'sibling',
        review: typeof options.review === 'boolean' ? options.review : settings.markdownReview(scope),
        scripted,
      },
    });
  }

  const title = fileCount === 1 ? vscode.l10n.t('Updating the translations of 1 file') : vscode.l10n.t('Updating the translations of {0} files', fileCount);
  const outcome = await host.operations.run(title, async (signal, progress): Promise<MarkdownOutcome> => {
    const files = fileProgress(progress, fileCount);
    const all: MarkdownOutcome = { reports: [], sources: [], notes: [...notes], requests: 0, charsSent: 0 };
    for (const { runner, request } of runs) {
      const done = await localizeFiles(host, runner, request, signal, files);
      // An output that was current already comes back unchanged: it was not asked about.
      all.reports.push(...done.reports.filter((report) => selected.has(key(report.file, report.to)) || report.status !== 'unchanged'));
      all.sources.push(...done.sources);
      all.notes.push(...done.notes);
      all.requests += done.requests;
      all.charsSent += done.charsSent;
    }
    return all;
  });
  host.localizations.invalidate();

  const languages = [...new Set(runs.flatMap((run) => run.request.to))];
  const result = summarize(outcome, `${what} → ${languages.join(', ')}`);
  host.services.logger.info(
    `updateStale: ${fileCount} file(s): ${result.files.map((file) => `${vscode.workspace.asRelativePath(file.uri)} [${file.to}] ${file.status}${file.conflicts.length > 0 ? ` (conflicts kept at ${file.conflicts.join(',')})` : ''}`).join(', ')}; ${result.requests} requests, ${result.charsSent} chars sent`,
  );
  if (!scripted) {
    const failures = outcome.reports.filter((report) => report.status === 'failed');
    const retry = failures.length > 0 ? retryOptions(failures, runs[0], options) : undefined;
    void showSummary(host, result, failures.length > 0, undefined, retry).then(undefined, () => undefined);
  }
  return result;
}

/** Translate Markdown File's options to run the failed files again. */
function retryOptions(failures: readonly FileReport[], first: { request: MarkdownRequest; runner: MarkdownRunner }, options: Record<string, unknown>): Record<string, unknown> {
  return {
    uris: [...new Set(failures.map((report) => report.file))],
    to: [...new Set(failures.map((report) => report.to))],
    from: first.request.from,
    provider: options.provider ?? first.runner.providerId,
    output: 'sibling',
    review: first.request.review,
    interactive: true,
  };
}

function key(file: string, to: LanguageCode): string {
  return `${to}\u0000${vscode.Uri.file(file).fsPath}`;
}
