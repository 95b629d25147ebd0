import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { CREDENTIALS, emulator, exec, rejects, setAllCredentials, useEmulator } from './setup';

interface ConnectionResult {
  service: string;
  ok: boolean;
  message: string;
  text: string;
  actions: { title: string; command: string; args: unknown[] }[];
}

describe('credentials', () => {
  afterEach(() => setAllCredentials());

  it('are stored in SecretStorage and read back: Test Connection signs one call per service', async () => {
    emulator().log.length = 0;
    const results = await exec<ConnectionResult[]>('hivePapago.testConnection');
    assert.deepEqual(
      results.map((r) => [r.service, r.ok]),
      [
        ['hive', true],
        ['papago', true],
        ['ncpIam', true],
        ['papagoSmt', true],
      ],
    );
    // The glossary view may refresh on its own meanwhile; the probe is a one-item page.
    const probes = emulator().log.filter((e) => e.route !== 'glossary.list' || e.path.endsWith('pageSize=1'));
    assert.deepEqual(probes.map((e) => e.route).sort(), ['glossary.list', 'hive.async.result', 'papago.translate', 'smt.translate']);
    assert.deepEqual(emulator().counters.chars['hive.async.result'] ?? 0, 0, 'nothing translated by Hive');
  });

  it('reports rejected keys per service', async () => {
    await exec('hivePapago.setCredentials', { ...CREDENTIALS.hive, secretKey: 'not-the-secret' });
    const results = await exec<ConnectionResult[]>('hivePapago.testConnection');
    const hive = results.find((r) => r.service === 'hive');
    assert.equal(hive?.ok, false);
    assert.match(hive?.message ?? '', /rejected the signature/);
    assert.ok(results.filter((r) => r.service !== 'hive').every((r) => r.ok));
  });

  it('gives one readable result per service, each failure with the buttons that fix it', async () => {
    await exec('hivePapago.setCredentials', { ...CREDENTIALS.hive, secretKey: 'not-the-secret' });
    // Nothing listens on port 9: Papago SMT cannot be reached.
    await vscode.workspace.getConfiguration('hivePapago').update('papagoSmt.endpoint', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    try {
      const results = await exec<ConnectionResult[]>('hivePapago.testConnection');
      const byService = Object.fromEntries(results.map((r) => [r.service, r]));
      assert.equal(byService.hive.text, 'Hive automatic translation: Hive rejected the signature; check the service key and secret key.');
      assert.deepEqual(byService.hive.actions.map((a) => [a.command, a.args]), [
        ['hivePapago.setCredentials', [{ service: 'hive' }]],
        ['hivePapago.showLog', []],
      ]);
      assert.match(byService.papagoSmt.text, /^Legacy Papago SMT \(Naver Developers\): Could not reach Papago SMT; check the network connection and the endpoint setting/);
      assert.deepEqual(byService.papagoSmt.actions.map((a) => [a.title, a.command, a.args]), [
        ['Retry', 'hivePapago.testConnection', []],
        ['Open Endpoint Setting', 'workbench.action.openSettings', ['hivePapago.papagoSmt.endpoint']],
        ['Show Log', 'hivePapago.showLog', []],
      ]);
      assert.equal(byService.papago.text, 'NAVER Cloud Papago Translation: connected.');
      assert.deepEqual(byService.papago.actions, []);
    } finally {
      await useEmulator();
    }
  });

  it('clears one service, or all of them', async () => {
    assert.deepEqual(await exec('hivePapago.clearCredentials', { service: 'papagoSmt' }), ['papagoSmt']);
    let results = await exec<ConnectionResult[]>('hivePapago.testConnection');
    assert.deepEqual(results.map((r) => r.service), ['hive', 'papago', 'ncpIam']);
    assert.deepEqual(await exec('hivePapago.clearCredentials', {}), ['hive', 'papago', 'ncpIam', 'papagoSmt']);
    results = await exec<ConnectionResult[]>('hivePapago.testConnection');
    assert.deepEqual(results, []);
  });

  it('refuses malformed values and unknown services, storing nothing', async () => {
    await exec('hivePapago.clearCredentials', { service: 'hive' });
    await rejects(exec('hivePapago.setCredentials', { service: 'hive', serviceKey: 'has space', secretKey: 'x' }), /no spaces/);
    await rejects(exec('hivePapago.setCredentials', { service: 'deepl', apiKey: 'x' }), /Unknown service "deepl"/);
    const results = await exec<ConnectionResult[]>('hivePapago.testConnection');
    assert.ok(!results.some((r) => r.service === 'hive'));
  });

  it('a command that needs a missing credential says which one', async () => {
    await exec('hivePapago.clearCredentials', { service: 'papago' });
    const document = await vscode.workspace.openTextDocument({ content: 'Hello', language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 0, 0, 5);
    await rejects(exec('hivePapago.translateSelection', { to: ['ko'], provider: 'papago' }), /Papago credentials are not set/);
    assert.equal(document.getText(), 'Hello');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
