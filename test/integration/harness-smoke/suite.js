'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: VS Code loads it with require() */
/* global require, exports, __dirname, process, setTimeout */
// Tests module for `scripts/vscode/run.mjs --tests`: loaded in the extension host, like
// @vscode/test-electron's extensionTestsPath. Run it with --workspace workspace,
// --settings user-settings.json and --machine-settings machine-settings.json (see README.md).
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const mochaModule = require(require.resolve('mocha', { paths: [REPO_ROOT] }));
const Mocha = mochaModule.default ?? mochaModule; // mocha >= 12 is an ES module

const EXTENSION_ID = 'hive-papago-translate.harness-smoke';

function buildSuites(root) {
  const smoke = Mocha.Suite.create(root, 'harness smoke');
  smoke.addTest(
    new Mocha.Test('harnessSmoke.hello executes and returns a value', async () => {
      const result = await vscode.commands.executeCommand('harnessSmoke.hello');
      assert.equal(result, 'Hello from the harness smoke extension');
    }),
  );
  smoke.addTest(
    new Mocha.Test('the workspace folder is open', () => {
      const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.path);
      assert.ok(
        folders.some((p) => p.endsWith('/test/integration/harness-smoke/workspace')),
        `workspaceFolders: ${JSON.stringify(folders)}`,
      );
    }),
  );

  // What the real extension relies on in this remote-like host (uiKind Web, remoteName set).
  const facts = Mocha.Suite.create(root, 'host facts');
  facts.addTest(
    new Mocha.Test('context.secrets stores, reads back and deletes a secret', async () => {
      const api = await vscode.extensions.getExtension(EXTENSION_ID).activate();
      await api.secrets.store('harness-smoke-probe', 's3cret');
      assert.equal(await api.secrets.get('harness-smoke-probe'), 's3cret');
      await api.secrets.delete('harness-smoke-probe');
      assert.equal(await api.secrets.get('harness-smoke-probe'), undefined);
    }),
  );
  facts.addTest(
    new Mocha.Test('application scope: from User/settings.json; ignored in the workspace and in Machine/settings.json', () => {
      const config = vscode.workspace.getConfiguration('harnessSmoke');
      const inspected = config.inspect('applicationSetting');
      assert.equal(inspected.globalValue, 'from-user', JSON.stringify(inspected));
      assert.equal(inspected.workspaceValue, undefined, JSON.stringify(inspected));
      assert.equal(config.get('applicationSetting'), 'from-user');
    }),
  );
  facts.addTest(
    new Mocha.Test('machine scope: from Machine/settings.json; ignored in the workspace and in User/settings.json', async () => {
      const inspect = () => vscode.workspace.getConfiguration('harnessSmoke').inspect('machineSetting');
      let inspected = inspect();
      assert.equal(inspected.globalRemoteValue, 'from-machine', JSON.stringify(inspected));
      assert.equal(inspected.workspaceValue, undefined, JSON.stringify(inspected));
      assert.equal(vscode.workspace.getConfiguration('harnessSmoke').get('machineSetting'), 'from-machine');
      // At startup the user value still shows (globalLocalValue): User/settings.json was parsed
      // before this extension registered the setting. Once the file is read again (any settings
      // write does it) the remote host drops it, as VS Code does for machine settings in remote
      // windows.
      await vscode.workspace
        .getConfiguration('harnessSmoke')
        .update('windowSetting', 'rewritten', vscode.ConfigurationTarget.Global);
      for (let i = 0; i < 50 && inspect().globalLocalValue !== undefined; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      inspected = inspect();
      assert.equal(inspected.globalLocalValue, undefined, JSON.stringify(inspected));
      assert.equal(inspected.globalValue, 'from-machine', JSON.stringify(inspected));
      const app = vscode.workspace.getConfiguration('harnessSmoke').inspect('applicationSetting');
      assert.equal(app.globalValue, 'from-user', `application value after the re-read: ${JSON.stringify(app)}`);
      await vscode.workspace
        .getConfiguration('harnessSmoke')
        .update('windowSetting', 'from-user', vscode.ConfigurationTarget.Global);
    }),
  );
  for (const key of ['machineOverridableSetting', 'windowSetting']) {
    facts.addTest(
      new Mocha.Test(`${key} (control): the workspace value wins`, () => {
        const config = vscode.workspace.getConfiguration('harnessSmoke');
        const inspected = config.inspect(key);
        assert.equal(inspected.workspaceValue, 'from-workspace', JSON.stringify(inspected));
        assert.equal(config.get(key), 'from-workspace');
      }),
    );
  }
  facts.addTest(
    new Mocha.Test("the runner's environment reaches the extension host", () => {
      assert.ok(process.env.VSCODE_HARNESS_RUN_DIR, 'VSCODE_HARNESS_RUN_DIR is not set');
      assert.ok(vscode.env.remoteName, 'expected a remote-like host');
    }),
  );
}

exports.run = function run() {
  const mocha = new Mocha({ ui: 'tdd', timeout: 20_000, color: false, reporter: 'spec' });
  buildSuites(mocha.suite);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
};
