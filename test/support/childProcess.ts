import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

/** A TypeScript script run in a separate Node process, with its output lines and when they came. */
export interface ChildRun {
  readonly child: ChildProcess;
  /** Output lines so far, each with the time it was read here (`performance.now()`). */
  readonly lines: { text: string; at: number }[];
  readonly stderr: () => string;
  /** Resolves at the first line equal to `text`; rejects if the process ends first. */
  line(text: string): Promise<void>;
  /** Resolves when the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `script` (a path under test/support) with `process.execPath` and tsx's loader, as the
 * benchmark does for its cold runs. A child still running after `killAfterMs` is killed, so a
 * hang fails the test instead of stalling the run.
 */
export function startChild(script: string, args: string[], options: { killAfterMs?: number } = {}): ChildRun {
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(__dirname, script), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: { text: string; at: number }[] = [];
  const waiters: { text: string; resolve: () => void; reject: (error: Error) => void }[] = [];
  let partial = '';
  let stderr = '';
  let ended = false;
  child.stdout!.on('data', (chunk: Buffer) => {
    const at = performance.now();
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop()!;
    for (const text of parts) {
      lines.push({ text, at });
      for (const waiter of waiters.filter((w) => w.text === text)) waiter.resolve();
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const guard = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 30_000);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      ended = true;
      for (const waiter of waiters) waiter.reject(new Error(`child ended (${code ?? signal}) before printing "${waiter.text}": ${stderr}`));
      resolve({ code, signal });
    });
  });
  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    line: (text) => {
      if (lines.some((line) => line.text === text)) return Promise.resolve();
      if (ended) return Promise.reject(new Error(`child ended before printing "${text}": ${stderr}`));
      return new Promise<void>((resolve, reject) => waiters.push({ text, resolve, reject }));
    },
  };
}
