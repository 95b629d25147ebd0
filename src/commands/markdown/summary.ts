// The result of a run over Markdown files and the summary a person reads (with Open and Retry).
import * as vscode from 'vscode';
import type { LanguageCode } from '../../core/languages';
import type { FileReport } from '../../core/localize';
import { CommandId } from '../../host/ids';
import type { CommandHost } from '../registry';
import { localize } from '../../host/messages';
import type { MarkdownOutcome } from './run';

export interface TranslateMarkdownResult {
  outputs: { to: LanguageCode; uri: vscode.Uri }[];
  /** Every file and target: `written`, `unchanged`, `failed` (with `error`) or `skipped` (declined in review). */
  files: { uri: vscode.Uri; to: LanguageCode; output: vscode.Uri; status: FileReport['status']; error?: string; degraded: number[]; untranslated: number[]; conflicts: number[] }[];
  /** The source language of each file, as given or detected. */
  sources: MarkdownOutcome['sources'];
  segments: number;
  charsSent: number;
  requests: number;
  cacheHits: number;
  /** What was left out and why (a target that is the file's own language, a file whose language was not chosen). */
  notes: string[];
  /** The summary an interactive run shows (with Open buttons). */
  summary: string;
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
