import { BARE_URL, PLACEHOLDER_BRACKETS, SPECIAL, charClass, globalPattern } from './chars';
import { destinationRange, htmlLinkAttributes } from './links';
import type { AtomRole } from './model';
import type { Mark } from './parser';

/**
 * Finds, in one inline token's content, the spans that must not be translated: markup from
 * markdown-it's inline tokens (emphasis and strikethrough delimiters, link and image brackets
 * with their destinations and titles, code spans, raw HTML, autolinks, hard breaks) and spans
 * our own scanners protect: math, bare URLs, raw `<code>`/`<kbd>` elements, lines that GitHub
 * reads as link definitions, footnote references, emoji short codes, template tags, heading
 * attributes, task-list boxes, alert markers, and the placeholder brackets themselves.
 *
 * Spans our scanners find may cover markdown-it atoms (a URL in which `**` was read as
 * emphasis) when they cover them whole, partners included; otherwise markdown-it wins.
 */

/** A protected span in content coordinates. */
export interface ContentAtom {
  start: number;
  end: number;
  role: AtomRole;
  kind: 'open' | 'close' | 'solo';
  /** Index of the partner in the atom list (after sorting), -1 for solo atoms. */
  partner: number;
  bareClose: boolean;
  /** Label of a shortcut or collapsed reference (link or image closing), content coordinates. */
  label?: ContentRange;
  /** Must stay at the start of the unit (task-list box, alert marker). */
  anchored?: boolean;
}

/** A link destination in content coordinates. */
export interface ContentRange {
  start: number;
  end: number;
}

export interface InlineProtection {
  atoms: ContentAtom[];
  destinations: ContentRange[];
}

export interface ProtectOptions {
  /** Protect `$…$` and `$$…$$`. */
  math: boolean;
  /** The content starts a list item: protect a leading `[ ]` / `[x]` task box. */
  taskList: boolean;
  /** The content starts a block quote: protect a leading `[!NOTE]`-style alert marker. */
  alert: boolean;
}

/** An atom being collected: its partner is a reference until the list is sorted. */
interface Pending extends Omit<ContentAtom, 'partner'> {
  partnerRef?: Pending;
  /** Its index in the sorted list. */
  position?: number;
}

const PAIRED: Record<string, AtomRole> = {
  em_open: 'em',
  em_close: 'em',
  strong_open: 'strong',
  strong_close: 'strong',
  s_open: 's',
  s_close: 's',
};

/**
 * Protected spans of an inline token's content. Returns undefined when markdown-it produced
 * markup we cannot locate (then the unit must be left untranslated).
 */
export function protectInline(content: string, marks: readonly Mark[], options: ProtectOptions): InlineProtection | undefined {
  if (marks.length === 0 && !SCANNED.test(content)) return { atoms: [], destinations: [] };
  const atoms: Pending[] = [];
  const destinations: ContentRange[] = [];
  if (!collect(content, marks, atoms, destinations)) return undefined;

  const starts: Pending[] = [];
  if (options.taskList) {
    const task = /^\[[ xX]\](?=[ \t]|$)/.exec(content);
    if (task) starts.push({ ...solo(0, task[0].length, 'literal'), anchored: true });
  }
  if (options.alert) {
    const alert = /^\[![A-Za-z]+\]/.exec(content);
    if (alert) starts.push({ ...solo(0, alert[0].length, 'literal'), anchored: true });
  }
  const swallowing = [...starts, ...definitionLines(content), ...rawCodeElements(content, atoms)];
  if (options.math) swallowing.push(...findMath(content, atoms));
  swallowing.push(...findUrls(content));
  let merged = atoms;
  for (const candidate of swallowing) merged = swallow(merged, candidate);
  if (merged.length > 1) merged.sort(byStart);
  const literals = protectInGaps(content, merged);
  if (literals.length > 0) merged = [...merged, ...literals].sort(byStart);

  for (let i = 1; i < merged.length; i++) if (merged[i].start < merged[i - 1].end) return undefined;
  for (let i = 0; i < merged.length; i++) merged[i].position = i;
  const result: ContentAtom[] = [];
  for (const atom of merged) {
    const partner = atom.partnerRef?.position ?? -1;
    if (atom.kind !== 'solo' && (partner < 0 || merged[partner] !== atom.partnerRef)) return undefined;
    result.push({
      start: atom.start,
      end: atom.end,
      role: atom.role,
      kind: atom.kind,
      partner,
      bareClose: atom.bareClose,
      label: atom.label,
      anchored: atom.anchored,
    });
  }
  return { atoms: result, destinations };
}

