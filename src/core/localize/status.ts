import type { LanguageCode } from '../languages';
import { prepareDocument, type PreparedDocument } from '../markdown/prepare';
import { lineOfOffset, outputUnits, planRevision, type RevisionPlan } from '../markdown/revision';
import { IdentityProvider } from '../providers/offline';
import { outputsOf } from './paths';
import type { LocalizationState } from './state';
import type { FileAccess, OutputMode } from './types';

/** Where one translation stands. */
export interface TranslationStatus {
  file: string;
  to: LanguageCode;
  output: string;
  /** `current`: written from this very source; `stale`: the source changed since (or it was never tracked); `missing`: no output. */
  state: 'current' | 'stale' | 'missing';
  /** Source units changed, added or removed since the output was written (all of them when untracked). */
  changedUnits: number;
  totalUnits: number;
  /** The output was changed by a person since the tool wrote it. */
  edited: boolean;
  /** 1-based source lines of units changed both in the source and in the output since the last run. */
  conflicts: number[];
  /** The output's units no longer line up with its source: a run will not overwrite it. */
  restructured: boolean;
  /** The output exists but the state has no record of it (written by hand, or the state file was deleted). */
  untracked: boolean;
}

interface StatusOptions {
  output: OutputMode;
  access: FileAccess;
  state?: LocalizationState;
  frontMatterFields?: readonly string[];
}

/** The state of every translation of `files` into `to`; reads, sends nothing, writes nothing. */
export async function translationStatus(files: readonly string[], to: readonly LanguageCode[], options: StatusOptions): Promise<TranslationStatus[]> {
  const result: TranslationStatus[] = [];
  for (const file of files) {
    const prepared = await prepareSource(file, to, options);
    for (const output of outputsOf(file, to, options.output)) result.push((await standing(prepared, file, output, options)).status);
  }
  return result;
}

async function prepareSource(file: string, to: readonly LanguageCode[], options: StatusOptions): Promise<PreparedDocument> {
  const source = await options.access.read(file);
  // Units and their fingerprints do not depend on the provider: any will do to cut the document.
  return prepareDocument(source, { provider: new IdentityProvider(), from: 'auto', to, frontMatterFields: options.frontMatterFields });
}

/** How one output stands, and the comparison it was judged by (none when missing or untracked). */
async function standing(
  prepared: PreparedDocument,
  file: string,
  { to, path: output }: { to: LanguageCode; path: string },
  options: StatusOptions,
): Promise<{ status: TranslationStatus; text?: string; plan?: RevisionPlan }> {
  const totalUnits = prepared.segmentation.units.length;
  const text = await options.access.current(output);
  const base = { file, to, output, totalUnits, restructured: false, untracked: false };
  if (text === undefined) return { status: { ...base, state: 'missing', changedUnits: totalUnits, edited: false, conflicts: [] } };
  const record = options.state?.get(file, to);
  if (!record) return { status: { ...base, state: 'stale', changedUnits: totalUnits, edited: false, conflicts: [], untracked: true }, text };
  const plan = planRevision(prepared, record, text, options.frontMatterFields);
  return {
    status: {
      ...base,
      state: plan.stale || plan.restructured ? 'stale' : 'current',
      changedUnits: plan.changedUnits,
      edited: plan.edited,
      conflicts: plan.conflicts,
      restructured: plan.restructured,
    },
    text,
    plan,
  };
}

/** 1-based, inclusive line range. */
export interface LineRange {
  line: number;
  endLine: number;
}

/**
 * One unit of the source that differs from what the output was written from. The state keeps
 * fingerprints, not old text: what the source said before is gone, but the output still holds
 * its translation (`translation`, for changed and removed units), which is what a reader needs
 * to see what the change means for the translation.
 */
export interface SourceChange extends LineRange {
  /**
   * `changed`: a unit whose text differs from the one at its place; `added`: a new unit; `removed`:
   * a unit that is gone (its lines are where it stood: the next unit's first line, or the line
   * after the last unit).
   */
  kind: 'changed' | 'added' | 'removed';
  /** Changed in the source and by a person in the output: the next run keeps the person's text. */
  conflict: boolean;
  /** The unit's text in the output as it stands, with its lines there. */
  translation?: LineRange & { text: string };
}

export interface SourceChanges {
  status: TranslationStatus;
  /** In source order; empty when the output is missing, untracked or restructured (nothing to compare unit by unit). */
  changes: SourceChange[];
}

/** What changed in `file` since its output for `to` was written, unit by unit; reads, sends nothing. */
export async function sourceChanges(file: string, to: LanguageCode, options: StatusOptions): Promise<SourceChanges> {
  const prepared = await prepareSource(file, [to], options);
  const [output] = outputsOf(file, [to], options.output);
  const { status, text, plan } = await standing(prepared, file, output, options);
  if (!plan || text === undefined || plan.restructured) return { status, changes: [] };
  const source = prepared.document.source;
  const units = prepared.segmentation.units;
  const inOutput = outputUnits(text, options.frontMatterFields);
  const linesOf = (unit: { line: number; end: number }): LineRange => ({ line: unit.line + 1, endLine: Math.max(unit.line, lineOfOffset(source.rawLineStarts, unit.end - 1)) + 1 });
  const translationOf = (old: number): SourceChange['translation'] => {
    const unit = inOutput[old];
    return unit ? { text: unit.text, line: unit.line + 1, endLine: unit.endLine + 1 } : undefined;
  };
  const changes = plan.changes.map((change): SourceChange => {
    switch (change.kind) {
      case 'changed':
        return { kind: 'changed', ...linesOf(units[change.unit]), conflict: change.conflict, translation: translationOf(change.old) };
      case 'added':
        return { kind: 'added', ...linesOf(units[change.unit]), conflict: false };
      case 'removed': {
        const next = units[change.before];
        const line = next ? next.line + 1 : source.lines.length;
        return { kind: 'removed', line, endLine: line, conflict: false, translation: translationOf(change.old) };
      }
    }
  });
  changes.sort((a, b) => a.line - b.line);
  return { status, changes };
}
