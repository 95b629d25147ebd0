import { strToU8, zipSync } from 'fflate';
import { CsvError, parseCsv, toCsv } from './csv';
import type { GlossaryRecord, GlossaryTerm } from './glossaryStore';
import { PAPAGO_LANGUAGES } from './languages';

/**
 * The glossary CSV layout the emulator accepts: two columns, source term then target term, UTF-8
 * with an optional BOM, blank lines ignored, and an optional header row. The first row is a
 * header when both cells are header words (source/target, src/tgt, from/to, "source term"/
 * "target term") or both are Papago language codes (`ko,en`).
 */
const HEADER_WORDS = new Set(['source', 'target', 'src', 'tgt', 'from', 'to', 'source term', 'target term', 'source_term', 'target_term']);

function isHeader(cells: string[]): boolean {
  const [a, b] = cells.map((cell) => cell.trim());
  const words = HEADER_WORDS.has(a.toLowerCase()) && HEADER_WORDS.has(b.toLowerCase());
  const codes = PAPAGO_LANGUAGES.includes(a) && PAPAGO_LANGUAGES.includes(b);
  return words || codes;
}

/** Parses an uploaded glossary file. Throws CsvError naming the line at fault. */
export function parseGlossaryFile(bytes: Uint8Array): GlossaryTerm[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CsvError(1, 'the file is not valid UTF-8');
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const rows = parseCsv(text).filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  if (rows.length > 0 && rows[0].cells.length === 2 && isHeader(rows[0].cells)) rows.shift();
  const seen = new Set<string>();
  const terms: GlossaryTerm[] = [];
  for (const { line, cells } of rows) {
    if (cells.length !== 2) throw new CsvError(line, `expected 2 columns (source term, target term), found ${cells.length}`);
    const [source, target] = cells.map((cell) => cell.trim());
    if (source === '') throw new CsvError(line, 'the source term is empty');
    if (target === '') throw new CsvError(line, 'the target term is empty');
    if (seen.has(source)) throw new CsvError(line, `duplicate source term "${source}"`);
    seen.add(source);
    terms.push([source, target]);
  }
  if (terms.length === 0) throw new CsvError(1, 'the file holds no terms');
  return terms;
}

/** A file name safe inside a ZIP: no path separators or control characters. */
function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_') || 'glossary';
}

/** The download: a ZIP holding `<glossaryName>.csv` (no header row, CRLF, no BOM). */
export function glossaryZip(record: GlossaryRecord): Uint8Array {
  const csv = toCsv(record.terms);
  return zipSync({ [`${safeName(record.glossaryName)}.csv`]: strToU8(csv) });
}
