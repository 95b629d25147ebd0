import { createHash } from 'node:crypto';
import { DEFAULT_FRONT_MATTER_FIELDS } from './frontMatter';
import { partitionPoint } from './locate';
import type { Unit } from './model';
import { shapeKey, type PreparedDocument } from './prepare';
import { parseDocument, segment } from './segment';

/**
 * Keeping people's edits across runs. For each output, what the tool wrote last time is
 * remembered as a `Revision`: a fingerprint of the source and of the output, and per unit a
 * fingerprint of its source text and of its text in the output. On the next run:
 * - source units matched (in order) to the last run's are unchanged: their text is kept as it
 *   stands in the output now, byte for byte, a person's edit included;
 * - the others changed (or are new) and are translated; a changed unit whose output text a
 *   person also changed is a conflict: the person's text is kept, and it is reported.
 * An output whose units no longer line up with the last run's (a person added or removed a
 * paragraph) cannot be matched unit by unit: it is `restructured`.
 */

/** What was written last time for one output. */
export interface Revision {
  /** Fingerprint of the source document then. */
  source: string;
  /** Fingerprint of the output as written. */
  written: string;
  /** Per unit, in order: [fingerprint of its source text, fingerprint of its text in the output]. */
  units: [string, string][];
}

/** A short fingerprint (the first 16 hex digits of a SHA-256). */
export function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function unitFingerprint(unit: Unit): string {
  return fingerprint(`${unit.kind}\u0000${shapeKey(unit)}`);
}

/** The units of an output as they stand: each unit's raw Markdown (or front-matter value). */
export function outputUnitTexts(text: string, frontMatterFields: readonly string[] = DEFAULT_FRONT_MATTER_FIELDS): string[] {
  return outputUnits(text, frontMatterFields).map((unit) => unit.text);
}

/** A unit of a document as it stands: its raw Markdown (or front-matter value) and its 0-based lines. */
export interface StandingUnit {
  text: string;
  line: number;
  endLine: number;
}

/** The units of a document as they stand, with their lines. */
export function outputUnits(text: string, frontMatterFields: readonly string[] = DEFAULT_FRONT_MATTER_FIELDS): StandingUnit[] {
  const document = parseDocument(text);
  return segment(document, { frontMatterFields, math: true }).units.map((unit) => ({
    text: unit.field ? unit.field.value : text.slice(unit.start, unit.end),
    line: unit.line,
    endLine: Math.max(unit.line, lineOfOffset(document.source.rawLineStarts, unit.end - 1)),
  }));
}

/** The 0-based line holding the raw offset. */
export function lineOfOffset(rawLineStarts: readonly number[], offset: number): number {
  return Math.max(0, partitionPoint(rawLineStarts.length, (k) => rawLineStarts[k] <= offset) - 1);
}

/** The revision of an output just written for a prepared source. */
export function revisionOf(prepared: PreparedDocument, output: string, frontMatterFields?: readonly string[]): Revision | undefined {
  const texts = outputUnitTexts(output, frontMatterFields);
  const units = prepared.segmentation.units;
  if (texts.length !== units.length) return undefined;
  return {
    source: fingerprint(prepared.document.source.raw),
    written: fingerprint(output),
    units: units.map((unit, k) => [unitFingerprint(unit), fingerprint(texts[k])]),
  };
}

/**
 * One difference between the source now and the source the output was written from, as far as
 * fingerprints tell: a unit `changed` (paired in order with an old unit whose text differs), one
 * `added`, or an old one `removed`. Indexes are units of the new source (`unit`, and for a removed
 * unit the one it stood before, which may be the units' length) and of the last run (`old`).
 */
export type UnitChange =
  | { kind: 'changed'; unit: number; old: number; conflict: boolean }
  | { kind: 'added'; unit: number }
  | { kind: 'removed'; old: number; before: number };

/** How an output stands against its source, and what a run keeps of it. */
export interface RevisionPlan {
  /** The source changed since the output was written. */
  stale: boolean;
  /** Source units changed, added or removed since then. */
  changedUnits: number;
  /** The output was changed since the tool wrote it. */
  edited: boolean;
  /** 1-based source lines of units changed on both sides (the person's text is kept). */
  conflicts: number[];
  /** The output's units no longer line up with the last run's: nothing can be kept unit by unit. */
  restructured: boolean;
  /** By unit index of the new source: the text kept from the output (unchanged units and conflicts). */
  keep: Map<number, string>;
  /** What changed, in source order (empty for a restructured output or one without a revision). */
  changes: UnitChange[];
}

