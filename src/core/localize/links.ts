import * as path from 'node:path';
import type { LanguageCode } from '../languages';
import { documentAnchors, type Anchors } from '../markdown/anchors';
import { rewriterFor } from '../markdown';
import { isRelativeDestination, type DestinationRewriter } from '../markdown/links';
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
  return new Links(files, run);
}

class Links implements LinkPlanner {
  private readonly byPath: Map<string, PlannedFile>;
  private readonly links = new Map<PlannedFile, Link[]>();
  private readonly published = new Map<string, { text: string; anchors?: Promise<Anchors> }>();
  private readonly waiters = new Map<string, (() => void)[]>();
  private readonly sourceAnchors = new Map<string, Promise<Anchors | undefined>>();
  private readonly brokenLinks = new Map<string, BrokenLink[]>();
  private released = false;

  constructor(
    files: readonly PlannedFile[],
    private readonly run: { access: FileAccess; state?: LocalizationState },
  ) {
    const md = markdownParser();
    this.byPath = new Map(files.map((entry) => [path.resolve(entry.file), entry]));
    for (const entry of files) this.links.set(entry, linksOf(entry, (raw) => md.unescapeAll(raw)));
  }

  base(entry: PlannedFile, to: LanguageCode): DestinationRewriter | undefined {
    return rewriterFor({ sourcePath: entry.file, outputPathFor: (lang) => outputOf(entry, lang) }, to);
  }

  publish(entry: PlannedFile, to: LanguageCode, text: string): void {
    const id = key(entry.file, to);
    this.published.set(id, { text });
    for (const wake of this.waiters.get(id) ?? []) wake();
    this.waiters.delete(id);
  }

  async wait(entry: PlannedFile, to: LanguageCode): Promise<void> {
    const needed = new Set((this.links.get(entry) ?? []).filter((link) => link.fragment !== undefined && this.byPath.has(link.target)).map((link) => key(link.target, to)));
    await Promise.all(
      [...needed].map(
        (id) =>
          new Promise<void>((resolve) => {
            if (this.released || this.published.has(id)) resolve();
            else this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]);
          }),
      ),
    );
  }

  async rewriter(entry: PlannedFile, to: LanguageCode): Promise<DestinationRewriter | undefined> {
    const base = this.base(entry, to);
    const replaced = new Map<string, string>();
    const problems: BrokenLink[] = [];
    for (const link of this.links.get(entry) ?? []) {
      const found = this.target(link.target, to);
      const output = found?.output(to);
      if (!found || output === undefined) continue;
      let fragment = link.fragment;
      if (fragment !== undefined) {
        const mapped = mapFragment(fragment, await this.anchorsOfSource(link.target, found), await this.anchorsOfOutput(link.target, to, found));
        if (mapped === undefined) problems.push({ line: link.line, link: link.raw });
        else fragment = mapped;
      }
      const samePath = link.target === path.resolve(entry.file) && !link.raw.split(/[?#]/)[0];
      const where = samePath ? '' : encodePath(path.relative(path.dirname(outputOf(entry, to)), output).split(path.sep).join('/') || path.basename(output));
      replaced.set(link.raw, `${where}${link.query}${fragment === undefined ? '' : `#${fragment}`}`);
    }
    this.brokenLinks.set(key(entry.file, to), problems);
    if (![...replaced].some(([raw, value]) => value !== (base ? base(raw) : raw))) return undefined;
    return (destination) => replaced.get(destination) ?? (base ? base(destination) : destination);
  }

  broken(entry: PlannedFile, to: LanguageCode): BrokenLink[] {
    return this.brokenLinks.get(key(entry.file, to)) ?? [];
  }

  release(): void {
    this.released = true;
    for (const wakes of this.waiters.values()) for (const wake of wakes) wake();
    this.waiters.clear();
  }

  /** A localized document a link can point into: one of this run, or one the state tracks for `to`. */
  private target(file: string, to: LanguageCode): Target | undefined {
    const entry = this.byPath.get(file);
    if (entry) return { entry, source: async () => entry.source, output: (lang) => entry.outputs.find((output) => output.to === lang)?.path };
    const { state, access } = this.run;
    const tracked = state?.get(file, to);
    if (!tracked || !state) return undefined;
    const output = path.resolve(state.root, tracked.output);
    return { source: () => access.read(file).catch(() => undefined), output: () => output };
  }

  private anchorsOfSource(file: string, found: Target): Promise<Anchors | undefined> {
    let anchors = this.sourceAnchors.get(file);
    if (!anchors) {
      anchors = found.source().then((text) => (text === undefined ? undefined : documentAnchors(text)));
      this.sourceAnchors.set(file, anchors);
    }
    return anchors;
  }

  private async anchorsOfOutput(file: string, to: LanguageCode, found: Target): Promise<Anchors | undefined> {
    const mine = this.published.get(key(file, to));
    if (mine) return (mine.anchors ??= documentAnchors(mine.text));
    if (found.entry) return undefined;
    const output = found.output(to);
    const text = output === undefined ? undefined : await this.run.access.current(output);
    return text === undefined ? undefined : documentAnchors(text);
  }
}

function key(file: string, to: LanguageCode): string {
  return `${to}\u0000${path.resolve(file)}`;
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
