/**
 * Runs the integration suite inside a real VS Code (code-server, driven offline by Chromium),
 * then the UI test that clicks through the workbench and saves the README's screenshots, then
 * the sandbox's UI test (`npm start` as a person uses it). Needs `npm run build` first; installs
 * the test VS Code when it is missing (scripts/vscode/install.sh).
 * `--only suite`, `--only ui` (English and Korean), `--only ui-ko` or `--only sandbox` runs a part.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ensureTestVsCode } from '../../scripts/vscode/install';
import { startEmulator } from '../emulator/server';
import { buildSuite, checkBuilt, prepareSuiteRun, ROOT as root } from './suiteRun';

const runner = path.join(root, 'scripts/vscode/run.mjs');

function fail(message: string): never {
  process.stderr.write(`[integration] ${message}\n`);
  process.exit(1);
}

interface Run {
  name: 'suite' | 'ui' | 'ui-ko' | 'sandbox';
  title: string;
  /** Arguments of node: a script and its arguments. */
  args: string[];
  env?: Record<string, string>;
  after?: () => void;
}

async function main(): Promise<void> {
  const notBuilt = checkBuilt();
  if (notBuilt) fail(notBuilt);
  try {
    ensureTestVsCode();
  } catch (error) {
    fail((error as Error).message);
  }

  checkBundledCli();
  const suite = await buildSuite();

  const base = path.join(root, '.vscode-test');
  mkdirSync(base, { recursive: true });
  const runs: Run[] = [];

  // 1. The integration suite. It starts its own emulators in the extension host and points the
  //    user settings at them; the runner's environment names the credentials file to import.
  const suiteRun = prepareSuiteRun(base);
  runs.push({
    name: 'suite',
    title: 'integration suite',
    args: [runner, '--extension', root, '--tests', suite, '--workspace', suiteRun.workspace, '--timeout', '600'],
    env: suiteRun.env,
  });

  // 2. The UI test, against an emulator in this process, configured through user settings as a
  //    person would, in English and in Korean.
  const emulator = await startEmulator({ port: 0 });
  emulator.glossaries.create('Game terms', 'Names used in the game UI', [
    ['server', '서버'],
    ['account', '계정'],
  ]);
  emulator.glossaries.create('Store listing', 'App store copy', [['download', '다운로드']]);
  const uiRun = (name: 'ui' | 'ui-ko', title: string, locale: 'en' | 'ko', screenshots: string[]) => {
    const uiWorkspace = mkdtempSync(path.join(base, `ui-${locale}-workspace-`));
    cpSync(path.join(__dirname, 'workspace'), uiWorkspace, { recursive: true });
    const settings = path.join(uiWorkspace, '..', `${path.basename(uiWorkspace)}-settings.json`);
    writeFileSync(
      settings,
      JSON.stringify({
        'hivePapago.hive.endpoint': emulator.url,
        'hivePapago.papago.endpoint': emulator.url,
        'hivePapago.papagoSmt.endpoint': emulator.url,
        'hivePapago.targetLanguages': ['ko'],
        'hivePapago.selection.mode': 'replace',
        'hivePapago.markdown.review': true,
        'workbench.colorTheme': 'Default Dark Modern',
      }),
    );
    const screenshotDir = path.join(root, 'test-results', `ui-${locale}`);
    runs.push({
      name,
      title,
      args: [runner, '--extension', root, '--ui', path.join(__dirname, 'ui.mjs'), '--workspace', uiWorkspace, '--settings', settings, '--screenshot-dir', screenshotDir, '--timeout', '300', '--locale', locale],
      env: { UI_LOCALE: locale },
      after: () => {
        // The README shows these.
        for (const screenshot of screenshots) cpSync(path.join(screenshotDir, screenshot), path.join(root, 'media/screenshots', screenshot));
      },
    });
  };
  uiRun('ui', 'UI test', 'en', ['translate-selection.png', 'glossary-tree.png', 'test-connection.png', 'walkthrough.png']);
  // 3. The same UI test in a Korean VS Code: nothing the extension shows is left in English.
  uiRun('ui-ko', 'UI test in Korean', 'ko', ['korean-ui.png']);

  // 4. The sandbox: `npm start` in a child process, driven through its printed URL, then stopped.
  runs.push({ name: 'sandbox', title: 'sandbox UI test', args: [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(__dirname, 'sandbox.ts')] });

  // `--only suite`, `--only ui` (both languages), `--only ui-ko` or `--only sandbox` runs a part.
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  let failed = 0;
  try {
    const selected = (name: Run['name']) => !only || (only === 'ui' ? name === 'ui' || name === 'ui-ko' : name === only);
    for (const run of runs.filter((r) => selected(r.name))) {
      process.stdout.write(`[integration] ${run.title}\n`);
      // Asynchronously: the UI run's emulator lives in this process and must keep answering.
      const child = spawn(process.execPath, run.args, { stdio: 'inherit', env: { ...process.env, ...run.env } });
      const code = await new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
      if (code !== 0) {
        failed++;
        process.stderr.write(`[integration] ${run.title} failed (exit ${code})\n`);
      } else {
        run.after?.();
      }
    }
  } finally {
    await emulator.close();
  }
  process.exit(failed > 0 ? 1 : 0);
}

/**
 * The unit tests run the sources; this runs the bundle as a user gets it (a library whose
 * bundled form breaks, say by needing `import.meta`, fails here): it localizes a folder offline.
 */
function checkBundledCli(): void {
  // A fresh clone has no .vscode-test yet.
  mkdirSync(path.join(root, '.vscode-test'), { recursive: true });
  const dir = mkdtempSync(path.join(root, '.vscode-test', 'cli-'));
  mkdirSync(path.join(dir, 'docs'));
  writeFileSync(path.join(dir, 'README.md'), '# Hello\n\nSome *text*.\n');
  writeFileSync(path.join(dir, 'docs', 'guide.md'), '# Guide\n');
  const run = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'localize', '.', '--to', 'ko', '--provider', 'pseudo', '--json'], { cwd: dir, encoding: 'utf8' });
  const written = existsSync(path.join(dir, 'README.ko.md')) && readdirSync(path.join(dir, 'docs')).includes('guide.ko.md');
  if (run.status !== 0 || !written) fail(`the bundled CLI failed to localize a folder (exit ${run.status}): ${run.stderr}`);
  process.stdout.write('[integration] the bundled CLI localizes a folder\n');
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
