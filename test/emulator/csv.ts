import { CsvError as ParseError, parse } from 'csv-parse/sync';

export interface CsvRow {
  /** 1-based line number where the row starts. */
  line: number;
  cells: string[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** Parses RFC 4180 CSV (any line break) with csv-parse, keeping each row's first line number. */
export function parseCsv(text: string): CsvRow[] {
  try {
    const records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n', '\r'] }) as unknown as { record: string[]; info: { lines: number } }[];
    const rows: CsvRow[] = [];
    let nextLine = 1;
    for (const { record, info } of records) {
      rows.push({ line: nextLine, cells: record });
      nextLine = info.lines + 1;
    }
    return rows;
  } catch (error) {
    if (error instanceof ParseError) {
      const line = (error as ParseError & { lines?: number }).lines ?? 1;
      throw new CsvError(line, error.message.replace(/^Invalid [^:]*:\s*/, ''));
    }
    throw error;
  }
}

function quote(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** CSV text with CRLF line ends and a final line break. */
export function toCsv(rows: ReadonlyArray<readonly string[]>): string {
  return rows.map((row) => row.map(quote).join(',') + '\r\n').join('');
}
