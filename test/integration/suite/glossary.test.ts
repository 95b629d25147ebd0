import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { emulator, exec, EXTENSION_ID, readText, rejects, until, useEmulator, workspaceUri } from './setup';

interface Api {
  glossaries: vscode.TreeDataProvider<vscode.TreeItem> & { hasMore: boolean; lastError: string | undefined };
}

function api(): Api {
  return vscode.extensions.getExtension<Api>(EXTENSION_ID)!.exports;
}

async function treeItems(): Promise<vscode.TreeItem[]> {
  return (await api().glossaries.getChildren()) ?? [];
}

const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

describe('glossaries', () => {
  beforeEach(async () => {
    await useEmulator();
    emulator().glossaries.clear();
    await exec('hivePapago.glossary.refresh');
  });

  it('the tree lists glossaries in pages with a "Load more" node', async () => {
    emulator().glossaries.seed(45, 'terms');
    await exec('hivePapago.glossary.refresh');
    let items = await treeItems();
    assert.equal(items.filter((i) => i.contextValue === 'glossary').length, 30);
    assert.equal(items.at(-1)?.contextValue, 'loadMore');
    assert.equal(items.at(-1)?.command?.command, 'hivePapago.glossary.loadMore');
    emulator().log.length = 0;
    await exec('hivePapago.glossary.loadMore');
    items = await treeItems();
    assert.equal(items.filter((i) => i.contextValue === 'glossary').length, 45);
    assert.ok(!items.some((i) => i.contextValue === 'loadMore'));
    assert.deepEqual(emulator().log.filter((e) => e.route === 'glossary.list').map((e) => e.path), ['/glossary/v1/?currentPage=2&pageSize=30']);
  });

  it('creates, uploads a CSV, shows the count and dates, downloads, copies the key and deletes', async () => {
    const { glossaryKey } = await exec<{ glossaryKey: string }>('hivePapago.glossary.create', { name: 'UI terms', description: 'Buttons and menus' });
    const created = (await treeItems()).find((i) => labelOf(i) === 'UI terms');
    assert.ok(created, 'the new glossary is in the tree');

    assert.deepEqual(await exec('hivePapago.glossary.upload', { glossaryKey, file: workspaceUri('terms.csv') }), { wordCount: 2 });
    const item = (await treeItems()).find((i) => labelOf(i) === 'UI terms')!;
    assert.match(String(item.description), /2 terms/);
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /Buttons and menus/);
    assert.match(tooltip, /Created/);
    assert.ok(tooltip.includes(glossaryKey));

    const out = workspaceUri('downloaded.csv');
    const { uri } = await exec<{ uri: vscode.Uri }>('hivePapago.glossary.download', { glossaryKey, out: out.fsPath });
    assert.equal(uri.toString(), out.toString());
    assert.match(await readText(out), /server,SERVEUR/);
    // The saved file is what opens, not an untitled copy.
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), out.toString());
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await rejects(exec('hivePapago.glossary.download', { glossaryKey }), /"out" is needed/);

    // A tree item works wherever {glossaryKey} does.
    assert.equal(await exec('hivePapago.glossary.copyKey', item), glossaryKey);
    assert.equal(await vscode.env.clipboard.readText(), glossaryKey);

    assert.equal(await exec('hivePapago.glossary.delete', { glossaryKey, confirm: false }), true);
    assert.ok(!(await treeItems()).some((i) => labelOf(i) === 'UI terms'));
    assert.equal(emulator().glossaries.get(glossaryKey), undefined);
  });

  it('an invalid CSV gives line numbers and uploads nothing', async () => {
    const { glossaryKey } = await exec<{ glossaryKey: string }>('hivePapago.glossary.create', { name: 'Broken' });
    const error = await rejects(exec('hivePapago.glossary.upload', { glossaryKey, file: workspaceUri('bad.csv') }), /line 2/);
    assert.match(error.message, /lines? 1 and 3/);
    assert.equal(emulator().counters.requests['glossary.upload'] ?? 0, 0);
  });

  it('lists each bad line of a refused CSV in the Problems panel until the file is fixed or uploaded', async () => {
    const { glossaryKey } = await exec<{ glossaryKey: string }>('hivePapago.glossary.create', { name: 'Checked' });
    const file = workspaceUri('problems.csv');
    const write = (text: string) => vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
    const problems = () => vscode.languages.getDiagnostics(file);
    await write('server,SERVEUR\naccount\nserver,again\n');
    await rejects(exec('hivePapago.glossary.upload', { glossaryKey, file }), /has 2 problems/);
    assert.deepEqual(
      problems().map((d) => [d.range.start.line, d.severity, d.message, d.relatedInformation?.map((r) => r.location.range.start.line)]),
      [
        [1, vscode.DiagnosticSeverity.Error, 'Expected 2 columns (source term, target term) but found 1 column', undefined],
        [2, vscode.DiagnosticSeverity.Error, 'The source term "server" appears twice (lines 1 and 3)', [0]],
      ],
    );
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === file.toString()), 'a script gets no editor');

    // Fixed outside the editor, then uploaded: the upload clears them.
    await write('server,SERVEUR\naccount,COMPTE\n');
    assert.deepEqual(await exec('hivePapago.glossary.upload', { glossaryKey, file }), { wordCount: 2 });
    assert.deepEqual(problems(), []);

    // Fixed in the editor: they go once the text is valid, before any save (VS Code for the Web
    // saves after a delay by default) or upload.
    const files = vscode.workspace.getConfiguration('files');
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    try {
      await write('a,b\nc\n');
      await rejects(exec('hivePapago.glossary.upload', { glossaryKey, file }), /line 2/);
      assert.equal(problems().length, 1);
      const editor = await vscode.window.showTextDocument(file);
      await editor.edit((edit) => edit.insert(new vscode.Position(1, 1), ',d'));
      await until(() => problems().length === 0);
      assert.ok(editor.document.isDirty, 'not saved');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await files.update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('"Use for translation" sends the glossary with Papago translations of that pair', async () => {
    const record = emulator().glossaries.create('Game', null, [['server', 'SERVEUR']]);
    await exec('hivePapago.glossary.refresh');
    const used = await exec('hivePapago.glossary.useForTranslation', { glossaryKey: record.glossaryKey, source: 'en', target: 'ko' });
    assert.deepEqual(used, { glossaryKey: record.glossaryKey, source: 'en', target: 'ko' });
    const item = (await treeItems()).find((i) => labelOf(i) === 'Game')!;
    assert.match(String(item.description), /en → ko/);

    const document = await vscode.workspace.openTextDocument({ content: 'The server is up', language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 0, 0, 16);
    await exec('hivePapago.translateSelection', { to: ['ko'], from: 'en', provider: 'papago', mode: 'replace' });
    assert.equal(document.getText(), 'ko:The SERVEUR ko:is ko:up');
    assert.equal(JSON.parse(emulator().log.find((e) => e.route === 'papago.translate')!.body).glossaryKey, record.glossaryKey);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    await rejects(exec('hivePapago.glossary.useForTranslation', { glossaryKey: record.glossaryKey, source: 'fr', target: 'de' }), /do not support/);
    // Deleting the glossary forgets the choice.
    await exec('hivePapago.glossary.delete', { glossaryKey: record.glossaryKey, confirm: false });
    emulator().log.length = 0;
    const again = await vscode.workspace.openTextDocument({ content: 'server', language: 'plaintext' });
    (await vscode.window.showTextDocument(again)).selection = new vscode.Selection(0, 0, 0, 6);
    await exec('hivePapago.translateSelection', { to: ['ko'], from: 'en', provider: 'papago', mode: 'replace' });
    assert.equal(JSON.parse(emulator().log[0].body).glossaryKey, undefined);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shows a listing error in the view itself', async () => {
    emulator().faults.add({ route: 'glossary.list', kind: 'status', status: 401, body: { error: { errorCode: '200', message: 'Authentication Failed' } } });
    await exec('hivePapago.glossary.refresh');
    const items = await treeItems();
    assert.equal(items.at(-1)?.contextValue, 'error');
    assert.match(labelOf(items.at(-1)!), /rejected the credentials/);
    assert.match(api().glossaries.lastError ?? '', /rejected the credentials/);
  });

  it('is empty without glossaries, so that its welcome view explains them', async () => {
    assert.deepEqual(await treeItems(), []);
  });

  it('shows the welcome view (no items) without NCP credentials', async () => {
    emulator().glossaries.create('Kept', null, [['server', '서버']]);
    await exec('hivePapago.clearCredentials', { service: 'ncpIam' });
    assert.deepEqual(await treeItems(), []);
    await exec('hivePapago.setCredentials', { service: 'ncpIam', accessKey: 'emulator-access-key', secretKey: 'emulator-iam-secret' });
    assert.deepEqual((await treeItems()).map(labelOf), ['Kept']);
  });
});