function byStart(a: Pending, b: Pending): number {
  return a.start - b.start;
}

/**
 * A character that every span our scanners protect needs: `[` (task boxes, alerts, definition
 * lines, footnotes), `$` (math), `:` (URLs, emoji codes, definition lines), `{` (template tags,
 * attributes), the placeholder brackets, or `www.` (bare URLs).
 */
const SCANNED = new RegExp(`${charClass(SPECIAL.scannedStarts + SPECIAL.placeholder)}|www\\.`, 'i');

/**
 * Lines inside a paragraph that look like link reference definitions (`[label]: url`): CommonMark
 * reads them as text when they continue a paragraph, but GitHub does after a footnote
 * definition (`[^1]: …`), so they are kept whole.
 */
function definitionLines(content: string): Pending[] {
  const found: Pending[] = [];
  if (!content.includes(']:')) return found;
  const line = /(^|\n)[ \t]*(\[(?!\^)(?:[^\]\\\n]|\\.)+\]:[ \t]*\S[^\n]*)/g;
  for (let match = line.exec(content); match; match = line.exec(content)) {
    const start = match.index + match[1].length + (match[0].length - match[1].length - match[2].length);
    found.push(solo(start, start + match[2].length, 'literal'));
  }
  return found;
}

const RAW_CODE_OPEN = /^<(code|kbd|samp|var|tt)\b[^>]*>$/i;

/** Raw HTML `<code>…</code>` (and `kbd`, `samp`, `var`, `tt`) inside text: the element is kept whole. */
function rawCodeElements(content: string, atoms: readonly Pending[]): Pending[] {
  const found: Pending[] = [];
  const html = atoms.filter((atom) => atom.role === 'html').sort((a, b) => a.start - b.start);
  for (let i = 0; i < html.length; i++) {
    const open = RAW_CODE_OPEN.exec(content.slice(html[i].start, html[i].end));
    if (!open) continue;
    const close = new RegExp(`^</${open[1]}\\s*>$`, 'i');
    const j = html.findIndex((atom, k) => k > i && close.test(content.slice(atom.start, atom.end)));
    if (j < 0) continue;
    found.push(solo(html[i].start, html[j].end, 'code'));
    i = j;
  }
  return found;
}

/** Bare URLs anywhere in the content (markdown-it may have read `**` or `_` inside them as emphasis). */
function findUrls(content: string): Pending[] {
  const found: Pending[] = [];
  if (!/:\/\/|www\./i.test(content)) return found;
  const url = globalPattern(BARE_URL, 'i');
  for (let match = url.exec(content); match; match = url.exec(content)) {
    const value = trimUrl(match[0]);
    if (value.length > 0) found.push(solo(match.index, match.index + value.length, 'url'));
  }
  return found;
}

function solo(start: number, end: number, role: AtomRole): Pending {
  return { start, end, role, kind: 'solo', bareClose: false };
}

