import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { CredentialImportResult } from '../../../src/host/credentialImport';
import type { CredentialService } from '../../../src/host/credentials';
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server';

export const EXTENSION_ID = 'hive-papago-translate.hive-papago-translate';

/** Credentials of the emulator, as the user would enter them. */
export const CREDENTIALS = {
  hive: { service: 'hive', ...DEFAULT_CREDENTIALS.hive },
  papago: { service: 'papago', ...DEFAULT_CREDENTIALS.papago },
  ncpIam: { service: 'ncpIam', ...DEFAULT_CREDENTIALS.ncpIam },
  papagoSmt: { service: 'papagoSmt', ...DEFAULT_CREDENTIALS.smt },
} as const;

export const ALL_SECRETS = Object.values(CREDENTIALS).flatMap((c) => Object.entries(c).filter(([k]) => k !== 'service').map(([, v]) => v));

let current: Emulator | undefined;

/** The emulator the extension's endpoints currently point at. */
export function emulator(): Emulator {
  if (!current) throw new Error('no emulator');
  return current;
}

/** Points the user's endpoint settings at an emulator (a fresh one when options are given). */
export async function useEmulator(options?: EmulatorOptions): Promise<Emulator> {
  if (options || !current) {
    await current?.close();
    current = await startEmulator(options);
  }
  const config = vscode.workspace.getConfiguration('hivePapago');
  for (const name of ['hive', 'papago', 'papagoSmt']) {
    await config.update(`${name}.endpoint`, current.url, vscode.ConfigurationTarget.Global);
  }
  current.faults.clear();
  current.counters.reset();
  current.log.length = 0;
  return current;
}

export function exec<T = unknown>(command: string, ...args: unknown[]): Promise<T> {
  return Promise.resolve(vscode.commands.executeCommand<T>(command, ...args));
}

export async function setAllCredentials(): Promise<void> {
  for (const credentials of Object.values(CREDENTIALS)) await exec('hivePapago.setCredentials', credentials);
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` is true, polling every 50 ms. */
export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await sleep(50);
  }
}

/** Rejects unless the command fails with a message matching `message`. */
export async function rejects(promise: Thenable<unknown>, message: RegExp): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof Error)) throw new Error(`not an Error: ${String(error)}`);
    if (!message.test(error.message)) throw new Error(`unexpected message: ${error.message}`);
    return error;
  }
  throw new Error(`expected a rejection matching ${message}`);
}

interface AtActivation {
  /** The services with stored credentials right after activation (the browser profile starts empty). */
  stored: CredentialService[];
  result: CredentialImportResult | undefined;
}
let activation: AtActivation | undefined;

/** What the credentials import at activation left, seen before the suite sets every credential. */
export function atActivation(): AtActivation {
  if (!activation) throw new Error('the extension was not activated');
  return activation;
}

before(async function () {
  this.timeout(120_000);
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  // First, without waiting for the import: the store's readers must wait for it themselves.
  const stored = await api.testing!.storedCredentials();
  activation = { stored, result: await api.testing!.credentialsImport };
  await useEmulator();
  await setAllCredentials();
});

after(async () => {
  await current?.close();
});
