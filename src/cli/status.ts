import * as path from 'node:path';
import { diskAccess, expandInputs, LocalizationState, STATE_FILE, translationStatus, type TranslationStatus } from '../core/localize';
import { parse, parseTargets, usageError } from './args';
import { checkEnvironment } from './context';
import type { CliIo } from './io';
import { TREE_OPTIONS } from './localize';

/**
 * `status PATH... --to LANGS [--out PATTERN] [--state PATH] [--json] [--check]`:
 * where every translation stands (current, stale, missing; edited by hand; conflicts). Sends
 * nothing. With `--check`, exits 1 when any output is stale or missing.
 */
export async function statusCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { ...TREE_OPTIONS, check: { type: 'boolean' } });
  if (positionals.length === 0) throw usageError('Give the Markdown files, folders or quoted globs to check.');
  const to = parseTargets(values.to);
  checkEnvironment(io.env);
  const files = await expandInputs(positionals, { cwd: io.cwd, pattern: values.out });
  const state = await LocalizationState.read(path.resolve(io.cwd, values.state ?? STATE_FILE));
  const statuses = await translationStatus(files, to, { output: { kind: 'sibling', pattern: values.out }, access: diskAccess, state });
  const relative = (file: string): string => path.relative(io.cwd, file) || file;
  if (values.json) {
    io.stdout(`${JSON.stringify({ files: statuses.map((status) => ({ ...status, file: relative(status.file), output: relative(status.output) })) })}\n`);
  } else {
    for (const status of statuses) io.stdout(`${statusLine(status, relative)}\n`);
  }
  if (!values.check) return 0;
  return statuses.some((status) => status.state !== 'current') ? 1 : 0;
}

/** `docs/guide.md [ko] docs/guide.ko.md: stale, 3 of 20 units changed; edited by hand; 1 conflict (line 12)` */
export function statusLine(status: TranslationStatus, relative: (file: string) => string): string {
  const parts: string[] = [status.state];
  if (status.state === 'stale') {
    parts[0] = status.untracked ? 'stale (not written by this tool, or its state was lost)' : `stale, ${status.changedUnits} of ${status.totalUnits} units changed`;
  }
  if (status.restructured) parts.push('restructured by hand (it will not be overwritten)');
  else if (status.edited) parts.push('edited by hand');
  if (status.conflicts.length > 0) parts.push(`${status.conflicts.length} ${status.conflicts.length === 1 ? 'conflict' : 'conflicts'} (${status.conflicts.length === 1 ? 'line' : 'lines'} ${status.conflicts.join(', ')})`);
  return `${relative(status.file)} [${status.to}] ${relative(status.output)}: ${parts.join('; ')}`;
}