/** Walks inline marks (and image alt marks) and records their markup as atoms. */
function collect(content: string, marks: readonly Mark[], atoms: Pending[], destinations: ContentRange[]): boolean {
  const stack: Pending[] = [];
  for (let i = 0; i < marks.length; i++) {
    const { token, span } = marks[i];
    if (!span) return false;
    switch (token.type) {
      case 'hardbreak':
        atoms.push(solo(span.start, span.end, 'break'));
        break;
      case 'code_inline':
        atoms.push(solo(span.start, span.end, 'code'));
        break;
      case 'html_inline':
        atoms.push(solo(span.start, span.end, 'html'));
        for (const range of htmlLinkAttributes(content.slice(span.start, span.end))) {
          destinations.push({ start: span.start + range.start, end: span.start + range.end });
        }
        break;
      case 'link_open':
        if (token.info === 'auto') {
          atoms.push(solo(span.start, span.end, 'autolink'));
          while (i + 1 < marks.length && marks[i + 1].token.type !== 'link_close') i++;
          i++;
        } else {
          const open: Pending = { start: span.start, end: span.end, role: 'link', kind: 'open', bareClose: false };
          atoms.push(open);
          stack.push(open);
        }
        break;
      case 'link_close': {
        const open = stack.pop();
        if (!open || open.role !== 'link') return false;
        const close: Pending = { start: span.start, end: span.end, role: 'link', kind: 'close', bareClose: span.end - span.start === 1, partnerRef: open };
        close.label = referenceLabel(content, open.end, span.start, span.end);
        open.partnerRef = close;
        atoms.push(close);
        addDestination(content, span.start, span.end, destinations);
        break;
      }
      case 'image': {
        const label = marks[i].label;
        if (!label) return false;
        const open: Pending = { start: span.start, end: label.start, role: 'image', kind: 'open', bareClose: false };
        const close: Pending = { start: label.end, end: span.end, role: 'image', kind: 'close', bareClose: span.end - label.end === 1, partnerRef: open };
        close.label = referenceLabel(content, label.start, label.end, span.end);
        open.partnerRef = close;
        atoms.push(open);
        if (!collect(content, marks[i].children ?? [], atoms, destinations)) return false;
        atoms.push(close);
        addDestination(content, label.end, span.end, destinations);
        break;
      }
      default:
        if (!collectDelimiter(token.type, token.markup.length, token.nesting, span, atoms, stack)) return false;
    }
  }
  return stack.length === 0;
}

/** Emphasis and strikethrough delimiters (anything else, a plugin's token, is kept whole). */
function collectDelimiter(type: string, length: number, nesting: number, span: { start: number; end: number }, atoms: Pending[], stack: Pending[]): boolean {
  const role = PAIRED[type];
  if (!role) {
    atoms.push(solo(span.start, span.end, 'html'));
    return true;
  }
  if (nesting === 1) {
    const start = span.end - span.start < length ? span.end - length : span.start;
    const open: Pending = { start, end: span.end, role, kind: 'open', bareClose: false };
    atoms.push(open);
    stack.push(open);
    return true;
  }
  const end = span.end - span.start < length ? span.start + length : span.end;
  const open = stack.pop();
  if (!open || open.role !== role) return false;
  const close: Pending = { start: span.start, end, role, kind: 'close', bareClose: false, partnerRef: open };
  open.partnerRef = close;
  atoms.push(close);
  return true;
}

/** The label of a shortcut (`]`) or collapsed (`][]`) reference closing at `[closeStart, closeEnd)`. */
function referenceLabel(content: string, labelStart: number, closeStart: number, closeEnd: number): ContentRange | undefined {
  const close = content.slice(closeStart, closeEnd);
  return close === ']' || close === '][]' ? { start: labelStart, end: closeStart } : undefined;
}

/** The destination of an inline link or image whose closing part `](dest "title")` spans `[start, end)`. */
function addDestination(content: string, start: number, end: number, destinations: ContentRange[]): void {
  if (content.charCodeAt(start + 1) !== 0x28 /* ( */) return;
  let pos = start + 2;
  while (pos < end && /[ \t\n]/.test(content.charAt(pos))) pos++;
  const range = destinationRange(content, pos, end);
  if (range) destinations.push(range);
}

/**
 * Adds a span that may cover markdown-it atoms (math parsed as emphasis, say) when every atom it
 * touches lies wholly inside it with its partner; otherwise leaves the atoms as they are.
 */
function swallow(atoms: Pending[], candidate: Pending): Pending[] {
  const inside: Pending[] = [];
  for (const atom of atoms) {
    if (atom.end <= candidate.start || atom.start >= candidate.end) continue;
    if (atom.start < candidate.start || atom.end > candidate.end) return atoms;
    if (atom.partnerRef && (atom.partnerRef.start < candidate.start || atom.partnerRef.end > candidate.end)) return atoms;
    inside.push(atom);
  }
  const kept = inside.length === 0 ? atoms : atoms.filter((atom) => !inside.includes(atom));
  kept.push(candidate);
  return kept;
}

const OPAQUE: ReadonlySet<AtomRole> = new Set<AtomRole>(['code', 'html', 'autolink']);

function isEscaped(text: string, index: number): boolean {
  let count = 0;
  for (let i = index - 1; i >= 0 && text.charCodeAt(i) === 0x5c; i--) count++;
  return count % 2 === 1;
}

