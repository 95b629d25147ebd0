/**
 * Runs the integration suite inside a real VS Code (code-server, driven offline by Chromium),
 * then the UI test that clicks through the workbench and saves the README's screenshots.
 * Needs `npm run build` first and `npm run vscode:install` once per machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { startEmulator } from '../emulator/server';

const root = path.resolve(__dirname, '../..');
const runner = path.join(root, 'scripts/vscode/run.mjs');

function fail(message: string): never {
  process.stderr.write(`[integration] ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  if (!existsSync(path.join(root, '.code-server/.installed'))) fail('code-server is not installed: run `npm run vscode:install` first.');
  if (!existsSync(path.join(root, 'dist/extension.js'))) fail('the extension is not built: run `npm run build` first.');

  checkBundledCli();

  // The suite runs inside the extension host as CommonJS; mocha is loaded from node_modules.
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'suite/index.ts')],
    outfile: path.join(root, 'out/integration/suite.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });

  const base = path.join(root, '.vscode-test');
  mkdirSync(base, { recursive: true });
  const runs: { name: string; args: string[]; env?: Record<string, string>; after?: () => void }[] = [];

  // 1. The integration suite. It starts its own emulators in the extension host and points the
  //    user settings at them.
  const workspace = mkdtempSync(path.join(base, 'workspace-'));
  cpSync(path.join(__dirname, 'workspace'), workspace, { recursive: true });
  runs.push({
    name: 'integration suite',
    args: ['--extension', root, '--tests', path.join(root, 'out/integration/suite.js'), '--workspace', workspace, '--timeout', '600'],
  });

  // 2. The UI test, against an emulator in this process, configured through user settings as a
  //    person would, in English and in Korean.
  const emulator = await startEmulator({ port: 0 });
  emulator.glossaries.create('Game terms', 'Names used in the game UI', [
    ['server', '서버'],
    ['account', '계정'],
  ]);
  emulator.glossaries.create('Store listing', 'App store copy', [['download', '다운로드']]);
  const uiRun = (name: string, locale: 'en' | 'ko', screenshots: string[]) => {
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
      args: ['--extension', root, '--ui', path.join(__dirname, 'ui.mjs'), '--workspace', uiWorkspace, '--settings', settings, '--screenshot-dir', screenshotDir, '--timeout', '300', '--locale', locale],
      env: { UI_LOCALE: locale },
      after: () => {
        // The README shows these.
        for (const screenshot of screenshots) cpSync(path.join(screenshotDir, screenshot), path.join(root, 'media/screenshots', screenshot));
      },
    });
  };
  uiRun('UI test', 'en', ['translate-selection.png', 'glossary-tree.png', 'test-connection.png', 'walkthrough.png']);
  // 3. The same UI test in a Korean VS Code: nothing the extension shows is left in English.
  uiRun('UI test in Korean', 'ko', ['korean-ui.png']);

  // `--only suite`, `--only ui` (both languages) or `--only ui-ko` runs a part.
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  let failed = 0;
  try {
    const selected = (name: string) => !only || (only === 'suite' ? name.startsWith('integration') : only === 'ui-ko' ? name.endsWith('Korean') : name.startsWith('UI'));
    for (const run of runs.filter((r) => selected(r.name))) {
      process.stdout.write(`[integration] ${run.name}\n`);
      // Asynchronously: the UI run's emulator lives in this process and must keep answering.
      const child = spawn(process.execPath, [runner, ...run.args], { stdio: 'inherit', env: { ...process.env, ...run.env } });
      const code = await new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
      if (code !== 0) {
        failed++;
        process.stderr.write(`[integration] ${run.name} failed (exit ${code})\n`);
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
