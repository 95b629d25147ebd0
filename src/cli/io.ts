import type { Logger } from '../core/runtime';

/** Where the CLI writes; tests pass buffers, `main` passes the process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input, or undefined when it is a terminal. */
  readStdin: () => Promise<string | undefined>;
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** The values `HIVE_PAPAGO_LOG` accepts, most detailed first. */
export const LOG_LEVELS: readonly string[] = ['trace', 'debug', 'info', 'warn', 'error'];

/** Log lines go to stderr from the level HIVE_PAPAGO_LOG asks for (default: warnings and errors). */
export function stderrLogger(io: CliIo): Logger {
  const level = io.env.HIVE_PAPAGO_LOG?.trim().toLowerCase();
  const order = LOG_LEVELS;
  const threshold = level && order.includes(level) ? order.indexOf(level) : order.indexOf('warn');
  const at = (name: string) => (message: string) => {
    if (order.indexOf(name) >= threshold) io.stderr(`[${name}] ${message}\n`);
  };
  return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A progress line on stderr, redrawn in place, only when stderr is a terminal. */
export function progressReporter(io: CliIo): { update(text: string): void; done(): void } {
  if (!io.stderrIsTTY) return { update: () => undefined, done: () => undefined };
  let shown = false;
  return {
    update(text) {
      io.stderr(`\r\x1b[2K${text}`);
      shown = true;
    },
    done() {
      if (shown) io.stderr('\r\x1b[2K');
      shown = false;
    },
  };
}

/** Text as printed: ending with a line break. */
export function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
