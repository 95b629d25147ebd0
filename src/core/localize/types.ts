import type { ErrorReason } from '../errors';
import type { LanguageCode } from '../languages';
import type { PreparedDocument } from '../markdown/prepare';
import type { RevisionPlan } from '../markdown/revision';
import type { DestinationRewriter } from '../markdown/links';
import type { Message } from '../messages';

/** Where translations go: sibling files named by a pattern (default `{dir}/{name}.{lang}.{ext}`), or the source itself. */
export type OutputMode = { kind: 'sibling'; pattern?: string } | { kind: 'inPlace' };

/**
 * How the operation reads sources and writes outputs. The CLI reads and writes the disk; the
 * extension reads open documents (unsaved edits included) and writes through the editor.
 */
export interface FileAccess {
  /** The file's text; throws an `input` error for a missing, binary or non-UTF-8 file. */
  read(file: string): Promise<string>;
  /** The current text of an output, or undefined when there is none (to report `unchanged`). */
  current(file: string): Promise<string | undefined>;
  /** Writes an output whole or not at all; false when the user declined it (a review). */
  write(file: string, text: string): Promise<boolean>;
}

/** One output of one source file. */
export interface PlannedOutput {
  to: LanguageCode;
  path: string;
}

/** A source file, read and checked, where its translations go, and what they keep of the last run. */
export interface PlannedFile {
  /** As the caller named it (absolute). */
  file: string;
  source: string;
  outputs: PlannedOutput[];
  prepared: PreparedDocument;
  /** Per target, how the existing output stands (only with a state, not in place). */
  revisions: Map<LanguageCode, RevisionPlan>;
}

/** Every file of a run, planned, and the links between them. */
export interface RunPlan {
  files: PlannedFile[];
  links: LinkPlanner;
}

/** A `#fragment` link whose target document has no such heading or anchor (left as it is). */
export interface BrokenLink {
  /** 1-based line in the source. */
  line: number;
  /** The destination as written. */
  link: string;
}

export type FileStatus = 'written' | 'unchanged' | 'failed' | 'skipped';

/** The outcome for one source file and one target language. */
export interface FileReport {
  file: string;
  to: LanguageCode;
  output: string;
  /**
   * `written`: the output was written whole; `unchanged`: it already held this translation;
   * `failed`: nothing was written (see `error`); `skipped`: the user declined it in a review.
   */
  status: FileStatus;
  /** One sentence, for `failed` (English). */
  error?: string;
  /** The same sentence, for a host to render in its language. */
  sentence?: Message;
  reason?: ErrorReason;
  /** Translatable units in the source. */
  segments: number;
  /** Units that needed a translation (not in the memory, not kept from the output). */
  translatedUnits: number;
  /** Units served by the translation memory (every target of the file counted). */
  cacheHits: number;
  /** Units whose text was kept as it stands in the output (unchanged source, a person's edits). */
  kept: number;
  /** 1-based lines of units changed both in the source and by a person in the output (the person's text was kept). */
  conflicts: number[];
  /** 1-based lines of units translated only after a recovery of their markup. */
  degraded: number[];
  /** 1-based lines of units left in the source language. */
  untranslated: number[];
  /** Fragment links that name no heading or anchor of their target. */
  brokenLinks: BrokenLink[];
}

/** What a run sent in all (requests are shared by the files). */
export interface RunResult {
  files: FileReport[];
  requests: number;
  charsSent: number;
}

/** What a dry run reports per file and target: what would be sent. */
export interface PlanReport {
  file: string;
  to: LanguageCode;
  output: string;
  segments: number;
  /** Units that would be sent (not in the memory, not kept from the output). */
  toTranslate: number;
  kept: number;
  cacheHits: number;
}

/** Links between the documents of a run: see `linkPlanner` (links.ts). */
export interface LinkPlanner {
  /** The rewriter of relative destinations alone (for the first rendering). */
  base(entry: PlannedFile, to: LanguageCode): DestinationRewriter | undefined;
  /** An output's first rendering: the anchors of its headings are read from it. */
  publish(entry: PlannedFile, to: LanguageCode, text: string): void;
  /** Resolves when every output this one links into with a fragment was published (or the run ended). */
  wait(entry: PlannedFile, to: LanguageCode): Promise<void>;
  /**
   * The rewriter of every link of this output (after `wait`), or undefined when no link needs
   * more than `base`.
   */
  rewriter(entry: PlannedFile, to: LanguageCode): Promise<DestinationRewriter | undefined>;
  /** Fragment links of this output that name nothing in their target (after `rewriter`). */
  broken(entry: PlannedFile, to: LanguageCode): BrokenLink[];
  /** Ends every wait (the run is over). */
  release(): void;
}

