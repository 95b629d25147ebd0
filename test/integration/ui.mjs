// UI test: clicks through the real workbench as a person would, against the emulator the runner
// started (its URL is in the user settings), and saves the screenshots the README shows.
//
// UI_LOCALE=ko runs the same flows in a Korean VS Code (the runner's --locale ko) and checks that
// nothing the extension shows is left in English: notifications, pickers, the status bar item,
// the glossary view and its tooltip, the Problems panel and the walkthrough.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { runCommand, selectors, settle, waitForNotification } from '../../scripts/vscode/ui-helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const locale = process.env.UI_LOCALE ?? 'en';
const korean = locale === 'ko';
const readJson = (file) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
const bundle = korean ? readJson('l10n/bundle.l10n.ko.json') : {};
const nls = readJson(korean ? 'package.nls.ko.json' : 'package.nls.json');

/** A runtime string of the extension as this VS Code shows it (`vscode.l10n.t`). */
function t(english, ...args) {
  return (bundle[english] ?? english).replace(/\{(\d+)\}/g, (whole, index) => String(args[Number(index)] ?? whole));
}

/** A command's title in the palette. */
const command = (key) => `${nls.category}: ${nls[key]}`;

// Latin words a Korean UI keeps: product and service names, formats, codes, keys.
const KEPT = new Set(['Hive', 'Papago', 'SMT', 'NAVER', 'Cloud', 'NCP', 'IAM', 'API', 'CSV', 'UTF', 'ID', 'Markdown', 'README', 'md', 'ko', 'Shift', 'Alt', 'macOS']);
// What the user or the emulator named: glossaries, terms, files.
const DATA = new Set(['Game', 'terms', 'Names', 'used', 'in', 'the', 'game', 'UI', 'Store', 'listing', 'bad', 'csv', 'server', 'SERVEUR', 'account', 'docs', 'notes']);

/** Fails when a text the extension shows holds an English word (in the Korean run only). */
function assertKorean(where, texts) {
  if (!korean) return;
  for (const text of texts) {
    const english = (text.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !KEPT.has(word) && !DATA.has(word));
    if (english.length > 0) throw new Error(`English in the Korean UI (${where}): ${JSON.stringify(english)} in ${JSON.stringify(text)}`);
  }
  if (texts.length === 0) throw new Error(`nothing to check in ${where}`);
}

async function quickInputTexts(page) {
  const parts = await page
    .locator(`${selectors.quickInputRow} .label-name, ${selectors.quickInputRow} .label-description, ${selectors.quickInputRow} .quick-input-list-label-meta`)
    .allInnerTexts();
  const title = await page.locator('.quick-input-widget .quick-input-title').allInnerTexts();
  const placeholder = await page.locator(selectors.quickInputBox).getAttribute('placeholder');
  return [...parts, ...title, placeholder ?? ''].filter((text) => text.trim() !== '');
}

async function toastTexts(page) {
  return page.locator(`${selectors.notificationToast} .notification-list-item-message, ${selectors.notificationToast} .monaco-button`).allInnerTexts();
}

async function pick(page, label) {
  const input = page.locator(selectors.quickInputBox);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(label);
  await page.locator(selectors.quickInputRow, { hasText: label }).first().waitFor({ timeout: 10_000 });
  await input.press('Enter');
}

/** Types into the input box whose title is `title`, once it is the one shown. */
async function answer(page, title, value) {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: 10_000 });
  assertKorean('credential prompt', await quickInputTexts(page));
  await type(page, value);
}

async function type(page, value) {
  const input = page.locator(selectors.quickInputBox);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(value);
  await input.press('Enter');
}

/**
 * Runs a command from the palette without pressing Escape first (which would clear the editor's
 * selection): F1, the title, wait until the row is listed, Enter.
 */
async function runFromPalette(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator(selectors.quickInputBox);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator(selectors.quickInputRow, { hasText: title }).first().waitFor({ timeout: 45_000 });
  await input.press('Enter');
}

async function setCredentials(page, service, fields, { alreadySet = [] } = {}) {
  await runCommand(page, command('command.setCredentials'));
  const input = page.locator(selectors.quickInputBox);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await page.locator(selectors.quickInputRow).nth(3).waitFor({ timeout: 10_000 });
  // The picker marks the services whose keys are stored.
  for (const label of alreadySet) {
    const row = page.locator(selectors.quickInputRow, { hasText: label }).first();
    if (!(await row.innerText()).includes(t('set'))) throw new Error(`the picker does not mark ${label} as set`);
  }
  assertKorean('service picker', await quickInputTexts(page));
  await pick(page, service);
  for (const [title, value] of fields) await answer(page, title, value);
  const toast = await waitForNotification(page, t('{0}: credentials saved in secret storage.', service));
  assertKorean('credentials saved', await toast.locator('.notification-list-item-message').allInnerTexts());
  await clearNotifications(page);
}

