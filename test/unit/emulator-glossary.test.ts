import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { ncpSignature } from '../emulator/ncpAuth';
import { startEmulator, type Emulator } from '../emulator/server';
import { createGlossary, ncpFetch, ncpHeaders, papagoPost, uploadGlossary } from '../emulator/testkit';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const VECTOR = {
  accessKey: 'DonNfVLUKOMNnmXXXXXX',
  secretKey: 'W5RyNUbIzOuUsEM8v8eqreMdSQZHMm9nfgXXXXXX',
  timestamp: 1700000000000,
  create: 'acemukh0WO8ESo8E+1rhf2AUU8fOXSN3lXvAM2JgKj4=',
  list: 'z0Oa6ze/1CdiEc7WqWvE8SM7X5xwkdJ/7aKuI0menG8=',
  delete: 'Qm1bufJsRQZYMmGUV1BnPfC1zdu78teiNuwNNEcqs/Y=',
};

describe('emulator: NCP IAM signature', () => {
  it('matches the documented test vectors', () => {
    const sign = (method: string, url: string) =>
      createHmac('sha256', VECTOR.secretKey).update(`${method} ${url}\n${VECTOR.timestamp}\n${VECTOR.accessKey}`).digest('base64');
    const cases: [string, string, string][] = [
      ['POST', '/glossary/v1/create', VECTOR.create],
      ['GET', '/glossary/v1/?currentPage=1&pageSize=10', VECTOR.list],
      ['DELETE', '/glossary/v1/c399cf78-781e-4353-89a6-cca8aaxxxxxx', VECTOR.delete],
    ];
    for (const [method, url, expected] of cases) {
      assert.equal(sign(method, url), expected);
      assert.equal(ncpSignature(method, url, String(VECTOR.timestamp), VECTOR.accessKey, VECTOR.secretKey), expected);
    }
  });

  it('accepts requests signed with the vectors when the clock matches', async () => {
    const emu = await startEmulator({ ncpIam: [{ accessKey: VECTOR.accessKey, secretKey: VECTOR.secretKey }], now: () => VECTOR.timestamp });
    try {
      const headers = (signature: string) => ({
        'x-ncp-apigw-timestamp': String(VECTOR.timestamp),
        'x-ncp-iam-access-key': VECTOR.accessKey,
        'x-ncp-apigw-signature-v2': signature,
      });
      const create = await fetch(`${emu.url}/glossary/v1/create`, {
        method: 'POST',
        headers: { ...headers(VECTOR.create), 'content-type': 'application/json' },
        body: JSON.stringify({ glossaryName: 'Glossary1' }),
      });
      assert.equal(create.status, 200);
      const list = await fetch(`${emu.url}/glossary/v1/?currentPage=1&pageSize=10`, { headers: headers(VECTOR.list) });
      assert.equal(list.status, 200);
      assert.equal(((await list.json()) as Json).totalGlossaryCount, 1);
      // Authenticated, but no such glossary: 404, not 401.
      const del = await fetch(`${emu.url}/glossary/v1/c399cf78-781e-4353-89a6-cca8aaxxxxxx`, { method: 'DELETE', headers: headers(VECTOR.delete) });
      assert.equal(del.status, 404);
      assert.equal(((await del.json()) as Json).error.errorCode, '300');
      // The list signature does not fit another query string.
      const other = await fetch(`${emu.url}/glossary/v1/?pageSize=10&currentPage=1`, { headers: headers(VECTOR.list) });
      assert.equal(other.status, 401);
    } finally {
      await emu.close();
    }
  });
});

