#!/usr/bin/env node
// Runs an extension's integration tests and/or UI tests inside a real VS Code, offline:
// code-server (installed by scripts/vscode/install.sh into .code-server/) serves the VS Code
// workbench and the real Node extension host; Debian's chromium, driven headless by
// playwright-core, opens the workbench.
//
//   node scripts/vscode/run.mjs --extension <dir> --tests <file.js> --workspace <dir>
//        [--settings <file.json>] [--machine-settings <file.json>] [--ui <module.mjs>]
//        [--screenshot-dir <dir>] [--timeout <seconds>] [--vsix <file.vsix>] [--locale <lang>] [--verbose]
//
// --tests   a CommonJS module exporting `run(): Promise<void>` (mocha run programmatically);
//           it runs in the extension host, like @vscode/test-electron's extensionTestsPath.
// --settings          JSON merged over the defaults into <user-data-dir>/User/settings.json
//                     (always "workbench.startupEditor": "none").
// --machine-settings  JSON written to <user-data-dir>/Machine/settings.json, the server's
//                     remote-machine settings.
// --locale  VS Code's display language, e.g. `ko` (code-server's --locale, with an empty language
//           pack for it: VS Code keeps its own strings in English, while `vscode.env.language`,
//           the extension's package.nls.<lang>.json and l10n bundle follow the locale).
// --vsix    installs a packaged extension into the run's extensions folder (tests what ships);
//           --extension may then be omitted for --ui runs.
// --ui      an ES module whose default export is
//           `async ({ page, baseUrl, screenshotDir, workspace, runDir, helpers }) => void`,
//           called with the playwright page once the workbench has rendered. Without --tests
//           the extension is still loaded (development mode) but no tests run in the host.
// The process exits with the tests' exit code (0 pass), non-zero when the UI module throws,
// the workbench does not report within --timeout (default 600 s) or anything else fails.
// Every run gets a fresh folder .vscode-test/run-<timestamp>/ (user data, extensions, XDG dirs,
// TMPDIR, browser profile, logs, screenshots by default); the 10 newest are kept.
// The runner's environment reaches the extension host (e.g. an emulator's port), plus
// VSCODE_HARNESS_RUN_DIR.

import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, parseArgs } from 'node:util';
import * as helpers from './ui-helpers.mjs';
import { codeServerArgs } from './server-args.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CODE_SERVER = path.join(ROOT, '.code-server', 'node_modules', 'code-server');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const KEEP_RUNS = 10;
const SERVER_START_TIMEOUT_MS = 60_000;
const WORKBENCH_TIMEOUT_MS = 90_000;

const USAGE = `usage: node scripts/vscode/run.mjs --extension <dir> --workspace <dir>
         [--tests <file.js>] [--ui <module.mjs>] [--settings <file.json>]
         [--machine-settings <file.json>] [--screenshot-dir <dir>] [--timeout <seconds>] [--vsix <file.vsix>]
         [--locale <lang>] [--verbose]
(at least one of --tests and --ui)`;

function log(msg) {
  process.stdout.write(`[vscode-run] ${msg}\n`);
}

function fail(msg) {
  process.stderr.write(`[vscode-run] ${msg}\n`);
  process.exit(2);
}

