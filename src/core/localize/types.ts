import type { ErrorReason } from '../errors';
import type { LanguageCode } from '../languages';

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

/** A source file, read and checked, and where its translations go. */
export interface PlannedFile {
  /** As the caller named it (absolute). */
  file: string;
  source: string;
  outputs: PlannedOutput[];
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
  /** One sentence, for `failed`. */
  error?: string;
  reason?: ErrorReason;
  segments: number;
  charsSent: number;
  requests: number;
  cacheHits: number;
  /** 1-based lines of units translated only after a recovery of their markup. */
  degraded: number[];
  /** 1-based lines of units left in the source language. */
  untranslated: number[];
}

/** What a dry run reports per file and target: what would be sent. */
export interface PlanReport {
  file: string;
  to: LanguageCode;
  output: string;
  segments: number;
  charsToSend: number;
  requests: number;
  cacheHits: number;
}
