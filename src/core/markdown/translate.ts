import { reasonStopsTheRun, TranslateError } from '../errors';
import type { LanguageCode, SourceLanguage } from '../languages';
import type { JobState, TranslationProvider } from '../providers/types';
import { planBatches, runBatches, type Batch, type GlossaryChoice, type RunOptions, type RunStats, type WorkItem } from './batch';
import type { TranslationMemory } from './memory';
import { batchLimits, distinctItems, type PreparedDocument } from './prepare';
import { runTranslator, type RunTranslator } from './recover';

const DEFAULT_CONCURRENCY = 4;

/** How the items of prepared documents are sent. */
export interface TranslateOptions {
  provider: TranslationProvider;
  from: SourceLanguage;
  glossaryKey?: GlossaryChoice;
  /** Provider calls in flight at once (default 4). */
  concurrency?: number;
  maxUnitsPerRequest?: number;
  signal?: AbortSignal;
  onJobState?: (state: JobState) => void;
  /** Units translated (or served by the memory or kept) so far, out of every unit of every target. */
  onProgress?: (done: number, total: number) => void;
  /** Clean translations are stored as they arrive (a run that is killed keeps what it paid for). */
  memory?: TranslationMemory;
  /** Called when every item of a document has arrived (or failed) for every target: it can be finished now. */
  onDocumentReady?: (document: PreparedDocument, translated: Translated) => void;
  /** Counted into as each request completes (default: a new count), readable even when the run rejects. */
  stats?: RunStats;
}

/** Items whose translation into a target was repaired, or failed; and items whose request failed (with the error). */
export interface Care {
  repaired: Map<WorkItem, Set<LanguageCode>>;
  failed: Map<WorkItem, Set<LanguageCode>>;
  errors: Map<WorkItem, unknown>;
}

/** Whether an error stops a run (`reasonStopsTheRun`); an error of unknown kind does. */
export function stopsTheRun(error: unknown): boolean {
  return !(error instanceof TranslateError) || reasonStopsTheRun(error.reason);
}

/** What a translation of several documents gives: statistics, and the care each item needed. */
export interface Translated {
  stats: RunStats;
  care: Care;
  /** Translates the text runs of failed units (the recovery of `settle`), sharing the statistics. */
  translateRuns: RunTranslator;
}



type Handlers = Pick<RunOptions, 'deliver' | 'fail' | 'error'>;

function mark(marks: Map<WorkItem, Set<LanguageCode>>, item: WorkItem, to: LanguageCode): void {
  marks.set(item, (marks.get(item) ?? new Set()).add(to));
}

/**
 * The translation of the items of several documents, in shared requests. Each document is
 * announced (`onDocumentReady`) as soon as its own items have all arrived or failed. A request
 * that fails for what it carried (a failed job, say: not a transient error, which the HTTP layer
 * retried) is sent again per document, so that only the document at fault fails; its items end
 * in `care.errors`. An error that would fail every request (`stopsTheRun`) rejects.
 */
export class DocumentsTranslation {
  private readonly care: Care = { repaired: new Map(), failed: new Map(), errors: new Map() };
  private readonly stats: RunStats;
  private readonly translated: Translated;
  /** Per representative item, the items of the same text in other documents. */
  private readonly sharing = new Map<WorkItem, WorkItem[]>();
  private readonly items: WorkItem[];
  private readonly runOptions: Omit<RunOptions, 'deliver' | 'fail'>;
  /** What each document still waits for (an item and a target each). */
  private readonly waiting = new Map<PreparedDocument, number>();
  private readonly documentOf = new Map<WorkItem, PreparedDocument>();
  private total = 0;
  private done = 0;

  constructor(
    private readonly documents: readonly PreparedDocument[],
    private readonly options: TranslateOptions,
  ) {
    this.stats = options.stats ?? { requests: 0, charsSent: 0, calls: 0 };
    this.items = distinctItems(documents, this.sharing);
    this.runOptions = {
      provider: options.provider,
      codec: documents[0]?.codec,
      from: options.from,
      glossaryKey: options.glossaryKey,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      signal: options.signal,
      onJobState: options.onJobState,
    };
    const translateRuns = runTranslator(this.runOptions, batchLimits(options.provider, options.maxUnitsPerRequest), options.provider.capabilities.multiTarget, this.stats);
    this.translated = { stats: this.stats, care: this.care, translateRuns };
  }

