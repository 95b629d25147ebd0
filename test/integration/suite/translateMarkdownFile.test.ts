import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { emulator, exec, readText, rejects, sleep, until, useEmulator, workspaceUri } from './setup';

interface Result {
  outputs: { to: string; uri: vscode.Uri }[];
  segments: number;
  charsSent: number;
  requests: number;
  cacheHits: number;
}

describe('Translate Markdown File', () => {
  const readme = () => workspaceUri('docs', 'README.md');
  const notes = () => workspaceUri('docs', 'notes.md');

  beforeEach(() => useEmulator());
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('writes sibling files per target through Hive async, keeping code, links and front matter keys', async () => {
    const source = await readText(readme());
    const result = await exec<Result>('hivePapago.translateMarkdownFile', { uri: readme(), to: ['ko', 'ja'], from: 'en', provider: 'hive', output: 'sibling' });
    assert.deepEqual(result.outputs.map((o) => [o.to, vscode.workspace.asRelativePath(o.uri)]), [
      ['ko', 'docs/README.ko.md'],
      ['ja', 'docs/README.ja.md'],
    ]);
    const korean = await readText(workspaceUri('docs', 'README.ko.md'));
    assert.match(korean, /^# ko:Getting ko:started$/m);
    assert.match(korean, /^title: ko:Getting ko:started$/m);
    assert.match(korean, /^tags: \[server, setup\]$/m, 'non-allow-listed front matter is untouched');
    assert.ok(korean.includes('```sh\nnpm install game-server\n```'), 'code is untouched');
    assert.ok(korean.includes('(https://example.com/dash "Dashboard")'), 'link targets are untouched');
    assert.ok(korean.includes('](images/architecture.png)'));
    assert.equal(korean.split('\n').length, source.split('\n').length);
    assert.ok(result.segments > 5);
    assert.ok(emulator().counters.requests['hive.async.submit'] >= 1);
    assert.ok(!JSON.stringify(emulator().log.map((e) => e.body)).includes('npm install game-server'), 'code was never sent');
  });

  it('sends nothing on a re-run of an unchanged file (its output kept; without it, the translation memory)', async () => {
    const args = { uri: readme(), to: ['ko'], from: 'en', provider: 'papago', output: 'sibling' };
    // An output written by an earlier test would be kept as it is: start without one.
    await vscode.workspace.fs.delete(workspaceUri('docs', 'README.ko.md')).then(undefined, () => undefined);
    await exec('hivePapago.translateMarkdownFile', args);
    emulator().counters.reset();
    const again = await exec<Result & { files: { status: string }[] }>('hivePapago.translateMarkdownFile', args);
    assert.equal(again.charsSent, 0);
    assert.equal(again.requests, 0);
    assert.deepEqual(again.files.map((file) => file.status), ['unchanged']);
    await vscode.workspace.fs.delete(workspaceUri('docs', 'README.ko.md'));
    const fromMemory = await exec<Result>('hivePapago.translateMarkdownFile', args);
    assert.equal(fromMemory.requests, 0);
    assert.equal(fromMemory.cacheHits, fromMemory.segments);
    assert.deepEqual(emulator().counters.requests, {});
  });

  it('translates in place as one undo step', async () => {
    const document = await vscode.workspace.openTextDocument(notes());
    await vscode.window.showTextDocument(document);
    const original = document.getText();
    const result = await exec<Result>('hivePapago.translateMarkdownFile', { uri: notes(), to: ['ko'], from: 'en', provider: 'papago', output: 'inPlace' });
    assert.equal(result.outputs[0].uri.toString(), notes().toString());
    assert.match(document.getText(), /^# ko:Release ko:notes$/m);
    assert.ok(document.isDirty, 'left unsaved for the user');
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original);
  });

  it('refuses in place with several targets', async () => {
    await rejects(exec('hivePapago.translateMarkdownFile', { uri: notes(), to: ['ko', 'ja'], output: 'inPlace', provider: 'pseudo' }), /exactly one target/);
  });

  it('refuses to replace a document the user edited while the job ran', async () => {
    await useEmulator({ asyncSteps: { waiting: 2, processing: 1 } });
    const document = await vscode.workspace.openTextDocument(notes());
    const editor = await vscode.window.showTextDocument(document);
    const pending = exec('hivePapago.translateMarkdownFile', { uri: notes(), to: ['ko'], from: 'en', provider: 'hive', output: 'inPlace' });
    await until(() => emulator().counters.requests['hive.async.submit'] === 1);
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), 'User edit\n'));
    await rejects(pending, /was edited while the translation ran/);
    assert.ok(document.getText().startsWith('User edit\n# Release notes'), 'the user edit is kept and nothing was replaced');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(document.getText(), await readText(notes()));
  });

  it('cancel stops the polling of a slow job', async () => {
    await useEmulator({ asyncSteps: { waiting: 10_000, processing: 1 } });
    // German: nothing in the translation memory yet, so a job is submitted.
    const pending = exec('hivePapago.translateMarkdownFile', { uri: readme(), to: ['de'], from: 'en', provider: 'hive', output: 'sibling' });
    await until(() => (emulator().counters.requests['hive.async.result'] ?? 0) >= 1, 15_000);
    assert.equal(await exec('hivePapago.cancel'), 1);
    await rejects(pending, /cancelled/);
    const polls = emulator().counters.requests['hive.async.result'];
    await sleep(3000);
    assert.equal(emulator().counters.requests['hive.async.result'], polls, 'no poll after cancel');
  });

  it('refuses a file that is not UTF-8, sending nothing', async () => {
    await rejects(exec('hivePapago.translateMarkdownFile', { uri: workspaceUri('docs', 'latin1.md'), to: ['ko'], provider: 'papago' }), /UTF-8/);
    assert.deepEqual(emulator().counters.requests, {});
  });

  it('works offline with the pseudo provider', async () => {
    const result = await exec<Result>('hivePapago.translateMarkdownFile', { uri: notes(), to: ['fr'], provider: 'pseudo', output: 'sibling' });
    const text = await readText(result.outputs[0].uri);
    assert.match(text, /^# \\?\[Ŕéļéášé ñóţéš (\\?~)+\\?\]$/m);
    assert.equal(text.split('\n').length, (await readText(notes())).split('\n').length);
  });
});
