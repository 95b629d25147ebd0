import { strict as assert } from 'node:assert';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { hasCredentialFields, type CredentialService } from '../../src/host/credentialFields';
import { IMPORT_CREDENTIALS_VARIABLE, importCredentials, parseCredentialFile, startCredentialImport } from '../../src/host/credentialImport';
import type { CredentialAccess } from '../../src/host/credentials';

/** A value that must never appear in a log line or a problem. */
const SENTINEL = 'SENTINEL-51d0c7e9';

const FULL = {
  hive: { serviceKey: `hive-${SENTINEL}`, secretKey: SENTINEL },
  papago: { clientId: `id-${SENTINEL}`, clientSecret: SENTINEL },
  ncpIam: { accessKey: `ak-${SENTINEL}`, secretKey: SENTINEL },
  papagoSmt: { clientId: `naver-${SENTINEL}`, clientSecret: SENTINEL },
};

/** An in-memory store, as SecretStorage behind CredentialStore would be. */
class FakeStore implements CredentialAccess {
  readonly stored = new Map<CredentialService, unknown>();
  async has(service: CredentialService): Promise<boolean> {
    return this.stored.has(service);
  }
  async set(service: CredentialService, value: unknown): Promise<void> {
    this.stored.set(service, value);
  }
}

/** Records log lines; `secrets` are the values given to addSecret. */
class RecordingLogger {
  readonly lines: string[] = [];
  readonly secrets: string[] = [];
  trace = (m: string) => this.lines.push(`trace ${m}`);
  debug = (m: string) => this.lines.push(`debug ${m}`);
  info = (m: string) => this.lines.push(`info ${m}`);
  warn = (m: string) => this.lines.push(`warn ${m}`);
  error = (m: string) => this.lines.push(`error ${m}`);
  addSecret(...values: string[]): void {
    this.secrets.push(...values);
  }
}

async function fileWith(content: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'credentials-import-')), 'credentials.json');
  await writeFile(file, content);
  return file;
}

describe('credential fields', () => {
  it('a value holds each field of its service as a non-empty string', () => {
    assert.equal(hasCredentialFields('hive', { serviceKey: 'k', secretKey: 's' }), true);
    assert.equal(hasCredentialFields('hive', { serviceKey: 'k' }), false);
    assert.equal(hasCredentialFields('hive', { serviceKey: 'k', secretKey: '' }), false);
    assert.equal(hasCredentialFields('papago', { clientId: 'i', clientSecret: 7 }), false);
    assert.equal(hasCredentialFields('ncpIam', { serviceKey: 'k', secretKey: 's' }), false);
  });
});

describe('credentials import: the file', () => {
  it('takes every service with all its fields, trimmed', () => {
    const padded = { ...FULL, hive: { serviceKey: `  hive-${SENTINEL}\n`, secretKey: SENTINEL } };
    assert.deepEqual(parseCredentialFile(JSON.stringify(padded)), { credentials: FULL, problems: [] });
  });

  it('refuses an unknown service and keeps the others', () => {
    const parsed = parseCredentialFile(JSON.stringify({ deepl: { apiKey: SENTINEL }, papago: FULL.papago }));
    assert.deepEqual(parsed.credentials, { papago: FULL.papago });
    assert.deepEqual(parsed.problems, ['unknown service "deepl" (the services are hive, papago, ncpIam, papagoSmt)']);
  });

  it('refuses a service with a missing, unknown, non-string or malformed field, naming the field and never the value', () => {
    const parsed = parseCredentialFile(
      JSON.stringify({
        hive: { serviceKey: SENTINEL },
        papago: { clientId: SENTINEL, clientSecret: SENTINEL, region: SENTINEL },
        ncpIam: { accessKey: SENTINEL, secretKey: 42 },
        papagoSmt: { clientId: `has space ${SENTINEL}`, clientSecret: ' ' },
      }),
    );
    assert.deepEqual(parsed.credentials, {});
    assert.deepEqual(parsed.problems, [
      'hive: missing secretKey',
      'papago: unknown field "region" (expected clientId and clientSecret)',
      'ncpIam: secretKey is not a string',
      'papagoSmt: clientId has spaces or line breaks',
      'papagoSmt: clientSecret is empty',
    ]);
  });

  it('refuses a service that is not an object, a file that is not an object, and text that is not JSON (without quoting it)', () => {
    assert.deepEqual(parseCredentialFile(JSON.stringify({ hive: SENTINEL })).problems, ['hive must be an object with serviceKey and secretKey']);
    assert.deepEqual(parseCredentialFile(JSON.stringify([FULL])).problems, ['the file must hold a JSON object with any of hive, papago, ncpIam, papagoSmt']);
    assert.deepEqual(parseCredentialFile(`{"hive": {"serviceKey": "${SENTINEL}",`), { credentials: {}, problems: ['the file is not valid JSON'] });
  });
});