  async run(): Promise<Translated> {
    if (this.documents.length === 0) return this.translated;
    this.count();
    const failedBatches: { batch: readonly WorkItem[]; to: readonly LanguageCode[]; error: unknown }[] = [];
    await this.send(this.plan(this.items, this.targets()), (batch, to, error) => failedBatches.push({ batch, to, error }));
    const again: Batch[] = [];
    for (const { batch, to, error } of failedBatches) {
      const pending = batch.filter((item) => this.undelivered(item, to).length > 0);
      const byDocument = new Map<PreparedDocument | undefined, WorkItem[]>();
      for (const item of pending) byDocument.set(this.documentOf.get(item), [...(byDocument.get(this.documentOf.get(item)) ?? []), item]);
      const transient = error instanceof TranslateError && error.retryable;
      if (byDocument.size > 1 && !transient) for (const group of byDocument.values()) again.push(...this.plan(group, to));
      else this.giveUp(pending, to, error);
    }
    await this.send(again, (batch, to, error) => this.giveUp(batch, to, error));
    return this.translated;
  }

  private targets(): LanguageCode[] {
    return [...new Set(this.documents.flatMap((document) => document.targets))];
  }

  private plan(items: readonly WorkItem[], targets: readonly LanguageCode[]): Batch[] {
    const provider = this.options.provider;
    return planBatches(items, this.runOptions.codec, batchLimits(provider, this.options.maxUnitsPerRequest), provider.capabilities.multiTarget, targets);
  }

  /** Counts what each document waits for; announces the documents that wait for nothing. */
  private count(): void {
    for (const document of this.documents) {
      let count = 0;
      for (const item of document.items) {
        count += item.targets.length;
        this.documentOf.set(item, document);
      }
      this.waiting.set(document, count);
      this.total += document.segmentation.units.length * document.targets.length;
      this.done += document.cacheHits + document.kept;
    }
    this.options.onProgress?.(this.done, this.total);
    for (const document of this.documents) if (this.waiting.get(document) === 0) this.options.onDocumentReady?.(document, this.translated);
  }

  /** Sends batches; a failed request that does not stop the run goes to `failed`. */
  private async send(batches: readonly Batch[], failed: (batch: readonly WorkItem[], to: readonly LanguageCode[], error: unknown) => void): Promise<void> {
    await runBatches(batches, {
      ...this.runOptions,
      ...this.handlers(),
      stops: stopsTheRun,
      error: failed,
      stats: this.stats,
    });
  }

  private handlers(): Omit<Handlers, 'error'> {
    return {
      deliver: (item, to, translation, repaired) => {
        if (item.translations.has(to)) return;
        for (const each of this.withShared(item)) {
          each.translations.set(to, translation);
          if (repaired) mark(this.care.repaired, each, to);
          else this.options.memory?.set(this.documentOf.get(each)!.keyFor(each, to), translation);
        }
        this.settled(item, to);
      },
      fail: (item, to) => {
        for (const each of this.withShared(item)) mark(this.care.failed, each, to);
        this.settled(item, to);
      },
    };
  }

  private withShared(item: WorkItem): WorkItem[] {
    return [item, ...(this.sharing.get(item) ?? [])];
  }

  private undelivered(item: WorkItem, to: readonly LanguageCode[]): LanguageCode[] {
    return to.filter((target) => !item.translations.has(target) && !this.care.failed.get(item)?.has(target));
  }

  /** The items of a failed request that did not arrive: their documents will fail with `error`. */
  private giveUp(batch: readonly WorkItem[], to: readonly LanguageCode[], error: unknown): void {
    for (const item of batch) {
      for (const target of this.undelivered(item, to)) {
        for (const each of this.withShared(item)) this.care.errors.set(each, error);
        this.settled(item, target);
      }
    }
  }

  /** An item arrived (or failed) for a target: progress, and the documents it completes. */
  private settled(item: WorkItem, to: LanguageCode): void {
    for (const each of this.withShared(item)) {
      if (!each.targets.includes(to)) continue;
      this.done += each.count;
      const document = this.documentOf.get(each);
      if (!document) continue;
      const left = (this.waiting.get(document) ?? 0) - 1;
      this.waiting.set(document, left);
      if (left === 0) this.options.onDocumentReady?.(document, this.translated);
    }
    this.options.onProgress?.(this.done, this.total);
  }
}
