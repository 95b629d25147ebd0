import { CsvError, parse } from 'csv-parse/sync';
import { TranslateError } from '../errors';
import { message, type Message } from '../messages';

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
  /** The line it is listed under: the later line of a duplicate; 0 for the whole file. */
  line: number;
  /** In English, a clause: `the source term is empty`. */
  message: string;
  /** The same for hosts that translate it. */
  sentence: Message;
  /** A problem of the whole file (size, encoding, no terms): the sentence is said of the file (`is empty`). */
  aboutFile?: true;
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
    sentence: Message,
    readonly problems: readonly GlossaryCsvProblem[],
  ) {
    super('input', sentence);
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
  const label = fileName ? message('The glossary file "{0}"', baseName(fileName)) : message('The glossary file');
  const fail = (problems: GlossaryCsvProblem[]): never => {
    throw new GlossaryCsvError(formatProblems(label, problems), problems);
  };
  const failFile = (problem: GlossaryCsvProblem): never => {
    throw new GlossaryCsvError(message('{0} {1}.', label, problem.sentence), [problem]);
  };

  const byteProblem = checkBytes(bytes);
  if (byteProblem) failFile(byteProblem);

  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // strips one BOM
  if (text.trim() === '') failFile(fileProblem([], message('is empty')));

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
      problems.push(problem([line], columnMessage(cells)));
      continue;
    }
    const [source, target] = cells.map((cell) => cell.trim()) as [string, string];
    if (mayBeHeader && isGlossaryHeader(source, target)) {
      header = [source, target];
      continue;
    }
    const rowProblems = [...checkTerm(source, 'source'), ...checkTerm(target, 'target')];
    for (const sentence of rowProblems) problems.push(problem([line], sentence));
    if (rowProblems.length > 0) continue;
    const key = source.normalize('NFC');
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(problem([first, line], message('the source term "{0}" appears twice (lines {1} and {2})', excerpt(source), first, line)));
      continue;
    }
    seen.set(key, line);
    terms.push({ source, target, line });
  }

  if (problems.length > 0) fail(problems.sort((a, b) => a.line - b.line));
  if (terms.length === 0) failFile(fileProblem([], header ? message('has a header row but no terms') : message('holds no terms')));
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

function problem(lines: number[], sentence: Message): GlossaryCsvProblem {
  return { lines, line: lines[lines.length - 1] ?? 0, message: sentence.text, sentence };
}

function fileProblem(lines: number[], sentence: Message): GlossaryCsvProblem {
  return { ...problem(lines, sentence), aboutFile: true };
}

function checkTerm(term: string, column: 'source' | 'target'): Message[] {
  const name = column === 'source' ? message('source term') : message('target term');
  if (term === '') return [message('the {0} is empty', name)];
  const problems: Message[] = [];
  if (term.length > GLOSSARY_MAX_TERM_CHARS) {
    problems.push(message('the {0} is {1} characters long (at most {2}); is a quote or line break missing?', name, term.length, GLOSSARY_MAX_TERM_CHARS));
  }
  if (/[\r\n]/.test(term)) problems.push(message('the {0} spans several lines', name));
  const control = findControlChar(term);
  if (control) problems.push(message('the {0} holds a control character ({1})', name, `U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`));
  return problems;
}

function columnMessage(cells: string[]): Message {
  const found = cells.length;
  if (found === 1) {
    const cell = cells[0] ?? '';
    if (cell.includes('\t')) return message('expected 2 columns (source term, target term) but found 1 column: separate the columns with a comma, not a tab');
    if (cell.includes(';')) return message('expected 2 columns (source term, target term) but found 1 column: separate the columns with a comma, not a semicolon');
    return message('expected 2 columns (source term, target term) but found 1 column');
  }
  if (found > 2) return message('expected 2 columns (source term, target term) but found {0} columns: quote a term that contains a comma', found);
  return message('expected 2 columns (source term, target term) but found {0} columns', found);
}

/** csv-parse stops at the first quoting error; it carries the line where it noticed. */
function syntaxProblem(error: unknown, lastCompleteLine: number): GlossaryCsvProblem {
  const code = error instanceof CsvError ? error.code : undefined;
  const reported = (error as { lines?: unknown }).lines;
  const at = typeof reported === 'number' && reported > 0 ? reported : lastCompleteLine + 1;
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return problem([lastCompleteLine + 1], message('a quoted field opened here is never closed (the file ends inside it); lines after it were not checked'));
    case 'CSV_INVALID_CLOSING_QUOTE':
      return problem([at], message('text follows a closing quote; write a quote inside a quoted term as "" (two quotes); lines after it were not checked'));
    case 'INVALID_OPENING_QUOTE':
      return problem([at], message('a quote appears inside an unquoted term; quote the whole term and double the quote inside (""); lines after it were not checked'));
    default:
      return problem([at], message('the CSV could not be read ({0}); lines after it were not checked', code ?? 'unknown error'));
  }
}

/** Whole-file problems found in the raw bytes: size, encoding, binary content. */
function checkBytes(bytes: Uint8Array): GlossaryCsvProblem | undefined {
  if (bytes.length === 0) return fileProblem([], message('is empty'));
  if (bytes.length > GLOSSARY_MAX_FILE_BYTES) {
    return fileProblem([], message('is {0} MB; the glossary service accepts at most 10 MB', (bytes.length / 1024 / 1024).toFixed(1)));
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fileProblem([], message('is UTF-16 text; save it as "CSV UTF-8"'));
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return fileProblem([], message('is a ZIP archive or Excel workbook, not CSV text; export it as "CSV UTF-8"'));
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
    return fileProblem(nulLines, message('holds binary data (NUL bytes) on {0}; it is not a CSV text file', lineList(nulLines)));
  }
  if (badLines.length > 0) {
    return fileProblem(badLines, message('is not UTF-8 text (invalid bytes on {0}); save it as "CSV UTF-8"', lineList(badLines)));
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

function lineList(lines: number[]): Message {
  const shown = lines.slice(0, GLOSSARY_MAX_LISTED_PROBLEMS).join(', ');
  if (lines.length === 1) return message('line {0}', shown);
  if (lines.length <= GLOSSARY_MAX_LISTED_PROBLEMS) return message('lines {0}', shown);
  return message('lines {0} and {1} more', shown, lines.length - GLOSSARY_MAX_LISTED_PROBLEMS);
}

function formatProblems(label: Message, problems: GlossaryCsvProblem[]): Message {
  const shown = problems.slice(0, GLOSSARY_MAX_LISTED_PROBLEMS).map((problem) => message('line {0}: {1}', problem.line, problem.sentence));
  const hidden = problems.length - shown.length;
  const lines = { lines: hidden > 0 ? [...shown, message('...and {0} more.', hidden)] : shown };
  return problems.length === 1 ? message('{0} has 1 problem:{1}', label, lines) : message('{0} has {1} problems:{2}', label, problems.length, lines);
}

function excerpt(term: string): string {
  return term.length > 40 ? `${term.slice(0, 40)}...` : term;
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}
