import { strict as assert } from 'node:assert';
import { IMPORT_CREDENTIALS_VARIABLE } from '../../../src/host/credentialImport';
import { atActivation } from './setup';

describe('credentials import at activation (HIVE_PAPAGO_IMPORT_CREDENTIALS)', () => {
  it('reaches the extension host from the runner', () => {
    assert.ok(process.env[IMPORT_CREDENTIALS_VARIABLE], `${IMPORT_CREDENTIALS_VARIABLE} is not set in the extension host`);
  });

  it('stored the services the file gives in full before anything read the store, and refused the others', () => {
    const { stored, result } = atActivation();
    // Read right after activation, through the store as any command reads it.
    assert.deepEqual(stored, ['hive', 'papago', 'ncpIam']);
    assert.deepEqual(result?.imported, ['hive', 'papago', 'ncpIam']);
    assert.deepEqual(result?.kept, []);
    assert.deepEqual(result?.problems, ['papagoSmt: missing clientSecret', 'unknown service "deepl" (the services are hive, papago, ncpIam, papagoSmt)']);
  });
});
