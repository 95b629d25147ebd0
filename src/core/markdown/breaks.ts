import { placeholder, type Atom, type Unit } from './model';

/**
 * Where a translated unit's line breaks go. A multi-line paragraph keeps its lines (and their
 * container prefixes, like `> ` or list indentation): each break of the source goes back between
 * two translated words near where it was.
 */

/** A place for a line break in the output gaps. */
export interface Candidate {
  gap: number;
  /** Range in the gap's text replaced by the separator (empty for a break between CJK characters). */
  start: number;
  end: number;
  /** Position in the whole translated text, for placing breaks near their source positions. */
  position: number;
}

/** The output side of a unit: its atoms in the translation's order and the texts around them. */
export interface Layout {
  readonly unit: Unit;
  readonly order: readonly Atom[];
  readonly texts: readonly string[];
  /** Gaps copied from the source (unchanged): no break is placed in them. */
  readonly verbatim: readonly boolean[];
  readonly sameOrder: boolean;
}

/** What a placeholder adds to positions in the whole text (as in the unit's canonical text). */
const PLACEHOLDER_LENGTH = placeholder(1).length;

/** Line-start atoms that cannot start new block structure: emphasis and link openings, link closings, URLs. */
function safeAtLineStart(atom: Atom): boolean {
  if (atom.role === 'url') return true;
  if (atom.kind === 'open') return atom.role === 'em' || atom.role === 'strong' || atom.role === 's' || atom.role === 'link' || atom.role === 'image';
  return atom.kind === 'close' && (atom.role === 'link' || atom.role === 'image');
}

/** The source gap ends with a line break (the next atom started a line). */
function endsWithBreak(unit: Unit, k: number): boolean {
  const gap = unit.gaps[k];
  const last = gap.separators[gap.separators.length - 1];
  return last !== undefined && last.offset === gap.offset + gap.plain.length - 1;
}

/** Spaces a line break may replace: space, tab, no-break space, ideographic space. */
function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0xa0 || code === 0x3000;
}

function nextWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

const CJK = /[\u2E80-\u2FFF\u3001-\u303F\u3040-\u30FF\u3100-\u312F\u3190-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF01-\uFF60]/;

/**
 * Whitespace between words where a break may go: never at the unit's edges, never next to a
 * hard break, never before markup that could start a block.
 */
function spaceCandidates(layout: Layout): Candidate[] {
  const { unit, order, texts, verbatim, sameOrder } = layout;
  const candidates: Candidate[] = [];
  const lastGap = texts.length - 1;
  let position = 0;
  for (let k = 0; k <= lastGap; k++) {
    const text = texts[k];
    if (!verbatim[k]) {
      const before = k > 0 ? order[k - 1] : undefined;
      const after = k < lastGap ? order[k] : undefined;
      for (let start = nextWhitespace(text, 0), end = 0; start < text.length; start = nextWhitespace(text, end)) {
        end = start + 1;
        while (end < text.length && isWhitespace(text.charCodeAt(end))) end++;
        if (start === 0 && (k === 0 || before?.endsLine)) continue;
        // Before an atom: only one that cannot start a block, or one that started a line in the source too.
        if (end === text.length && (k === lastGap || !after || after.endsLine || !(safeAtLineStart(after) || (sameOrder && endsWithBreak(unit, k))))) continue;
        candidates.push({ gap: k, start, end, position: position + start });
      }
    }
    position += text.length + (k < lastGap ? PLACEHOLDER_LENGTH : 0);
  }
  return candidates;
}

/** Places between two CJK characters (Chinese and Japanese have few spaces). */
function cjkCandidates(layout: Layout): Candidate[] {
  const { texts, verbatim } = layout;
  const candidates: Candidate[] = [];
  const lastGap = texts.length - 1;
  let offset = 0;
  for (let k = 0; k <= lastGap; k++) {
    const text = texts[k];
    if (!verbatim[k] && CJK.test(text)) {
      for (let i = 1; i < text.length; i++) {
        if (CJK.test(text.charAt(i - 1)) && CJK.test(text.charAt(i))) candidates.push({ gap: k, start: i, end: i, position: offset + i });
      }
    }
    offset += text.length + (k < lastGap ? PLACEHOLDER_LENGTH : 0);
  }
  return candidates;
}

