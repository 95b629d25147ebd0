// UI test: clicks through the real workbench as a person would, against the emulator the runner
// started (its URL is in the user settings), and saves the screenshots the README shows.
import path from 'node:path';
import { runCommand, selectors, settle, waitForNotification } from '../../scripts/vscode/ui-helpers.mjs';

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

async function setCredentials(page, service, fields) {
  await runCommand(page, 'Translate: Set Credentials');
  await pick(page, service);
  for (const [title, value] of fields) await answer(page, title, value);
  await waitForNotification(page, `${service}: credentials saved in secret storage`);
}

export default async function ui({ page, screenshotDir }) {
  await page.setViewportSize({ width: 1280, height: 760 });

  // Credentials through the masked input boxes, as a user enters them.
  await setCredentials(page, 'NAVER Cloud Papago Translation', [
    ['Papago client id', 'emulator-client-id'],
    ['Papago client secret', 'emulator-client-secret'],
  ]);
  await setCredentials(page, 'NAVER Cloud glossary API (IAM keys)', [
    ['NCP access key', 'emulator-access-key'],
    ['NCP secret key', 'emulator-iam-secret'],
  ]);

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

  // Translate Selection from the command palette.
  await runFromPalette(page, 'Translate: Translate Selection');
  await page.locator('.monaco-editor .view-line', { hasText: 'ko:The ko:new ko:version' }).waitFor({ timeout: 20_000 });
  await page.keyboard.press('Escape');
  await settle(page, editor);
  await page.screenshot({ path: path.join(screenshotDir, 'translate-selection.png') });

  // Translate Markdown File with review on (user settings): the diff carries Apply and Discard in
  // its title bar and nothing modal covers it; Apply writes the file and a summary follows.
  await runFromPalette(page, 'Translate: Translate Markdown File');
  await page.locator(selectors.quickInputRow, { hasText: 'Korean' }).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  const apply = page.locator('.editor-actions [aria-label*="Apply Reviewed Translation"]').first();
  await apply.waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('.editor-actions [aria-label*="Discard Reviewed Translation"]').first().waitFor({ state: 'visible', timeout: 5_000 });
  if ((await page.locator('.monaco-dialog-box').count()) > 0) throw new Error('a modal dialog covers the review');
  await settle(page, apply);
  await page.screenshot({ path: path.join(screenshotDir, 'review-diff.png') });
  await apply.click();
  await waitForNotification(page, '1 written', { timeoutMs: 30_000 });
  if ((await page.locator('.editor-actions [aria-label*="Apply Reviewed Translation"]').count()) > 0) throw new Error('the review diff stayed open after Apply');
  await page.screenshot({ path: path.join(screenshotDir, 'markdown-summary.png') });
  await page.keyboard.press('Escape');

  // With two targets, the "which translation to insert" pick shows each translation.
  await runCommand(page, 'Translate: Select Target Languages');
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
  await runFromPalette(page, 'Translate: Translate Selection');
  const preview = page.locator(selectors.quickInputRow, { hasText: 'ja:It ja:also' }).first();
  await preview.waitFor({ timeout: 20_000 });
  await page.locator(selectors.quickInputRow, { hasText: 'ko:It ko:also' }).first().waitFor({ timeout: 5_000 });
  await settle(page, preview);
  await page.screenshot({ path: path.join(screenshotDir, 'target-picker.png') });
  await page.keyboard.press('Escape');

  // The glossary tree in its activity-bar container, with a tooltip open.
  await runCommand(page, 'Hive & Papago: Focus on Glossaries View');
  const row = page.locator('.monaco-list-row', { hasText: 'Game terms' }).first();
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  await row.hover();
  await page.locator('.monaco-hover, .workbench-hover', { hasText: 'Names used in the game UI' }).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
  await settle(page, row);
  await page.screenshot({ path: path.join(screenshotDir, 'glossary-tree.png') });
}
