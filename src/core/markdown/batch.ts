import type { LanguageCode, SourceLanguage } from '../languages';
import type { JobState, TranslateResult, TranslationProvider } from '../providers/types';
import { throwIfAborted } from '../http/abort';
import type { Codec } from './codec';
import type { Unit } from './model';

/**
 * Packing units into provider requests and running them.
 *
 * Units are packed greedily, in document order, up to the provider's `maxCharsPerCall` (and a
 * unit count); a unit longer than the limit goes alone (the provider splits long text itself).
 * Multi-target providers get all targets a unit needs in one call. At most `concurrency` calls
 * are in flight. A unit whose markup does not come back intact in a packed answer is retried
 * alone; then repaired where that is unambiguous; else reported as failed (see `runBatches`).
 */

/** One glossary for every target, or one per target. */
export type GlossaryChoice = string | ((to: LanguageCode) => string | undefined);

export function glossaryOf(choice: GlossaryChoice | undefined, to: LanguageCode): string | undefined {
  return typeof choice === 'function' ? choice(to) : choice;
}

/** One distinct unit text to translate, with the targets it still needs. */
export interface WorkItem {
  /** A unit with this text (the first in the document). */
  readonly unit: Unit;
  /** The request body for it. */
  readonly body: string;
  /** Lines (0-based) of every unit with this text, for messages. */
  readonly lines: number[];
  /** How many units share this text. */
  count: number;
  /** Targets it still needs (not in the translation memory). */
  readonly targets: LanguageCode[];
  /** Its text and the pairing of its atoms: what a translation of it can be reused for. */
  readonly shape: string;
  /** Translations per target so far (memory hits first). */
  readonly translations: Map<LanguageCode, string>;
}

export interface Batch {
  readonly items: readonly WorkItem[];
  readonly to: readonly LanguageCode[];
  /** Characters of the request text. */
  readonly chars: number;
}

export interface BatchLimits {
  maxChars: number;
  maxUnits: number;
}

/** Groups work items into batches (pure; used by planning and by the run). */
export function planBatches(items: readonly WorkItem[], codec: Codec, limits: BatchLimits, multiTarget: boolean, targets: readonly LanguageCode[]): Batch[] {
  const batches: Batch[] = [];
  const groups = new Map<string, { to: LanguageCode[]; items: WorkItem[] }>();
  if (multiTarget) {
    for (const item of items) {
      if (item.targets.length === 0) continue;
      const key = item.targets.join('\u0000');
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { to: item.targets, items: [] }));
      group.items.push(item);
    }
  } else {
    for (const target of targets) {
      const members = items.filter((item) => item.targets.includes(target));
      if (members.length > 0) groups.set(target, { to: [target], items: members });
    }
  }
  for (const group of groups.values()) {
    let current: WorkItem[] = [];
    let chars = 0;
    const flush = (): void => {
      if (current.length === 0) return;
      batches.push({ items: current, to: group.to, chars: requestLength(current, codec) });
      current = [];
      chars = 0;
    };
    for (const item of group.items) {
      // A packed request is at most the sum of each body plus its marker and separator.
      if (current.length > 0 && (chars + item.body.length + codec.overhead(current.length) > limits.maxChars || current.length >= limits.maxUnits)) flush();
      chars += item.body.length + codec.overhead(current.length);
      current.push(item);
    }
    flush();
  }
  return batches;
}

/** Length of the request text for these items (exact: the text is built the same way). */
export function requestLength(items: readonly WorkItem[], codec: Codec): number {
  return items.length === 1 ? items[0].body.length : codec.pack(items.map((item) => item.body)).length;
}

export interface RunOptions {
  provider: TranslationProvider;
  codec: Codec;
  from: SourceLanguage;
  /** The glossary of each target (a multi-target request uses none). */
  glossaryKey?: GlossaryChoice;
  concurrency: number;
  signal?: AbortSignal;
  onJobState?: (state: JobState) => void;
  /** Called with each translated item (canonical text, checked) as soon as it arrives; `repaired` after a repair of its markup. */
  deliver(item: WorkItem, to: LanguageCode, translation: string, repaired: boolean): void;
  /** Called for an item whose answer kept no usable markup, even sent alone and repaired. */
  fail(item: WorkItem, to: LanguageCode): void;
  /**
   * Whether a failed request (after the HTTP layer's retries) stops the run: the other calls are
   * cancelled at once and the run rejects with it. Default: every error stops the run.
   */
  stops?(error: unknown): boolean;
  /** Called for a failed request that does not stop the run: the caller answers for the batch's undelivered items. */
  error?(items: readonly WorkItem[], to: readonly LanguageCode[], error: unknown): void;
  /** Counted into as each call completes, so that what was paid for is known even when the run rejects. */
  stats?: RunStats;
}

export interface RunStats {
  requests: number;
  charsSent: number;
  calls: number;
}

/**
 * Runs the batches; resolves when every item has been delivered or failed for every target it
 * needed. A packed answer's units that decode are delivered; the others are sent again, one per
 * request; an answer that still does not decode is repaired where that is unambiguous, else the
 * item fails (its units are recovered by the caller). A provider error rejects the run, unless
 * `stops` says it does not (then `error` is told).
 */
