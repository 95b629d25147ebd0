/**
 * `npm run test:electron`: the integration suite in desktop VS Code through @vscode/test-electron,
 * for a contributor whose machine can download VS Code (`npm test` runs the same suite offline in
 * code-server instead, and never this). Same suite module (out/integration/suite.js), workspace
 * and environment as test/integration/run.ts; the suite starts its own emulators.
 *
 *   npm run test:electron                          # downloads VS Code stable into .vscode-test/
 *   VSCODE_VERSION=1.100.3 npm run test:electron   # a given version ("insiders" works too)
 *   VSCODE_EXECUTABLE=/path/to/code npm run test:electron   # a VS Code already installed
 *
 * On Linux without a display, run it under `xvfb-run -a`.
 */
import { mkdtempSync } from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildSuite, checkBuilt, prepareSuiteRun, ROOT } from './suiteRun';

function fail(message: string): never {
  process.stderr.write(`[electron] ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const notBuilt = checkBuilt();
  if (notBuilt) fail(notBuilt);
  const suite = await buildSuite();
  const base = path.join(ROOT, '.vscode-test');
  const run = prepareSuiteRun(base);
  // A fresh profile each run: secrets and settings start empty, as in the code-server runner.
  const profile = mkdtempSync(path.join(base, 'electron-'));
  const code = await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: suite,
    extensionTestsEnv: run.env,
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    version: process.env.VSCODE_VERSION || undefined,
    launchArgs: [
      run.workspace,
      `--user-data-dir=${path.join(profile, 'user-data')}`,
      `--extensions-dir=${path.join(profile, 'extensions')}`,
      // Secret storage without an OS keyring (a CI machine has none).
      '--password-store=basic',
    ],
  });
  process.exit(code);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
