/**
 * `npm start`: a sandbox to try the extension as it ships. Starts the service emulator and a real
 * VS Code in the browser (code-server, the same setup the tests use: loopback, no auth) with the
 * packaged VSIX installed, a copy of sandbox/workspace, user settings pointing at the emulator,
 * and the emulator's keys imported into the extension's secret storage at activation (through
 * HIVE_PAPAGO_IMPORT_CREDENTIALS: code-server keeps secrets in the browser, out of reach from
 * here). Prints the URL; Ctrl-C stops everything it started and removes its temporary folder.
 *
 *   npm start                   # code-server on 8080 when free, else any free port
 *   npm start -- --port 9000    # or 0 for any free port
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { IMPORT_CREDENTIALS_VARIABLE } from '../src/host/credentialImport';
import { DEFAULT_CREDENTIALS, environmentLines, startEmulator, type Emulator } from '../test/emulator/server';
import { ensureTestVsCode } from './vscode/install';

const ROOT = path.resolve(__dirname, '..');
const ENTRY = path.join(ROOT, '.code-server/node_modules/code-server/out/node/entry.js');
const DEFAULT_PORT = 8080;
const START_TIMEOUT_MS = 60_000;

function log(message: string): void {
  process.stdout.write(`[sandbox] ${message}\n`);
}

/** What the sandbox started, stopped in reverse order by `stop()`. */
class Sandbox {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'hive-papago-sandbox-'));
  emulator: Emulator | undefined;
  server: ChildProcess | undefined;
  private stopping: Promise<void> | undefined;

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const server = this.server;
      if (server?.pid !== undefined && server.exitCode === null && server.signalCode === null) {
        const exited = once(server, 'exit');
        killGroup(server.pid, 'SIGTERM');
        await Promise.race([exited, sleep(5_000)]);
      }
      // The whole group: code-server, the VS Code server it forks and the extension hosts.
      if (server?.pid !== undefined) killGroup(server.pid, 'SIGKILL');
      await this.emulator?.close();
      rmSync(this.dir, { recursive: true, force: true });
    })();
    return this.stopping;
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function freePort(preferred: number | undefined): Promise<number> {
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const { port: bound } = server.address() as net.AddressInfo;
        server.close(() => resolve(bound));
      });
    });
  if (preferred !== undefined) return listen(preferred);
  return listen(DEFAULT_PORT).catch(() => listen(0));
}

function requestedPort(): number | undefined {
  const { values } = parseArgs({ options: { port: { type: 'string' } } });
  if (values.port === undefined) return undefined;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port: ${values.port}`);
  return port;
}

function run(command: string, args: string[], what: string, env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${what} failed:\n${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`);
}

