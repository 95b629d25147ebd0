/**
 * What both runners of the integration suite share (`run.ts` through code-server, `electron.ts`
 * through @vscode/test-electron): the suite's bundle, a fresh copy of its workspace, and its
 * environment (the credentials import file). The suite starts its own emulators.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { IMPORT_CREDENTIALS_VARIABLE } from '../../src/host/credentialImport';
import { CREDENTIALS_IMPORT_FILE } from './suite/credentialsImportFile';

export const ROOT = path.resolve(__dirname, '../..');
/** The module both runners pass as `extensionTestsPath`. */
export const SUITE_BUNDLE = path.join(ROOT, 'out/integration/suite.js');

/** Fails unless the extension was built (`npm run build`). */
export function checkBuilt(): string | undefined {
  return existsSync(path.join(ROOT, 'dist/extension.js')) ? undefined : 'the extension is not built: run `npm run build` first.';
}

/** Bundles the suite as CommonJS for the extension host (`vscode` and mocha stay external). */
export async function buildSuite(): Promise<string> {
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'suite/index.ts')],
    outfile: SUITE_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return SUITE_BUNDLE;
}

export interface SuiteRun {
  /** A fresh copy of test/integration/workspace. */
  workspace: string;
  /** Variables for the extension host. */
  env: Record<string, string>;
}

/** A fresh workspace and credentials file for one run, in a new folder under `base`. */
export function prepareSuiteRun(base: string): SuiteRun {
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(path.join(base, 'suite-'));
  const workspace = path.join(dir, 'workspace');
  cpSync(path.join(__dirname, 'workspace'), workspace, { recursive: true });
  const credentials = path.join(dir, 'credentials.json');
  writeFileSync(credentials, JSON.stringify(CREDENTIALS_IMPORT_FILE, null, 2));
  return { workspace, env: { [IMPORT_CREDENTIALS_VARIABLE]: credentials } };
}
