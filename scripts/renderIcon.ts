/**
 * Renders the extension's icon, media/icon.svg, to media/icon.png (128x128, transparent corners)
 * with the Chromium the VS Code tests use, driven by playwright-core: nothing is downloaded.
 *
 *   npx tsx scripts/renderIcon.ts [--preview <file.png>]
 *
 * `--preview` also writes the icon at 4x on a dark and a light background, to look at.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(__dirname, '..');
const SIZE = 128;

async function main(): Promise<void> {
  const svg = readFileSync(path.join(root, 'media/icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
    await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(root, 'media/icon.png'), omitBackground: true });
    const previewIndex = process.argv.indexOf('--preview');
    if (previewIndex > 0) {
      const preview = await browser.newPage({ viewport: { width: SIZE * 8, height: SIZE * 4 } });
      const big = svg.replace('<svg ', `<svg style="width:${SIZE * 4}px;height:${SIZE * 4}px" `);
      await preview.setContent(`<html><body style="margin:0;display:flex"><div style="background:#1e1e1e">${big}</div><div style="background:#ffffff">${big}</div></body></html>`);
      await preview.screenshot({ path: path.resolve(process.argv[previewIndex + 1]) });
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
