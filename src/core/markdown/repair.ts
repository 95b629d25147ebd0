import { PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN, type Unit } from './model';

/**
 * Unambiguous repairs of an answer whose markup tokens a translation damaged. Each rule applies
 * only where there is one reading: a placeholder written `[1]` when `⟦1⟧` is missing and `[1]`
 * is nowhere in the source; a token repeated right after itself; full-width digits in a tag.
 * Nothing is ever moved: a token that was dropped or moved past another stays a failure. The
 * codec checks the repaired answer as it checks any answer.
 */

/** What a placeholder's number may be written with (ASCII or full-width digits). */
const DIGITS = '[0-9０-９]+';

/** Text before a paragraph's start: nothing, or ending with a blank line. */
const PARAGRAPH_START = /(?:^|\n[ \t]*\n)\s*$/;

/** ASCII digits for full-width ones. */
function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xff10 + 0x30));
}

/** Every text of the unit as the source has it (to know that `[1]` was not there already). */
function sourceText(unit: Unit): string {
  return unit.gaps.map((gap) => gap.plain).join('\n');
}

/** Repairs of a `⟦n⟧` answer (text and Markdown requests). */
export function repairPlaceholders(body: string, unit: Unit): string {
  const open = PLACEHOLDER_OPEN;
  const close = PLACEHOLDER_CLOSE;
  const loose = new RegExp(`${open}\\s*(${DIGITS})\\s*${close}`, 'g');
  // A placeholder repeated right after itself: one copy.
  let out = body.replace(new RegExp(`(${open}\\s*(${DIGITS})\\s*${close})(?:${open}\\s*\\2\\s*${close})+`, 'g'), '$1');
  const present = new Set<number>();
  for (const match of out.matchAll(loose)) present.add(Number(asciiDigits(match[1])));
  const source = sourceText(unit);
  for (const atom of unit.atoms) {
    if (present.has(atom.id)) continue;
    // `[1]` (or `[ 1 ]`, `[１]`) standing alone for the missing `⟦1⟧`.
    const bracketed = new RegExp(`\\[\\s*(${DIGITS})\\s*\\]`, 'g');
    const found = [...out.matchAll(bracketed)].filter((match) => Number(asciiDigits(match[1])) === atom.id);
    if (found.length !== 1 || source.includes(`[${atom.id}]`)) continue;
    const at = found[0].index;
    out = `${out.slice(0, at)}${open}${atom.id}${close}${out.slice(at + found[0][0].length)}`;
  }
  return out;
}

/** Repairs of a `<span id="n">` answer (HTML requests). */
export function repairSpans(body: string, unit: Unit): string {
  const source = sourceText(unit);
  // Full-width digits in an id; a tag written with brackets (`[span id="1"]`, `[/span]`).
  let out = body.replace(/<\s*\/?\s*span\b[^>]*>/gi, (tag) => asciiDigits(tag));
  if (!source.includes('[span') && !source.includes('[/span')) {
    out = out.replace(/\[\s*(\/?)\s*span\b([^\]<>]*)\]/gi, (_tag, slash: string, rest: string) => asciiDigits(`<${slash}span${rest}>`));
  }
  // An opening or single tag repeated right after itself: one copy.
  out = out.replace(/(<span\b[^>]*>(?:<\/span>)?)\1+/gi, '$1');
  return out;
}

/**
 * Repairs of the unit markers `⟦#k⟧` of a packed answer (1 ≤ k ≤ `count`): a marker repeated
 * right after itself, or written `[#k]` where a marker stands (at the start of the answer or of
 * a paragraph) when `⟦#k⟧` is missing and `[#k]` comes once.
 */
export function repairMarkers(text: string, count: number): string {
  const open = PLACEHOLDER_OPEN;
  const close = PLACEHOLDER_CLOSE;
  let out = text.replace(new RegExp(`(${open}\\s*[#＃]\\s*(${DIGITS})\\s*${close})(?:\\s*${open}\\s*[#＃]\\s*\\2\\s*${close})+`, 'g'), '$1');
  const present = new Set<number>();
  for (const match of out.matchAll(new RegExp(`${open}\\s*[#＃]\\s*(${DIGITS})\\s*${close}`, 'g'))) present.add(Number(asciiDigits(match[1])));
  for (let k = 1; k <= count; k++) {
    if (present.has(k)) continue;
    const found = [...out.matchAll(new RegExp(`\\[\\s*[#＃]\\s*(${DIGITS})\\s*\\]`, 'g'))].filter((match) => Number(asciiDigits(match[1])) === k);
    if (found.length !== 1 || !PARAGRAPH_START.test(out.slice(0, found[0].index))) continue;
    const at = found[0].index;
    out = `${out.slice(0, at)}${open}#${k}${close}${out.slice(at + found[0][0].length)}`;
  }
  return out;
}
