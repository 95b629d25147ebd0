// Helpers for UI modules run by scripts/vscode/run.mjs --ui (also passed to them as `helpers`).
// Selectors are those of the VS Code 1.100 workbench served by code-server.

import { setTimeout as sleep } from 'node:timers/promises';

export const selectors = {
  workbench: '.monaco-workbench',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRow: '.quick-input-widget .monaco-list-row',
  notificationToast: '.notifications-toasts .notification-toast',
};

/**
 * Runs a command through the command palette (F1, `>Title`, Enter), as a user would.
 * Right after the workbench renders the palette may not list the command yet ("No matching
 * commands") while the extension registers, so this retries until `timeoutMs`.
 * `title` is the label shown in the palette, e.g. "Harness Smoke: Hello".
 */
export async function runCommand(page, title, { timeoutMs = 45_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('Escape'); // close a palette left open by the previous attempt
    await page.keyboard.press('F1');
    const input = page.locator(selectors.quickInputBox);
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    await sleep(300); // let the list filter
    const rows = page.locator(selectors.quickInputRow);
    const labels = await rows.evaluateAll((els) =>
      els.map((el) => (el.querySelector('.label-name')?.textContent ?? el.textContent ?? '').trim()),
    );
    const index = labels.findIndex((l) => l === title);
    if (index >= 0) {
      if (index === 0) await input.press('Enter'); // the palette selects the first match
      else await rows.nth(index).click();
      await page.locator(selectors.quickInput).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
      return;
    }
    if (Date.now() > deadline) {
      await page.keyboard.press('Escape');
      throw new Error(
        `command "${title}" not found in the command palette within ${timeoutMs / 1000} s; it listed: ${JSON.stringify(labels)}`,
      );
    }
    await sleep(1_000);
  }
}

/** Waits for a notification toast containing `text` and returns its locator. */
export async function waitForNotification(page, text, { timeoutMs = 20_000 } = {}) {
  const toast = page.locator(selectors.notificationToast).filter({ hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: timeoutMs });
  await settle(page, toast);
  return toast;
}

/** Waits for the CSS transitions of `locator` (e.g. a toast fading in) to finish, for screenshots. */
export async function settle(page, locator) {
  await locator
    .evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)))
    .catch(() => {});
  await page.waitForTimeout(250);
}
