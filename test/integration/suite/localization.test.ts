import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { EXTENSION_ID, exec, readText, sleep, useEmulator, workspaceUri } from './setup';

interface Result {
  files: { uri: vscode.Uri; to: string; status: string; conflicts: number[] }[];
  summary: string;
}

interface Changes {
  status: { state: string; changedUnits: number; totalUnits: number };
  changes: { kind: string; line: number; endLine: number; conflict: boolean; translation?: { text: string; line: number } }[];
}

type Row = vscode.TreeItem & { localization?: { uri: vscode.Uri; to?: string } };

function api(): ExtensionApi {
  return vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.exports;
}

const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

/** Every row of the Localization view, walked as the tree shows it. */
async function walk(parent?: Row, into: Row[] = []): Promise<Row[]> {
  for (const child of ((await api().localizations.getChildren(parent)) ?? []) as Row[]) {
    into.push(child);
    if (child.collapsibleState !== vscode.TreeItemCollapsibleState.None) await walk(child, into);
  }
  return into;
}

/** The language rows below `handbook/`, by `path [lang]`. */
async function handbookRows(): Promise<Map<string, Row>> {
  const rows = new Map<string, Row>();
  for (const row of await walk()) {
    const item = row.localization;
    if (!row.contextValue?.startsWith('target') || !item?.to) continue;
    const path = vscode.workspace.asRelativePath(item.uri);
    if (path.startsWith('handbook/')) rows.set(`${path} [${item.to}]`, row);
  }
  return rows;
}

