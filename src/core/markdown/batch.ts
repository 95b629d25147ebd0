import type { LanguageCode, SourceLanguage } from '../languages';
import type { JobState, TranslateResult, TranslationProvider } from '../providers/types';
import { throwIfAborted } from '../http/abort';
import type { Codec } from './codec';
import { structureError } from './errors';
import type { Unit } from './model';

/**
 * Packing units into provider requests and running them.
 *
 * Units are packed greedily, in document order, up to the provider's `maxCharsPerCall` (and a
 * unit count); a unit longer than the limit goes alone (the provider splits long text itself).
 * Multi-target providers get all targets a unit needs in one call. At most `concurrency` calls
 * are in flight. A packed answer that loses or repeats a unit or a placeholder is retried one
 * unit per request; a unit that still loses a placeholder fails the run.
 */

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
  glossaryKey?: string;
  concurrency: number;
  signal?: AbortSignal;
  onJobState?: (state: JobState) => void;
  /** Called with each translated item (canonical text, checked) as soon as it arrives. */
  deliver(item: WorkItem, to: LanguageCode, translation: string): void;
}

export interface RunStats {
  requests: number;
  charsSent: number;
  calls: number;
}

/** Runs the batches; resolves when every item has been delivered for every target it needed. */
export async function runBatches(batches: readonly Batch[], options: RunOptions): Promise<RunStats> {
  const stats: RunStats = { requests: 0, charsSent: 0, calls: 0 };
  if (batches.length === 0) return stats;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const limit = limiter(Math.max(1, Math.floor(options.concurrency)));
  const signal = controller.signal;

  const call = async (items: readonly WorkItem[], to: readonly LanguageCode[]): Promise<TranslateResult> => {
    const text = items.length === 1 ? items[0].body : options.codec.pack(items.map((item) => item.body));
    return limit(async () => {
      throwIfAborted(options.signal);
      throwIfAborted(signal);
      stats.calls++;
      const result = await options.provider.translate({
        text,
        from: options.from,
        to,
        format: options.codec.format,
        glossaryKey: options.glossaryKey,
        signal,
        onJobState: options.onJobState,
      });
      stats.requests += result.requests;
      stats.charsSent += result.charsSent;
      return result;
    });
  };

  const runBatch = async (items: readonly WorkItem[], to: readonly LanguageCode[]): Promise<void> => {
    const result = await call(items, to);
    const failed: LanguageCode[] = [];
    for (const target of to) {
      const answer = result.translations.find((translation) => translation.to === target)?.text;
      const decoded = answer === undefined ? undefined : decodeAll(items, answer, options.codec);
      if (!decoded) {
        failed.push(target);
        continue;
      }
      items.forEach((item, index) => options.deliver(item, target, decoded[index]));
    }
    if (failed.length === 0) return;
    if (items.length === 1) throw lostPlaceholders(items[0]);
    await Promise.all(items.map((item) => runBatch([item], failed)));
  };

  // The first failure cancels the other calls; it is the one reported (not the cancellations it caused).
  let failure: { error: unknown } | undefined;
  const tasks = batches.map((batch) =>
    runBatch(batch.items, batch.to).catch((error: unknown) => {
      failure ??= { error };
      controller.abort();
    }),
  );
  try {
    await Promise.all(tasks);
    if (failure) throw failure.error;
    return stats;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function decodeAll(items: readonly WorkItem[], answer: string, codec: Codec): string[] | undefined {
  const bodies = items.length === 1 ? [answer] : codec.unpack(answer, items.length);
  if (!bodies) return undefined;
  const decoded: string[] = [];
  for (let k = 0; k < items.length; k++) {
    const text = codec.decode(bodies[k], items[k].unit);
    if (text === undefined) return undefined;
    decoded.push(text);
  }
  return decoded;
}

function lostPlaceholders(item: WorkItem): Error {
  const lines = item.lines.map((line) => line + 1);
  const where = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.slice(0, 5).join(', ')}${lines.length > 5 ? ', …' : ''}`;
  const excerpt = item.unit.text.length > 60 ? `${item.unit.text.slice(0, 57)}…` : item.unit.text;
  return structureError(
    `The translation of the text at ${where} came back empty or without its protected markup (placeholders ⟦n⟧), even when sent alone; nothing was written.`,
    { detail: `${where}: "${excerpt}"` },
  );
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
