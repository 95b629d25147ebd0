import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { detectLanguage } from '../../../src/core/detect';
import type { ExtensionApi } from '../../../src/extension';
import { EXTENSION_ID, emulator, exec, readText, rejects, sleep, until, useEmulator, workspaceUri } from './setup';

interface MarkdownResult {
  outputs: { to: string; uri: vscode.Uri }[];
  files: { to: string; status: string }[];
  sources: { uri: vscode.Uri; from: string }[];
  notes: string[];
  summary: string;
}

interface SelectionResult {
  translations: { to: string; text: string }[];
  skipped: string[];
}

interface Prompt {
  kind: string;
  message: string;
  buttons: readonly string[];
}

function api(): ExtensionApi {
  return vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.exports;
}

/**
 * Answers the extension's messages as a person would: records each, and clicks `button` on the
 * first error that offers it (nothing on the others).
 */
function clickOnError(button: string | undefined): Prompt[] {
  const seen: Prompt[] = [];
  let clicked = false;
  api().testing!.answerPrompts((kind, message, buttons) => {
    seen.push({ kind, message, buttons });
    if (clicked || kind !== 'error' || !button || !buttons.includes(button)) return undefined;
    clicked = true;
    return button;
  });
  return seen;
}

const config = () => vscode.workspace.getConfiguration('hivePapago');

async function editorWith(content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
  const editor = await vscode.window.showTextDocument(document);
  await until(() => vscode.window.activeTextEditor?.document === document);
  for (let attempt = 0; attempt < 20 && !editor.selection.isEqual(new vscode.Selection(0, 0, 0, content.length)); attempt++) {
    editor.selection = new vscode.Selection(0, 0, 0, content.length);
    await sleep(50);
  }
  return editor;
}

/** The diffs open for a review (their right side is a proposal). */
function reviewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === 'hive-papago-preview');
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

const readme = () => workspaceUri('docs', 'README.md');
const notes = () => workspaceUri('docs', 'notes.md');

