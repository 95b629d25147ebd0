/**
 * Fault injection: tests queue faults that apply to the next matching requests.
 *
 * - `latency` delays the request by `ms`, then it proceeds (all matching latency faults add up);
 * - `status` answers `status` with `body` (or the service's usual error body) and `Retry-After`;
 * - `reset` destroys the socket without a response;
 * - `hang` never answers (until the client gives up or the emulator closes);
 * - `malformedJson` answers 200 with the normal response body cut in half;
 * - `endlessBody` answers 200 with its headers and the start of a JSON body, then sends one more
 *   byte (a space) every ~100 ms, never ending it (until the client disconnects or the emulator
 *   closes);
 * - `echoHeaders` answers an error (`status`, default 502) whose body echoes the request's
 *   headers, as some gateways do: `{"error":{"errorCode","message","request":{"headers":{…}}}}`,
 *   so a client that logs error bodies prints its own credentials;
 * - `jobFail` makes a Hive async job fail: at submit (it fails instead of completing) or at a
 *   result poll (that job fails now). It only matches `hive.async.*` routes.
 *
 * Text faults change the translated text of a successful answer, as real engines do: on
 * `papago.translate`, `smt.translate`, `hive.sync` (every target) and `hive.async.result` (at the
 * poll that completes the job, so the job's stored result carries them). They are used up only
 * by such answers, not by other requests on their route:
 * - `damageMarkup` damages each markup token (`⟦n⟧`, `⟦#n⟧`, `<span id="n">`, `</span>`) with
 *   probability `share`, in one of `kinds` (default all: drop, `[1]`, spaces, full-width digits,
 *   moved past the next word, repeated; see `damage.ts`);
 * - `quoteCjk` wraps the text between two placeholders in corner brackets and glues the next word
 *   to the closing one, with probability `share` per pair (`⟦1⟧설정⟦2⟧ 을` -> `⟦1⟧「설정」⟦2⟧을`);
 * - `adversarial` inserts Markdown-special text after the first character of each piece of text
 *   between tokens, with probability `share` per piece.
 * They are deterministic: the n-th answer a text fault applies to (n = 0, 1, …) draws from
 * `seededRandom` seeded with `seed` (default 1) and n, whatever the other traffic. Several text
 * faults on one answer apply in the order they were added.
 *
 * At most one of `status`, `reset`, `hang`, `malformedJson`, `endlessBody`, `echoHeaders` applies
 * to a request: the oldest matching one. Faulted requests still count in the counters and the log.
 */
import { damageMarkup, insertAdversarial, MARKUP_DAMAGES, quoteMarkedWords, seededRandom, type MarkupDamage } from './damage';

export type FaultKind =
  | 'latency'
  | 'status'
  | 'reset'
  | 'hang'
  | 'malformedJson'
  | 'endlessBody'
  | 'echoHeaders'
  | 'jobFail'
  | 'damageMarkup'
  | 'quoteCjk'
  | 'adversarial';

export interface FaultSpec {
  /** A route name such as `papago.translate`, or `*` (default; `hive.async.submit` for jobFail). */
  route?: string;
  kind: FaultKind;
  /** How many matching requests (answers, for text faults) it applies to (default 1; Infinity for all). */
  times?: number;
  /** For `latency` (default 200). */
  ms?: number;
  /** For `status` (required) and `echoHeaders` (default 502). */
  status?: number;
  /** `Retry-After` header value (seconds or an HTTP date), for `status` and `echoHeaders`. */
  retryAfter?: string;
  /** Body for `status`: a string is sent as is, anything else as JSON. */
  body?: unknown;
  /** For text faults (required): the probability, 0 to 1, of changing each token, pair or piece. */
  share?: number;
  /** For `damageMarkup`: the kinds of damage to choose from (default all). */
  kinds?: readonly MarkupDamage[];
  /** For text faults: the seed of their random choices (default 1). */
  seed?: number;
}

export interface Fault {
  readonly id: number;
  readonly route: string;
  readonly kind: FaultKind;
  readonly ms: number;
  readonly status: number | undefined;
  readonly retryAfter: string | undefined;
  readonly body: unknown;
  readonly share: number;
  readonly kinds: readonly MarkupDamage[];
  readonly seed: number;
  /** Matching requests it will still apply to. */
  remaining: number;
  /** Requests it has applied to. */
  hits: number;
}

/** What the faults decided for one request. */
export interface FaultPlan {
  latencyMs: number;
  jobFail: boolean;
  /** The fault that replaces the normal answer, if any. */
  terminal: Fault | undefined;
}

/** What the text faults do to each translated text of one answer. */
export type TextDamage = (text: string) => string;