/** `$$…$$` and `$…$` spans (Pandoc's rules for inline math: no space inside the dollars, no digit after). */
function findMath(content: string, atoms: readonly Pending[]): Pending[] {
  const found: Pending[] = [];
  if (!content.includes('$')) return found;
  const opaque = atoms.filter((atom) => OPAQUE.has(atom.role)).sort((a, b) => a.start - b.start);
  const opaqueAt = (index: number): Pending | undefined => opaque.find((atom) => atom.start <= index && index < atom.end);
  let i = content.indexOf('$');
  while (i !== -1 && i < content.length) {
    const inAtom = opaqueAt(i);
    if (inAtom) {
      i = content.indexOf('$', inAtom.end);
      continue;
    }
    if (isEscaped(content, i)) {
      i = content.indexOf('$', i + 1);
      continue;
    }
    let end = -1;
    if (content.charCodeAt(i + 1) === 0x24) {
      let j = content.indexOf('$$', i + 2);
      while (j !== -1 && (isEscaped(content, j) || opaqueAt(j))) j = content.indexOf('$$', j + 1);
      if (j !== -1) end = j + 2;
    } else if (i + 1 < content.length && !/\s/.test(content.charAt(i + 1))) {
      let j = content.indexOf('$', i + 1);
      while (j !== -1) {
        if (content.slice(i, j).includes('\n')) break;
        if (!isEscaped(content, j) && !opaqueAt(j) && !/\s/.test(content.charAt(j - 1)) && !/\d/.test(content.charAt(j + 1))) {
          end = j + 1;
          break;
        }
        j = content.indexOf('$', j + 1);
      }
    }
    if (end === -1) {
      i = content.indexOf('$', i + (content.charCodeAt(i + 1) === 0x24 ? 2 : 1));
      continue;
    }
    found.push(solo(i, end, 'math'));
    i = content.indexOf('$', end);
  }
  return found;
}

/**
 * Literal spans protected inside plain text: bare URLs, footnote references, emoji codes,
 * template tags (`{{ … }}`, `{% … %}`, Hugo shortcodes), heading attributes (`{#id .class}`),
 * and the placeholder brackets `⟦` `⟧`.
 */
const IN_TEXT = new RegExp(
  [BARE_URL.source, '\\[\\^[^\\]\\s]+\\]:?', ':[a-z0-9_+-]*[a-z][a-z0-9_+-]*:', '\\{\\{[^\\n]*?\\}\\}', '\\{%[^\\n]*?%\\}', '\\{[#.:][^{}\\n]*\\}', PLACEHOLDER_BRACKETS.source].join('|'),
  'gi',
);
/** A character one of the `IN_TEXT` scanners needs. */
const IN_TEXT_START = new RegExp(charClass(SPECIAL.textScanStarts + SPECIAL.placeholder));

function protectInGaps(content: string, atoms: readonly Pending[]): Pending[] {
  const result: Pending[] = [];
  let from = 0;
  for (let k = 0; k <= atoms.length; k++) {
    const to = k < atoms.length ? atoms[k].start : content.length;
    if (to > from) scanGap(content, from, to, result);
    if (k < atoms.length) from = atoms[k].end;
  }
  return result;
}

function scanGap(content: string, from: number, to: number, out: Pending[]): void {
  const text = content.slice(from, to);
  if (!IN_TEXT_START.test(text)) return;
  IN_TEXT.lastIndex = 0;
  for (let match = IN_TEXT.exec(text); match; match = IN_TEXT.exec(text)) {
    let value = match[0];
    if (/^(?:https?|ftp|www)/i.test(value)) value = trimUrl(value);
    if (value.length === 0) continue;
    const role: AtomRole = /^(?:https?|ftp|www)/i.test(value) ? 'url' : 'literal';
    out.push(solo(from + match.index, from + match.index + value.length, role));
    IN_TEXT.lastIndex = match.index + value.length;
  }
}

/** Drops trailing punctuation that ends a sentence rather than the URL (GFM's autolink rules). */
function trimUrl(url: string): string {
  let value = url;
  for (;;) {
    const before = value;
    value = value.replace(/[?!.,:;*_~'"]+$/, '');
    if (value.endsWith(')') && count(value, '(') < count(value, ')')) value = value.slice(0, -1);
    if (value.endsWith(']') && count(value, '[') < count(value, ']')) value = value.slice(0, -1);
    if (value === before) return value;
  }
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}
