import { strict as assert } from 'node:assert';
import { testConnections } from '../../src/core/connection';
import { startEmulator, type Emulator } from '../emulator/server';
import { systemClock } from '../../src/core/runtime';
import { emulatorContext } from '../support/context';

describe('testConnections', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());

  it('makes one cheap signed call per configured service and reports each', async () => {
    emulator.counters.reset();
    const results = await testConnections(emulatorContext(emulator, { clock: systemClock }));
    assert.deepEqual(
      results.map((r) => [r.service, r.ok]),
      [
        ['hive', true],
        ['papago', true],
        ['ncpIam', true],
        ['papagoSmt', true],
      ],
    );
    assert.deepEqual(emulator.counters.requests, {
      'hive.async.result': 1,
      'papago.translate': 1,
      'glossary.list': 1,
      'smt.translate': 1,
    });
    assert.equal(emulator.counters.chars['hive.async.result'] ?? 0, 0, 'Hive translates nothing');
  });

  it('reports rejected credentials per service and skips unconfigured ones', async () => {
    const results = await testConnections(
      emulatorContext(emulator, {
        credentials: { hive: { serviceKey: 'emulator-service-key', secretKey: 'wrong' }, ncpIam: { accessKey: 'emulator-access-key', secretKey: 'wrong' } },
      }),
    );
    assert.deepEqual(results.map((r) => [r.service, r.ok]), [
      ['hive', false],
      ['ncpIam', false],
    ]);
    assert.match(results[0].message, /^Hive: Hive rejected the signature/);
    assert.match(results[1].message, /^The Papago glossary service: .*rejected the credentials/);
    // What a host needs to say it in its language and to offer the fix.
    assert.deepEqual(
      results.map((r) => [r.reason, r.problem?.template]),
      [
        ['auth', 'Hive rejected the signature; check the service key and secret key.'],
        ['auth', '{0} rejected the credentials; check them.'],
      ],
    );
    assert.deepEqual(await testConnections(emulatorContext(emulator, { credentials: {} })), []);
  });
});
