import * as path from 'node:path';
import type { LanguageCode } from '../languages';
import { documentAnchors, type Anchors } from '../markdown/anchors';
import { rewriterFor } from '../markdown';
import { isRelativeDestination } from '../markdown/links';
import { partitionPoint } from '../markdown/locate';
import { markdownParser } from '../markdown/parser';
import type { LocalizationState } from './state';
import type { BrokenLink, FileAccess, LinkPlanner, PlannedFile } from './types';

/**
 * Links between the documents of a localized tree. In an output, a link to another Markdown
 * file that is localized too (in this run, or tracked in the state for that language) points at
 * that file's output, and a `#fragment` naming a heading points at the translated heading's
 * anchor (GitHub's slug of the translated text; explicit anchors keep their names). A fragment
 * that names no heading or anchor of its target is left as it is and reported.
 *
 * A heading's final text is known only once its output is settled: every output publishes its
 * first rendering, then waits for the outputs it links into, then renders its links.
 */

/** A link of a source to a Markdown document. */
interface Link {
  /** The destination as written. */
  raw: string;
  /** The file it points at (absolute). */
  target: string;
  /** `?query` as written, or ''. */
  query: string;
  /** The fragment, decoded (without `#`), or undefined. */
  fragment: string | undefined;
  /** 1-based line in the source. */
  line: number;
}

/** A localized document a link can point into: where its output for a language is. */
interface Target {
  source: () => Promise<string | undefined>;
  output: (to: LanguageCode) => string | undefined;
  entry?: PlannedFile;
}

