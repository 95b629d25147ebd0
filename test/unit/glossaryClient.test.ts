import { strict as assert } from 'node:assert';
import { TranslateError } from '../../src/core/errors';
import { GlossaryClient, GlossaryCsvError, validateGlossaryCsv } from '../../src/core/glossary';
import { HttpClient } from '../../src/core/http/client';
import type { NcpIamCredentials, ProviderContext } from '../../src/core/providers/context';
import { silentLogger, systemClock, type Clock } from '../../src/core/runtime';
import { ncpSignatureV2 } from '../../src/core/signing';
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator, type RequestLogEntry } from '../emulator/server';
import { FakeClock } from '../support/fakeClock';
import { rejection } from '../support/rejection';
import { glossaryFixture, utf8 } from '../support/glossary';


/** A secret that must never show up in any error the client throws. */
const SENTINEL = 'SENTINEL-secret-6f1d2c9a-never-print';
const SENTINEL_KEY: NcpIamCredentials = { accessKey: 'sentinel-access-key', secretKey: SENTINEL };

interface Setup {
  clock?: Clock;
  credentials?: NcpIamCredentials;
  endpoint?: string;
}

function contextFor(emulator: Emulator, setup: Setup = {}): ProviderContext {
  const clock = setup.clock ?? systemClock;
  const http = new HttpClient({ fetch: (input, init) => fetch(input, init), clock, logger: silentLogger, random: () => 0.5, timeoutMs: 5000 });
  const endpoint = setup.endpoint ?? emulator.url;
  return {
    http,
    clock,
    logger: silentLogger,
    endpoints: { hive: endpoint, papago: endpoint, papagoSmt: endpoint },
    credentials: { ncpIam: setup.credentials ?? { ...DEFAULT_CREDENTIALS.ncpIam } },
  };
}

function assertNoSecret(error: TranslateError, secret = SENTINEL): void {
  for (const text of [error.message, error.detail ?? '', String(error), error.stack ?? '', JSON.stringify(error)]) {
    assert.ok(!text.includes(secret), `the secret leaked into: ${text}`);
  }
}

function entries(emulator: Emulator, route: string): RequestLogEntry[] {
  return emulator.log.filter((entry) => entry.route === route);
}

/** The entry was signed for exactly the path and query it was sent to. */
function assertSignedFor(entry: RequestLogEntry, key: NcpIamCredentials = DEFAULT_CREDENTIALS.ncpIam): void {
  const timestamp = entry.headers['x-ncp-apigw-timestamp'];
  assert.ok(timestamp, 'timestamp header');
  assert.equal(entry.headers['x-ncp-iam-access-key'], key.accessKey);
  assert.equal(entry.headers['x-ncp-apigw-signature-v2'], ncpSignatureV2(entry.method, entry.path, timestamp, key.accessKey, key.secretKey));
}