describe('credentials import: into the store', () => {
  it('stores the services that have nothing stored, keeps the others, and logs which (never a value)', async () => {
    const store = new FakeStore();
    store.stored.set('hive', { serviceKey: 'mine', secretKey: 'mine' });
    const logger = new RecordingLogger();
    const file = await fileWith(JSON.stringify({ hive: FULL.hive, papago: FULL.papago, ncpIam: FULL.ncpIam }));

    const result = await importCredentials(file, store, logger);

    assert.deepEqual(result, { file, imported: ['papago', 'ncpIam'], kept: ['hive'], problems: [] });
    assert.deepEqual(store.stored.get('hive'), { serviceKey: 'mine', secretKey: 'mine' });
    assert.deepEqual(store.stored.get('papago'), FULL.papago);
    assert.deepEqual(store.stored.get('ncpIam'), FULL.ncpIam);
    assert.deepEqual(logger.lines, ['info credentials import: already stored, kept: hive', 'info credentials imported for papago, ncpIam']);
    assert.ok(logger.secrets.includes(SENTINEL), 'the values are registered for redaction');
  });

  it('logs one warning per refused entry and imports the rest', async () => {
    const store = new FakeStore();
    const logger = new RecordingLogger();
    const file = await fileWith(JSON.stringify({ hive: FULL.hive, papagoSmt: { clientId: SENTINEL }, deepl: { apiKey: SENTINEL } }));

    const result = await importCredentials(file, store, logger);

    assert.deepEqual(result.imported, ['hive']);
    assert.deepEqual([...store.stored.keys()], ['hive']);
    assert.deepEqual(logger.lines, [
      `warn credentials import (${IMPORT_CREDENTIALS_VARIABLE}=${file}): papagoSmt: missing clientSecret`,
      `warn credentials import (${IMPORT_CREDENTIALS_VARIABLE}=${file}): unknown service "deepl" (the services are hive, papago, ncpIam, papagoSmt)`,
      'info credentials imported for hive',
    ]);
    assert.ok(logger.lines.every((line) => !line.includes(SENTINEL)));
  });

  it('says so when the file cannot be read, is not absolute or is too large, storing nothing', async () => {
    const missing = path.join(tmpdir(), `no-such-credentials-${process.pid}.json`);
    const large = await fileWith(JSON.stringify({ hive: FULL.hive, padding: 'x'.repeat(70_000) }));
    for (const [file, problem] of [
      [missing, 'cannot read the file: ENOENT'],
      ['credentials.json', 'cannot read the file: the path must be absolute'],
      [large, 'cannot read the file: larger than 64 KiB'],
    ]) {
      const store = new FakeStore();
      const logger = new RecordingLogger();
      const result = await importCredentials(file, store, logger);
      assert.deepEqual(result.problems, [problem]);
      assert.equal(store.stored.size, 0);
      assert.deepEqual(logger.lines, [
        `warn credentials import (${IMPORT_CREDENTIALS_VARIABLE}=${file}): ${problem}`,
        `warn credentials import (${IMPORT_CREDENTIALS_VARIABLE}=${file}): nothing imported`,
      ]);
    }
  });
});

describe('credentials import: at activation', () => {
  it('does nothing without the variable', () => {
    let ran = false;
    const store = {
      runFirst: <T>(task: (access: CredentialAccess) => Promise<T>) => {
        ran = true;
        return task(new FakeStore());
      },
    };
    assert.equal(startCredentialImport({}, store, new RecordingLogger()), undefined);
    assert.equal(ran, false);
  });

  it('runs the import of the file the variable names ahead of the store\'s other users', async () => {
    const access = new FakeStore();
    const tasks: Promise<unknown>[] = [];
    const store = {
      runFirst: <T>(task: (access: CredentialAccess) => Promise<T>) => {
        const run = task(access);
        tasks.push(run);
        return run;
      },
    };
    const file = await fileWith(JSON.stringify({ papagoSmt: FULL.papagoSmt }));
    const result = await startCredentialImport({ [IMPORT_CREDENTIALS_VARIABLE]: file }, store, new RecordingLogger());
    assert.equal(tasks.length, 1);
    assert.deepEqual(result?.imported, ['papagoSmt']);
    assert.deepEqual(access.stored.get('papagoSmt'), FULL.papagoSmt);
  });
});
