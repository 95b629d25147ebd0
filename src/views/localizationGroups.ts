/**
 * How the localization view lays out many sources: the files at a folder's root first, then one
 * node per directory that holds Markdown, named by its whole relative path (`docs/api/v2`), its
 * files under it. One level of directories, never a nested tree: a docs tree of a hundred files
 * in a dozen directories stays one click deep, and a directory's name says where it is.
 */

export interface DirectoryGroup<T> {
  /** Relative to the workspace folder, with `/`. */
  dir: string;
  items: T[];
}

export interface Grouped<T> {
  root: T[];
  dirs: DirectoryGroup<T>[];
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Groups items by the directory of their relative path (`/`-separated), each list sorted by name, directories by path. */
export function groupByDirectory<T>(items: readonly T[], relative: (item: T) => string): Grouped<T> {
  const byDir = new Map<string, T[]>();
  for (const item of items) {
    const path = relative(item);
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '' : path.slice(0, slash);
    byDir.set(dir, [...(byDir.get(dir) ?? []), item]);
  }
  const byName = (a: T, b: T) => collator.compare(relative(a), relative(b));
  const dirs = [...byDir.keys()].filter((dir) => dir !== '').sort(collator.compare);
  return {
    root: (byDir.get('') ?? []).sort(byName),
    dirs: dirs.map((dir) => ({ dir, items: byDir.get(dir)!.sort(byName) })),
  };
}