describe('GlossaryClient against the emulator', function () {
  let emulator: Emulator;

  before(async () => {
    emulator = await startEmulator({ ncpIam: [{ ...DEFAULT_CREDENTIALS.ncpIam }, { ...SENTINEL_KEY }] });
  });
  after(async () => {
    await emulator?.close();
  });
  beforeEach(() => {
    emulator.glossaries.clear();
    emulator.counters.reset();
    emulator.faults.clear();
    emulator.log.length = 0;
  });

  const client = (setup: Setup = {}) => new GlossaryClient(contextFor(emulator, setup));

  it('needs the NCP IAM access key and secret', () => {
    const context = contextFor(emulator);
    for (const credentials of [{}, { ncpIam: { accessKey: 'a', secretKey: '' } }]) {
      assert.throws(
        () => new GlossaryClient({ ...context, credentials }),
        (error: unknown) =>
          error instanceof TranslateError && error.reason === 'config' && /^NCP access key and secret key are not set; /.test(error.message),
      );
    }
  });

  it('creates a glossary and lists it with numeric dates', async () => {
    const before = Date.now();
    const key = await client().create('제품 용어', 'Product terms');
    assert.match(key, /^[\w-]+$/);
    const page = await client().list();
    assert.equal(page.page, 1);
    assert.equal(page.totalPages, 1);
    assert.equal(page.total, 1);
    assert.equal(page.glossaries.length, 1);
    const [glossary] = page.glossaries;
    assert.equal(glossary?.key, key);
    assert.equal(glossary?.name, '제품 용어');
    assert.equal(glossary?.description, 'Product terms');
    assert.equal(glossary?.wordCount, 0);
    assert.equal(typeof glossary?.created, 'number');
    assert.ok((glossary?.created ?? 0) >= before);
    assert.equal(typeof glossary?.updated, 'number');
    // Requests went to exactly the signed path and query.
    const [create] = entries(emulator, 'glossary.create');
    assert.equal(create?.path, '/glossary/v1/create');
    assert.deepEqual(JSON.parse(create?.body ?? ''), { glossaryName: '제품 용어', description: 'Product terms' });
    assertSignedFor(create!);
    const [list] = entries(emulator, 'glossary.list');
    assert.equal(list?.path, '/glossary/v1/?currentPage=1&pageSize=30');
    assertSignedFor(list!);
  });

  it('omits an empty description and leaves it out of the listing', async () => {
    await client().create('plain', '  ');
    assert.deepEqual(JSON.parse(entries(emulator, 'glossary.create')[0]?.body ?? ''), { glossaryName: 'plain' });
    const [glossary] = (await client().list()).glossaries;
    assert.equal(glossary?.description, undefined);
  });

  it('checks names, descriptions, page numbers and keys locally, sending nothing', async () => {
    const c = client();
    await rejection(() => c.create(''), 'input');
    await rejection(() => c.create('   '), 'input');
    await rejection(() => c.create('x'.repeat(21)), 'input');
    await rejection(() => c.create('line\nbreak'), 'input');
    await rejection(() => c.create('ok', 'd'.repeat(51)), 'input');
    await rejection(() => c.list({ pageSize: 31 }), 'input');
    await rejection(() => c.list({ pageSize: 0 }), 'input');
    await rejection(() => c.list({ page: 0 }), 'input');
    await rejection(() => c.list({ page: 1.5 }), 'input');
    for (const key of ['', '../create', 'a b', 'key/upload', 'a?b=1', '한국']) {
      await rejection(() => c.delete(key), 'input');
      await rejection(() => c.download(key), 'input');
      await rejection(() => c.upload(key, utf8('a,b\n'), 'a.csv'), 'input');
    }
    assert.equal(emulator.log.length, 0);
    // 20 characters is allowed; so is a 50-character description.
    await c.create('가'.repeat(20), 'd'.repeat(50));
    assert.equal(emulator.glossaries.size, 1);
  });

  it('pages through more than 30 glossaries, accepting currentPage as a string', async () => {
    const seeded = emulator.glossaries.seed(65);
    const c = client();
    const first = await c.list();
    assert.equal(first.page, 1);
    assert.equal(first.totalPages, 3);
    assert.equal(first.total, 65);
    assert.equal(first.glossaries.length, 30);
    const last = await c.list({ page: 3 });
    assert.equal(last.page, 3);
    assert.deepEqual(
      last.glossaries.map((g) => g.name),
      ['glossary-61', 'glossary-62', 'glossary-63', 'glossary-64', 'glossary-65'],
    );
    const small = await c.list({ page: 2, pageSize: 10 });
    assert.equal(small.totalPages, 7);
    assert.equal(small.glossaries[0]?.name, 'glossary-11');
    assert.equal(entries(emulator, 'glossary.list').at(-1)?.path, '/glossary/v1/?currentPage=2&pageSize=10');

    emulator.counters.reset();
    const all = await c.listAll();
    assert.deepEqual(
      all.map((g) => g.key),
      seeded.map((record) => record.glossaryKey),
    );
    assert.equal(emulator.counters.requests['glossary.list'], 3);
  });

  it('accepts currentPage as a number too, and lists nothing when there are no glossaries', async () => {
    const numeric = await startEmulator({ listPageAsString: false });
    try {
      numeric.glossaries.seed(31);
      const c = new GlossaryClient(contextFor(numeric));
      const page = await c.list({ page: 2 });
      assert.equal(page.page, 2);
      assert.equal(page.glossaries.length, 1);
      assert.equal((await c.listAll()).length, 31);
    } finally {
      await numeric.close();
    }
    assert.deepEqual(await client().listAll(), []);
    assert.equal(emulator.counters.requests['glossary.list'], 1);
  });

  it('uploads a CSV and downloads the same terms (round trip)', async () => {
    const c = client();
    const key = await c.create('ko-en');
    const uploaded = await c.upload(key, glossaryFixture('ko-en.csv'), 'ko-en.csv');
    assert.equal(uploaded.key, key);
    assert.equal(uploaded.name, 'ko-en');
    assert.equal(uploaded.wordCount, 4);
    assert.equal(typeof uploaded.updated, 'number');
    assert.deepEqual(emulator.glossaries.get(key)?.terms, [
      ['번역기', 'translator'],
      ['서울, 한국', 'Seoul, Korea'],
      ['용어집', 'glossary'],
      ['따옴표 "인용"', 'quote "quoted"'],
    ]);
    // The upload was multipart with a text/csv `file` part named after the file.
    const [upload] = entries(emulator, 'glossary.upload');
    assert.equal(upload?.path, `/glossary/v1/${key}/upload`);
    assert.match(upload?.headers['content-type'] ?? '', /^multipart\/form-data; boundary=/);
    assert.match(upload?.body ?? '', /Content-Disposition: form-data; name="file"; filename="ko-en.csv"\r\nContent-Type: text\/csv\r\n/i);
    assertSignedFor(upload!);

    const downloaded = await c.download(key);
    assert.equal(downloaded.name, 'ko-en.csv');
    const expected = validateGlossaryCsv(glossaryFixture('ko-en.csv')).terms.map(({ source, target }) => ({ source, target }));
    assert.deepEqual(
      validateGlossaryCsv(utf8(downloaded.csv)).terms.map(({ source, target }) => ({ source, target })),
      expected,
    );
    const [download] = entries(emulator, 'glossary.download');
    assert.equal(download?.method, 'POST');
    assert.equal(download?.path, `/glossary/v1/${key}/download`);
    assertSignedFor(download!);

    // A second upload replaces the terms.
    const replaced = await c.upload(key, utf8('a,b\n'), 'replacement');
    assert.equal(replaced.wordCount, 1);
    assert.match(entries(emulator, 'glossary.upload')[1]?.body ?? '', /filename="replacement.csv"/);
  });

  it('uploads nothing when the CSV is invalid', async () => {
    const c = client();
    const key = await c.create('broken');
    const error = await rejection(() => c.upload(key, glossaryFixture('broken.csv'), 'broken.csv'), 'input');
    assert.ok(error instanceof GlossaryCsvError);
    assert.match(error.message, /"broken\.csv" has 2 problems/);
    await rejection(() => c.upload(key, glossaryFixture('latin1.csv'), 'latin1.csv'), 'input');
    await rejection(() => c.upload(key, new Uint8Array(), 'empty.csv'), 'input');
    assert.equal(emulator.counters.requests['glossary.upload'] ?? 0, 0);
    assert.equal(entries(emulator, 'glossary.upload').length, 0);
  });

  it('deletes a glossary; deleting it again is notFound', async () => {
    const c = client();
    const key = await c.create('gone soon');
    await c.delete(key);
    assert.equal(emulator.glossaries.size, 0);
    const [remove] = entries(emulator, 'glossary.delete');
    assert.equal(remove?.method, 'DELETE');
    assert.equal(remove?.path, `/glossary/v1/${key}`);
    assertSignedFor(remove!);
    const error = await rejection(() => c.delete(key), 'notFound');
    assert.equal(error.status, 404);
    await rejection(() => c.download(key), 'notFound');
  });

  it('maps a 401 for a wrong secret to auth, on every operation, without leaking the secret', async () => {
    const key = await client().create('target');
    const wrong = client({ credentials: { accessKey: DEFAULT_CREDENTIALS.ncpIam.accessKey, secretKey: SENTINEL } });
    const attempts: (() => Promise<unknown>)[] = [
      () => wrong.list(),
      () => wrong.create('nope'),
      () => wrong.upload(key, utf8('a,b\n'), 'a.csv'),
      () => wrong.download(key),
      () => wrong.delete(key),
    ];
    for (const attempt of attempts) {
      const error = await rejection(attempt, 'auth');
      assert.equal(error.status, 401);
      assert.equal(error.service, 'ncpIam');
      assert.equal(error.retryable, false);
      assertNoSecret(error);
    }
    // Each was tried once: an auth failure is not retried.
    assert.equal(emulator.log.filter((entry) => entry.status === 401).length, attempts.length);
    assert.equal(emulator.glossaries.size, 1);
  });

  it('retries a create refused with 429 and Retry-After, signing the retry afresh', async () => {
    const clock = new FakeClock(Date.now());
    emulator.faults.add({ route: 'glossary.create', kind: 'status', status: 429, retryAfter: '2' });
    const key = await client({ clock }).create('after 429');
    assert.equal(emulator.counters.requests['glossary.create'], 2);
    assert.deepEqual(clock.sleeps, [2000]);
    assert.equal(emulator.glossaries.size, 1);
    assert.equal(emulator.glossaries.get(key)?.glossaryName, 'after 429');
    const [refused, accepted] = entries(emulator, 'glossary.create');
    assert.equal(refused?.status, 429);
    assert.equal(accepted?.status, 200);
    assert.notEqual(refused?.headers['x-ncp-apigw-timestamp'], accepted?.headers['x-ncp-apigw-timestamp']);
    assert.notEqual(refused?.headers['x-ncp-apigw-signature-v2'], accepted?.headers['x-ncp-apigw-signature-v2']);
    assert.equal(Number(accepted?.headers['x-ncp-apigw-timestamp']) - Number(refused?.headers['x-ncp-apigw-timestamp']), 2000);
    assertSignedFor(refused!);
    assertSignedFor(accepted!);
  });

  it('does not retry a create or an upload that failed with 500 (they may have been applied)', async () => {
    const clock = new FakeClock(Date.now());
    const c = client({ clock });
    emulator.faults.add({ route: 'glossary.create', kind: 'status', status: 500 });
    const createError = await rejection(() => c.create('maybe'), 'server');
    assert.equal(createError.status, 500);
    assert.equal(emulator.counters.requests['glossary.create'], 1);

    const key = await c.create('real');
    emulator.faults.add({ route: 'glossary.upload', kind: 'status', status: 500 });
    await rejection(() => c.upload(key, utf8('a,b\n'), 'a.csv'), 'server');
    assert.equal(emulator.counters.requests['glossary.upload'], 1);
    emulator.faults.add({ route: 'glossary.upload', kind: 'status', status: 503 });
    await rejection(() => c.upload(key, utf8('a,b\n'), 'a.csv'), 'server');
    assert.equal(emulator.counters.requests['glossary.upload'], 2);
    assert.deepEqual(clock.sleeps, []);

    // An upload refused with 429 is retried, with a fresh body and signature.
    emulator.faults.add({ route: 'glossary.upload', kind: 'status', status: 429, retryAfter: '1' });
    const glossary = await c.upload(key, utf8('a,b\nc,d\n'), 'a.csv');
    assert.equal(glossary.wordCount, 2);
    const uploads = entries(emulator, 'glossary.upload').slice(-2);
    assert.deepEqual(
      uploads.map((entry) => entry.status),
      [429, 200],
    );
    assert.notEqual(uploads[0]?.headers['x-ncp-apigw-signature-v2'], uploads[1]?.headers['x-ncp-apigw-signature-v2']);
    assert.match(uploads[1]?.body ?? '', /a,b\r\nc,d\r\n/);
  });

  it('retries a list that failed with 500, each attempt freshly signed', async () => {
    const clock = new FakeClock(Date.now());
    emulator.glossaries.seed(2);
    emulator.faults.add({ route: 'glossary.list', kind: 'status', status: 500, times: 2 });
    const page = await client({ clock }).list();
    assert.equal(page.glossaries.length, 2);
    assert.equal(emulator.counters.requests['glossary.list'], 3);
    assert.equal(clock.sleeps.length, 2);
    const lists = entries(emulator, 'glossary.list');
    assert.deepEqual(
      lists.map((entry) => entry.status),
      [500, 500, 200],
    );
    const signatures = new Set(lists.map((entry) => entry.headers['x-ncp-apigw-signature-v2']));
    const timestamps = new Set(lists.map((entry) => entry.headers['x-ncp-apigw-timestamp']));
    assert.equal(signatures.size, 3);
    assert.equal(timestamps.size, 3);
    for (const entry of lists) assertSignedFor(entry);
  });

  it('retries a download and a delete after 503 (idempotent)', async () => {
    const clock = new FakeClock(Date.now());
    const c = client({ clock });
    const key = await c.create('idem');
    await c.upload(key, utf8('x,y\n'), 'x.csv');
    emulator.faults.add({ route: 'glossary.download', kind: 'status', status: 503 });
    assert.equal((await c.download(key)).csv.trim(), 'x,y');
    emulator.faults.add({ route: 'glossary.delete', kind: 'status', status: 503 });
    await c.delete(key);
    assert.equal(emulator.counters.requests['glossary.download'], 2);
    assert.equal(emulator.counters.requests['glossary.delete'], 2);
  });

  it('reports a download that is not a ZIP, or a cut-off ZIP, as a server error', async () => {
    const c = client();
    const key = await c.create('not zip');
    emulator.faults.add({ route: 'glossary.download', kind: 'status', status: 200, body: { data: 'not a zip' } });
    assert.match((await rejection(() => c.download(key), 'server')).message, /not a ZIP archive/);
    emulator.faults.add({ route: 'glossary.download', kind: 'malformedJson' }); // the ZIP cut in half
    assert.match((await rejection(() => c.download(key), 'server')).message, /damaged ZIP archive/);
  });

  it('never puts the secret in an error, whatever fails', async () => {
    const clock = new FakeClock(Date.now());
    const c = client({ clock, credentials: SENTINEL_KEY });
    const key = await c.create('sentinel');
    const errors: TranslateError[] = [];
    emulator.faults.add({ route: 'glossary.create', kind: 'status', status: 500 });
    errors.push(await rejection(() => c.create('x')));
    emulator.faults.add({ route: 'glossary.list', kind: 'status', status: 400, body: { error: { errorCode: '100', message: 'bad', details: 'nope' } } });
    errors.push(await rejection(() => c.list()));
    emulator.faults.add({ route: 'glossary.list', kind: 'status', status: 429, body: { error: { errorCode: '400', message: 'Quota Exceeded' } } });
    errors.push(await rejection(() => c.list(), 'quota'));
    emulator.faults.add({ route: 'glossary.list', kind: 'malformedJson', times: 4 });
    errors.push(await rejection(() => c.list(), 'server'));
    errors.push(await rejection(() => c.upload(key, utf8('a,1\na,2\n'), 'dup.csv'), 'input'));
    errors.push(await rejection(() => c.delete('bad key'), 'input'));
    errors.push(await rejection(() => c.download('00000000-0000-0000-0000-000000000000'), 'notFound'));
    const closed = await startEmulator();
    await closed.close();
    const offline = client({ clock, credentials: SENTINEL_KEY, endpoint: closed.url });
    errors.push(await rejection(() => offline.list(), 'network'));
    for (const error of errors) assertNoSecret(error);
    assert.equal(errors.length, 8);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await rejection(() => client().list({ signal: controller.signal }), 'cancelled');
    emulator.faults.add({ route: 'glossary.list', kind: 'hang' });
    const hanging = new AbortController();
    const pending = client().list({ signal: hanging.signal });
    setTimeout(() => hanging.abort(), 50);
    await rejection(() => pending, 'cancelled');
  });

  it('accepts an endpoint with a trailing slash', async () => {
    await client({ endpoint: `${emulator.url}/` }).create('slash');
    assert.equal(entries(emulator, 'glossary.create')[0]?.path, '/glossary/v1/create');
  });
});
