import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { emulator, exec, rejects, sleep, until } from './setup';

interface Result {
  provider: string;
  translations: { to: string; text: string }[];
}

let opened = 0;

/**
 * An editor on a new untitled document holding `content`. Each document gets a name of its own:
 * VS Code restores an untitled document from a backup of the same name before using the content
 * given, so a reused `Untitled-1` whose backup outlived the previous test came back with that
 * test's text.
 */
async function editorWith(content: string, language = 'plaintext'): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `translate-selection-${Date.now()}-${++opened}` });
  const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), language);
  const editor = await vscode.window.showTextDocument(document);
  await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), content));
  // The command acts on the active editor: make sure it is this one.
  await until(() => vscode.window.activeTextEditor?.document === document);
  return editor;
}

/**
 * Selects the ranges and waits until the selection holds: the workbench may still send the
 * selection of a just-opened editor back after ours.
 */
async function select(editor: vscode.TextEditor, ...ranges: [number, number, number, number][]): Promise<void> {
  const wanted = ranges.map(([a, b, c, d]) => new vscode.Selection(a, b, c, d));
  const holds = () => editor.selections.length === wanted.length && editor.selections.every((selection, k) => selection.isEqual(wanted[k]));
  for (let attempt = 0; attempt < 20; attempt++) {
    editor.selections = wanted;
    await sleep(50);
    if (holds()) return;
  }
  assert.fail('the selection did not hold');
}