// ------------------------------------------------------------------ arguments
let opts;
try {
  opts = parseArgs({
    options: {
      extension: { type: 'string' },
      tests: { type: 'string' },
      workspace: { type: 'string' },
      settings: { type: 'string' },
      'machine-settings': { type: 'string' },
      'screenshot-dir': { type: 'string' },
      ui: { type: 'string' },
      timeout: { type: 'string', default: '600' },
      vsix: { type: 'string' },
      locale: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (err) {
  fail(`${err.message}\n${USAGE}`);
}
if (opts.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const abs = (p) => (p ? path.resolve(p) : undefined);
const extensionDir = abs(opts.extension);
const testsFile = abs(opts.tests);
const workspace = abs(opts.workspace);
const settingsFile = abs(opts.settings);
const machineSettingsFile = abs(opts['machine-settings']);
const uiModule = abs(opts.ui);
const vsix = abs(opts.vsix);
const timeoutMs = Number(opts.timeout) * 1000;
if (!workspace || (!testsFile && !uiModule) || (!extensionDir && !vsix)) fail(USAGE);
if (testsFile && !extensionDir) fail('--tests needs --extension');
if (!(timeoutMs > 0)) fail(`--timeout must be a positive number of seconds, got ${opts.timeout}`);
for (const [flag, p, dir] of [
  ['--extension', extensionDir, true],
  ['--tests', testsFile, false],
  ['--workspace', workspace, true],
  ['--settings', settingsFile, false],
  ['--machine-settings', machineSettingsFile, false],
  ['--ui', uiModule, false],
  ['--vsix', vsix, false],
]) {
  if (!p) continue;
  if (!fs.existsSync(p) || fs.statSync(p).isDirectory() !== dir) {
    fail(`${flag}: ${dir ? 'no such folder' : 'no such file'}: ${p}`);
  }
}
const entry = path.join(CODE_SERVER, 'out', 'node', 'entry.js');
if (!fs.existsSync(entry)) fail('code-server is not installed: run `bash scripts/vscode/install.sh`');
if (!fs.existsSync(CHROMIUM)) fail(`${CHROMIUM} not found: run \`bash scripts/vscode/install.sh\``);

function readJson(flag, file) {
  if (!file) return {};
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    return fail(`${flag}: cannot parse ${file}: ${err.message}`);
  }
}
const userSettings = readJson('--settings', settingsFile);
const machineSettings = machineSettingsFile ? readJson('--machine-settings', machineSettingsFile) : undefined;

// ------------------------------------------------------------------ run folder
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\..*/, '');
const runsDir = path.join(ROOT, '.vscode-test');
const runDir = path.join(runsDir, `run-${stamp}-${process.pid}`);
const dirs = {
  userData: path.join(runDir, 'user-data'),
  extensions: path.join(runDir, 'extensions'),
  xdgConfig: path.join(runDir, 'xdg', 'config'),
  xdgData: path.join(runDir, 'xdg', 'data'),
  xdgCache: path.join(runDir, 'xdg', 'cache'),
  tmp: path.join(runDir, 'tmp'),
  browserProfile: path.join(runDir, 'browser-profile'),
  logs: path.join(runDir, 'logs'),
};
const screenshotDir = abs(opts['screenshot-dir']) ?? path.join(runDir, 'screenshots');
for (const d of [...Object.values(dirs), screenshotDir]) fs.mkdirSync(d, { recursive: true });
pruneOldRuns();

const settings = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.tips.enabled': false,
  'git.openRepositoryInParentFolders': 'never', // test workspaces live inside this repository
  ...userSettings,
};
fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
if (machineSettings) {
  // The server's remote-machine settings (VS Code's "Remote [...]" settings tab).
  fs.mkdirSync(path.join(dirs.userData, 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'Machine', 'settings.json'), JSON.stringify(machineSettings, null, 2));
}
if (opts.locale && !opts.locale.startsWith('en')) {
  // VS Code takes a display language only when a language pack provides it. This one translates
  // nothing of VS Code itself; what matters is that extensions see the language.
  const translations = path.join(runDir, 'language-pack', 'main.i18n.json');
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ contents: {} }));
  fs.writeFileSync(
    path.join(dirs.userData, 'languagepacks.json'),
    JSON.stringify({
      [opts.locale]: {
        hash: 'harness',
        label: opts.locale,
        extensions: [{ extensionIdentifier: { id: `harness.language-pack-${opts.locale}` }, version: '0.0.0' }],
        translations: { vscode: translations },
      },
    }),
  );
}
const configFile = path.join(runDir, 'code-server.yaml');
fs.writeFileSync(configFile, 'cert: false\n');

// Everything code-server, VS Code and Chromium write goes into the run folder, not $HOME or /tmp.
const env = {
  ...process.env,
  XDG_CONFIG_HOME: dirs.xdgConfig,
  XDG_DATA_HOME: dirs.xdgData,
  XDG_CACHE_HOME: dirs.xdgCache,
  TMPDIR: dirs.tmp,
  VSCODE_CLI: '1', // no login shell to resolve the environment (it would source ~/.bashrc)
  VSCODE_HARNESS_RUN_DIR: runDir,
};

// ------------------------------------------------------------------ teardown
let server; // code-server child, leader of its own process group
let context; // playwright persistent browser context
let page;
let tearingDown;
let stopping; // set by a signal: errors caused by the teardown are not reported
let serverOutput = '';
let serverGone; // rejects when code-server exits before the teardown
const serverGonePromise = new Promise((_, reject) => (serverGone = reject));
serverGonePromise.catch(() => {});

