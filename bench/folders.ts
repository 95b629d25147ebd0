/**
 * Section 6, folder runs: a docs tree (150 package READMEs in nested folders, as the tree test
 * uses) localized through Papago (requests) and through Hive async jobs (jobs), each against the
 * greedy packing bound of the tree test (distinct units in order, a new request when the next
 * does not fit the provider's limit, in the provider's request format). Hive jobs complete at
 * their first poll here (the emulator's queue steps set to 0): the figure is the number of jobs.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { HIVE_MAX_CHARS } from '../src/core/providers/hive';
import { PAPAGO_MAX_CHARS } from '../src/core/providers/papago';
import { startEmulator } from '../test/emulator/server';
import { readmeSet } from '../test/fixtures/corpus';
import { cli, emulatorEnv } from '../test/support/cli';
import { greedyBound, writeDocsTree } from '../test/support/docsTree';
import { verdict, type Row } from './table';

export const TREE_DOCUMENTS = 150;
/** The tree test's allowance over the bound. */
export const BOUND_SLACK = 1.05;

async function folderRun(provider: 'papago' | 'hive', route: string, limit: number, format: 'text' | 'markdown'): Promise<Row> {
  const emulator = await startEmulator({ port: 0, asyncSteps: { waiting: 0, processing: 0 } });
  const root = await mkdtemp(path.join(tmpdir(), `hpt-bench-tree-${provider}-`));
  try {
    const files = await writeDocsTree(root, readmeSet(TREE_DOCUMENTS));
    const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
    const bound = greedyBound(texts, limit, format);
    const start = performance.now();
    const run = await cli(['localize', '.', '--to', 'ko', '--from', 'en', '--provider', provider, '--json', '--no-memory', '--no-state'], { env: emulatorEnv(emulator), cwd: root });
    const ms = performance.now() - start;
    if (run.code !== 0) throw new Error(`${provider} folder run failed: ${run.stderr}`);
    const count = emulator.counters.requests[route];
    const what = provider === 'hive' ? 'Hive jobs' : 'Papago requests';
    return {
      section: 'folders',
      figure: `${what} (${files.length} READMEs, ${(ms / 1000).toFixed(1)} s)`,
      value: `${count}`,
      baseline: `greedy packing bound: ${bound} (${limit} chars, ${format})`,
      // Whole requests: the bound x1.05, rounded up (as the tree test asserts it).
      target: `at most ${Math.ceil(bound * BOUND_SLACK)} (the bound x${BOUND_SLACK}, rounded up)`,
      verdict: verdict(count <= Math.ceil(bound * BOUND_SLACK)),
    };
  } finally {
    await emulator.close();
    await rm(root, { recursive: true, force: true });
  }
}

export async function folders(): Promise<Row[]> {
  return [await folderRun('papago', 'papago.translate', PAPAGO_MAX_CHARS, 'text'), await folderRun('hive', 'hive.async.submit', HIVE_MAX_CHARS, 'markdown')];
}
