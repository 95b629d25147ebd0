import { runCli } from '../../src/cli/run';
import type { CliIo } from '../../src/cli/io';
import { environmentLines, type Emulator } from '../emulator/server';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment `npm run emulator` prints, as a record. */
export function emulatorEnv(emulator: Emulator): Record<string, string> {
  return Object.fromEntries(
    environmentLines(emulator.url).map((line) => {
      const [name, ...value] = line.replace(/^export /, '').split('=');
      return [name, value.join('=')];
    }),
  );
}

/** Runs the CLI in-process with captured output. */
export async function cli(argv: string[], options: { env?: Record<string, string | undefined>; stdin?: string; cwd?: string; signal?: AbortSignal } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: async () => options.stdin,
    stderrIsTTY: false,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
  const code = await runCli(argv, io, options.signal);
  return { code, stdout, stderr };
}
