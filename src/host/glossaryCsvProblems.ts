import * as vscode from 'vscode';
import { capitalize } from '../core/messages';
import type { GlossaryCsvError, GlossaryCsvProblem } from '../core/glossary';
import { Disposable } from './dispose';
import { localize } from './messages';

/** Waits this long after the last keystroke before checking an edited CSV again. */
const RECHECK_DELAY_MS = 300;
const SOURCE = 'Hive & Papago';

/**
 * The problems of a glossary CSV that an upload refused, in the Problems panel: one diagnostic
 * per bad line. The file is checked again as it is edited and when it is saved; its problems are
 * cleared once it is fixed, or uploaded.
 */
export class GlossaryCsvProblems extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('hivePapago.glossaryCsv'));
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor() {
    super();
    this.register(vscode.workspace.onDidChangeTextDocument(({ document }) => this.schedule(document.uri, () => textBytes(document))));
    this.register(vscode.workspace.onDidSaveTextDocument((document) => this.schedule(document.uri, () => vscode.workspace.fs.readFile(document.uri))));
    this.register({ dispose: () => this.pending.forEach((timer) => clearTimeout(timer)) });
  }

  /** Lists the problems of `error` on `uri`; with `reveal`, opens the file at the first one. */
  async report(uri: vscode.Uri, error: GlossaryCsvError, { reveal }: { reveal: boolean }): Promise<void> {
    this.show(uri, error);
    const first = this.collection.get(uri)?.[0];
    if (!reveal) return;
    try {
      await vscode.window.showTextDocument(uri, { preview: false, selection: first ? new vscode.Range(first.range.start, first.range.start) : undefined });
    } catch {
      // Not a text file (binary content): the Problems panel still lists it.
    }
  }

  /** Forgets the problems of `uri` (it was uploaded). */
  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  private show(uri: vscode.Uri, error: GlossaryCsvError): void {
    this.collection.set(uri, error.problems.map((problem) => toDiagnostic(uri, problem, error)));
  }

  /** Checks a file with listed problems again, once edits pause. */
  private schedule(uri: vscode.Uri, read: () => Thenable<Uint8Array> | Uint8Array): void {
    if (!this.collection.has(uri)) return;
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void this.recheck(uri, read);
      }, RECHECK_DELAY_MS),
    );
  }

  private async recheck(uri: vscode.Uri, read: () => Thenable<Uint8Array> | Uint8Array): Promise<void> {
    const [{ GlossaryCsvError, validateGlossaryCsv }, bytes] = await Promise.all([import('../core/glossary/index.js'), read()]);
    if (!this.collection.has(uri)) return;
    try {
      validateGlossaryCsv(bytes, uri.path);
      this.clear(uri);
    } catch (error) {
      if (error instanceof GlossaryCsvError) this.show(uri, error);
    }
  }
}

function textBytes(document: vscode.TextDocument): Uint8Array {
  return new TextEncoder().encode(document.getText());
}

/**
 * A problem at the line it is listed under: the later line of a duplicate, which points to the
 * first. A problem of the whole file sits on its first listed line and says the whole sentence.
 */
function toDiagnostic(uri: vscode.Uri, problem: GlossaryCsvProblem, error: GlossaryCsvError): vscode.Diagnostic {
  const range = (line: number) => new vscode.Range(line - 1, 0, line - 1, Number.MAX_SAFE_INTEGER);
  if (problem.aboutFile) {
    const diagnostic = new vscode.Diagnostic(range(problem.lines[0] ?? 1), localize(error.sentence), vscode.DiagnosticSeverity.Error);
    diagnostic.source = SOURCE;
    return diagnostic;
  }
  const line = problem.line;
  const diagnostic = new vscode.Diagnostic(range(line), capitalize(localize(problem.sentence)), vscode.DiagnosticSeverity.Error);
  diagnostic.source = SOURCE;
  const others = problem.lines.filter((other) => other !== line);
  if (others.length > 0) {
    diagnostic.relatedInformation = others.map((other) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, range(other)), vscode.l10n.t('first here')));
  }
  return diagnostic;
}