describe('emulator: Papago glossary API', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());
  beforeEach(() => emu.glossaries.clear());

  async function expectAuthFailure(res: Response): Promise<void> {
    assert.equal(res.status, 401);
    const body: Json = await res.json();
    assert.equal(body.error.errorCode, '200');
    assert.equal(body.error.message, 'Authentication Failed');
  }

  describe('authentication', () => {
    const listPath = '/glossary/v1/?currentPage=1&pageSize=10';

    it('rejects missing headers', async () => {
      await expectAuthFailure(await fetch(emu.url + listPath));
    });

    it('rejects a wrong signature, an unknown access key and a wrong secret', async () => {
      const good = ncpHeaders('GET', listPath);
      await expectAuthFailure(await fetch(emu.url + listPath, { headers: { ...good, 'x-ncp-apigw-signature-v2': 'AAAA' } }));
      await expectAuthFailure(await fetch(emu.url + listPath, { headers: ncpHeaders('GET', listPath, Date.now(), { accessKey: 'nobody', secretKey: 'x' }) }));
      await expectAuthFailure(
        await fetch(emu.url + listPath, { headers: ncpHeaders('GET', listPath, Date.now(), { accessKey: 'emulator-access-key', secretKey: 'wrong' }) }),
      );
    });

    it('signs the path and query exactly as sent', async () => {
      // Signed without the query string, sent with it.
      await expectAuthFailure(await fetch(emu.url + listPath, { headers: ncpHeaders('GET', '/glossary/v1/') }));
      // Signed for another method.
      await expectAuthFailure(await fetch(emu.url + listPath, { headers: ncpHeaders('POST', listPath) }));
      assert.equal((await fetch(emu.url + listPath, { headers: ncpHeaders('GET', listPath) })).status, 200);
    });

    it('rejects timestamps more than the allowed skew away', async () => {
      const skew = 5 * 60 * 1000;
      await expectAuthFailure(await ncpFetch(emu, 'GET', listPath, { timestamp: Date.now() - skew - 10_000 }));
      await expectAuthFailure(await ncpFetch(emu, 'GET', listPath, { timestamp: Date.now() + skew + 10_000 }));
      assert.equal((await ncpFetch(emu, 'GET', listPath, { timestamp: Date.now() - skew + 10_000 })).status, 200);
    });
  });

  describe('create', () => {
    it('creates a glossary and returns its key', async () => {
      const key = await createGlossary(emu, 'Game terms', 'Terms of the game');
      assert.match(key, /^[0-9a-f-]{36}$/);
      const record = emu.glossaries.get(key);
      assert.equal(record?.glossaryName, 'Game terms');
      assert.equal(record?.description, 'Terms of the game');
      assert.ok(Number.isInteger(record?.createdDateTime));
    });

    const invalid: [string, unknown][] = [
      ['no name', { description: 'x' }],
      ['a name over 20 characters', { glossaryName: 'x'.repeat(21) }],
      ['a description over 50 characters', { glossaryName: 'ok', description: 'x'.repeat(51) }],
      ['a body that is not an object', [1, 2]],
    ];
    for (const [name, body] of invalid) {
      it(`answers 400 for ${name}`, async () => {
        const res = await ncpFetch(emu, 'POST', '/glossary/v1/create', { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        assert.equal(res.status, 400);
        assert.equal(typeof ((await res.json()) as Json).error.message, 'string');
      });
    }
  });

  describe('upload and download', () => {
    it('stores the terms of a CSV with BOM, header row and quoted fields', async () => {
      const key = await createGlossary(emu, 'Main');
      const csv = '\uFEFFsource,target\r\nPapago,파파고\r\n"Hive, ATS","하이브, ATS"\r\n\r\n"say ""hi""",인사\r\n';
      const res = await uploadGlossary(emu, key, csv);
      assert.equal(res.status, 200);
      const { data }: Json = await res.json();
      assert.deepEqual(Object.keys(data).sort(), ['createdDateTime', 'description', 'glossaryKey', 'glossaryName', 'updatedDateTime', 'wordCount']);
      assert.equal(data.glossaryKey, key);
      assert.equal(data.glossaryName, 'Main');
      assert.equal(data.wordCount, 3);
      assert.ok(Number.isInteger(data.createdDateTime) && Number.isInteger(data.updatedDateTime));
      assert.deepEqual(emu.glossaries.get(key)?.terms, [['Papago', '파파고'], ['Hive, ATS', '하이브, ATS'], ['say "hi"', '인사']]);
    });

    it('replaces the previous terms on a new upload', async () => {
      const key = await createGlossary(emu, 'Main');
      assert.equal((await uploadGlossary(emu, key, 'a,b\nc,d\n')).status, 200);
      assert.equal((await uploadGlossary(emu, key, 'e,f\n')).status, 200);
      assert.deepEqual(emu.glossaries.get(key)?.terms, [['e', 'f']]);
    });

    it('round-trips the terms through the ZIP download', async () => {
      const key = await createGlossary(emu, '게임 용어');
      const terms = [['Papago', '파파고'], ['Hive, ATS', '하이브'], ['quote "x"', '인용'], ['line', '줄']];
      const csv = terms.map(([s, t]) => [s, t].map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');
      assert.equal((await uploadGlossary(emu, key, csv)).status, 200);

      const res = await ncpFetch(emu, 'POST', `/glossary/v1/${key}/download`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/zip');
      const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
      assert.deepEqual(Object.keys(files), ['게임 용어.csv']);
      const downloaded = strFromU8(files['게임 용어.csv']);
      // Uploading the downloaded file gives the same terms.
      const copy = await createGlossary(emu, 'copy');
      assert.equal((await uploadGlossary(emu, copy, downloaded)).status, 200);
      assert.deepEqual(emu.glossaries.get(copy)?.terms, terms);
    });

    const bad: [string, string, RegExp][] = [
      ['three columns', 'a,b\nc,d,e\n', /line 2/],
      ['one column', 'a\n', /line 1/],
      ['an empty target', 'a,b\nc,\n', /line 2/],
      ['a duplicate source', 'a,b\nc,d\na,e\n', /line 3/],
      ['an unterminated quote', 'a,b\n"c,d\n', /line 2/],
      ['no terms', 'source,target\n', /no terms/],
    ];
    for (const [name, csv, line] of bad) {
      it(`answers 400 naming the line for ${name}`, async () => {
        const key = await createGlossary(emu, 'Bad');
        const res = await uploadGlossary(emu, key, csv);
        assert.equal(res.status, 400);
        const body: Json = await res.json();
        assert.match(body.error.message, line);
        assert.equal(typeof body.error.errorCode, 'string');
        assert.equal(emu.glossaries.get(key)?.terms.length, 0);
      });
    }

    it('answers 400 for invalid UTF-8, a body that is not multipart and a missing file field', async () => {
      const key = await createGlossary(emu, 'Bad');
      assert.equal((await uploadGlossary(emu, key, new Uint8Array([0x61, 0x2c, 0xff, 0xfe, 0x0a]))).status, 400);
      const notMultipart = await ncpFetch(emu, 'POST', `/glossary/v1/${key}/upload`, { headers: { 'content-type': 'text/csv' }, body: 'a,b\n' });
      assert.equal(notMultipart.status, 400);
      const form = new FormData();
      form.append('other', new Blob(['a,b']), 'x.csv');
      assert.equal((await ncpFetch(emu, 'POST', `/glossary/v1/${key}/upload`, { body: form })).status, 400);
    });

    it('answers 404 errorCode 300 for unknown glossaries', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      for (const res of [
        await uploadGlossary(emu, missing, 'a,b\n'),
        await ncpFetch(emu, 'POST', `/glossary/v1/${missing}/download`),
        await ncpFetch(emu, 'DELETE', `/glossary/v1/${missing}`),
      ]) {
        assert.equal(res.status, 404);
        const body: Json = await res.json();
        assert.equal(body.error.errorCode, '300');
        assert.equal(body.error.message, 'Not Found');
      }
    });

    it('answers 413 errorCode 430 for a file over 10 MB', async () => {
      const key = await createGlossary(emu, 'Big');
      const res = await uploadGlossary(emu, key, 'a,b\n'.repeat((10 * 1024 * 1024) / 4 + 1));
      assert.equal(res.status, 413);
      const body: Json = await res.json();
      assert.equal(body.error.errorCode, '430');
    });

    it('lets Papago NMT use an uploaded glossary', async () => {
      const key = await createGlossary(emu, 'Main');
      await uploadGlossary(emu, key, 'Hive,하이브\n');
      const res = await papagoPost(emu, { source: 'en', target: 'ko', text: 'Hive rocks', glossaryKey: key });
      assert.equal(((await res.json()) as Json).message.result.translatedText, '하이브 ko:rocks');
    });
  });

  describe('list and delete', () => {
    const list = (query: string) => ncpFetch(emu, 'GET', `/glossary/v1/${query}`);

    it('pages through 45 glossaries', async () => {
      const seeded = emu.glossaries.seed(45);
      const seen: string[] = [];
      for (const [page, count] of [[1, 20], [2, 20], [3, 5], [4, 0]]) {
        const res = await list(`?currentPage=${page}&pageSize=20`);
        assert.equal(res.status, 200);
        const body: Json = await res.json();
        assert.equal(body.currentPage, String(page));
        assert.equal(body.totalPage, 3);
        assert.equal(body.currentGlossaryCount, count);
        assert.equal(body.totalGlossaryCount, 45);
        assert.equal(body.data.length, count);
        for (const item of body.data) {
          assert.deepEqual(Object.keys(item).sort(), ['createdDateTime', 'description', 'glossaryKey', 'glossaryName', 'updatedDateTime', 'wordCount']);
          seen.push(item.glossaryKey);
        }
      }
      assert.deepEqual(seen, seeded.map((g) => g.glossaryKey));
    });

    it('can return currentPage as a number', async () => {
      const numeric = await startEmulator({ listPageAsString: false });
      try {
        const body: Json = await (await ncpFetch(numeric, 'GET', '/glossary/v1/?currentPage=1&pageSize=5')).json();
        assert.equal(body.currentPage, 1);
        assert.equal(body.totalPage, 0);
        assert.deepEqual(body.data, []);
      } finally {
        await numeric.close();
      }
    });

    for (const query of ['?currentPage=1', '?pageSize=10', '?currentPage=1&pageSize=31', '?currentPage=0&pageSize=10', '?currentPage=x&pageSize=10', '']) {
      it(`answers 400 for "${query}"`, async () => {
        const res = await list(query);
        assert.equal(res.status, 400);
        assert.equal(typeof ((await res.json()) as Json).error.message, 'string');
      });
    }

    it('deletes a glossary', async () => {
      const key = await createGlossary(emu, 'Gone');
      const res = await ncpFetch(emu, 'DELETE', `/glossary/v1/${key}`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { data: { glossaryKey: key } });
      assert.equal(emu.glossaries.get(key), undefined);
      assert.equal((await ncpFetch(emu, 'DELETE', `/glossary/v1/${key}`)).status, 404);
    });
  });
});
