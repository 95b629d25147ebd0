/**
 * The README inside the VSIX, without the repository's screenshots.
 *
 * VS Code shows an installed extension's README in a webview whose content policy allows images
 * from `https:` and `data:` only, so the relative links that the repository shows
 * (`media/screenshots/x.png`) would be broken images there, and there is no public repository URL
 * for `vsce` to rewrite them to. Embedding them as `data:` URIs would more than double the VSIX
 * (its budget is 300 KB, for what the extension loads). So after `vsce package`, each relative
 * image of the README inside the VSIX becomes its alt text, in italics; the README in the
 * repository keeps its images. The sections for contributors (`## Contributing`, `## Performance`,
 * which point at files of the repository) are left out too.
 *
 *   npx tsx scripts/readmeForVsix.ts [file.vsix]   (default: <name>-<version>.vsix)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const isRelative = (link: string): boolean => !/^[a-z][\w+.-]*:/i.test(link.trim()) && !link.trim().startsWith('#');

/**
 * `markdown` with every relative image (`![alt](path)` and `<img src="path" alt="…">`) replaced
 * by its alt text in italics (nothing when it has none). Absolute and `data:` images are kept.
 */
export function withoutLocalImages(markdown: string): string {
  const caption = (alt: string): string => (alt.trim() === '' ? '' : `*${alt.trim()}*`);
  return markdown
    .replace(/!\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (all, alt: string, link: string) => (isRelative(link) ? caption(alt) : all))
    .replace(/<img\b[^>]*>/gi, (tag) => {
      const src = /\bsrc=(["'])([^"']+)\1/i.exec(tag)?.[2];
      return src !== undefined && isRelative(src) ? caption(/\balt=(["'])([^"']*)\1/i.exec(tag)?.[2] ?? '') : tag;
    });
}

/** The sections of the repository's README that are for contributors, not for the extension's users. */
export const CONTRIBUTOR_SECTIONS = ['Contributing', 'Performance'];

/** `markdown` without the level-2 sections titled `titles` (each up to the next level-2 heading). */
export function withoutSections(markdown: string, titles: readonly string[]): string {
  const parts = markdown.split(/^(?=## )/m);
  return parts.filter((part) => !titles.some((title) => part.startsWith(`## ${title}\n`))).join('');
}

/** Rewrites the README inside `vsix` (the entry `extension/README.md`, any case). */
export function stripReadmeImagesInVsix(vsix: string): string {
  const entries = unzipSync(readFileSync(vsix));
  const readme = Object.keys(entries).find((name) => name.toLowerCase() === 'extension/readme.md');
  if (!readme) throw new Error(`${vsix} holds no extension/README.md`);
  entries[readme] = strToU8(withoutSections(withoutLocalImages(strFromU8(entries[readme])), CONTRIBUTOR_SECTIONS));
  writeFileSync(vsix, zipSync(entries, { level: 9 }));
  return readme;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = path.resolve(process.argv[2] ?? path.join(root, `${manifest.name}-${manifest.version}.vsix`));
  const readme = stripReadmeImagesInVsix(vsix);
  process.stdout.write(`${path.relative(root, vsix)}: the screenshots of ${readme} replaced by their descriptions, contributor sections left out\n`);
}