describe('the first five minutes', () => {

  // A fresh emulator with the default job steps (an earlier suite may have left a slow one).
  beforeEach(() => useEmulator({}));
  afterEach(async () => {
    api().testing!.answerPrompts(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('Markdown with the default settings (Hive, source auto)', () => {
    const korean = () => workspaceUri('docs', 'korean.md');
    after(async () => {
      for (const uri of [korean(), workspaceUri('docs', 'korean.en.md'), workspaceUri('docs', 'README.vi.md')]) {
        if (await exists(uri)) await vscode.workspace.fs.delete(uri);
      }
    });

    it('detects the source language of each file and translates it, with a summary', async () => {
      assert.equal(config().get('sourceLanguage'), 'auto');
      assert.equal(config().get('provider.markdown'), 'auto');
      // Vietnamese: no earlier test wrote it, so nothing comes from the memory.
      const result = await exec<MarkdownResult>('hivePapago.translateMarkdownFile', { uri: readme(), to: ['vi'] });
      assert.deepEqual(result.sources.map((source) => source.from), ['en']);
      assert.deepEqual(result.files.map((file) => file.status), ['written']);
      assert.match(await readText(workspaceUri('docs', 'README.vi.md')), /^# vi:Getting vi:started$/m);
      const submit = emulator().log.find((entry) => entry.route === 'hive.async.submit');
      assert.equal(JSON.parse(submit!.body).from, 'en', 'Hive was told the detected language');
      assert.match(result.summary, /1 written, 0 unchanged, 0 failed/);
      assert.match(result.summary, /\d+ segments, \d+ characters sent in \d+ requests, 0 from memory/);
      assert.equal(api().testing!.operations.at(-1)?.place, 'notification', 'a file is a long job: a notification');
    });

    it('skips a target that is the file’s own language, with a note, and translates the others', async () => {
      await vscode.workspace.fs.writeFile(korean(), new TextEncoder().encode('# 시작하기\n\n명령 하나로 서버를 설치한 다음 대시보드를 엽니다.\n'));
      const result = await exec<MarkdownResult>('hivePapago.translateMarkdownFile', { uri: korean(), to: ['ko', 'en'] });
      assert.deepEqual(result.sources.map((source) => source.from), ['ko']);
      assert.deepEqual(result.files.map((file) => [file.to, file.status]), [['en', 'written']]);
      assert.match(result.notes.join(' '), /korean\.md is already in Korean \(ko\): not translated into it/);
      assert.match(result.summary, /already in Korean/);
      assert.ok(!(await exists(workspaceUri('docs', 'korean.ko.md'))));
    });

    it('skips the file’s own language with a provider that detects by itself too (Papago)', async () => {
      await vscode.workspace.fs.writeFile(korean(), new TextEncoder().encode('# 시작하기\n\n명령 하나로 서버를 설치한 다음 대시보드를 엽니다.\n'));
      const result = await exec<MarkdownResult>('hivePapago.translateMarkdownFile', { uri: korean(), to: ['ko', 'ja'], provider: 'papago' });
      assert.deepEqual(result.sources.map((source) => source.from), ['auto'], 'Papago still detects each text itself');
      assert.deepEqual(result.files.map((file) => [file.to, file.status]), [['ja', 'written']]);
      assert.ok(emulator().log.every((entry) => entry.route !== 'papago.translate' || JSON.parse(entry.body).target === 'ja'));
      await vscode.workspace.fs.delete(workspaceUri('docs', 'korean.ja.md'));
    });

    it('an unclear language is an error whose button selects the source language, the best guess preselected', async () => {
      const unclear = 'Erste Schritte';
      await vscode.workspace.fs.writeFile(korean(), new TextEncoder().encode(`# ${unclear}\n`));
      const expected = (await detectLanguage(unclear)).candidates[0];
      assert.ok(expected);
      const prompts = clickOnError('Select Source Language');
      try {
        await rejects(exec('hivePapago.translateMarkdownFile', { uri: korean(), to: ['ja'] }), /Could not tell the source language of docs\/korean\.md/);
        assert.deepEqual(emulator().counters.requests, {}, 'nothing was sent');
        // The button opened the pick: accept its preselected item as a person pressing Enter.
        for (let tries = 0; tries < 100 && config().inspect('sourceLanguage')?.globalValue === undefined; tries++) {
          await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
          await sleep(100);
        }
        assert.equal(config().inspect('sourceLanguage')?.globalValue, expected);
        assert.ok(prompts[0].buttons.includes('Show Log'));
      } finally {
        await config().update('sourceLanguage', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });

  describe('errors offer their fix', () => {
    afterEach(() => config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global));

    it('Retry after a timeout runs the same command again, and the message tells the true time it took', async function () {
      this.timeout(120_000);
      await config().update('requestTimeoutSeconds', 5, vscode.ConfigurationTarget.Global);
      emulator().faults.add({ route: 'papago.translate', kind: 'hang', times: 4 });
      const editor = await editorWith('Hello again');
      const prompts = clickOnError('Retry');
      await rejects(exec('hivePapago.translateSelection', { to: ['ko'], from: 'en', provider: 'papago', mode: 'replace' }), /did not answer in time/);
      const error = prompts.find((prompt) => prompt.kind === 'error');
      assert.deepEqual(error?.buttons, ['Retry', 'Show Log']);
      assert.match(error?.message ?? '', /\(stopped after \d+ s\)$/);
      // The retried run (the same arguments) finds the service answering again.
      await until(() => editor.document.getText() === 'ko:Hello ko:again', 30_000);
      assert.equal(emulator().counters.requests['papago.translate'], 5);
      assert.equal(api().testing!.operations.at(-1)?.place, 'window', 'a selection shows its progress in the status bar');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('a long job shows its stage and each retry in its notification', async () => {
      emulator().faults.add({ route: 'papago.translate', kind: 'status', status: 503, retryAfter: '1', times: 1 });
      const result = await exec<MarkdownResult>('hivePapago.translateMarkdownFile', { uri: notes(), to: ['th'], from: 'en', provider: 'papago', output: 'sibling' });
      assert.deepEqual(result.files.map((file) => file.status), ['written']);
      const operation = api().testing!.operations.at(-1)!;
      assert.equal(operation.place, 'notification');
      assert.ok(operation.messages.includes('Papago: retrying in 1 s, attempt 2 of 4'), JSON.stringify(operation.messages));
      assert.ok(operation.messages.some((message) => /^\d+ of \d+ segments$/.test(message)));
      await vscode.workspace.fs.delete(workspaceUri('docs', 'notes.th.md'));
    });

    it('a missing key offers Set Credentials for that service', async () => {
      await exec('hivePapago.clearCredentials', { service: 'papago' });
      try {
        await editorWith('Hello');
        const prompts = clickOnError(undefined);
        await rejects(exec('hivePapago.translateSelection', { to: ['ko'], provider: 'papago' }), /Papago credentials are not set/);
        await until(() => prompts.length > 0);
        assert.deepEqual(prompts[0].buttons, ['Set Credentials', 'Show Log']);
      } finally {
        await exec('hivePapago.setCredentials', { service: 'papago', clientId: 'emulator-client-id', clientSecret: 'emulator-client-secret' });
      }
    });
  });

  describe('review without a modal dialog', () => {
    const output = (lang: string) => workspaceUri('docs', `notes.${lang}.md`);
    after(async () => {
      for (const lang of ['it', 'es', 'de']) if (await exists(output(lang))) await vscode.workspace.fs.delete(output(lang));
    });

    /** Starts a reviewed translation and waits for its diff; `result` settles when the user decides. */
    async function startReview(lang: string): Promise<{ result: Promise<MarkdownResult> }> {
      const result = exec<MarkdownResult>('hivePapago.translateMarkdownFile', { uri: notes(), to: [lang], provider: 'pseudo', output: 'sibling', review: true });
      await until(() => reviewTabs().length === 1, 20_000);
      return { result };
    }

    it('Apply in the diff writes the translation and closes the diff', async () => {
      const { result: pending } = await startReview('it');
      assert.equal(await exec('hivePapago.applyReview'), true);
      const result = await pending;
      assert.deepEqual(result.files.map((file) => file.status), ['written']);
      assert.match(await readText(output('it')), /Ŕéļéášé/);
      assert.equal(reviewTabs().length, 0);
    });

    it('Discard, or closing the diff, writes nothing', async () => {
      const { result: discarded } = await startReview('es');
      assert.equal(await exec('hivePapago.discardReview'), true);
      assert.deepEqual((await discarded).files.map((file) => file.status), ['skipped']);
      assert.ok(!(await exists(output('es'))));
      assert.equal(reviewTabs().length, 0);

      const { result: closed } = await startReview('de');
      await vscode.window.tabGroups.close(reviewTabs());
      assert.deepEqual((await closed).files.map((file) => file.status), ['skipped']);
      assert.ok(!(await exists(output('de'))));
    });
  });

  describe('selections', () => {
    afterEach(() => config().update('papago.honorific', undefined, vscode.ConfigurationTarget.Global));

    it('a selection already in the target language says so and sends nothing', async () => {
      await editorWith('명령 하나로 서버를 설치한 다음 대시보드를 엽니다.');
      const result = await exec<SelectionResult>('hivePapago.translateSelection', { to: ['ko'] });
      assert.deepEqual(result.skipped, ['ko']);
      assert.deepEqual(result.translations, []);
      assert.deepEqual(emulator().counters.requests, {});
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('honorific reaches Papago when the setting is on', async () => {
      await config().update('papago.honorific', true, vscode.ConfigurationTarget.Global);
      const editor = await editorWith('Thank you');
      await exec('hivePapago.translateSelection', { to: ['ko'], from: 'en', provider: 'papago', mode: 'replace' });
      assert.equal(editor.document.getText(), 'ko:Thank ko:you');
      assert.equal(JSON.parse(emulator().log.find((entry) => entry.route === 'papago.translate')!.body).honorific, true);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('the hover names the provider and the glossary of each translation', async () => {
      const record = emulator().glossaries.create('Hover terms', null, [['server', 'SERVEUR']]);
      await exec('hivePapago.glossary.refresh');
      await exec('hivePapago.glossary.useForTranslation', { glossaryKey: record.glossaryKey, source: 'en', target: 'ko' });
      try {
        const editor = await editorWith('The server');
        await exec('hivePapago.translateSelection', { to: ['ko', 'fr'], from: 'en', provider: 'papago', mode: 'show' });
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 3));
        const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
        assert.match(text, /Korean \(ko\)\*\* · Papago, glossary "Hover terms"/);
        assert.match(text, /French \(fr\)\*\* · Papago\n/);
      } finally {
        await exec('hivePapago.glossary.delete', { glossaryKey: record.glossaryKey, confirm: false });
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    });
  });
});
