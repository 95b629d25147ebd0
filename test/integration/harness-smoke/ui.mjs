// UI module for `scripts/vscode/run.mjs --ui`: clicks through the real workbench.
import path from 'node:path';
import { runCommand, waitForNotification } from '../../../scripts/vscode/ui-helpers.mjs';

export default async function ui({ page, screenshotDir }) {
  await runCommand(page, 'Harness Smoke: Hello');
  await waitForNotification(page, 'Hello from the harness smoke extension');
  await page.screenshot({ path: path.join(screenshotDir, 'hello.png') });
}
