/**
 * Section 2, sizes: the production bundles the VSIX ships (`dist/*.js`; the manifest's `main` is
 * what activation loads, budget 100 KB) and the VSIX of `npm run package` (budget 300 KB), with
 * its file list summarised. Budgets are enforced by `npm run bench -- --quick`.
 */
import type { Packaged } from './packaged';
import { verdict, type Row } from './table';

const KB = 1024;
export const MAIN_BUDGET_KB = 100;
export const VSIX_BUDGET_KB = 300;

const kb = (bytes: number): string => `${(bytes / KB).toFixed(1)} KB`;

/** `dist 2 files 95.3 KB, media 9 files 120.0 KB, ...`: the VSIX's files by top-level folder (or `(root)`). */
export function summariseFiles(files: ReadonlyMap<string, number>): string {
  const groups = new Map<string, { count: number; bytes: number }>();
  for (const [file, bytes] of files) {
    const slash = file.indexOf('/');
    const group = slash < 0 ? '(root)' : file.slice(0, slash);
    const entry = groups.get(group) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += bytes;
    groups.set(group, entry);
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, { count, bytes }]) => `${group} ${count} ${count === 1 ? 'file' : 'files'} ${kb(bytes)}`)
    .join(', ');
}

/** The size rows of a VSIX's contents: every `dist/*.js` it ships, then the VSIX itself. */
export function sizeRows(files: ReadonlyMap<string, number>, main: string, vsixBytes: number): Row[] {
  const bundles = [...files].filter(([file]) => /^dist\/[^/]+\.js$/.test(file)).sort(([a], [b]) => (a === main ? -1 : b === main ? 1 : a.localeCompare(b)));
  const allBundles = bundles.reduce((sum, [, bytes]) => sum + bytes, 0);
  const rows: Row[] = bundles.map(([file, bytes]) =>
    file === main
      ? { section: 'sizes', figure: `${file} (main: loaded at activation)`, value: kb(bytes), baseline: `all shipped dist/*.js: ${kb(allBundles)}`, target: `at most ${MAIN_BUDGET_KB} KB`, verdict: verdict(bytes <= MAIN_BUDGET_KB * KB), enforced: true }
      : { section: 'sizes', figure: `${file} (shipped, not main)`, value: kb(bytes), baseline: '', target: '', verdict: '' },
  );
  if (!bundles.some(([file]) => file === main)) {
    rows.unshift({ section: 'sizes', figure: `${main} (main)`, value: 'missing from the VSIX', baseline: '', target: `at most ${MAIN_BUDGET_KB} KB`, verdict: 'NOT met', enforced: true });
  }
  const unpacked = [...files.values()].reduce((sum, bytes) => sum + bytes, 0);
  rows.push({
    section: 'sizes',
    figure: 'VSIX (npm run package)',
    value: kb(vsixBytes),
    baseline: `${kb(unpacked)} unpacked`,
    target: `at most ${VSIX_BUDGET_KB} KB`,
    verdict: verdict(vsixBytes <= VSIX_BUDGET_KB * KB),
    enforced: true,
  });
  rows.push({ section: 'sizes', figure: 'VSIX files', value: `${files.size}`, baseline: summariseFiles(files), target: '', verdict: '' });
  return rows;
}

export function sizes(packaged: Packaged): Row[] {
  return sizeRows(packaged.files, packaged.main, packaged.vsixBytes);
}