// The whole group: code-server, the VS Code server it forks and the extension hosts (even when
// code-server itself has already died).
function killServerGroup(signal) {
  if (!server?.pid) return;
  try {
    process.kill(-server.pid, signal);
  } catch {
    /* already gone */
  }
}

async function teardown() {
  tearingDown ??= (async () => {
    if (context) {
      await Promise.race([context.close().catch(() => {}), sleep(10_000)]);
    }
    if (server?.pid) {
      const alive = server.exitCode === null && server.signalCode === null;
      const exited = alive ? once(server, 'exit') : Promise.resolve();
      killServerGroup('SIGTERM');
      await Promise.race([exited, sleep(5_000)]);
      killServerGroup('SIGKILL');
    }
  })();
  return tearingDown;
}

// Last resort if the process exits without the async teardown (uncaught error, process.exit).
process.on('exit', () => killServerGroup('SIGKILL'));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = sig;
    log(`${sig}: stopping`);
    teardown().finally(() => process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1)));
  });
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function pruneOldRuns() {
  const runs = fs
    .readdirSync(runsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith('run-'))
    .map((d) => ({ p: path.join(runsDir, d.name), t: fs.statSync(path.join(runsDir, d.name)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { p } of runs.slice(KEEP_RUNS)) {
    if (p !== runDir) fs.rmSync(p, { recursive: true, force: true });
  }
}

async function freePort() {
  const srv = net.createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address();
  srv.close();
  await once(srv, 'close');
  return port;
}

// ------------------------------------------------------------------ code-server
async function startServer(port) {
  const args = [
    entry,
    ...codeServerArgs({ config: configFile, port, userData: dirs.userData, extensions: dirs.extensions }),
    ...(opts.locale ? ['--locale', opts.locale] : []),
  ];
  const logFile = fs.createWriteStream(path.join(dirs.logs, 'code-server.log'));
  server = spawn(process.execPath, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const onData = (chunk) => {
    logFile.write(chunk);
    serverOutput += chunk;
    if (opts.verbose) process.stdout.write(`[code-server] ${chunk}`);
  };
  server.stdout.on('data', onData);
  server.stderr.on('data', onData);
  server.on('exit', (code, signal) => {
    logFile.end();
    if (!tearingDown) {
      serverGone(Object.assign(new Error(`code-server exited (code ${code}, signal ${signal}). Its output:\n${lastLines(serverOutput)}`), { brief: true }));
    }
  });

  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  while (!serverOutput.includes('HTTP server listening on')) {
    if (server.exitCode !== null || server.signalCode !== null) await serverGonePromise;
    if (Date.now() > deadline) {
      throw Object.assign(
        new Error(`code-server did not start within ${SERVER_START_TIMEOUT_MS / 1000} s. Its output:\n${serverOutput}`),
        { brief: true },
      );
    }
    await sleep(100);
  }
}

function lastLines(text, n = 40) {
  return text.split('\n').slice(-n).join('\n');
}

function installVsix() {
  log(`installing ${path.relative(ROOT, vsix)} into the run's extensions folder`);
  const r = spawnSync(
    process.execPath,
    [entry, '--install-extension', vsix, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData],
    { env, encoding: 'utf8', timeout: 120_000 },
  );
  if (r.status !== 0) throw new Error(`--install-extension failed:\n${r.stdout}\n${r.stderr}`);
}

// ------------------------------------------------------------------ automation log
// The workbench forwards its own log and the extension host's console (mocha's output) as
// (level, [format, ...args]), console.log style. Known workbench chatter is only printed with
// --verbose; everything is kept in logs/automation.log.
const NOISE = [
  /^Resolving connection token/,
  /^Resolved connection token/,
  /^Creating a socket \(/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /open-vsx\.org/,
  /vsda/,
];
function formatAutomationLog(args) {
  const parts = Array.isArray(args) ? args : [args];
  return typeof parts[0] === 'string' ? format(...parts) : parts.map((a) => format('%s', a)).join(' ');
}

// ------------------------------------------------------------------ main
const started = Date.now();

async function main() {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      const last = lastLines(serverOutput, 30);
      reject(Object.assign(new Error(`timed out after ${timeoutMs / 1000} s. Last code-server output:\n${last}`), { brief: true }));
    }, timeoutMs);
  });
  timeout.catch(() => {});
  try {
    return await Promise.race([session(), timeout, serverGonePromise]);
  } finally {
    clearTimeout(timer);
  }
}

async function session() {
  const { chromium } = await import('playwright-core');
  if (vsix) installVsix();

  const port = await freePort();
  await startServer(port);
  const baseUrl = `http://127.0.0.1:${port}`;
  log(`code-server ${port} ready after ${((Date.now() - started) / 1000).toFixed(1)} s (run folder ${path.relative(ROOT, runDir)})`);

  context = await chromium.launchPersistentContext(dirs.browserProfile, {
    executablePath: CHROMIUM,
    headless: true,
    env,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
  const browserLog = fs.createWriteStream(path.join(dirs.logs, 'browser-console.log'));
  page.on('console', (m) => {
    browserLog.write(`[${m.type()}] ${m.text()}\n`);
    if (opts.verbose) process.stdout.write(`[browser ${m.type()}] ${m.text()}\n`);
  });
  page.on('pageerror', (e) => browserLog.write(`[pageerror] ${e.stack || e}\n`));

  let resolveExit;
  const testsExit = new Promise((resolve) => (resolveExit = resolve));
  let pageGone;
  const pageGonePromise = new Promise((_, reject) => (pageGone = reject));
  page.on('crash', () => pageGone(new Error('the workbench page crashed')));
  page.on('close', () => pageGone(new Error('the workbench page was closed')));
  pageGonePromise.catch(() => {});

  const automationLog = fs.createWriteStream(path.join(dirs.logs, 'automation.log'));
  // Both must exist before the workbench loads: it checks for them at startup.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = formatAutomationLog(args);
    automationLog.write(`[${type}] ${text}\n`);
    if (!opts.verbose && NOISE.some((re) => re.test(text))) return;
    process.stdout.write(`${text}\n`); // one stream keeps mocha's report in order
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    for (const { relativePath, contents } of logs ?? []) {
      const target = path.join(dirs.logs, 'workbench', relativePath);
      if (!target.startsWith(dirs.logs)) continue;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, contents);
    }
    resolveExit(code);
  });

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p.split(path.sep).join('/')}`;
  const payload = [];
  if (extensionDir) payload.push(['extensionDevelopmentPath', remote(extensionDir)]);
  if (testsFile) payload.push(['extensionTestsPath', remote(testsFile)]);
  payload.push(['skipWelcome', 'true']);
  const url = `${baseUrl}/?folder=${encodeURIComponent(remote(workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  if (opts.verbose) log(`opening ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded' });

  const work = [];
  if (testsFile) {
    work.push(
      testsExit.then((code) => {
        log(`extension tests finished with exit code ${code}`);
        return code;
      }),
    );
  }
  if (uiModule) {
    work.push(
      (async () => {
        await page.waitForSelector('.monaco-workbench', { timeout: WORKBENCH_TIMEOUT_MS });
        log(`workbench rendered after ${((Date.now() - started) / 1000).toFixed(1)} s; running ${path.relative(ROOT, uiModule)}`);
        const mod = await import(pathToFileURL(uiModule).href);
        if (typeof mod.default !== 'function') throw new Error(`${uiModule} has no default export function`);
        await mod.default({ page, baseUrl, screenshotDir, workspace, runDir, helpers });
        log('UI module passed');
        return 0;
      })(),
    );
  }

  const codes = await Promise.race([Promise.all(work), pageGonePromise]);
  return codes.find((c) => c !== 0) ?? 0;
}

let exitCode;
try {
  exitCode = await main();
} catch (err) {
  if (stopping) await new Promise(() => {}); // the signal handler tears down and exits
  process.stderr.write(`[vscode-run] FAILED: ${err?.brief ? err.message : err?.stack || err}\n`);
  if (page && !page.isClosed()) {
    const shot = path.join(screenshotDir, 'failure.png');
    try {
      await page.screenshot({ path: shot, timeout: 10_000 });
      process.stderr.write(`[vscode-run] screenshot: ${path.relative(ROOT, shot)}\n`);
    } catch {
      /* the page may be unusable */
    }
  }
  exitCode = 1;
}
await teardown();
log(`done: exit code ${exitCode}; logs in ${path.relative(ROOT, dirs.logs)}`);
process.exit(exitCode);
