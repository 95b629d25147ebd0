import { DEFAULT_CREDENTIALS } from './credentials';
import type { FaultKind } from './faults';
import { INFERRED } from './inferred';

export interface HiveKey {
  serviceKey: string;
  secretKey: string;
}
export interface ClientKey {
  clientId: string;
  clientSecret: string;
}
export interface IamKey {
  accessKey: string;
  secretKey: string;
}

/** One line per request, for `main.ts` (never carries header values). */
export interface RequestInfo {
  route: string;
  method: string;
  path: string;
  /** 0 when no response was sent (`reset` and `hang` faults, aborted requests). */
  status: number;
  ms: number;
  fault?: FaultKind;
}

export interface EmulatorOptions {
  /** Default 0 = ephemeral. The server always binds 127.0.0.1. */
  port?: number;
  /** Registered Hive keys (default: one pair, see DEFAULT_CREDENTIALS). */
  hive?: HiveKey[];
  papago?: ClientKey[];
  ncpIam?: IamKey[];
  smt?: ClientKey[];
  /** Polls a Hive async job spends in each state before it completes (default 1 and 1). */
  asyncSteps?: { waiting: number; processing: number };
  limits?: {
    /** Hive characters per request (default 20000, inferred). */
    hiveChars?: number;
    /** Papago NMT characters per request (default 5000). */
    papagoChars?: number;
    /** SMT characters per request (default 5000). */
    smtChars?: number;
    /** SMT characters per client id and day (default 10000). */
    smtDailyChars?: number;
    /** Largest request body in bytes (default 10 MB); larger bodies get 413. */
    maxBodyBytes?: number;
  };
  /** Accepted NCP timestamp skew in ms (default 5 minutes). */
  clockSkewMs?: number;
  /** Clock for timestamps, skew checks and the SMT day (default Date.now). */
  now?: () => number;
  /** Hive async results use `\r\n` line ends (default true). */
  crlf?: boolean;
  /** Host (or origin, when it contains `://`) put in Hive `resultUrl` instead of the Host header. */
  resultUrlHost?: string;
  /** Glossary list returns `currentPage` as a String (default true) instead of a number. */
  listPageAsString?: boolean;
  /** Called once per request when it is answered (or dropped). */
  onRequest?: (info: RequestInfo) => void;
}

export interface EmulatorConfig {
  port: number;
  hive: HiveKey[];
  papago: ClientKey[];
  ncpIam: IamKey[];
  smt: ClientKey[];
  asyncSteps: { waiting: number; processing: number };
  limits: { hiveChars: number; papagoChars: number; smtChars: number; smtDailyChars: number; maxBodyBytes: number };
  clockSkewMs: number;
  now: () => number;
  crlf: boolean;
  resultUrlHost: string | undefined;
  listPageAsString: boolean;
  onRequest: ((info: RequestInfo) => void) | undefined;
}

export function resolveOptions(opts: EmulatorOptions = {}): EmulatorConfig {
  const c = DEFAULT_CREDENTIALS;
  return {
    port: opts.port ?? 0,
    hive: opts.hive ?? [{ ...c.hive }],
    papago: opts.papago ?? [{ ...c.papago }],
    ncpIam: opts.ncpIam ?? [{ ...c.ncpIam }],
    smt: opts.smt ?? [{ ...c.smt }],
    asyncSteps: opts.asyncSteps ?? { waiting: 1, processing: 1 },
    limits: {
      hiveChars: opts.limits?.hiveChars ?? INFERRED.hiveChars,
      papagoChars: opts.limits?.papagoChars ?? 5000,
      smtChars: opts.limits?.smtChars ?? 5000,
      smtDailyChars: opts.limits?.smtDailyChars ?? 10_000,
      maxBodyBytes: opts.limits?.maxBodyBytes ?? INFERRED.maxBodyBytes,
    },
    clockSkewMs: opts.clockSkewMs ?? 5 * 60 * 1000,
    now: opts.now ?? Date.now,
    crlf: opts.crlf ?? INFERRED.crlf,
    resultUrlHost: opts.resultUrlHost,
    listPageAsString: opts.listPageAsString ?? INFERRED.listPageAsString,
    onRequest: opts.onRequest,
  };
}