/** Polls the view until `check` holds (the view refreshes on its own, after its debounce). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`the view did not get there: ${value instanceof Map ? [...(value as Map<string, Row>)].map(([key, row]) => `${key}: ${row.contextValue} (${String(row.description)})`).join('; ') : String(value)}`);
    await sleep(200);
  }
}

const states = (rows: Map<string, Row>) => [...rows.values()].map((row) => row.contextValue?.split(' ')[1]);
const handbook = (...path: string[]) => workspaceUri('handbook', ...path);

async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

const SETTINGS: [string, unknown][] = [
  ['targetLanguages', ['ko', 'ja']],
  ['provider.markdown', 'pseudo'],
  ['sourceLanguage', 'en'],
  ['markdown.review', false],
  ['markdown.output', 'sibling'],
];

describe('keeping a docs tree localized: the Localization view', () => {
  const config = () => vscode.workspace.getConfiguration('hivePapago');
  const saved: [string, unknown][] = [];
  const prompts: string[] = [];

  before(async () => {
    await useEmulator();
    for (const [key, value] of SETTINGS) {
      saved.push([key, config().inspect(key)?.globalValue]);
      await config().update(key, value, vscode.ConfigurationTarget.Global);
    }
    api().testing!.answerPrompts((_kind, message) => {
      prompts.push(message);
      return undefined;
    });
  });

  after(async () => {
    api().testing!.answerPrompts(undefined);
    for (const [key, value] of saved) await config().update(key, value, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists each source once per target language, grouped by directory, without node_modules or existing outputs; Localize Folder makes every row current', async () => {
    assert.ok(await exists(handbook('node_modules', 'some-package', 'README.md')), 'the fixture holds a node_modules folder with Markdown in it');
    await api().localizations.refresh();
    const before = await handbookRows();
    assert.deepEqual([...before.keys()].sort(), [
      'handbook/faq.md [ja]',
      'handbook/faq.md [ko]',
      'handbook/index.md [ja]',
      'handbook/index.md [ko]',
      'handbook/setup/advanced/tuning.md [ja]',
      'handbook/setup/advanced/tuning.md [ko]',
      'handbook/setup/install.md [ja]',
      'handbook/setup/install.md [ko]',
    ]);
    assert.deepEqual(new Set(states(before)), new Set(['missing']));
    assert.ok([...before.values()].every((row) => /\bupdatable\b/.test(row.contextValue ?? '') && row.description === 'missing'));
    const labels = (await walk()).map(labelOf);
    for (const dir of ['handbook', 'handbook/setup', 'handbook/setup/advanced']) assert.ok(labels.includes(dir), `a row for ${dir}`);
    assert.ok(!labels.some((label) => /node_modules|some-package|faq\.de/.test(label)), 'neither node_modules nor an existing translation is a source');

    const result = await exec<Result>('hivePapago.localizeFolder', { uri: handbook() });
    assert.deepEqual(result.files.map((file) => file.status), Array(8).fill('written'));
    assert.ok(await exists(handbook('setup', 'advanced', 'tuning.ja.md')));
    assert.ok(!(await exists(handbook('node_modules', 'some-package', 'README.ko.md'))));
    assert.ok(!(await exists(handbook('faq.de.ko.md'))));
    const after = await eventually(handbookRows, (rows) => states(rows).every((state) => state === 'current'));
    assert.equal(after.size, 8);
    assert.ok([...after.values()].every((row) => row.description === 'up to date' && !/\bupdatable\b/.test(row.contextValue ?? '')));
  });

  it('marks an edited source stale by itself, shows what changed, and Update Stale Translations brings it back to current', async () => {
    const install = handbook('setup', 'install.md');
    const written = await readText(handbook('setup', 'install.ko.md'));
    await writeText(install, (await readText(install)).replace('Run it and follow the steps.', 'Run it and follow every step.'));
    const stale = await eventually(handbookRows, (rows) => rows.get('handbook/setup/install.md [ko]')?.contextValue?.includes('stale') === true);
    const row = stale.get('handbook/setup/install.md [ko]')!;
    assert.equal(row.description, 'stale: 1 of 3 units changed');
    assert.match(row.contextValue ?? '', /\bchanges\b/);
    assert.equal(stale.get('handbook/index.md [ko]')?.contextValue?.split(' ')[1], 'current', 'the other sources stay current');

    // Show Source Changes, from the row as its inline action passes it: the changed unit, and the translation that stands for its old text.
    const changes = await exec<Changes>('hivePapago.localization.showSourceChanges', row);
    assert.deepEqual(
      changes.changes.map((change) => [change.kind, change.line, change.endLine, change.conflict]),
      [['changed', 5, 5, false]],
    );
    assert.equal(changes.changes[0].translation?.text, written.split('\n')[4]);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), install.toString());
    assert.deepEqual([editor?.selection.start.line, editor?.selection.end.line], [4, 4]);
    // The list of changes stays open for a person to step through.
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    const result = await exec<Result>('hivePapago.updateStale', {});
    const install_ = result.files.filter((file) => vscode.workspace.asRelativePath(file.uri) === 'handbook/setup/install.md');
    assert.deepEqual(install_.map((file) => [file.to, file.status]).sort(), [
      ['ja', 'written'],
      ['ko', 'written'],
    ]);
    assert.ok(!result.files.some((file) => vscode.workspace.asRelativePath(file.uri).startsWith('handbook/') && !file.uri.path.endsWith('install.md')), 'current outputs are not reported');
    assert.match(await readText(handbook('setup', 'install.ko.md')), /ƒóļļóŵ éṽéŕý šţéþ/);
    await eventually(handbookRows, (rows) => states(rows).every((state) => state === 'current'));
  });

  it('shows a hand edit in a translation as "edited", and an update from the row keeps it', async () => {
    const output = handbook('index.ko.md');
    const lines = (await readText(output)).split('\n');
    lines[2] = '손으로 고친 환영 문장입니다.';
    await writeText(output, lines.join('\n'));
    const source = handbook('index.md');
    await writeText(source, (await readText(source)).replace('before you start.', 'before anything else.'));
    const rows = await eventually(handbookRows, (found) => /edited by hand/.test(String(found.get('handbook/index.md [ko]')?.description)));
    const row = rows.get('handbook/index.md [ko]')!;
    assert.equal(row.description, 'stale: 1 of 3 units changed · edited by hand');

    prompts.length = 0;
    const result = await exec<Result>('hivePapago.localization.update', row);
    assert.deepEqual(result.files.map((file) => [vscode.workspace.asRelativePath(file.uri), file.to, file.status]), [['handbook/index.md', 'ko', 'written']], 'that language only');
    assert.ok(prompts.some((message) => /1 written/.test(message)), `a summary was shown: ${prompts.join(' | ')}`);
    const text = await readText(output);
    assert.ok(text.includes('손으로 고친 환영 문장입니다.'), 'the hand edit survives the update');
    assert.match(text, /áñýţĥíñĝ éļšé/);
    const after = await eventually(handbookRows, (found) => found.get('handbook/index.md [ko]')?.contextValue?.split(' ')[1] === 'current');
    assert.equal(after.get('handbook/index.md [ja]')?.contextValue?.split(' ')[1], 'stale', 'the other language still waits for its update');
  });

  it('opens a source and its translation side by side', async () => {
    const row = (await handbookRows()).get('handbook/setup/advanced/tuning.md [ja]')!;
    assert.equal(row.command?.command, 'hivePapago.localization.openSideBySide', 'a click opens them');
    await exec('hivePapago.localization.openSideBySide', ...(row.command?.arguments ?? []));
    const shown = vscode.window.tabGroups.all.map((group) => [group.viewColumn, (group.activeTab?.input as vscode.TabInputText | undefined)?.uri.toString()]);
    assert.deepEqual(shown, [
      [vscode.ViewColumn.One, handbook('setup', 'advanced', 'tuning.md').toString()],
      [vscode.ViewColumn.Two, handbook('setup', 'advanced', 'tuning.ja.md').toString()],
    ]);
  });

  it('localizes several folders in one run, each Markdown file below them, and nothing outside them', async () => {
    const guides = (...path: string[]) => workspaceUri('guides', ...path);
    await writeText(guides('first', 'one.md'), '# One\n\nThe first guide.\n');
    await writeText(guides('first', 'deeper', 'two.md'), '# Two\n\nThe second guide.\n');
    await writeText(guides('second', 'three.md'), '# Three\n\nThe third guide.\n');
    await writeText(guides('left', 'four.md'), '# Four\n\nNot selected.\n');
    const result = await exec<Result>('hivePapago.localizeFolder', { uris: [guides('first'), guides('second')], to: ['ko'] });
    assert.deepEqual(result.files.map((file) => [vscode.workspace.asRelativePath(file.uri), file.to, file.status]).sort(), [
      ['guides/first/deeper/two.md', 'ko', 'written'],
      ['guides/first/one.md', 'ko', 'written'],
      ['guides/second/three.md', 'ko', 'written'],
    ]);
    assert.match(result.summary, /2 folders \(3 files\)/);
    assert.ok(await exists(guides('first', 'deeper', 'two.ko.md')));
    assert.ok(!(await exists(guides('left', 'four.ko.md'))), 'a folder not selected is left alone');
    const rows = await eventually(walk, (found) => found.some((row) => row.localization?.to === 'ko' && row.localization.uri.path.endsWith('guides/second/three.md') && row.contextValue?.split(' ')[1] === 'current'));
    const four = rows.find((row) => row.localization?.to === 'ko' && row.localization.uri.path.endsWith('guides/left/four.md'));
    assert.equal(four?.contextValue?.split(' ')[1], 'missing');
  });
});
