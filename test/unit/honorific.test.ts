import { strict as assert } from 'node:assert';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { localizeMarkdown } from '../../src/core/markdown';
import { InMemoryTranslationMemory } from '../../src/core/markdown/memory';
import { papagoHonorificApplies, PapagoProvider } from '../../src/core/providers/papago';
import { startEmulator, type Emulator } from '../emulator/server';
import { cli, emulatorEnv } from '../support/cli';
import { emulatorContext } from '../support/context';

/** The `honorific` field of each Papago request the emulator received, by target. */
function honorifics(emulator: Emulator): [string, unknown][] {
  return emulator.log
    .filter((entry) => entry.route === 'papago.translate')
    .map((entry) => JSON.parse(entry.body) as { target: string; honorific?: unknown })
    .map((body) => [body.target, body.honorific]);
}

describe('Papago honorific', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.log.length = 0;
    emulator.counters.reset();
  });

  it('applies to Korean from en/ja/zh and Japanese from ko/en/zh only', () => {
    for (const from of ['en', 'ja', 'zh-Hans', 'zh-Hant', 'auto'] as const) assert.ok(papagoHonorificApplies(from, 'ko'), from);
    for (const from of ['ko', 'en', 'zh-Hans', 'zh-Hant', 'auto'] as const) assert.ok(papagoHonorificApplies(from, 'ja'), from);
    assert.ok(!papagoHonorificApplies('fr', 'ko'));
    assert.ok(!papagoHonorificApplies('ko', 'en'));
    assert.ok(!papagoHonorificApplies('en', 'fr'));
  });

  it('is sent to Papago where it applies, and never when off', async () => {
    const on = new PapagoProvider({ ...emulatorContext(emulator), options: { honorific: true } });
    await on.translate({ text: 'Hello', from: 'en', to: ['ko', 'ja', 'fr'], format: 'text' });
    assert.deepEqual(honorifics(emulator), [
      ['ko', true],
      ['ja', true],
      ['fr', undefined],
    ]);
    emulator.log.length = 0;
    const off = new PapagoProvider(emulatorContext(emulator));
    await off.translate({ text: 'Hello', from: 'en', to: ['ko'], format: 'text' });
    assert.deepEqual(honorifics(emulator), [['ko', undefined]]);
  });

  it('is part of the translation memory key: a formal translation is not reused for a plain one', async () => {
    const memory = new InMemoryTranslationMemory();
    const plain = new PapagoProvider(emulatorContext(emulator));
    const formal = new PapagoProvider({ ...emulatorContext(emulator), options: { honorific: true } });
    await localizeMarkdown('# Hello\n', { provider: plain, from: 'en', to: ['ko'], memory });
    const again = await localizeMarkdown('# Hello\n', { provider: plain, from: 'en', to: ['ko'], memory });
    assert.equal(again.cacheHits, 1, 'the plain translation is remembered');
    const formalRun = await localizeMarkdown('# Hello\n', { provider: formal, from: 'en', to: ['ko'], memory });
    assert.equal(formalRun.cacheHits, 0, 'the formal one is asked for');
    assert.equal(memory.entries.size, 2);
  });

  it('the CLI passes --honorific to Papago for translate and localize', async () => {
    const env = emulatorEnv(emulator);
    const translated = await cli(['translate', 'Hello', '--to', 'ko', '--from', 'en', '--honorific'], { env });
    assert.equal(translated.code, 0, translated.stderr);
    assert.deepEqual(honorifics(emulator), [['ko', true]]);

    emulator.log.length = 0;
    const dir = await mkdtemp(path.join(tmpdir(), 'hpt-honorific-'));
    await writeFile(path.join(dir, 'README.md'), '# Hello\n');
    const localized = await cli(['localize', 'README.md', '--to', 'ja', '--from', 'en', '--provider', 'papago', '--no-memory', '--honorific'], { env, cwd: dir });
    assert.equal(localized.code, 0, localized.stderr);
    assert.deepEqual(honorifics(emulator), [['ja', true]]);

    emulator.log.length = 0;
    await cli(['translate', 'Hello', '--to', 'ko', '--from', 'en'], { env });
    assert.deepEqual(honorifics(emulator), [['ko', undefined]], 'off without the flag');
  });
});
