import { strict as assert } from 'node:assert';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { testConnections } from '../../src/core/connection';
import { GlossaryClient } from '../../src/core/glossary';
import { createProvider } from '../../src/core/providers/registry';
import { startEmulator, type Emulator } from '../emulator/server';
import { cli, emulatorEnv } from '../support/cli';
import { emulatorContext } from '../support/context';

/** A value that must never appear in any output, log line or error. */
const SENTINEL = 'SENTINEL-9f3c1a77e2d4';

describe('secrets never leak', () => {
  let emulator: Emulator;
  let env: Record<string, string>;
  before(async () => {
    emulator = await startEmulator({
      hive: [{ serviceKey: `hive-${SENTINEL}`, secretKey: SENTINEL }],
      papago: [{ clientId: `id-${SENTINEL}`, clientSecret: SENTINEL }],
      ncpIam: [{ accessKey: `ak-${SENTINEL}`, secretKey: SENTINEL }],
      smt: [{ clientId: `naver-${SENTINEL}`, clientSecret: SENTINEL }],
    });
    env = {
      ...emulatorEnv(emulator),
      HIVE_SERVICE_KEY: `hive-${SENTINEL}`,
      HIVE_SECRET_KEY: SENTINEL,
      NCP_API_KEY_ID: `id-${SENTINEL}`,
      NCP_API_KEY: SENTINEL,
      NCP_ACCESS_KEY: `ak-${SENTINEL}`,
      NCP_SECRET_KEY: SENTINEL,
      NAVER_CLIENT_ID: `naver-${SENTINEL}`,
      NAVER_CLIENT_SECRET: SENTINEL,
      HIVE_PAPAGO_LOG: 'trace',
    };
  });
  after(() => emulator.close());

  function assertClean(text: string, where: string): void {
    assert.ok(!text.includes(SENTINEL), `${where} contains the secret: ${text}`);
    assert.ok(!text.includes('9f3c1a77'), `${where} contains part of the secret`);
  }

  it('in CLI output and logs, on success and on failure', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hpt-secret-'));
    await writeFile(path.join(dir, 'bad.csv'), 'a\n');
    const runs = [
      await cli(['translate', 'Hello', '--to', 'ko'], { env }),
      await cli(['translate', 'Hello', '--to', 'ko,ja', '--provider', 'hive', '--json'], { env }),
      await cli(['translate', 'Hello', '--to', 'ko', '--from', 'en', '--provider', 'papago-smt'], { env }),
      await cli(['glossary', 'list'], { env }),
      await cli(['glossary', 'upload', 'k', 'bad.csv'], { env, cwd: dir }),
      // Failures: wrong secrets (that contain the sentinel), unknown keys, a bad endpoint.
      await cli(['translate', 'Hello', '--to', 'ko'], { env: { ...env, NCP_API_KEY: `${SENTINEL}-wrong` } }),
      await cli(['translate', 'Hello', '--to', 'ko', '--provider', 'hive'], { env: { ...env, HIVE_SECRET_KEY: `${SENTINEL}-wrong` } }),
      await cli(['glossary', 'list'], { env: { ...env, NCP_SECRET_KEY: `${SENTINEL}-wrong` } }),
      await cli(['translate', 'Hello', '--to', 'ko', '--from', 'en', '--provider', 'papago-smt'], { env: { ...env, NAVER_CLIENT_SECRET: `x${SENTINEL}` } }),
      await cli(['translate', 'Hello', '--to', 'ko'], { env: { ...env, PAPAGO_ENDPOINT: `http://user:${SENTINEL}@example.com` } }),
    ];
    assert.deepEqual(runs.map((r) => r.code), [0, 0, 0, 0, 2, 1, 1, 1, 1, 2]);
    runs.forEach((run, index) => {
      assertClean(run.stdout, `run ${index} stdout`);
      assertClean(run.stderr, `run ${index} stderr`);
    });
    assert.match(runs[0].stderr, /\[info\] POST papago\.translate -> 200/, 'the log was on');
  });

  it('in core errors and log lines of every service', async () => {
    const good = emulatorContext(emulator, {
      credentials: {
        hive: { serviceKey: `hive-${SENTINEL}`, secretKey: SENTINEL },
        papago: { clientId: `id-${SENTINEL}`, clientSecret: SENTINEL },
        ncpIam: { accessKey: `ak-${SENTINEL}`, secretKey: SENTINEL },
        papagoSmt: { clientId: `naver-${SENTINEL}`, clientSecret: SENTINEL },
      },
    });
    const bad = emulatorContext(emulator, {
      credentials: {
        hive: { serviceKey: `hive-${SENTINEL}`, secretKey: `${SENTINEL}!` },
        papago: { clientId: `id-${SENTINEL}`, clientSecret: `${SENTINEL}!` },
        ncpIam: { accessKey: `ak-${SENTINEL}`, secretKey: `${SENTINEL}!` },
        papagoSmt: { clientId: `naver-${SENTINEL}`, clientSecret: `${SENTINEL}!` },
      },
    });
    const texts: string[] = [];
    for (const context of [good, bad]) {
      for (const id of ['hive', 'papago', 'papago-smt'] as const) {
        for (const format of ['text', 'markdown'] as const) {
          if (format === 'markdown' && id !== 'hive') continue;
          try {
            await createProvider(id, context).translate({ text: 'Hello', from: 'en', to: ['ko'], format });
          } catch (error) {
            const e = error as Error & { detail?: string };
            texts.push(e.message, e.detail ?? '', e.stack ?? '', JSON.stringify(e));
          }
        }
      }
      try {
        await new GlossaryClient(context).listAll();
      } catch (error) {
        texts.push((error as Error).message, (error as Error).stack ?? '');
      }
      for (const result of await testConnections(context)) texts.push(result.message);
      texts.push(...context.logger.lines);
    }
    assert.ok(texts.some((t) => /rejected/.test(t)), 'failures happened');
    texts.forEach((text, index) => assertClean(text, `text ${index}`));
  });
});
