import { CsvError, parse } from 'csv-parse/sync';
import { TranslateError } from '../errors';

/**
 * Glossary CSV files for the Papago glossary API. The column layout is not public; the contract
 * is two columns (source term, target term), an optional header row, UTF-8 with an optional BOM.
 * Everything is checked here before anything is uploaded, with line numbers a person can find.
 */

export interface GlossaryTerm {
  source: string;
  target: string;
}

export interface GlossaryCsvTerm extends GlossaryTerm {
  /** The 1-based line on which the row starts. */
  line: number;
}

export interface ValidatedGlossaryCsv {
  terms: GlossaryCsvTerm[];
  hasHeader: boolean;
  /** The header cells as written (trimmed), when there was a header row. */
  header?: [string, string];
  /**
   * The canonical CSV of the validated terms, what an upload sends: no header row (the header is
   * optional and services differ in the header names they know), terms trimmed, blank rows
   * dropped, RFC 4180 quoting, CRLF, no BOM.
   */
  csvText: string;
}

export interface GlossaryCsvProblem {
  /** 1-based line numbers the problem is about (empty for whole-file problems). */
  lines: number[];
  message: string;
}

/** The gateway refuses bodies over 10 MB (error 430). */
export const GLOSSARY_MAX_FILE_BYTES = 10 * 1024 * 1024;
/** A term longer than this is certainly a mistake (a missing quote or line break). */
export const GLOSSARY_MAX_TERM_CHARS = 1000;
/** Problems listed in the error message; the rest are counted. */
export const GLOSSARY_MAX_LISTED_PROBLEMS = 20;

/** A `TranslateError('input')` that also carries every problem found, for diagnostics. */
export class GlossaryCsvError extends TranslateError {
  constructor(
    message: string,
    readonly problems: readonly GlossaryCsvProblem[],
  ) {
    super('input', message);
    this.name = 'GlossaryCsvError';
  }
}

const HEADER_WORDS = new Set(
  [
    'source', 'target', 'source term', 'target term', 'source text', 'target text', 'src', 'tgt', 'trg',
    'term', 'terms', 'translation', 'translated', 'original', 'from', 'to', 'word', 'meaning',
    'source language', 'target language', 'key', 'value',
    '원문', '번역', '번역문', '원어', '번역어', '원본', '대상', '용어', '소스', '타겟', '타깃', '단어', '출발어', '도착어',
    '原文', '訳文', '翻訳', '译文', '翻译', '用語', '术语',
  ].map((word) => word.toLowerCase()),
);
const LANGUAGE_HEADERS = new Set([
  'ko', 'en', 'ja', 'zh-cn', 'zh-tw', 'zh-hans', 'zh-hant', 'zh', 'vi', 'th', 'id', 'fr', 'es', 'ru', 'de', 'it',
  'korean', 'english', 'japanese', 'chinese', '한국어', '영어', '일본어', '중국어',
]);

/** True when a first row is a header (both cells are common column names or language codes). */
export function isGlossaryHeader(first: string, second: string): boolean {
  const a = first.trim().toLowerCase();
  const b = second.trim().toLowerCase();
  if (HEADER_WORDS.has(a) && HEADER_WORDS.has(b)) return true;
  return a !== b && LANGUAGE_HEADERS.has(a) && LANGUAGE_HEADERS.has(b);
}

/** The first control character in `text` other than tab, CR and LF, if any. */
export function findControlChar(text: string, allowLineBreaks = true): string | undefined {
  for (const char of text) {
    const code = char.charCodeAt(0);
    const allowed = code === 0x09 || (allowLineBreaks && (code === 0x0a || code === 0x0d));
    if ((code < 0x20 && !allowed) || code === 0x7f) return char;
  }
  return undefined;
}

/**
 * Checks a glossary CSV and returns its terms, or throws a `GlossaryCsvError` (reason `input`)
 * that lists every problem found with its line numbers.
 */
