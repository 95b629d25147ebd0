/**
 * `npm run emulator`: starts the emulator and prints the environment that points the CLI at it.
 * Port: `--port N`, else EMULATOR_PORT, else 8787 when free, else an ephemeral one.
 * Logs one line per request to stderr (method, path, status, ms; never header values).
 */
import { environmentLines, startEmulator, type Emulator, type RequestInfo } from './server';

const DEFAULT_PORT = 8787;

function requestedPort(argv: string[], env: NodeJS.ProcessEnv): number | undefined {
  const flag = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  const raw = flag < 0 ? env.EMULATOR_PORT : argv[flag].includes('=') ? argv[flag].split('=')[1] : argv[flag + 1];
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port ${raw}`);
  return port;
}

function logRequest(info: RequestInfo): void {
  const status = info.status === 0 ? (info.fault ?? 'aborted').toUpperCase() : String(info.status);
  const fault = info.fault && info.status !== 0 ? ` [${info.fault}]` : '';
  process.stderr.write(`${info.method} ${info.path} ${status} ${info.ms}ms${fault}\n`);
}

async function start(): Promise<Emulator> {
  const port = requestedPort(process.argv.slice(2), process.env);
  if (port !== undefined) return startEmulator({ port, onRequest: logRequest });
  try {
    return await startEmulator({ port: DEFAULT_PORT, onRequest: logRequest });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startEmulator({ port: 0, onRequest: logRequest });
  }
}

async function main(): Promise<void> {
  const emulator = await start();
  process.stdout.write(environmentLines(emulator.url).join('\n') + '\n');
  process.stderr.write(`emulator listening on ${emulator.url} (Ctrl+C to stop)\n`);
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
