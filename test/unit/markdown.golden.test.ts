import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { localizeMarkdown } from '../../src/core/markdown/index';
import { PseudoProvider } from '../../src/core/providers/offline';
import type { TextFormat } from '../../src/core/providers/types';
import { FIXTURES, FIXTURE_NAMES, fixture } from '../support/markdown';

/**
 * Golden outputs: each fixture pseudo-localized in each request format, and once with its output
 * in another folder (relative links rewritten), must stay byte for byte what it was. After a
 * deliberate change of output, `UPDATE_GOLDEN=1 npx mocha test/unit/markdown.golden.test.ts`
 * writes the files anew (review their diff).
 */

const GOLDEN = path.join(FIXTURES, 'golden');
const FORMATS: TextFormat[] = ['text', 'markdown', 'html'];

interface Case {
  file: string;
  source: string;
  format: TextFormat;
  moved: boolean;
}

const cases: Case[] = FIXTURE_NAMES.flatMap((name) => [
  ...FORMATS.map((format) => ({ file: `${name.replace(/\.md$/, '')}.${format}.md`, source: name, format, moved: false })),
  { file: `${name.replace(/\.md$/, '')}.moved.md`, source: name, format: 'text' as const, moved: true },
]);

describe('markdown engine: golden outputs', () => {
  for (const { file, source, format, moved } of cases) {
    it(`${source} (${moved ? 'written to another folder' : `${format} requests`}) gives ${file}`, async () => {
      const result = await localizeMarkdown(fixture(source), {
        provider: new PseudoProvider(),
        from: 'en',
        to: ['ko'],
        format,
        ...(moved ? { sourcePath: path.join('docs', source), outputPathFor: (to: string) => path.join('site', to, 'guide', source) } : {}),
      });
      const output = result.outputs[0].text;
      const golden = path.join(GOLDEN, file);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, output);
      assert.equal(output, new TextDecoder('utf-8', { ignoreBOM: true }).decode(readFileSync(golden)));
    });
  }
});
