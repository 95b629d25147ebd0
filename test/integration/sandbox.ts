/**
 * The sandbox's UI test: `npm start` in a child process, as a person runs it; the printed URL
 * opened in Chromium; a command from the palette (Test Connection: the imported keys reach the
 * emulator), a selection translated in an English doc, a Markdown file translated, the glossary
 * view opened; then Ctrl-C (SIGINT to its process group, as a terminal sends it) and a check that
 * it left nothing running and no temporary folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
const SCREENSHOTS = path.join(ROOT, 'test-results/sandbox');
/** Packaging, the VSIX install and code-server's start, on a loaded 2-core machine. */
const READY_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 60_000;

function log(message: string): void {
  process.stdout.write(`[sandbox-ui] ${message}\n`);
}

/** `npm start` in its own process group, its output echoed and kept. */
function startSandbox() {
  const child = spawn('npm', ['start', '--', '--port', '0'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk.toString().replace(/^(?=.)/gm, '  | '));
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitFor<T>(what: string, timeoutMs: number, check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

/** Processes whose command line or environment mention `text` (Linux /proc; as root, or our own). */
function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)) {
    for (const file of ['cmdline', 'environ']) {
      try {
        const content = readFileSync(`/proc/${pid}/${file}`, 'latin1');
        if (content.includes(text)) {
          found.push(`${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').slice(0, 200)}`);
          break;
        }
      } catch {
        // gone, or not ours to read
      }
    }
  }
  return found;
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** F1, the title, Enter once the row is listed: unlike runCommand, no Escape (it would drop the selection). */
async function runFromPalette(page: Page, quickInputBox: string, quickInputRow: string, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator(quickInputBox);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator(quickInputRow, { hasText: title }).first().waitFor({ timeout: 45_000 });
  await input.press('Enter');
}

async function drive(page: Page, url: string): Promise<void> {
  const { runCommand, selectors, waitForNotification } = await import('../../scripts/vscode/ui-helpers.mjs');
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector(selectors.workbench, { timeout: 90_000 });
  log('workbench rendered');

  // A command from the palette: every service answers with the keys imported at activation.
  await runCommand(page, 'Hive & Papago: Test Connection');
  const all = ['Hive automatic translation', 'NAVER Cloud Papago Translation', 'NAVER Cloud glossary API (IAM keys)', 'Legacy Papago SMT (Naver Developers)'];
  await waitForNotification(page, `Connected: ${all.join(', ')}.`, { timeoutMs: 30_000 });
  log('Test Connection: four services connected');
  await page.keyboard.press('Escape');

  // Translate a selection in an English doc (line 9: "This guide shows how ..."). The README's
  // preview holds the keyboard: the title bar's search box opens Quick Open, as a click would.
  await page.locator('.command-center-center').first().click();
  await page.locator(selectors.quickInputBox).fill('getting-started.md');
  await page.locator(selectors.quickInputRow, { hasText: 'getting-started.md' }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
  await page.locator('.tab.active', { hasText: 'getting-started.md' }).waitFor({ timeout: 15_000 });
  await editor.click();
  await page.keyboard.press('Control+G');
  await page.locator(selectors.quickInputBox).fill(':9');
  await page.locator(selectors.quickInputBox).press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await runFromPalette(page, selectors.quickInputBox, selectors.quickInputRow, 'Hive & Papago: Translate Selection');
  await page.locator('.monaco-editor .view-line', { hasText: 'ko:This ko:guide' }).first().waitFor({ timeout: 30_000 });
  log('Translate Selection: the English line is now Korean (the emulator prefixes each word)');
  await page.keyboard.press('Escape');

  // Translate the Markdown file: the targets picked by default (ko, en); English is its own language.
  await runFromPalette(page, selectors.quickInputBox, selectors.quickInputRow, 'Hive & Papago: Translate Markdown File');
  await page.locator(selectors.quickInputRow, { hasText: 'Korean' }).first().waitFor({ timeout: 20_000 });
  await page.locator(selectors.quickInputBox).press('Enter');
  await waitForNotification(page, '1 written', { timeoutMs: 60_000 });
  await page.locator('.tab', { hasText: 'getting-started.ko.md' }).first().waitFor({ timeout: 15_000 });
  log('Translate Markdown File: getting-started.ko.md written and opened');

  // The glossary view lists the emulator's glossaries.
  await runCommand(page, 'Hive & Papago: Focus on Glossaries View');
  await page.locator('.monaco-list-row', { hasText: 'Game terms' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'sandbox.png') });
  log('the glossary view lists the emulator\'s glossaries');
}

async function main(): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const own = mkdtempSync(path.join(tmpdir(), 'sandbox-ui-'));
  const sandbox = startSandbox();
  let failure: unknown;
  let folder: string | undefined;
  let ports: number[] = [];
  try {
    const exitedEarly = sandbox.exited.then((code) => {
      throw new Error(`npm start exited (code ${code}) before printing its URL`);
    });
    exitedEarly.catch(() => undefined);
    const url = await Promise.race([waitFor('the sandbox URL', READY_TIMEOUT_MS, () => /^Sandbox ready: (http:\S+)$/m.exec(sandbox.output())?.[1]), exitedEarly]);
    folder = /^ {2}folder {6}(\S+)/m.exec(sandbox.output())?.[1];
    ports = [...sandbox.output().matchAll(/http:\/\/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
    if (!folder || !existsSync(folder)) throw new Error('the sandbox did not print its temporary folder');
    log(`sandbox ready: ${url}`);

    const context = await chromium.launchPersistentContext(path.join(own, 'profile'), {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      env: { ...process.env, XDG_CONFIG_HOME: path.join(own, 'config'), XDG_CACHE_HOME: path.join(own, 'cache'), TMPDIR: own },
      viewport: { width: 1280, height: 800 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    try {
      await drive(page, url);
    } catch (error) {
      await page.screenshot({ path: path.join(SCREENSHOTS, 'failure.png') }).catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  } catch (error) {
    failure = error;
  }

  // Ctrl-C, as a terminal sends it: to the whole foreground process group.
  try {
    process.kill(-sandbox.child.pid!, 'SIGINT');
  } catch {
    // already gone
  }
  const stopped = await Promise.race([sandbox.exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
  rmSync(own, { recursive: true, force: true });
  if (!stopped) {
    process.kill(-sandbox.child.pid!, 'SIGKILL');
    failure ??= new Error(`npm start did not stop within ${STOP_TIMEOUT_MS / 1000} s of Ctrl-C`);
  }
  if (failure) throw failure;

  if (!sandbox.output().includes('[sandbox] stopped:')) throw new Error('the sandbox did not report that it stopped');
  if (folder && existsSync(folder)) throw new Error(`the sandbox left its folder ${folder}`);
  const left = processesMentioning(folder!);
  if (left.length > 0) throw new Error(`the sandbox left processes running:\n${left.join('\n')}`);
  for (const port of new Set(ports)) {
    if (!(await refusesConnections(port))) throw new Error(`port ${port} still accepts connections after the sandbox stopped`);
  }
  log(`stopped by Ctrl-C: no process, port (${[...new Set(ports)].join(', ')}) or folder left`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`[sandbox-ui] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