export async function runBatches(batches: readonly Batch[], options: RunOptions): Promise<RunStats> {
  const runner = new BatchRunner(options);
  return runner.run(batches);
}

class BatchRunner {
  readonly stats: RunStats;
  private readonly controller = new AbortController();
  private readonly limit: <T>(fn: () => Promise<T>) => Promise<T>;

  constructor(private readonly options: RunOptions) {
    this.stats = options.stats ?? { requests: 0, charsSent: 0, calls: 0 };
    this.limit = limiter(Math.max(1, Math.floor(options.concurrency)));
  }

  async run(batches: readonly Batch[]): Promise<RunStats> {
    if (batches.length === 0) return this.stats;
    const onAbort = (): void => this.controller.abort();
    this.options.signal?.addEventListener('abort', onAbort, { once: true });
    // The first failure cancels the other calls; it is the one reported (not the cancellations it caused).
    let failure: { error: unknown } | undefined;
    const tasks = batches.map((batch) =>
      this.runBatch(batch.items, batch.to).catch((error: unknown) => {
        if (!this.stops(error)) {
          this.options.error?.(batch.items, batch.to, error);
          return;
        }
        failure ??= { error };
        this.controller.abort();
      }),
    );
    try {
      await Promise.all(tasks);
      if (failure) throw failure.error;
      return this.stats;
    } finally {
      this.options.signal?.removeEventListener('abort', onAbort);
    }
  }

  private async call(items: readonly WorkItem[], to: readonly LanguageCode[]): Promise<TranslateResult> {
    const { codec, provider } = this.options;
    const text = items.length === 1 ? items[0].body : codec.pack(items.map((item) => item.body));
    return this.limit(async () => {
      throwIfAborted(this.options.signal);
      throwIfAborted(this.controller.signal);
      this.stats.calls++;
      let result: TranslateResult;
      try {
        result = await provider.translate({
          text,
          from: this.options.from,
          to,
          format: codec.format,
          glossaryKey: to.length === 1 ? glossaryOf(this.options.glossaryKey, to[0]) : undefined,
          signal: this.controller.signal,
          onJobState: this.options.onJobState,
        });
      } catch (error) {
        // Before the next call can start: nothing more is sent after an error that stops the run.
        if (this.stops(error)) this.controller.abort();
        throw error;
      }
      this.stats.requests += result.requests;
      this.stats.charsSent += result.charsSent;
      return result;
    });
  }

  private stops(error: unknown): boolean {
    return this.controller.signal.aborted || (this.options.stops?.(error) ?? true);
  }

  /**
   * Sends items and delivers what comes back decoded. A packed answer's units that do not decode
   * are sent again, packed together once (`retried`: a unit seldom fails twice, and for a
   * provider that runs a job per request one job is much cheaper than one per unit), then alone.
   */
  private async runBatch(items: readonly WorkItem[], to: readonly LanguageCode[], retried = false): Promise<void> {
    const result = await this.call(items, to);
    const { codec } = this.options;
    // Per item, the targets to ask for again.
    const again = new Map<WorkItem, LanguageCode[]>();
    for (const target of to) {
      const answer = result.translations.find((translation) => translation.to === target)?.text;
      const bodies = answer === undefined ? undefined : items.length === 1 ? [answer] : codec.unpack(answer, items.length);
      items.forEach((item, index) => {
        const body = bodies?.[index];
        const decoded = body === undefined ? undefined : codec.decode(body, item.unit);
        if (decoded !== undefined) this.options.deliver(item, target, decoded, false);
        else if (items.length > 1) again.set(item, [...(again.get(item) ?? []), target]);
        else this.repairOrFail(item, target, body);
      });
    }
    if (!retried && again.size > 1) {
      // The failed units of a packed request fit in one request again: grouped by the targets they need.
      const groups = new Map<string, { items: WorkItem[]; to: LanguageCode[] }>();
      for (const [item, targets] of again) {
        const key = targets.join('\u0000');
        const group = groups.get(key) ?? { items: [], to: targets };
        group.items.push(item);
        groups.set(key, group);
      }
      await Promise.all([...groups.values()].map((group) => this.runBatch(group.items, group.to, true)));
      return;
    }
    await Promise.all([...again].map(([item, targets]) => this.runBatch([item], targets, true)));
  }

  private repairOrFail(item: WorkItem, target: LanguageCode, body: string | undefined): void {
    const repaired = body === undefined ? undefined : this.options.codec.repair(body, item.unit);
    if (repaired !== undefined) this.options.deliver(item, target, repaired, true);
    else this.options.fail(item, target);
  }
}

/** A concurrency limiter: at most `max` functions running at once, in call order. */
export function limiter(max: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  const next = (): void => {
    if (active >= max) return;
    const start = queue.shift();
    if (start) start();
  };
  return <T>(fn: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push(() => {
        active++;
        fn()
          .then(resolve, reject)
          .finally(() => {
            active--;
            next();
          });
      });
      next();
    });
}