/**
 * Compares a source with the revision of its output and the output's current text. Without a
 * revision, or without an output, nothing is kept.
 */
export function planRevision(prepared: PreparedDocument, revision: Revision | undefined, output: string | undefined, frontMatterFields?: readonly string[]): RevisionPlan {
  const units = prepared.segmentation.units;
  const empty: RevisionPlan = { stale: true, changedUnits: units.length, edited: false, conflicts: [], restructured: false, keep: new Map(), changes: [] };
  if (!revision || output === undefined) return empty;
  const edited = fingerprint(output) !== revision.written;
  const stale = fingerprint(prepared.document.source.raw) !== revision.source;
  const current = outputUnitTexts(output, frontMatterFields);
  if (current.length !== revision.units.length) return { ...empty, edited, restructured: true };

  const before = revision.units.map(([source]) => source);
  const after = units.map(unitFingerprint);
  const pairs = alignSequences(before, after);
  const keep = new Map<number, string>();
  const conflicts: number[] = [];
  const changes: UnitChange[] = [];
  const personChanged = (old: number): boolean => fingerprint(current[old]) !== revision.units[old][1];
  let changed = 0;
  let previousOld = -1;
  let previousNew = -1;
  // Between two matched pairs, removed old units and added new ones pair up in order (an edit).
  for (const [oldIndex, newIndex] of [...pairs, [before.length, after.length] as [number, number]]) {
    const removed = oldIndex - previousOld - 1;
    const added = newIndex - previousNew - 1;
    changed += Math.max(removed, added);
    const paired = Math.min(removed, added);
    for (let k = 0; k < paired; k++) {
      const old = previousOld + 1 + k;
      const fresh = previousNew + 1 + k;
      const conflict = personChanged(old);
      if (conflict) {
        conflicts.push(units[fresh].line + 1);
        keep.set(fresh, current[old]);
      }
      changes.push({ kind: 'changed', unit: fresh, old, conflict });
    }
    for (let k = paired; k < added; k++) changes.push({ kind: 'added', unit: previousNew + 1 + k });
    for (let k = paired; k < removed; k++) changes.push({ kind: 'removed', old: previousOld + 1 + k, before: newIndex });
    if (oldIndex < before.length) keep.set(newIndex, current[oldIndex]);
    previousOld = oldIndex;
    previousNew = newIndex;
  }
  return { stale: stale || changed > 0, changedUnits: changed, edited, conflicts, restructured: false, keep, changes };
}

/**
 * Matching pairs `[i, j]` with `before[i] === after[j]`, increasing in both, as many as a
 * longest common subsequence finds where that is affordable (common prefix and suffix first,
 * the middle by dynamic programming up to a few million cells, else greedily in order).
 */
export function alignSequences(before: readonly string[], after: readonly string[]): [number, number][] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const pairs: [number, number][] = [];
  for (let k = 0; k < start; k++) pairs.push([k, k]);
  pairs.push(...alignMiddle(before, after, start, endBefore, start, endAfter));
  for (let k = 0; endBefore + k < before.length; k++) pairs.push([endBefore + k, endAfter + k]);
  return pairs;
}

const MAX_CELLS = 4_000_000;

function alignMiddle(before: readonly string[], after: readonly string[], b0: number, b1: number, a0: number, a1: number): [number, number][] {
  const n = b1 - b0;
  const m = a1 - a0;
  if (n === 0 || m === 0) return [];
  if (n * m > MAX_CELLS) return greedy(before, after, b0, b1, a0, a1);
  // lengths[i][j]: LCS of before[b0+i..] and after[a0+j..], in one flat array.
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] = before[b0 + i] === after[a0 + j] ? lengths[(i + 1) * width + j + 1] + 1 : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (before[b0 + i] === after[a0 + j]) {
      pairs.push([b0 + i, a0 + j]);
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) i++;
    else j++;
  }
  return pairs;
}

/** In order: each new unit matched to the next old unit with its fingerprint, if any. */
function greedy(before: readonly string[], after: readonly string[], b0: number, b1: number, a0: number, a1: number): [number, number][] {
  const positions = new Map<string, number[]>();
  for (let i = b1 - 1; i >= b0; i--) positions.set(before[i], [...(positions.get(before[i]) ?? []), i]);
  const pairs: [number, number][] = [];
  let last = b0 - 1;
  for (let j = a0; j < a1; j++) {
    const stack = positions.get(after[j]);
    while (stack && stack.length > 0 && stack[stack.length - 1] <= last) stack.pop();
    const found = stack?.pop();
    if (found === undefined) continue;
    pairs.push([found, j]);
    last = found;
  }
  return pairs;
}
