import type { LanguageCode } from '../languages';
import { planBatches, runBatches, type BatchLimits, type RunOptions, type RunStats, type WorkItem } from './batch';
import { structureError } from './errors';
import { compareStructure, describeDifferences } from './guard';
import type { DestinationRewriter } from './links';
import { placeholder, type Unit } from './model';
import { renderDocument } from './reassemble';
import type { ParsedDocument, Segmentation } from './segment';
import { message } from '../messages';

/**
 * Recovering units one by one, never the whole file: a unit whose translation lost its markup
 * (after the retry alone and the repairs of `batch.ts`) or that the structural guard finds
 * changed is, in this order, written with inline HTML emphasis (when its emphasis would not
 * parse, as next to CJK punctuation), translated run by run (the text between its atoms, so its
 * markup is kept by construction), or kept in the source language.
 */

/** How a unit is written in one output. */
export interface UnitState {
  /** Canonical translation, or undefined to keep the source text (or `raw`). */
  translation: string | undefined;
  /** Text kept as it stands in the existing output (a person's edit): written as is, never recovered. */
  raw?: string;
  /** Why it needed care, if it did. */
  reason?: 'repaired' | 'runs' | 'html' | 'source';
  /** Emphasis written as inline HTML. */
  html: boolean;
  /** Its runs were translated already. */
  runs: boolean;
}

/** Translates the text runs of units into one target: canonical translations by unit index (absent when nothing came back). */
export type RunTranslator = (units: readonly Unit[], to: LanguageCode) => Promise<Map<number, string>>;

/** The leading and trailing spaces of a run, kept around its translation. */
const EDGES = /^(\s*)([\s\S]*?)(\s*)$/;
const LETTER = /\p{L}/u;

/**
 * A `RunTranslator` over the provider: every run with letters of the units, deduplicated and
 * packed like units. A run whose answer does not come back usable keeps its source text.
 */
export function runTranslator(options: Omit<RunOptions, 'deliver' | 'fail'>, limits: BatchLimits, multiTarget: boolean, stats: RunStats): RunTranslator {
  return async (units, to) => {
    const items = new Map<string, WorkItem>();
    for (const unit of units) {
      for (const gap of unit.gaps) {
        const text = EDGES.exec(gap.plain)![2];
        if (!LETTER.test(text) || items.has(text)) continue;
        const run: Unit = { index: -1, kind: unit.kind, line: unit.line, start: 0, end: 0, atoms: [], gaps: [{ start: 0, end: 0, offset: 0, plain: text, separators: [] }], text, blockStart: false, atxHeading: false };
        items.set(text, { unit: run, body: options.codec.encode(run), lines: [unit.line], count: 1, targets: [to], shape: text, translations: new Map() });
      }
    }
    const batches = planBatches([...items.values()], options.codec, limits, multiTarget, [to]);
    await runBatches(batches, { ...options, deliver: (item, target, translation) => item.translations.set(target, translation), fail: () => undefined, stats });
    const result = new Map<number, string>();
    for (const unit of units) {
      const parts: string[] = [];
      unit.gaps.forEach((gap, k) => {
        const [, lead, text, trail] = EDGES.exec(gap.plain)!;
        parts.push(lead, items.get(text)?.translations.get(to) ?? text, trail);
        if (k < unit.atoms.length) parts.push(placeholder(unit.atoms[k].id));
      });
      result.set(unit.index, parts.join(''));
    }
    return result;
  };
}

export interface SettleOptions {
  rewrite?: DestinationRewriter;
  hasMath: boolean;
  translateRuns: RunTranslator;
  to: LanguageCode;
}

/** Rounds of guard and recovery before giving up (each unit needs at most three). */
const MAX_ROUNDS = 12;

const EMPHASIS = new Set(['em', 'strong', 's']);

/**
 * Renders one output and checks it with the structural guard; units the guard names are
 * recovered, and the output rendered and checked again, until it passes. Throws only for a
 * difference that cannot be narrowed to units.
 */
export async function settleOutput(document: ParsedDocument, segmentation: Segmentation, states: UnitState[], options: SettleOptions): Promise<string> {
  const units = segmentation.units;
  for (let round = 0; ; round++) {
    const text = renderDocument(
      document,
      segmentation,
      states.map((state) => state.translation),
      {
        rewrite: options.rewrite,
        hasMath: options.hasMath,
        htmlEmphasis: new Set(units.filter((unit) => states[unit.index].html).map((unit) => unit.index)),
        raw: new Map(units.filter((unit) => states[unit.index].raw !== undefined).map((unit) => [unit.index, states[unit.index].raw!])),
      },
    );
    const translatedFields = units.filter((unit) => unit.field && (states[unit.index].translation !== undefined || states[unit.index].raw !== undefined)).map((unit) => unit.field!.path);
    const differences = compareStructure(document, text, { rewrite: options.rewrite, translatedFields, units, maxDifferences: Number.MAX_SAFE_INTEGER });
    // What a person wrote in a kept unit is theirs, structure included: only the tool's text is recovered.
    const ours = differences.filter((difference) => difference.units.length === 0 || difference.units.some((index) => states[index].raw === undefined));
    if (ours.length === 0) return text;
    const culprits = [...new Set(ours.flatMap((difference) => difference.units))].filter((index) => states[index].translation !== undefined);
    if (culprits.length === 0 || round >= MAX_ROUNDS) {
      throw structureError(message('The translation would change the structure of the Markdown document; nothing was written.'), { detail: describeDifferences(ours.slice(0, 10)) });
    }
    const forRuns: Unit[] = [];
    for (const index of culprits) {
      const state = states[index];
      const unit = units[index];
      if (!state.html && !unit.field && unit.atoms.some((atom) => EMPHASIS.has(atom.role))) {
        state.html = true;
        state.reason = 'html';
      } else if (!state.runs && !unit.field) forRuns.push(unit);
      else Object.assign(state, { translation: undefined, reason: 'source', html: false });
    }
    if (forRuns.length > 0) {
      const translated = await options.translateRuns(forRuns, options.to);
      for (const unit of forRuns) Object.assign(states[unit.index], runsState(unit, translated.get(unit.index)));
    }
  }
}

/** A unit's state after its runs were translated (the source's when none came back). */
export function runsState(unit: Unit, translation: string | undefined): UnitState {
  const translated = translation !== undefined && translation !== unit.text;
  return { translation: translated ? translation : undefined, reason: translated ? 'runs' : 'source', html: false, runs: true };
}