/** The link planner of a run's files. */
export function linkPlanner(files: readonly PlannedFile[], run: { access: FileAccess; state?: LocalizationState }): LinkPlanner {
  const md = markdownParser();
  const byPath = new Map(files.map((entry) => [path.resolve(entry.file), entry]));
  const links = new Map<PlannedFile, Link[]>();
  for (const entry of files) links.set(entry, linksOf(entry, md.unescapeAll.bind(md)));

  const target = (file: string, to: LanguageCode): Target | undefined => {
    const entry = byPath.get(file);
    if (entry) return { entry, source: async () => entry.source, output: (lang) => entry.outputs.find((output) => output.to === lang)?.path };
    const tracked = run.state?.get(file, to);
    if (!tracked || !run.state) return undefined;
    const output = path.resolve(run.state.root, tracked.output);
    return { source: () => run.access.read(file).catch(() => undefined), output: () => output };
  };

  const published = new Map<string, { text: string; anchors?: Promise<Anchors> }>();
  const waiters = new Map<string, (() => void)[]>();
  let released = false;
  const key = (file: string, to: LanguageCode): string => `${to}\u0000${path.resolve(file)}`;
  const sourceAnchors = new Map<string, Promise<Anchors | undefined>>();
  const broken = new Map<string, BrokenLink[]>();

  const anchorsOfSource = (file: string, found: Target): Promise<Anchors | undefined> => {
    let anchors = sourceAnchors.get(file);
    if (!anchors) {
      anchors = found.source().then((text) => (text === undefined ? undefined : documentAnchors(text)));
      sourceAnchors.set(file, anchors);
    }
    return anchors;
  };
  const anchorsOfOutput = async (file: string, to: LanguageCode, found: Target): Promise<Anchors | undefined> => {
    const mine = published.get(key(file, to));
    if (mine) return (mine.anchors ??= documentAnchors(mine.text));
    if (found.entry) return undefined;
    const output = found.output(to);
    const text = output === undefined ? undefined : await run.access.current(output);
    return text === undefined ? undefined : documentAnchors(text);
  };

  return {
    base: (entry, to) => rewriterFor({ sourcePath: entry.file, outputPathFor: (lang) => outputOf(entry, lang) }, to),

    publish(entry, to, text) {
      const id = key(entry.file, to);
      published.set(id, { text });
      for (const wake of waiters.get(id) ?? []) wake();
      waiters.delete(id);
    },

    async wait(entry, to) {
      const needed = new Set((links.get(entry) ?? []).filter((link) => link.fragment !== undefined && byPath.has(link.target)).map((link) => key(link.target, to)));
      await Promise.all(
        [...needed].map(
          (id) =>
            new Promise<void>((resolve) => {
              if (released || published.has(id)) resolve();
              else waiters.set(id, [...(waiters.get(id) ?? []), resolve]);
            }),
        ),
      );
    },

    async rewriter(entry, to) {
      const base = this.base(entry, to);
      const own = outputOf(entry, to);
      const replaced = new Map<string, string>();
      const problems: BrokenLink[] = [];
      for (const link of links.get(entry) ?? []) {
        const found = target(link.target, to);
        if (!found) continue;
        const output = found.output(to);
        if (output === undefined) continue;
        let fragment = link.fragment;
        if (fragment !== undefined) {
          const mapped = mapFragment(fragment, await anchorsOfSource(link.target, found), await anchorsOfOutput(link.target, to, found));
          if (mapped === undefined) problems.push({ line: link.line, link: link.raw });
          else fragment = mapped;
        }
        const samePath = link.target === path.resolve(entry.file) && !link.raw.split(/[?#]/)[0];
        const where = samePath ? '' : encodePath(path.relative(path.dirname(own), output).split(path.sep).join('/') || path.basename(output));
        replaced.set(link.raw, `${where}${link.query}${fragment === undefined ? '' : `#${fragment}`}`);
      }
      broken.set(key(entry.file, to), problems);
      if (![...replaced].some(([raw, value]) => value !== (base ? base(raw) : raw))) return undefined;
      return (destination) => replaced.get(destination) ?? (base ? base(destination) : destination);
    },

    broken: (entry, to) => broken.get(key(entry.file, to)) ?? [],

    release() {
      released = true;
      for (const wakes of waiters.values()) for (const wake of wakes) wake();
      waiters.clear();
    },
  };
}

function outputOf(entry: PlannedFile, to: LanguageCode): string {
  return entry.outputs.find((output) => output.to === to)?.path ?? entry.file;
}

/**
 * The output's anchor for a fragment of the source: the same heading's new slug, or the fragment
 * itself when it names an explicit anchor; undefined when it names nothing. A fragment written in
 * other letter case than the slug still finds its heading (browsers do not, GitHub does).
 */
function mapFragment(fragment: string, source: Anchors | undefined, output: Anchors | undefined): string | undefined {
  if (!source) return fragment;
  if (source.explicit.has(fragment)) return fragment;
  let index = source.headings.indexOf(fragment);
  if (index < 0) index = source.headings.indexOf(fragment.toLowerCase());
  if (index < 0) return undefined;
  return output?.headings[index] ?? fragment;
}

function encodePath(relative: string): string {
  return relative.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** The links of a source to Markdown documents (itself included), with their lines. */
function linksOf(entry: PlannedFile, unescape: (raw: string) => string): Link[] {
  const { source, segmentation } = { source: entry.prepared.document.source, segmentation: entry.prepared.segmentation };
  const result: Link[] = [];
  for (const destination of segmentation.destinations) {
    const decoded = unescape(destination.value);
    if (!decoded.startsWith('#') && !isRelativeDestination(decoded)) continue;
    const hash = decoded.indexOf('#');
    const beforeHash = hash < 0 ? decoded : decoded.slice(0, hash);
    const question = beforeHash.indexOf('?');
    const pathPart = question < 0 ? beforeHash : beforeHash.slice(0, question);
    const query = question < 0 ? '' : beforeHash.slice(question);
    let target: string;
    try {
      target = pathPart === '' ? path.resolve(entry.file) : path.resolve(path.dirname(entry.file), decodeURIComponent(pathPart));
    } catch {
      continue;
    }
    if (pathPart !== '' && !/\.(md|markdown)$/i.test(pathPart)) continue;
    let fragment: string | undefined;
    if (hash >= 0) {
      try {
        fragment = decodeURIComponent(decoded.slice(hash + 1));
      } catch {
        fragment = decoded.slice(hash + 1);
      }
    }
    const line = partitionPoint(source.rawLineStarts.length, (k) => source.rawLineStarts[k] <= destination.start);
    result.push({ raw: destination.value, target, query, fragment, line });
  }
  return result;
}
