/**
 * Section 7, translation memory re-runs: the docs tree of the folder runs localized through
 * Papago with the memory and state files on, then run again unchanged (expect no request), then
 * again after N paragraphs were edited in as many files (expect exactly those N units sent).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startEmulator, type Emulator } from '../test/emulator/server';
import { readmeSet } from '../test/fixtures/corpus';
import { cli, emulatorEnv } from '../test/support/cli';
import { unitsIn, writeDocsTree } from '../test/support/docsTree';
import { TREE_DOCUMENTS } from './folders';
import { verdict, type Row } from './table';

export const EDITED_PARAGRAPHS = 5;

/** Plain prose paragraphs on one line (no markup): what an edit here changes. */
const paragraphs = (text: string): string[] => [...text.matchAll(/^[A-Z][^\n`*_[\]<>|]{40,}\.$/gm)].map((match) => match[0]);

interface Sent {
  requests: number;
  units: number;
  chars: number;
}

async function localize(emulator: Emulator, root: string): Promise<Sent> {
  emulator.counters.reset();
  emulator.log.length = 0;
  const run = await cli(['localize', '.', '--to', 'ko', '--from', 'en', '--provider', 'papago', '--json'], { env: emulatorEnv(emulator), cwd: root });
  if (run.code !== 0) throw new Error(`memory run failed: ${run.stderr}`);
  const sent = emulator.log.filter((entry) => entry.route === 'papago.translate');
  return { requests: sent.length, units: sent.reduce((sum, entry) => sum + unitsIn(entry.body), 0), chars: (JSON.parse(run.stdout) as { charsSent: number }).charsSent };
}

export async function memory(edits = EDITED_PARAGRAPHS): Promise<Row[]> {
  const emulator = await startEmulator({ port: 0 });
  const root = await mkdtemp(path.join(tmpdir(), 'hpt-bench-memory-'));
  try {
    const files = await writeDocsTree(root, readmeSet(TREE_DOCUMENTS));
    const first = await localize(emulator, root);
    const unchanged = await localize(emulator, root);

    // One paragraph in each of the first `edits` files that have one.
    let changedChars = 0;
    let edited = 0;
    for (const file of files) {
      if (edited === edits) break;
      const text = await readFile(file, 'utf8');
      const paragraph = paragraphs(text)[0];
      if (!paragraph) continue;
      const revised = `${paragraph.slice(0, -1)}, revised ${edited + 1}.`;
      await writeFile(file, text.replace(paragraph, revised));
      changedChars += revised.length;
      edited++;
    }
    const after = await localize(emulator, root);
    return [
      { section: 'memory', figure: 'first run', value: `${first.requests} requests, ${first.units} units, ${first.chars} chars`, baseline: '', target: '', verdict: '' },
      { section: 'memory', figure: 'unchanged re-run: requests', value: `${unchanged.requests}`, baseline: 'changed units: 0', target: '0', verdict: verdict(unchanged.requests === 0) },
      {
        section: 'memory',
        figure: `after editing ${edited} paragraphs: units sent`,
        value: `${after.units} units in ${after.requests} requests, ${after.chars} chars`,
        baseline: `changed units: ${edited}, ${changedChars} chars`,
        target: 'exactly the changed units',
        verdict: verdict(after.units === edited),
      },
    ];
  } finally {
    await emulator.close();
    await rm(root, { recursive: true, force: true });
  }
}
