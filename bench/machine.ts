/** Where and when the figures were taken: the machine, Node, the OS, the date and the commit. */
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import { ROOT } from './packaged';

export interface Machine {
  cpu: string;
  cores: number;
  ramGb: number;
  node: string;
  os: string;
  date: string;
  commit: string;
  /** One-minute load averages at the start and the end of the run (other work on the machine). */
  load: [number, number];
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** The machine now; `loadAtStart` is the one-minute load average taken when the run began. */
export function machine(loadAtStart: number, now = new Date()): Machine {
  const cpus = os.cpus();
  const commit = git(['rev-parse', '--short', 'HEAD']) || 'unknown';
  const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    date: now.toISOString().slice(0, 10),
    commit: dirty ? `${commit} (with uncommitted changes)` : commit,
    load: [loadAtStart, os.loadavg()[0]],
  };
}
