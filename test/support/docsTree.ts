import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { codecFor } from '../../src/core/markdown/codec';
import { prepareDocument } from '../../src/core/markdown/prepare';
import { IdentityProvider } from '../../src/core/providers/offline';
import type { TextFormat } from '../../src/core/providers/types';
import type { NamedReadme } from '../fixtures/corpus';

/** The nested folders of a documentation tree; READMEs are dealt into them in turn. */
export const DOCS_FOLDERS = ['docs', 'docs/guides', 'docs/guides/advanced', 'reference', 'reference/api'];

/** Writes the READMEs below `root`, dealt into `DOCS_FOLDERS` in turn; returns their paths. */
export async function writeDocsTree(root: string, readmes: readonly NamedReadme[]): Promise<string[]> {
  const files: string[] = [];
  for (const [k, readme] of readmes.entries()) {
    const folder = path.join(root, DOCS_FOLDERS[k % DOCS_FOLDERS.length]);
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, readme.name);
    await writeFile(file, readme.text);
    files.push(file);
  }
  return files;
}

/**
 * The requests a greedy packer needs: distinct unit bodies in order (in the request format's
 * encoding), a new request when the next does not fit in `limit` characters.
 */
export function greedyBound(texts: readonly string[], limit: number, format: TextFormat = 'text'): number {
  const codec = codecFor(format);
  const seen = new Set<string>();
  let requests = 0;
  let used = 0;
  let count = 0;
  for (const text of texts) {
    for (const unit of prepareDocument(text, { provider: new IdentityProvider(), from: 'en', to: ['ko'] }).segmentation.units) {
      if (seen.has(unit.text)) continue;
      seen.add(unit.text);
      const size = codec.encode(unit).length + codec.overhead(count);
      if (requests === 0 || used + size > limit) {
        requests++;
        used = 0;
        count = 0;
      }
      used += size;
      count++;
    }
  }
  return requests;
}

/** Distinct unit texts of the documents: the requests one request per unit would take. */
export function distinctUnits(texts: readonly string[]): number {
  const seen = new Set<string>();
  for (const text of texts) {
    for (const unit of prepareDocument(text, { provider: new IdentityProvider(), from: 'en', to: ['ko'] }).segmentation.units) seen.add(unit.text);
  }
  return seen.size;
}

/** The paragraph units of a request body (a packed request marks each unit). */
export function unitsIn(body: string): number {
  const text = (JSON.parse(body) as { text: string }).text;
  return Math.max(1, (text.match(/⟦#\d+⟧/g) ?? []).length);
}
