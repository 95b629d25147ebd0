import { TranslateError, type ErrorReason, type ServiceId } from '../core/errors';
import type { LanguageCode } from '../core/languages';

/**
 * What fixes a failed command, offered as a button beside its message (the registry's error
 * policy turns each into a button and runs it). No error about credentials, the source language,
 * a setting or a passing outage is shown without the button that fixes it.
 */
export type Fix =
  /** Missing or rejected keys: Set Credentials for that service (or a choice of service). */
  | { kind: 'setCredentials'; service?: ServiceId }
  /** Source language unknown, undetectable or equal to the target: Select Source Language, the likely ones first. */
  | { kind: 'selectSourceLanguage'; suggested?: readonly LanguageCode[] }
  /** No provider can serve: choose one (the offline ones need no account). */
  | { kind: 'selectProvider' }
  /** A setting is wrong: open the settings at it. */
  | { kind: 'openSettings'; setting: string }
  /** A passing failure (timeout, network, server, rate limit): run the same command again. */
  | { kind: 'retry' };

interface Attached {
  fixes: Fix[];
  elapsedMs?: number;
}

const attached = new WeakMap<object, Attached>();

function entry(error: object): Attached {
  let found = attached.get(error);
  if (!found) {
    found = { fixes: [] };
    attached.set(error, found);
  }
  return found;
}

/** `error`, with fixes a host knows and the rules below cannot see. */
export function withFix<E extends object>(error: E, ...fixes: Fix[]): E {
  entry(error).fixes.push(...fixes);
  return error;
}

/** Notes how long the operation that failed with `error` ran, to show the true time it took. */
export function noteElapsed(error: unknown, elapsedMs: number): void {
  if (error && typeof error === 'object' && attached.get(error)?.elapsedMs === undefined) entry(error).elapsedMs = elapsedMs;
}

export function elapsedOf(error: unknown): number | undefined {
  return error && typeof error === 'object' ? attached.get(error)?.elapsedMs : undefined;
}

/** Failures that may pass: the same request later can succeed. */
const PASSING: ReadonlySet<ErrorReason> = new Set<ErrorReason>(['timeout', 'network', 'server', 'rateLimit']);

/** Service codes about the source language: missing, unsupported, or the same as the target. */
const SOURCE_CODES = new Set(['N2MT01', 'N2MT02', 'N2MT05', 'TR01', 'TR02', 'TR05']);

/** A setting named in a message (the core names the setting it refuses, e.g. `hivePapago.hive.endpoint`). */
const SETTING = /\bhivePapago\.[\w.]*\w/;

/** The fixes of an error, the attached ones first, each kind once. */
export function fixesFor(error: unknown): Fix[] {
  const fixes: Fix[] = [...(error && typeof error === 'object' ? (attached.get(error)?.fixes ?? []) : [])];
  if (error instanceof TranslateError) {
    const { reason, service, code, message } = error;
    if (reason === 'auth' || (reason === 'config' && service)) fixes.push({ kind: 'setCredentials', service });
    else if (reason === 'config' && /credentials/i.test(message)) fixes.push({ kind: 'setCredentials' });
    if (reason === 'config' && !service && /\bprovider\b/i.test(message)) fixes.push({ kind: 'selectProvider' });
    const setting = reason === 'config' ? SETTING.exec(message)?.[0] : undefined;
    if (setting) fixes.push({ kind: 'openSettings', setting });
    if ((code && SOURCE_CODES.has(code)) || /\bsource (language|and target languages)\b/i.test(message)) fixes.push({ kind: 'selectSourceLanguage' });
    // A Hive job that expired is started again by running the command again.
    if (PASSING.has(reason) || error.retryable || (reason === 'notFound' && service === 'hive' && /job/i.test(message))) fixes.push({ kind: 'retry' });
  }
  const seen = new Set<Fix['kind']>();
  return fixes.filter((fix) => !seen.has(fix.kind) && Boolean(seen.add(fix.kind)));
}
