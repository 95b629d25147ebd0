/**
 * Fault injection: tests queue faults that apply to the next matching requests.
 *
 * - `latency` delays the request by `ms`, then it proceeds (all matching latency faults add up);
 * - `status` answers `status` with `body` (or the service's usual error body) and `Retry-After`;
 * - `reset` destroys the socket without a response;
 * - `hang` never answers (until the client gives up or the emulator closes);
 * - `malformedJson` answers 200 with the normal response body cut in half;
 * - `jobFail` makes a Hive async job fail: at submit (it fails instead of completing) or at a
 *   result poll (that job fails now). It only matches `hive.async.*` routes.
 *
 * At most one of `status`, `reset`, `hang`, `malformedJson` applies to a request: the oldest
 * matching one. Faulted requests still count in the counters and the log.
 */
export type FaultKind = 'latency' | 'status' | 'reset' | 'hang' | 'malformedJson' | 'jobFail';

export interface FaultSpec {
  /** A route name such as `papago.translate`, or `*` (default; `hive.async.submit` for jobFail). */
  route?: string;
  kind: FaultKind;
  /** How many matching requests it applies to (default 1; Infinity for all). */
  times?: number;
  /** For `latency` (default 200). */
  ms?: number;
  /** For `status`. */
  status?: number;
  /** `Retry-After` header value (seconds or an HTTP date), for `status`. */
  retryAfter?: string;
  /** Body for `status`: a string is sent as is, anything else as JSON. */
  body?: unknown;
}

export interface Fault {
  readonly id: number;
  readonly route: string;
  readonly kind: FaultKind;
  readonly ms: number;
  readonly status: number | undefined;
  readonly retryAfter: string | undefined;
  readonly body: unknown;
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

const TERMINAL: ReadonlySet<FaultKind> = new Set(['status', 'reset', 'hang', 'malformedJson']);
const KINDS: ReadonlySet<FaultKind> = new Set([...TERMINAL, 'latency', 'jobFail']);

export class FaultInjector {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    if (!KINDS.has(spec.kind)) throw new Error(`unknown fault kind ${String(spec.kind)}`);
    if (spec.kind === 'status' && (spec.status === undefined || spec.status < 100 || spec.status > 599)) {
      throw new Error('a status fault needs a status between 100 and 599');
    }
    const times = spec.times ?? 1;
    if (!(times > 0)) throw new Error('times must be positive');
    const fault: Fault = {
      id: this.nextId++,
      route: spec.route ?? (spec.kind === 'jobFail' ? 'hive.async.submit' : '*'),
      kind: spec.kind,
      ms: spec.ms ?? 200,
      status: spec.status,
      retryAfter: spec.retryAfter,
      body: spec.body,
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

  /** Decides the faults for a request to `route` and uses them up. */
  take(route: string): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0, jobFail: false, terminal: undefined };
    for (const fault of this.faults) {
      if (fault.remaining <= 0 || (fault.route !== '*' && fault.route !== route)) continue;
      if (fault.kind === 'latency') {
        plan.latencyMs += fault.ms;
      } else if (fault.kind === 'jobFail') {
        if (!route.startsWith('hive.async.')) continue;
        plan.jobFail = true;
      } else {
        if (plan.terminal) continue;
        plan.terminal = fault;
      }
      fault.remaining--;
      fault.hits++;
    }
    this.faults = this.faults.filter((fault) => fault.remaining > 0);
    return plan;
  }
}