describe('Translate Selection', () => {
  beforeEach(() => {
    emulator().faults.clear();
    emulator().counters.reset();
    emulator().log.length = 0;
  });
  afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  it('replaces the selection (plain text goes to Papago) and returns the translations', async () => {
    const editor = await editorWith('Hello world. Keep this.');
    await select(editor, [0, 0, 0, 12]);
    const result = await exec<Result>('hivePapago.translateSelection', { to: ['ko'], mode: 'replace' });
    assert.equal(result.provider, 'papago');
    assert.deepEqual(result.translations, [{ to: 'ko', text: 'ko:Hello ko:world.' }]);
    assert.equal(editor.document.getText(), 'ko:Hello ko:world. Keep this.');
    assert.equal(emulator().counters.requests['papago.translate'], 1);
  });

  it('inserts below, keeping the indentation, with every cursor of a multi-selection in one undo step', async () => {
    const editor = await editorWith('  first line\nsecond line\n');
    await select(editor, [0, 2, 0, 12], [1, 0, 1, 11]);
    await exec('hivePapago.translateSelection', { to: ['ja'], from: 'en', mode: 'insertBelow', provider: 'hive' });
    assert.equal(editor.document.getText(), '  first line\n  ja:first ja:line\nsecond line\nja:second ja:line\n');
    assert.equal(emulator().counters.requests['hive.sync'], 2);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), '  first line\nsecond line\n');
  });

  it('sends HTML as HTML to Hive and keeps its tags', async () => {
    const editor = await editorWith('<p>Hello <b>world</b></p>', 'html');
    await select(editor, [0, 0, 0, 25]);
    const result = await exec<Result>('hivePapago.translateSelection', { to: ['ko'], mode: 'replace' });
    assert.equal(result.provider, 'hive');
    assert.equal(editor.document.getText(), '<p>ko:Hello <b>ko:world</b></p>');
    assert.equal(JSON.parse(emulator().log[0].body).from, 'auto');
  });

  it('with several targets, a script gets every translation inserted in order', async () => {
    const editor = await editorWith('Good morning');
    await select(editor, [0, 0, 0, 12]);
    const result = await exec<Result>('hivePapago.translateSelection', { to: ['ko', 'ja'], mode: 'replace', provider: 'hive' });
    assert.deepEqual(result.translations.map((t) => t.to), ['ko', 'ja']);
    assert.equal(editor.document.getText(), 'ko:Good ko:morning\nja:Good ja:morning');
    assert.equal(emulator().counters.requests['hive.sync'], 1, 'Hive takes several targets in one call');
  });

  it('shows the translation in a hover with Replace and Copy, changing nothing', async () => {
    const editor = await editorWith('Hello there');
    await select(editor, [0, 0, 0, 11]);
    await exec('hivePapago.translateSelection', { to: ['ko'], mode: 'show' });
    assert.equal(editor.document.getText(), 'Hello there');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /ko:Hello ko:there/);
    assert.match(text, /command:hivePapago\.applyShownTranslation/);
    assert.match(text, /command:hivePapago\.copyShownTranslation/);
    assert.equal(await exec('hivePapago.copyShownTranslation', { index: 0, to: 'ko' }), true);
    assert.equal(await vscode.env.clipboard.readText(), 'ko:Hello ko:there');
    assert.equal(await exec('hivePapago.applyShownTranslation', { index: 0, to: 'ko' }), true);
    assert.equal(editor.document.getText(), 'ko:Hello ko:there');
  });

  it('with nothing selected, translates the paragraph at the cursor', async () => {
    const editor = await editorWith('Title\n\nFirst line\nsecond line\n\nLast');
    await select(editor, [3, 2, 3, 2]);
    const result = await exec<Result>('hivePapago.translateSelection', { to: ['ko'], mode: 'replace', provider: 'papago', from: 'en' });
    assert.equal(result.translations[0].text, 'ko:First ko:line\nko:second ko:line');
    assert.equal(editor.document.getText(), 'Title\n\nko:First ko:line\nko:second ko:line\n\nLast');
  });

  it('with the cursor on a blank line and nothing selected, refuses without any request', async () => {
    const editor = await editorWith('Title\n\nText');
    await select(editor, [1, 0, 1, 0]);
    await rejects(exec('hivePapago.translateSelection', { to: ['ko'] }), /selection is empty/);
    assert.deepEqual(emulator().counters.requests, {});
  });

  it('refuses an empty or blank selection without any request', async () => {
    const editor = await editorWith('   \n\nText');
    await select(editor, [0, 0, 1, 0]);
    await rejects(exec('hivePapago.translateSelection', { to: ['ko'] }), /selection is empty/);
    assert.deepEqual(emulator().counters.requests, {});
  });

  it('refuses an unsupported pair before any request', async () => {
    const editor = await editorWith('Bonjour');
    await select(editor, [0, 0, 0, 7]);
    await rejects(exec('hivePapago.translateSelection', { to: ['de'], from: 'fr', provider: 'papago' }), /cannot translate from French \(fr\) to German \(de\)/);
    await rejects(exec('hivePapago.translateSelection', { to: ['xx'] }), /Unknown target language "xx"/);
    assert.deepEqual(emulator().counters.requests, {});
  });

  it('never overwrites an edit made while the translation was in flight', async () => {
    emulator().faults.add({ route: 'papago.translate', kind: 'latency', ms: 1500 });
    const editor = await editorWith('Translate me');
    await select(editor, [0, 0, 0, 12]);
    const pending = exec('hivePapago.translateSelection', { to: ['ko'], mode: 'replace' });
    await sleep(300);
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 12), ' (typed meanwhile)'));
    await rejects(pending, /changed while the translation was in flight/);
    assert.equal(editor.document.getText(), 'Translate me (typed meanwhile)');
  });

  it('explains a service failure after retries', async () => {
    emulator().faults.add({ route: 'papago.translate', kind: 'status', status: 500, retryAfter: '0', times: Infinity });
    const editor = await editorWith('Hello');
    await select(editor, [0, 0, 0, 5]);
    await rejects(exec('hivePapago.translateSelection', { to: ['ko'] }), /Papago had an? (internal|unexpected|server) error/);
    assert.equal(emulator().counters.requests['papago.translate'], 4);
    assert.equal(editor.document.getText(), 'Hello');
  });
});