function byPosition(x: Candidate, y: Candidate): number {
  return x.position - y.position || x.start - y.start;
}

/** Length of the whole translated text, placeholders counted as in canonical text. */
function totalLength(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + text.length, 0) + (texts.length - 1) * PLACEHOLDER_LENGTH;
}

/**
 * Picks where the unit's line breaks go: whitespace between words, else between CJK characters.
 * Each break goes to the candidate nearest to where it was in the source, in order. Returns fewer
 * breaks than wanted when the translation is too short (lines are then merged).
 */
export function chooseBreaks(layout: Layout, wanted: number): Candidate[] {
  const primary = spaceCandidates(layout);
  const all = primary.length >= wanted ? primary : [...primary, ...cjkCandidates(layout)].sort(byPosition);
  if (all.length <= wanted) return all;
  const { unit, texts, verbatim } = layout;
  const length = totalLength(texts);
  if (!layout.sameOrder) {
    // Atoms moved: place the breaks by their relative position in the whole text.
    const sourceLength = Math.max(1, unit.text.length);
    const separators = unit.gaps.flatMap((gap, k) => (verbatim[k] ? [] : gap.separators));
    return pick(all, separators.map((separator) => (separator.offset / sourceLength) * length));
  }
  return breaksInTheirGaps(layout, primary, all, length);
}

/** Same atom order: each break stays in its own gap, at the same relative place. */
function breaksInTheirGaps(layout: Layout, primary: readonly Candidate[], all: readonly Candidate[], length: number): Candidate[] {
  const { unit, texts, verbatim } = layout;
  const lastGap = texts.length - 1;
  const chosen: Candidate[] = [];
  let leftover = 0;
  let gapStart = 0;
  for (let k = 0; k <= lastGap; k++) {
    const gap = unit.gaps[k];
    const gapLength = texts[k].length;
    if (!verbatim[k] && gap.separators.length > 0) {
      const inGap = primary.filter((candidate) => candidate.gap === k);
      const candidates = inGap.length >= gap.separators.length ? inGap : all.filter((candidate) => candidate.gap === k);
      const targets = gap.separators.map((separator) => gapStart + ((separator.offset - gap.offset) / Math.max(1, gap.plain.length)) * gapLength);
      if (candidates.length >= targets.length) chosen.push(...pick(candidates, targets));
      else {
        chosen.push(...candidates);
        leftover += targets.length - candidates.length;
      }
    }
    gapStart += gapLength + (k < lastGap ? PLACEHOLDER_LENGTH : 0);
  }
  if (leftover > 0) {
    // Gaps too short for their breaks: spread the rest over the remaining candidates, evenly.
    const rest = all.filter((candidate) => !chosen.includes(candidate));
    const extra = Math.min(leftover, rest.length);
    chosen.push(...pick(rest, Array.from({ length: extra }, (_, j) => ((j + 1) / (extra + 1)) * length)));
  }
  return chosen.sort(byPosition);
}

/** Chooses one candidate per target, in order, each nearest to its target while leaving enough for the rest. */
function pick(candidates: readonly Candidate[], targets: readonly number[]): Candidate[] {
  const chosen: Candidate[] = [];
  let next = 0;
  for (let j = 0; j < targets.length; j++) {
    const target = targets[j];
    const lastAllowed = candidates.length - (targets.length - j);
    let best = next;
    for (let i = next + 1; i <= lastAllowed; i++) {
      if (Math.abs(candidates[i].position - target) <= Math.abs(candidates[best].position - target)) best = i;
      else break;
    }
    chosen.push(candidates[best]);
    next = best + 1;
  }
  return chosen;
}
