import type { LanguageCode } from '../languages';
import { prepareDocument } from '../markdown/prepare';
import { planRevision } from '../markdown/revision';
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

/** The state of every translation of `files` into `to`; reads, sends nothing, writes nothing. */
export async function translationStatus(
  files: readonly string[],
  to: readonly LanguageCode[],
  options: { output: OutputMode; access: FileAccess; state?: LocalizationState; frontMatterFields?: readonly string[] },
): Promise<TranslationStatus[]> {
  const result: TranslationStatus[] = [];
  // Units and their fingerprints do not depend on the provider: any will do to cut the document.
  const provider = new IdentityProvider();
  for (const file of files) {
    const source = await options.access.read(file);
    const prepared = prepareDocument(source, { provider, from: 'auto', to, frontMatterFields: options.frontMatterFields });
    const totalUnits = prepared.segmentation.units.length;
    for (const { to: lang, path: output } of outputsOf(file, to, options.output)) {
      const text = await options.access.current(output);
      const base = { file, to: lang, output, totalUnits, restructured: false, untracked: false };
      if (text === undefined) {
        result.push({ ...base, state: 'missing', changedUnits: totalUnits, edited: false, conflicts: [] });
        continue;
      }
      const record = options.state?.get(file, lang);
      if (!record) {
        result.push({ ...base, state: 'stale', changedUnits: totalUnits, edited: false, conflicts: [], untracked: true });
        continue;
      }
      const plan = planRevision(prepared, record, text, options.frontMatterFields);
      result.push({
        ...base,
        state: plan.stale || plan.restructured ? 'stale' : 'current',
        changedUnits: plan.changedUnits,
        edited: plan.edited,
        conflicts: plan.conflicts,
        restructured: plan.restructured,
      });
    }
  }
  return result;
}
