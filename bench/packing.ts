/**
 * Section 5, packing with emulated latency: a folder of documents localized through Papago with
 * every request delayed by the emulator (`latency` fault), packed across files as the CLI does,
 * against one request per unit: the same documents through `localizeMarkdown` with
 * `maxUnitsPerRequest: 1` (the core's own limit option), at the same concurrency, sharing one
 * in-memory translation memory so that a text repeated across files is sent once, as packing does.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { localizeMarkdown } from '../src/core/markdown/index';
import { InMemoryTranslationMemory } from '../src/core/markdown/memory';
import { PapagoProvider } from '../src/core/providers/papago';
import { silentLogger } from '../src/core/runtime';
import { createHttpStack } from '../src/core/runtime-node';
import { DEFAULT_CREDENTIALS, startEmulator } from '../test/emulator/server';
import { readmeSet } from '../test/fixtures/corpus';
import { cli, emulatorEnv } from '../test/support/cli';
import { distinctUnits, writeDocsTree } from '../test/support/docsTree';
import type { Row } from './table';

export const LATENCY_MS = 100;
const CONCURRENCY = 4;

export async function packing(documents = Number(process.env.BENCH_PACKING_DOCUMENTS ?? 12)): Promise<Row[]> {
  const emulator = await startEmulator({ port: 0 });
  const root = await mkdtemp(path.join(tmpdir(), 'hpt-bench-packing-'));
  try {
    const files = await writeDocsTree(root, readmeSet(documents));
    const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
    emulator.faults.add({ route: 'papago.translate', kind: 'latency', ms: LATENCY_MS, times: Infinity });

    // Packed: the CLI's folder run (no memory or state files, so nothing is reused).
    emulator.counters.reset();
    let start = performance.now();
    const packed = await cli(['localize', '.', '--to', 'ko', '--from', 'en', '--provider', 'papago', '--json', '--no-memory', '--no-state', '--concurrency', String(CONCURRENCY)], { env: emulatorEnv(emulator), cwd: root });
    const packedMs = performance.now() - start;
    if (packed.code !== 0) throw new Error(`packed run failed: ${packed.stderr}`);
    const packedRequests = emulator.counters.requests['papago.translate'];

    // One request per unit, file after file.
    const { http, clock } = createHttpStack({ logger: silentLogger });
    const provider = new PapagoProvider({
      http,
      clock,
      logger: silentLogger,
      endpoints: { hive: emulator.url, papago: emulator.url, papagoSmt: emulator.url },
      credentials: { papago: { ...DEFAULT_CREDENTIALS.papago } },
    });
    const memory = new InMemoryTranslationMemory();
    emulator.counters.reset();
    start = performance.now();
    for (const text of texts) await localizeMarkdown(text, { provider, from: 'en', to: ['ko'], memory, concurrency: CONCURRENCY, maxUnitsPerRequest: 1 });
    const unpackedMs = performance.now() - start;
    const unpackedRequests = emulator.counters.requests['papago.translate'];

    const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
    const label = `${documents} READMEs, ${LATENCY_MS} ms per request, concurrency ${CONCURRENCY}`;
    return [
      {
        section: 'packing',
        figure: `Papago requests (${label})`,
        value: `${packedRequests}`,
        baseline: `one per unit: ${unpackedRequests} (distinct units, computed: ${distinctUnits(texts)})`,
        target: 'fewer than one per unit',
        verdict: packedRequests < unpackedRequests ? 'met' : 'NOT met',
      },
      {
        section: 'packing',
        figure: 'wall time',
        value: seconds(packedMs),
        baseline: `one per unit: ${seconds(unpackedMs)} (${(unpackedMs / packedMs).toFixed(1)}x)`,
        target: '',
        verdict: '',
      },
    ];
  } finally {
    await emulator.close();
    await rm(root, { recursive: true, force: true });
  }
}