const TERMINAL: ReadonlySet<FaultKind> = new Set(['status', 'reset', 'hang', 'malformedJson', 'endlessBody', 'echoHeaders']);
const TEXT: ReadonlySet<FaultKind> = new Set(['damageMarkup', 'quoteCjk', 'adversarial']);
const KINDS: ReadonlySet<FaultKind> = new Set([...TERMINAL, ...TEXT, 'latency', 'jobFail']);

function validStatus(status: number | undefined): boolean {
  return status !== undefined && Number.isInteger(status) && status >= 100 && status <= 599;
}

/** The seed of the n-th answer of a text fault: the fault's seed mixed with n. */
function answerSeed(seed: number, n: number): number {
  return (seed ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0;
}

/** What one text fault does to the texts of its n-th answer (one random stream per answer). */
function textDamage(fault: Fault, n: number): TextDamage {
  const random = seededRandom(answerSeed(fault.seed, n));
  switch (fault.kind) {
    case 'damageMarkup':
      return (text) => damageMarkup(text, fault.share, random, fault.kinds).text;
    case 'quoteCjk':
      return (text) => quoteMarkedWords(text, fault.share, random).text;
    default:
      return (text) => insertAdversarial(text, fault.share, random).text;
  }
}

export class FaultInjector {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    if (!KINDS.has(spec.kind)) throw new Error(`unknown fault kind ${String(spec.kind)}`);
    if (spec.kind === 'status' && !validStatus(spec.status)) throw new Error('a status fault needs a status between 100 and 599');
    if (spec.kind === 'echoHeaders' && spec.status !== undefined && !validStatus(spec.status)) {
      throw new Error('an echoHeaders status must be between 100 and 599');
    }
    if (TEXT.has(spec.kind) && !(typeof spec.share === 'number' && spec.share >= 0 && spec.share <= 1)) {
      throw new Error(`a ${spec.kind} fault needs a share between 0 and 1`);
    }
    const kinds = spec.kinds ?? MARKUP_DAMAGES;
    if (kinds.length === 0 || kinds.some((kind) => !MARKUP_DAMAGES.includes(kind))) {
      throw new Error(`kinds must be some of ${MARKUP_DAMAGES.join(', ')}`);
    }
    if (spec.seed !== undefined && !Number.isFinite(spec.seed)) throw new Error('seed must be a finite number');
    const times = spec.times ?? 1;
    if (!(times > 0)) throw new Error('times must be positive');
    const fault: Fault = {
      id: this.nextId++,
      route: spec.route ?? (spec.kind === 'jobFail' ? 'hive.async.submit' : '*'),
      kind: spec.kind,
      ms: spec.ms ?? 200,
      status: spec.status ?? (spec.kind === 'echoHeaders' ? 502 : undefined),
      retryAfter: spec.retryAfter,
      body: spec.body,
      share: spec.share ?? 0,
      kinds: [...kinds],
      seed: spec.seed ?? 1,
      remaining: times,
      hits: 0,
    };
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  /** Faults that still apply to some requests, oldest first. */
  get active(): readonly Fault[] {
    return this.faults;
  }

  /** Decides the faults for a request to `route` and uses them up (text faults excepted). */
  take(route: string): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0, jobFail: false, terminal: undefined };
    for (const fault of this.faults) {
      if (TEXT.has(fault.kind) || !this.applies(fault, route)) continue;
      if (fault.kind === 'latency') {
        plan.latencyMs += fault.ms;
      } else if (fault.kind === 'jobFail') {
        if (!route.startsWith('hive.async.')) continue;
        plan.jobFail = true;
      } else {
        if (plan.terminal) continue;
        plan.terminal = fault;
      }
      this.use(fault);
    }
    this.prune();
    return plan;
  }

  /**
   * Uses up the text faults matching one successful answer on `route` and returns what they do
   * to each of its translated texts, or undefined when none applies. Route handlers call it once
   * per answer that carries translated text.
   */
  takeText(route: string): TextDamage | undefined {
    const steps: TextDamage[] = [];
    for (const fault of this.faults) {
      if (!TEXT.has(fault.kind) || !this.applies(fault, route)) continue;
      steps.push(textDamage(fault, fault.hits));
      this.use(fault);
    }
    this.prune();
    if (steps.length === 0) return undefined;
    return (text) => steps.reduce((current, step) => step(current), text);
  }

  private applies(fault: Fault, route: string): boolean {
    return fault.remaining > 0 && (fault.route === '*' || fault.route === route);
  }

  private use(fault: Fault): void {
    fault.remaining--;
    fault.hits++;
  }

  private prune(): void {
    this.faults = this.faults.filter((fault) => fault.remaining > 0);
  }
}
