import { removeTemporaryFiles } from '../core/files';
import { EXIT, runCli } from './run';
import type { CliIo } from './io';

async function readStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    process.stderr.write('Standard input is not valid UTF-8 text.\n');
    process.exit(EXIT.usage);
  }
}

const io: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readStdin,
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
  cwd: process.cwd(),
};

/** After SIGINT or SIGTERM the run stops cleanly; if something still holds it, this long after it exits anyway. */
const GRACE_MS = 3000;

const controller = new AbortController();
let interrupted: number | undefined;
const onSignal = (code: number) => (): void => {
  if (interrupted !== undefined) {
    // A second signal: stop now.
    removeTemporaryFiles();
    process.exit(interrupted);
  }
  interrupted = code;
  process.exitCode = code;
  controller.abort();
  setTimeout(() => {
    process.stderr.write('Stopped.\n');
    removeTemporaryFiles();
    process.exit(code);
  }, GRACE_MS).unref();
};
process.on('SIGINT', onSignal(EXIT.sigint));
process.on('SIGTERM', onSignal(EXIT.sigterm));

runCli(process.argv.slice(2), io, controller.signal).then(
  (code) => {
    process.exitCode = interrupted ?? code;
  },
  (error: unknown) => {
    process.stderr.write(`Unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT.failure;
  },
);
