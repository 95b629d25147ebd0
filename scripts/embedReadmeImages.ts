/**
 * Makes the README's screenshots render on the installed extension's page, offline.
 *
 * VS Code shows an extension's README in a webview whose content policy allows images from
 * `https:` and `data:` only, so the relative links that GitHub shows (`media/screenshots/x.png`)
 * are blocked there, and there is no public repository URL for `vsce` to rewrite them to. After
 * `vsce package`, this rewrites the README inside the VSIX: each relative PNG, JPEG or GIF image
 * becomes a `data:` URI. The README in the repository keeps its relative links.
 *
 *   npx tsx scripts/embedReadmeImages.ts [file.vsix]   (default: <name>-<version>.vsix)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const MIME: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

/**
 * `markdown` with every relative image (`![alt](path)` and `<img src="path">`) of a known type
 * replaced by a `data:` URI of the file below `baseDir`. Absolute and `data:` links are kept; a
 * missing file is an error (the page would show a broken image).
 */
export function embedImages(markdown: string, baseDir: string): string {
  const inline = (link: string): string => {
    const relative = link.trim();
    if (/^[a-z][\w+.-]*:/i.test(relative) || relative.startsWith('#')) return link;
    const mime = MIME[path.extname(relative.split(/[?#]/)[0]).toLowerCase()];
    if (!mime) return link;
    const file = path.resolve(baseDir, decodeURI(relative.split(/[?#]/)[0]));
    return `data:${mime};base64,${readFileSync(file).toString('base64')}`;
  };
  return markdown
    .replace(/(!\[[^\]]*\]\()([^)\s]+)((?:\s+"[^"]*")?\))/g, (_all, open: string, link: string, close: string) => `${open}${inline(link)}${close}`)
    .replace(/(<img\b[^>]*\bsrc=)(["'])([^"']+)\2/gi, (_all, open: string, quote: string, link: string) => `${open}${quote}${inline(link)}${quote}`);
}

/** Rewrites the README inside `vsix` (the entry `extension/README.md`, any case). */
export function embedImagesInVsix(vsix: string, baseDir: string): string {
  const entries = unzipSync(readFileSync(vsix));
  const readme = Object.keys(entries).find((name) => name.toLowerCase() === 'extension/readme.md');
  if (!readme) throw new Error(`${vsix} holds no extension/README.md`);
  entries[readme] = strToU8(embedImages(strFromU8(entries[readme]), baseDir));
  writeFileSync(vsix, zipSync(entries, { level: 9 }));
  return readme;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = path.resolve(process.argv[2] ?? path.join(root, `${manifest.name}-${manifest.version}.vsix`));
  const readme = embedImagesInVsix(vsix, root);
  process.stdout.write(`${path.relative(root, vsix)}: images of ${readme} embedded\n`);
}