export function validateGlossaryCsv(bytes: Uint8Array, fileName?: string): ValidatedGlossaryCsv {
  const label = fileName ? `The glossary file "${baseName(fileName)}"` : 'The glossary file';
  const fail = (problems: GlossaryCsvProblem[]): never => {
    throw new GlossaryCsvError(formatProblems(label, problems), problems);
  };
  const failFile = (problem: GlossaryCsvProblem): never => {
    throw new GlossaryCsvError(`${label} ${problem.message}.`, [problem]);
  };

  const fileProblem = checkBytes(bytes);
  if (fileProblem) failFile(fileProblem);

  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // strips one BOM
  if (text.trim() === '') failFile({ lines: [], message: 'is empty' });

  const problems: GlossaryCsvProblem[] = [];
  const rows: { cells: string[]; line: number }[] = [];
  let lastEnd = 0;
  try {
    parse(text, {
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: false,
      on_record: (record: string[], context) => {
        rows.push({ cells: record, line: lastEnd + 1 });
        lastEnd = context.lines;
        return null; // kept here, not in the parser's result
      },
    });
  } catch (error) {
    problems.push(syntaxProblem(error, lastEnd));
  }

  const terms: GlossaryCsvTerm[] = [];
  let header: [string, string] | undefined;
  const seen = new Map<string, number>();
  let firstRow = true;
  for (const { cells, line } of rows) {
    if (cells.every((cell) => cell.trim() === '')) continue; // blank rows (also `,` rows from spreadsheets)
    const mayBeHeader = firstRow;
    firstRow = false;
    if (cells.length !== 2) {
      problems.push({ lines: [line], message: columnMessage(cells) });
      continue;
    }
    const [source, target] = cells.map((cell) => cell.trim()) as [string, string];
    if (mayBeHeader && isGlossaryHeader(source, target)) {
      header = [source, target];
      continue;
    }
    const rowProblems = [...checkTerm(source, 'source'), ...checkTerm(target, 'target')];
    for (const message of rowProblems) problems.push({ lines: [line], message });
    if (rowProblems.length > 0) continue;
    const key = source.normalize('NFC');
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ lines: [first, line], message: `the source term "${excerpt(source)}" appears twice (lines ${first} and ${line})` });
      continue;
    }
    seen.set(key, line);
    terms.push({ source, target, line });
  }

  if (problems.length > 0) fail(problems.sort((a, b) => shownLine(a) - shownLine(b)));
  if (terms.length === 0) failFile({ lines: [], message: header ? 'has a header row but no terms' : 'holds no terms' });
  return {
    terms,
    hasHeader: header !== undefined,
    ...(header ? { header } : {}),
    csvText: formatGlossaryCsv(terms),
  };
}

/** Writes terms as RFC 4180 CSV (CRLF line ends, quoting only where needed), with an optional header row. */
export function formatGlossaryCsv(terms: readonly GlossaryTerm[], header?: readonly [string, string]): string {
  const rows = terms.map((term) => [term.source, term.target]);
  if (header) rows.unshift([header[0], header[1]]);
  return rows.map((row) => row.map(quoteCsvField).join(',') + '\r\n').join('');
}

export function quoteCsvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function checkTerm(term: string, column: 'source' | 'target'): string[] {
  if (term === '') return [`the ${column} term is empty`];
  const problems: string[] = [];
  if (term.length > GLOSSARY_MAX_TERM_CHARS) {
    problems.push(`the ${column} term is ${term.length} characters long (at most ${GLOSSARY_MAX_TERM_CHARS}); is a quote or line break missing?`);
  }
  if (/[\r\n]/.test(term)) problems.push(`the ${column} term spans several lines`);
  const control = findControlChar(term);
  if (control) problems.push(`the ${column} term holds a control character (U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`);
  return problems;
}

function columnMessage(cells: string[]): string {
  const found = `found ${cells.length} column${cells.length === 1 ? '' : 's'}`;
  if (cells.length === 1) {
    const cell = cells[0] ?? '';
    if (cell.includes('\t')) return `expected 2 columns (source term, target term) but ${found}: separate the columns with a comma, not a tab`;
    if (cell.includes(';')) return `expected 2 columns (source term, target term) but ${found}: separate the columns with a comma, not a semicolon`;
  }
  if (cells.length > 2) return `expected 2 columns (source term, target term) but ${found}: quote a term that contains a comma`;
  return `expected 2 columns (source term, target term) but ${found}`;
}

