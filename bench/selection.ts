/**
 * Section 3, selection overhead: the core's `translate()` of a selection (Papago, and Hive sync,
 * both as plain text) against a raw `fetch` of the same signed request (the body and headers the core sent,
 * read from the emulator's log) to the same emulator. Rounds interleave both sides (the order
 * alternates), after a warm-up; the overhead is the difference of the medians and of the p90s.
 */
import { performance } from 'node:perf_hooks';
import type { LanguageCode } from '../src/core/languages';
import { HiveProvider } from '../src/core/providers/hive';
import { PapagoProvider } from '../src/core/providers/papago';
import type { ProviderContext } from '../src/core/providers/context';
import type { TextFormat, TranslationProvider } from '../src/core/providers/types';
import { silentLogger } from '../src/core/runtime';
import { createHttpStack } from '../src/core/runtime-node';
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator } from '../test/emulator/server';
import { median, percentile } from './stats';
import { verdict, type Row } from './table';

export const OVERHEAD_TARGET_MS = 5;

/** A selection of the size people translate: one paragraph (about 400 characters). */
export const SELECTION =
  'The extension translates the selected text in place and keeps your formatting. ' +
  'Choose the target languages once, then select a paragraph and run the command from the context menu or with the keybinding. ' +
  'Papago is used for plain text when its keys are set; Hive otherwise. ' +
  'Nothing is sent until you ask, and the keys never leave the secret storage.';

function providerContext(emulator: Emulator): ProviderContext {
  const { http, clock } = createHttpStack({ logger: silentLogger });
  return {
    http,
    clock,
    logger: silentLogger,
    endpoints: { hive: emulator.url, papago: emulator.url, papagoSmt: emulator.url },
    credentials: { hive: { ...DEFAULT_CREDENTIALS.hive }, papago: { ...DEFAULT_CREDENTIALS.papago } },
  };
}

/** Headers the transport adds by itself: the raw request lets `fetch` set them again. */
const TRANSPORT_HEADERS = new Set(['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding']);

interface Pair {
  core: number[];
  raw: number[];
}

/** Times `rounds` core calls and raw fetches of the request the core sent, interleaved. */
async function measure(emulator: Emulator, provider: TranslationProvider, format: TextFormat, rounds: number, warmup: number): Promise<Pair> {
  const request = { text: SELECTION, from: 'en' as const, to: ['ko'] as LanguageCode[], format };
  emulator.log.length = 0;
  await provider.translate(request);
  const sent = emulator.log.at(-1);
  if (!sent) throw new Error('the core sent no request');
  const headers = Object.fromEntries(Object.entries(sent.headers).filter(([name]) => !TRANSPORT_HEADERS.has(name)));
  const url = emulator.url + sent.path;
  const raw = async (): Promise<void> => {
    const response = await fetch(url, { method: sent.method, headers, body: sent.body });
    if (response.status !== 200) throw new Error(`raw request: ${response.status}`);
    await response.json();
  };
  const core = async (): Promise<void> => {
    const result = await provider.translate(request);
    if (!result.translations[0]?.text) throw new Error('no translation');
  };
  const times: Pair = { core: [], raw: [] };
  for (let round = 0; round < warmup + rounds; round++) {
    const order: ['core' | 'raw', () => Promise<void>][] = round % 2 === 0 ? [['core', core], ['raw', raw]] : [['raw', raw], ['core', core]];
    for (const [side, call] of order) {
      const start = performance.now();
      await call();
      const ms = performance.now() - start;
      if (round >= warmup) times[side].push(ms);
    }
    emulator.log.length = 0;
  }
  return times;
}

function rows(label: string, times: Pair): Row[] {
  const ms = (value: number): string => `${value.toFixed(2)} ms`;
  const overhead = median(times.core) - median(times.raw);
  const overheadP90 = percentile(times.core, 0.9) - percentile(times.raw, 0.9);
  return [
    {
      section: 'selection',
      figure: `${label}: translate() median / p90 (${times.core.length} rounds)`,
      value: `${ms(median(times.core))} / ${ms(percentile(times.core, 0.9))}`,
      baseline: `raw fetch: ${ms(median(times.raw))} / ${ms(percentile(times.raw, 0.9))}`,
      target: '',
      verdict: '',
    },
    {
      section: 'selection',
      figure: `${label}: overhead median / p90`,
      value: `${ms(overhead)} / ${ms(overheadP90)}`,
      baseline: 'raw fetch: 0',
      target: `at most ${OVERHEAD_TARGET_MS} ms at the median`,
      verdict: verdict(overhead <= OVERHEAD_TARGET_MS),
    },
  ];
}

export async function selection(rounds = Number(process.env.BENCH_SELECTION_ROUNDS ?? 200)): Promise<Row[]> {
  const emulator = await startEmulator({ port: 0 });
  try {
    const context = providerContext(emulator);
    const papago = await measure(emulator, new PapagoProvider(context), 'text', rounds, 30);
    const hive = await measure(emulator, new HiveProvider(context), 'text', rounds, 30);
    return [...rows(`Papago (${SELECTION.length} chars)`, papago), ...rows('Hive sync', hive)];
  } finally {
    await emulator.close();
  }
}