async function clearNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator(selectors.notificationToast).first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

async function openGlossaries(page) {
  const container = page.locator('.activitybar .action-item a.action-label[aria-label^="Hive & Papago"]').first();
  await container.click();
}

export default async function ui({ page, screenshotDir, workspace }) {
  await page.setViewportSize({ width: 1280, height: 760 });
  const papago = t('NAVER Cloud Papago Translation');
  const glossaryApi = t('NAVER Cloud glossary API (IAM keys)');
  const hive = t('Hive automatic translation');

  // Credentials through the masked input boxes, as a user enters them.
  await setCredentials(page, papago, [
    [t('Papago client id'), 'emulator-client-id'],
    [t('Papago client secret'), 'emulator-client-secret'],
  ]);
  await setCredentials(
    page,
    glossaryApi,
    [
      [t('NCP access key'), 'emulator-access-key'],
      [t('NCP secret key'), 'emulator-iam-secret'],
    ],
    { alreadySet: [papago] },
  );

  // Open a document and select its second paragraph.
  await page.keyboard.press('Control+P');
  await page.locator(selectors.quickInputBox).fill('notes.md');
  await page.locator(selectors.quickInputRow, { hasText: 'notes.md' }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  const editor = page.locator('.monaco-editor .view-lines').first();
  await editor.waitFor({ state: 'visible', timeout: 15_000 });
  await editor.click();
  await page.keyboard.press('Control+G');
  await type(page, ':3');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');

  // Translate Selection: from the palette, and in the Korean run with its keybinding.
  if (korean) await page.keyboard.press('Shift+Alt+T');
  else await runFromPalette(page, command('command.translateSelection'));
  await page.locator('.monaco-editor .view-line', { hasText: 'ko:The ko:new ko:version' }).waitFor({ timeout: 20_000 });
  await page.keyboard.press('Escape');
  await settle(page, editor);
  const status = page.locator('.statusbar-item', { hasText: '→ ko' }).first();
  assertKorean('status bar item', [await status.innerText()]);
  if (!korean) await page.screenshot({ path: path.join(screenshotDir, 'translate-selection.png') });

  // Translate Markdown File with review on (user settings): the diff carries Apply and Discard in
  // its title bar and nothing modal covers it; Apply writes the file and a summary follows.
  await runFromPalette(page, command('command.translateMarkdownFile'));
  await page.locator(selectors.quickInputRow, { hasText: korean ? '한국어' : 'Korean' }).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  const apply = page.locator(`.editor-actions [aria-label*="${nls['command.applyReview']}"]`).first();
  await apply.waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator(`.editor-actions [aria-label*="${nls['command.discardReview']}"]`).first().waitFor({ state: 'visible', timeout: 5_000 });
  if ((await page.locator('.monaco-dialog-box').count()) > 0) throw new Error('a modal dialog covers the review');
  await settle(page, apply);
  if (!korean) await page.screenshot({ path: path.join(screenshotDir, 'review-diff.png') });
  await apply.click();
  const summary = await waitForNotification(page, korean ? '1개 저장' : '1 written', { timeoutMs: 30_000 });
  assertKorean('Markdown summary', await summary.locator('.notification-list-item-message').allInnerTexts());
  if ((await page.locator(`.editor-actions [aria-label*="${nls['command.applyReview']}"]`).count()) > 0) throw new Error('the review diff stayed open after Apply');
  if (!korean) await page.screenshot({ path: path.join(screenshotDir, 'markdown-summary.png') });
  await page.keyboard.press('Escape');

  // With two targets, the "which translation to insert" pick shows each translation.
  await runCommand(page, command('command.selectTargetLanguages'));
  await page.locator(selectors.quickInputBox).fill('日本語');
  const japanese = page.locator(selectors.quickInputRow, { hasText: '日本語' }).first();
  await japanese.waitFor({ timeout: 10_000 });
  await japanese.locator('.monaco-checkbox, input[type="checkbox"]').first().click();
  await page.locator(selectors.quickInputBox).press('Enter');
  await page.locator('.monaco-workbench .statusbar-item', { hasText: 'ko, ja' }).first().waitFor({ timeout: 10_000 });
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await type(page, ':5');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await runFromPalette(page, command('command.translateSelection'));
  const preview = page.locator(selectors.quickInputRow, { hasText: 'ja:It ja:also' }).first();
  await preview.waitFor({ timeout: 20_000 });
  await page.locator(selectors.quickInputRow, { hasText: 'ko:It ko:also' }).first().waitFor({ timeout: 5_000 });
  await settle(page, preview);
  if (!korean) await page.screenshot({ path: path.join(screenshotDir, 'target-picker.png') });
  await page.keyboard.press('Escape');

  // Test Connection: one result per service, the failure with the button that fixes it.
  await setCredentials(page, hive, [
    [t('Hive service key'), 'emulator-service-key'],
    [t('Hive secret key'), 'not-the-secret'],
  ], { alreadySet: [papago, glossaryApi] });
  await runCommand(page, command('command.testConnection'));
  await waitForNotification(page, t('Connected: {0}.', `${papago}, ${glossaryApi}`));
  const failure = await waitForNotification(page, t('{0}: {1}', hive, t('Hive rejected the signature; check the service key and secret key.')));
  await failure.locator('.monaco-button', { hasText: t('Set Credentials') }).waitFor({ timeout: 5_000 });
  assertKorean('Test Connection results', await toastTexts(page));
  if (!korean) await page.screenshot({ path: path.join(screenshotDir, 'test-connection.png') });
  await clearNotifications(page);

  // The glossary tree in its activity-bar container, with a tooltip open.
  await openGlossaries(page);
  const row = page.locator('.monaco-list-row', { hasText: 'Game terms' }).first();
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  assertKorean('glossary view', [await row.locator('.label-description').innerText()]);
  await row.hover();
  const hover = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Names used in the game UI' }).first();
  await hover.waitFor({ timeout: 10_000 });
  assertKorean('glossary tooltip', [(await hover.innerText()).replace(/`?[\w-]{20,}`?/g, '')]);
  await settle(page, row);
  if (!korean) await page.screenshot({ path: path.join(screenshotDir, 'glossary-tree.png') });

  // An invalid CSV: refused before any upload, every bad line in the Problems panel, the file open
  // at the first one.
  await page.mouse.move(900, 400);
  await runCommand(page, command('command.glossary.upload'));
  await pick(page, 'Game terms');
  // The open dialog of a remote window: a path in the quick input, prefilled with a folder once
  // it has listed it (typing before that would be appended to it).
  const fileInput = page.locator(selectors.quickInputBox);
  await page.waitForFunction((selector) => /\/$/.test(globalThis.document.querySelector(selector)?.value ?? ''), selectors.quickInputBox, { timeout: 10_000 });
  await page.locator(selectors.quickInputRow, { hasText: '..' }).first().waitFor({ timeout: 10_000 });
  await fileInput.fill(path.join(workspace, 'bad.csv'));
  await page.locator(selectors.quickInputRow, { hasText: 'bad.csv' }).first().waitFor({ timeout: 10_000 });
  await fileInput.press('Enter');
  await waitForNotification(page, t('{0} was not uploaded: it has {1} problems, shown in the Problems panel.', 'bad.csv', 2));
  assertKorean('refused CSV', await toastTexts(page));
  await page.locator('.tab.active', { hasText: 'bad.csv' }).waitFor({ timeout: 10_000 });
  await page.locator('.monaco-editor .current-line').first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Control+Shift+M');
  const duplicate = t('the source term "{0}" appears twice (lines {1} and {2})', 'server', 1, 3);
  await page.locator('.markers-panel .monaco-list-row', { hasText: duplicate.charAt(0).toUpperCase() + duplicate.slice(1) }).first().waitFor({ timeout: 10_000 });
  // Each row: the file, or a problem with its source and VS Code's own "[Ln 2, Col 1]".
  const problemRows = (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map((text) => text.replace(/\[Ln \d+, Col \d+\]/g, ''));
  if (problemRows.length < 3) throw new Error(`the Problems panel lists ${JSON.stringify(problemRows)}`);
  assertKorean('Problems panel', problemRows);
  await settle(page, page.locator('.markers-panel'));
  await page.screenshot({ path: path.join(screenshotDir, korean ? 'korean-ui.png' : 'csv-problems.png') });
  await clearNotifications(page);

  // The walkthrough, from the palette's list of walkthroughs (with the panel closed again).
  await page.locator('.markers-panel').click();
  await page.keyboard.press('Control+J');
  await page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: 10_000 });
  await runCommand(page, 'Welcome: Open Walkthrough...');
  await pick(page, nls['walkthrough.title']);
  const walkthrough = page.locator('.gettingStartedContainer');
  await walkthrough.locator('h2, .category-title', { hasText: nls['walkthrough.title'] }).first().waitFor({ timeout: 20_000 });
  const steps = await walkthrough.locator('.getting-started-step .step-title').allInnerTexts();
  const expected = ['setCredentials', 'testConnection', 'translateSelection', 'translateMarkdownFile', 'glossaries'].map((step) => nls[`walkthrough.${step}.title`]);
  if (JSON.stringify(steps) !== JSON.stringify(expected)) throw new Error(`walkthrough steps ${JSON.stringify(steps)}, expected ${JSON.stringify(expected)}`);
  const description = await walkthrough.locator('.getting-started-step.expanded .step-description-container').allInnerTexts();
  if (description.join('').trim() === '') throw new Error('the walkthrough shows no step description');
  assertKorean('walkthrough', [...steps, ...description]);
  await settle(page, walkthrough);
  if (!korean) await page.screenshot({ path: path.join(screenshotDir, 'walkthrough.png') });
}
