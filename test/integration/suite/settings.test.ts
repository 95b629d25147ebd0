import { strict as assert } from 'node:assert';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ALL_SECRETS, emulator, exec, useEmulator } from './setup';

function filesUnder(dir: string, match: (file: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    const stat = lstatSync(file);
    if (stat.isDirectory()) filesUnder(file, match, out);
    else if (!stat.isFile()) continue;
    else if (match(file)) out.push(file);
  }
  return out;
}

describe('settings and safety', () => {
  beforeEach(() => useEmulator());

  it('ignores endpoints set by the workspace: requests still go to the user-configured endpoint', async () => {
    const inspected = vscode.workspace.getConfiguration('hivePapago').inspect<string>('hive.endpoint');
    assert.equal(inspected?.workspaceValue, undefined, 'application-scoped: the workspace value is not applied');
    assert.equal(inspected?.globalValue, emulator().url);
    const document = await vscode.workspace.openTextDocument({ content: 'Hello', language: 'plaintext' });
    (await vscode.window.showTextDocument(document)).selection = new vscode.Selection(0, 0, 0, 5);
    await exec('hivePapago.translateSelection', { to: ['ko'], provider: 'hive' });
    assert.equal(emulator().counters.requests['hive.sync'], 1);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('refuses a plain-http endpoint that is not loopback', async () => {
    const config = vscode.workspace.getConfiguration('hivePapago');
    await config.update('hive.endpoint', 'http://translate.example.com', vscode.ConfigurationTarget.Global);
    const document = await vscode.workspace.openTextDocument({ content: 'Hello', language: 'plaintext' });
    (await vscode.window.showTextDocument(document)).selection = new vscode.Selection(0, 0, 0, 5);
    await assert.rejects(Promise.resolve(exec('hivePapago.translateSelection', { to: ['ko'], provider: 'hive' })), /must use https/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await useEmulator();
  });

  it('selects the provider and target languages from arguments', async () => {
    assert.equal(await exec('hivePapago.selectProvider', { provider: 'pseudo', kind: 'text' }), 'pseudo');
    assert.equal(vscode.workspace.getConfiguration('hivePapago').get('provider.text'), 'pseudo');
    assert.equal(vscode.workspace.getConfiguration('hivePapago').get('provider.markdown'), 'auto');
    assert.deepEqual(await exec('hivePapago.selectTargetLanguages', { to: ['ja', 'zh-Hant'] }), ['ja', 'zh-Hant']);
    assert.deepEqual(vscode.workspace.getConfiguration('hivePapago').get('targetLanguages'), ['ja', 'zh-Hant']);
    const document = await vscode.workspace.openTextDocument({ content: 'Save', language: 'plaintext' });
    (await vscode.window.showTextDocument(document)).selection = new vscode.Selection(0, 0, 0, 4);
    const result = await exec<{ provider: string; translations: { to: string }[] }>('hivePapago.translateSelection', { mode: 'show' });
    assert.equal(result.provider, 'pseudo');
    assert.deepEqual(result.translations.map((t) => t.to), ['ja', 'zh-Hant']);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await exec('hivePapago.selectProvider', { provider: 'auto' });
    await exec('hivePapago.selectTargetLanguages', { to: ['en'] });
  });

  it('keeps every secret out of settings files and the log, which records request shapes', () => {
    const runDir = process.env.VSCODE_HARNESS_RUN_DIR;
    assert.ok(runDir, 'the harness names its run folder');
    const settingsFiles = filesUnder(runDir, (f) => f.endsWith('settings.json'));
    const workspaceSettings = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.vscode', 'settings.json');
    const logs = filesUnder(runDir, (f) => /Hive & Papago Translate\.log$/.test(f));
    assert.ok(settingsFiles.length > 0, 'found the user settings');
    assert.equal(logs.length, 1, `found the extension log: ${logs.join(', ')}`);
    const log = readFileSync(logs[0], 'utf8');
    assert.match(log, /POST papago\.translate -> 200 in \d+ ms/);
    assert.match(log, /GET glossary\.list -> 200/);
    for (const file of [...settingsFiles, workspaceSettings, logs[0]]) {
      const text = readFileSync(file, 'utf8');
      for (const secret of ALL_SECRETS) assert.ok(!text.includes(secret), `${file} contains a secret`);
    }
  });
});