/** csv-parse stops at the first quoting error; it carries the line where it noticed. */
function syntaxProblem(error: unknown, lastCompleteLine: number): GlossaryCsvProblem {
  const code = error instanceof CsvError ? error.code : undefined;
  const reported = (error as { lines?: unknown }).lines;
  const at = typeof reported === 'number' && reported > 0 ? reported : lastCompleteLine + 1;
  const rest = 'lines after it were not checked';
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED': {
      const opened = lastCompleteLine + 1;
      return { lines: [opened], message: `a quoted field opened here is never closed (the file ends inside it); ${rest}` };
    }
    case 'CSV_INVALID_CLOSING_QUOTE':
      return { lines: [at], message: `text follows a closing quote; write a quote inside a quoted term as "" (two quotes); ${rest}` };
    case 'INVALID_OPENING_QUOTE':
      return { lines: [at], message: `a quote appears inside an unquoted term; quote the whole term and double the quote inside (""); ${rest}` };
    default:
      return { lines: [at], message: `the CSV could not be read (${code ?? 'unknown error'}); ${rest}` };
  }
}

/** Whole-file problems found in the raw bytes: size, encoding, binary content. */
function checkBytes(bytes: Uint8Array): GlossaryCsvProblem | undefined {
  if (bytes.length === 0) return { lines: [], message: 'is empty' };
  if (bytes.length > GLOSSARY_MAX_FILE_BYTES) {
    return { lines: [], message: `is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the glossary service accepts at most 10 MB` };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { lines: [], message: 'is UTF-16 text; save it as "CSV UTF-8"' };
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return { lines: [], message: 'is a ZIP archive or Excel workbook, not CSV text; export it as "CSV UTF-8"' };
  }
  const nulLines: number[] = [];
  const badLines: number[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  forEachLine(bytes, (start, end, line) => {
    const slice = bytes.subarray(start, end);
    if (slice.includes(0)) nulLines.push(line);
    else if (!decodes(decoder, slice)) badLines.push(line);
  });
  if (nulLines.length > 0) {
    return { lines: nulLines, message: `holds binary data (NUL bytes) on ${lineList(nulLines)}; it is not a CSV text file` };
  }
  if (badLines.length > 0) {
    return { lines: badLines, message: `is not UTF-8 text (invalid bytes on ${lineList(badLines)}); save it as "CSV UTF-8"` };
  }
  return undefined;
}

function decodes(decoder: TextDecoder, bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Calls `visit` for each line (CRLF, LF or CR ends a line, as the CSV parser counts them). */
function forEachLine(bytes: Uint8Array, visit: (start: number, end: number, line: number) => void): void {
  let start = 0;
  let line = 1;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte !== 0x0a && byte !== 0x0d) continue;
    visit(start, i, line++);
    if (byte === 0x0d && bytes[i + 1] === 0x0a) i++;
    start = i + 1;
  }
  if (start < bytes.length) visit(start, bytes.length, line);
}

function lineList(lines: number[]): string {
  const shown = lines.slice(0, GLOSSARY_MAX_LISTED_PROBLEMS).join(', ');
  const more = lines.length > GLOSSARY_MAX_LISTED_PROBLEMS ? ` and ${lines.length - GLOSSARY_MAX_LISTED_PROBLEMS} more` : '';
  return `line${lines.length === 1 ? '' : 's'} ${shown}${more}`;
}

/** The line a problem is listed under: the later line of a duplicate. */
function shownLine(problem: GlossaryCsvProblem): number {
  return problem.lines[problem.lines.length - 1] ?? 0;
}

function formatProblems(label: string, problems: GlossaryCsvProblem[]): string {
  const shown = problems.slice(0, GLOSSARY_MAX_LISTED_PROBLEMS).map((problem) => `  line ${shownLine(problem)}: ${problem.message}`);
  const hidden = problems.length - shown.length;
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return [`${label} has ${count}:`, ...shown, ...(hidden > 0 ? [`  ...and ${hidden} more.`] : [])].join('\n');
}

function excerpt(term: string): string {
  return term.length > 40 ? `${term.slice(0, 40)}...` : term;
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}
