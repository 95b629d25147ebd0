/**
 * The one table of `npm run bench`: a row per figure, with the baseline measured in the same run,
 * the target and the verdict. Only size budgets are enforced (`--quick` exits 1 when one is
 * broken); time figures are reported, never asserted.
 */

export type Verdict = 'met' | 'NOT met' | '';

export interface Row {
  section: string;
  figure: string;
  value: string;
  /** What the figure is measured against, in the same run. */
  baseline: string;
  target: string;
  verdict: Verdict;
  /** A budget whose breach fails `--quick` (sizes only). */
  enforced?: boolean;
}

const HEADERS = ['figure', 'value', 'baseline (same run)', 'target', 'verdict'] as const;

/** `met` when the target holds, `NOT met` when it does not, empty when there is no target. */
export function verdict(holds: boolean | undefined): Verdict {
  if (holds === undefined) return '';
  return holds ? 'met' : 'NOT met';
}

function cells(row: Row): string[] {
  return [`${row.section}: ${row.figure}`, row.value, row.baseline, row.target, row.verdict];
}

/** The rows as a plain-text table for a terminal (columns padded, a rule under the header). */
export function textTable(rows: readonly Row[]): string {
  const lines = [[...HEADERS], ...rows.map(cells)];
  const widths = HEADERS.map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  const format = (line: string[]): string => line.map((cell, column) => cell.padEnd(widths[column])).join(' | ').trimEnd();
  return [format(lines[0]), widths.map((width) => '-'.repeat(width)).join('-|-'), ...lines.slice(1).map(format)].join('\n') + '\n';
}

/** The rows as a Markdown table (pipes in cells escaped). */
export function markdownTable(rows: readonly Row[]): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|') || ' ';
  const line = (values: readonly string[]): string => `| ${values.map(escape).join(' | ')} |`;
  return [line(HEADERS), line(HEADERS.map(() => '---')), ...rows.map((row) => line(cells(row)))].join('\n') + '\n';
}

/** The enforced rows whose budget is broken. */
export function brokenBudgets(rows: readonly Row[]): Row[] {
  return rows.filter((row) => row.enforced === true && row.verdict === 'NOT met');
}