async function start(sandbox: Sandbox, port: number | undefined): Promise<void> {
  ensureTestVsCode();
  const dir = sandbox.dir;
  const dirs = {
    workspace: path.join(dir, 'workspace'),
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    xdg: path.join(dir, 'xdg'),
    tmp: path.join(dir, 'tmp'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });

  // As a person packages it: `npm run package` writes <name>-<version>.vsix at the root.
  log('packaging the extension (npm run package)');
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const packaged = path.join(ROOT, `${manifest.name}-${manifest.version}.vsix`);
  rmSync(packaged, { force: true });
  run('npm', ['run', '--silent', 'package'], 'npm run package');
  if (!existsSync(packaged)) throw new Error(`npm run package did not write ${path.basename(packaged)}`);
  const vsix = path.join(dir, path.basename(packaged));
  copyFileSync(packaged, vsix);

  // Everything code-server and VS Code write goes into the sandbox folder, not $HOME or /tmp.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
    XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
    TMPDIR: dirs.tmp,
    VSCODE_CLI: '1', // no login shell to resolve the environment (it would source ~/.bashrc)
  };
  log('installing the VSIX into the sandbox');
  run(process.execPath, [ENTRY, '--install-extension', vsix, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData], 'code-server --install-extension', env);

  const emulator = await startEmulator({ port: 0 });
  sandbox.emulator = emulator;
  emulator.glossaries.create('Game terms', 'Names used in the game UI', [
    ['server', '서버'],
    ['account', '계정'],
  ]);
  emulator.glossaries.create('Store listing', 'App store copy', [['download', '다운로드']]);

  cpSync(path.join(ROOT, 'sandbox/workspace'), dirs.workspace, { recursive: true });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'hivePapago.hive.endpoint': emulator.url,
        'hivePapago.papago.endpoint': emulator.url,
        'hivePapago.papagoSmt.endpoint': emulator.url,
        'hivePapago.targetLanguages': ['ko', 'en'],
        'workbench.startupEditor': 'readme',
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'workbench.tips.enabled': false,
      },
      null,
      2,
    ),
  );
  const credentials = path.join(dir, 'credentials.json');
  const c = DEFAULT_CREDENTIALS;
  writeFileSync(credentials, JSON.stringify({ hive: c.hive, papago: c.papago, ncpIam: c.ncpIam, papagoSmt: c.smt }, null, 2), { mode: 0o600 });
  const cliEnv = path.join(dir, 'emulator.env');
  writeFileSync(cliEnv, `${environmentLines(emulator.url).join('\n')}\n`);
  const config = path.join(dir, 'code-server.yaml');
  writeFileSync(config, 'cert: false\n');

  const bound = await freePort(port);
  const { codeServerArgs } = await import('./vscode/server-args.mjs');
  const serverLog = path.join(dir, 'code-server.log');
  const server = spawn(
    process.execPath,
    [ENTRY, ...codeServerArgs({ config, port: bound, userData: dirs.userData, extensions: dirs.extensions })],
    { cwd: dir, env: { ...env, [IMPORT_CREDENTIALS_VARIABLE]: credentials }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  sandbox.server = server;
  const output = createWriteStream(serverLog);
  let seen = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.write(chunk);
      if (seen.length < 100_000) seen += chunk.toString();
      if (seen.includes('HTTP server listening on')) resolve();
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', onData);
    server.once('exit', (code, signal) => reject(new Error(`code-server exited (code ${code}, signal ${signal}):\n${seen.slice(-4000)}`)));
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`code-server did not start within ${START_TIMEOUT_MS / 1000} s:\n${seen.slice(-4000)}`)), START_TIMEOUT_MS);
  });
  try {
    await Promise.race([ready, timeout]);
  } finally {
    clearTimeout(timer);
  }

  const url = `http://127.0.0.1:${bound}/?folder=${encodeURIComponent(dirs.workspace)}`;
  process.stdout.write(
    [
      '',
      `Sandbox ready: ${url}`,
      '',
      `  VS Code     code-server ${bound} (pid ${server.pid}, log ${serverLog}), the packaged extension installed`,
      `  workspace   ${dirs.workspace} (a copy of sandbox/workspace)`,
      `  emulator    ${emulator.url}: Hive, Papago, the glossary API and Papago SMT; keys imported at activation`,
      `  the CLI     . ${cliEnv} && node dist/cli.js --help`,
      `  folder      ${dir} (removed at exit)`,
      '',
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );

  // code-server ending by itself ends the sandbox too.
  server.once('exit', (code, signal) => {
    if (sandbox.server === server) void shutdown(sandbox, `code-server exited (code ${code}, signal ${signal}); see ${serverLog}`, 1);
  });
}

let exiting = false;
async function shutdown(sandbox: Sandbox, reason: string, code: number): Promise<void> {
  if (exiting) return;
  exiting = true;
  log(`${reason}: stopping`);
  await sandbox.stop();
  log('stopped: code-server, the emulator and the temporary folder are gone');
  process.exit(code);
}

async function main(): Promise<void> {
  const port = requestedPort();
  const sandbox = new Sandbox();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(sandbox, signal, 0));
  // Last resort: an exit without the teardown still ends code-server's process group.
  process.on('exit', () => {
    if (sandbox.server?.pid !== undefined) killGroup(sandbox.server.pid, 'SIGKILL');
  });
  try {
    await start(sandbox, port);
  } catch (error) {
    process.stderr.write(`[sandbox] ${(error as Error).message}\n`);
    await shutdown(sandbox, 'failed to start', 1);
  }
}

void main();
