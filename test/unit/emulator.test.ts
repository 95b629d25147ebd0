import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import * as path from 'node:path';
import { fakeTranslate } from '../emulator/fakeTranslate';
import { hiveSignature } from '../emulator/hive';
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator } from '../emulator/server';
import { hiveHeaders, hivePost, papagoPost } from '../emulator/testkit';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function json(res: Response): Promise<Json> {
  return res.json();
}

describe('emulator: server', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.faults.clear();
    emu.counters.reset();
    emu.log.length = 0;
  });

  it('binds 127.0.0.1 on an ephemeral port', () => {
    assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(emu.port > 0);
    assert.equal(emu.url, `http://127.0.0.1:${emu.port}`);
  });

  it('answers unknown routes with a gateway-style 404', async () => {
    const res = await fetch(`${emu.url}/no/such/route`);
    assert.equal(res.status, 404);
    const body = await json(res);
    assert.equal(body.error.errorCode, '300');
    assert.equal(body.error.message, 'Not Found');
    assert.equal(emu.counters.requests.unknown, 1);
  });

  it('counts requests and characters by route and logs every request as received', async () => {
    const res = await hivePost(emu, '/api/translate/sync', { text: 'Hello world', from: 'en', to: 'ko,ja' });
    assert.equal(res.status, 200);
    assert.equal(emu.counters.requests['hive.sync'], 1);
    assert.equal(emu.counters.chars['hive.sync'], 11);
    assert.equal(emu.log.length, 1);
    const entry = emu.log[0];
    assert.equal(entry.route, 'hive.sync');
    assert.equal(entry.method, 'POST');
    assert.equal(entry.path, '/api/translate/sync');
    assert.equal(entry.status, 200);
    assert.equal(entry.headers.signature, hiveSignature(DEFAULT_CREDENTIALS.hive.serviceKey, DEFAULT_CREDENTIALS.hive.secretKey));
    assert.match(entry.body, /Hello world/);
    emu.counters.reset();
    assert.deepEqual(emu.counters.requests, {});
    assert.deepEqual(emu.counters.chars, {});
  });

  it('answers bodies over the limit with 413 (gateway code 430)', async () => {
    const small = await startEmulator({ limits: { maxBodyBytes: 1024 } });
    try {
      const res = await papagoPost(small, { source: 'en', target: 'ko', text: 'x'.repeat(2000) });
      assert.equal(res.status, 413);
      assert.equal((await json(res)).error.errorCode, '430');
    } finally {
      await small.close();
    }
  });
});

describe('emulator: Hive ATS', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.faults.clear();
    emu.jobs.clear();
  });

  describe('signature', () => {
    it('matches the documented test vectors', () => {
      const sign = (key: string, secret: string) => createHmac('sha256', secret).update(key).digest('base64');
      assert.equal(sign('your_service_key', 'your_secret_key'), 'MKxTG7Y6lLji2LDbLS9DIMbf0nd6qmUvHLNUTsfVKxI=');
      assert.equal(hiveSignature('your_service_key', 'your_secret_key'), 'MKxTG7Y6lLji2LDbLS9DIMbf0nd6qmUvHLNUTsfVKxI=');
      assert.equal(hiveSignature('802890479467404e', 'test-secret-key'), 'T7IMJxwzgOJh5lmz1STDH+1LI/50XzHqsrtDeJZxozw=');
    });

    it('accepts the documented vector as a registered key, via service_key or app_key', async () => {
      const vec = await startEmulator({ hive: [{ serviceKey: 'your_service_key', secretKey: 'your_secret_key' }] });
      try {
        const headers = { 'content-type': 'application/json', signature: 'MKxTG7Y6lLji2LDbLS9DIMbf0nd6qmUvHLNUTsfVKxI=' };
        for (const info of [{ service_key: 'your_service_key' }, { app_key: 'your_service_key' }]) {
          const res = await fetch(`${vec.url}/api/translate/sync`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ info, text: 'Hi', from: 'en', to: 'ko' }),
          });
          assert.equal(res.status, 200, JSON.stringify(info));
        }
        const bad = await fetch(`${vec.url}/api/translate/sync`, {
          method: 'POST',
          headers: { ...headers, signature: 'T7IMJxwzgOJh5lmz1STDH+1LI/50XzHqsrtDeJZxozw=' },
          body: JSON.stringify({ info: { service_key: 'your_service_key' }, text: 'Hi', from: 'en', to: 'ko' }),
        });
        assert.equal(bad.status, 401);
        assert.deepEqual(await json(bad), { result: { code: 401, msg: 'Wrong Signature' } });
      } finally {
        await vec.close();
      }
    });

    it('rejects a missing signature with 401 and an unknown key with 404', async () => {
      const missing = await hivePost(emu, '/api/translate/sync', { text: 'Hi', from: 'en', to: 'ko' }, { 'content-type': 'application/json' });
      assert.equal(missing.status, 401);
      assert.deepEqual(await json(missing), { result: { code: 401, msg: 'Wrong Signature' } });
      const unknown = await hivePost(emu, '/api/translate/sync', { info: { service_key: 'nobody' }, text: 'Hi', from: 'en', to: 'ko' });
      assert.equal(unknown.status, 404);
      assert.deepEqual(await json(unknown), { result: { code: 404, msg: 'Unregistered app key' } });
    });
  });

  describe('sync', () => {
    it('translates to every target with the documented response shape', async () => {
      const res = await hivePost(emu, '/api/translate/sync/com.example.game', { text: 'Hello <b>world</b>', from: 'en', to: 'ko, fr ,de' });
      assert.equal(res.status, 200);
      assert.deepEqual(await json(res), {
        result: { code: 200, msg: 'Success' },
        content: {
          data: {
            translateMsg: [
              {
                detectedLanguage: { language: 'en', score: -1 },
                translations: [
                  { text: 'ko:Hello <b>ko:world</b>', to: 'ko' },
                  { text: 'fr:Hello <b>fr:world</b>', to: 'fr' },
                  { text: 'de:Hello <b>de:world</b>', to: 'de' },
                ],
              },
            ],
          },
        },
      });
    });

    it('detects the source language with from "auto"', async () => {
      const cases: [string, string][] = [['안녕하세요', 'ko'], ['こんにちは', 'ja'], ['你好', 'zh-hans'], ['Hello', 'en']];
      for (const [text, language] of cases) {
        const body = await json(await hivePost(emu, '/api/translate/sync', { text, from: 'auto', to: 'it' }));
        assert.equal(body.content.data.translateMsg[0].detectedLanguage.language, language);
        assert.ok(body.content.data.translateMsg[0].detectedLanguage.score > 0);
        assert.equal(body.content.data.translateMsg[0].translations[0].text, fakeTranslate(text, language, 'it', 'html'));
      }
    });

    const invalid: [string, Record<string, unknown>, string][] = [
      ['no text', { from: 'en', to: 'ko' }, 'text'],
      ['empty text', { text: '', from: 'en', to: 'ko' }, 'text'],
      ['no from', { text: 'Hi', to: 'ko' }, 'from'],
      ['unknown from', { text: 'Hi', from: 'xx', to: 'ko' }, 'from'],
      ['no to', { text: 'Hi', from: 'en' }, 'to'],
      ['unknown to', { text: 'Hi', from: 'en', to: 'ko,zh-CN' }, 'to'],
      ['empty to entry', { text: 'Hi', from: 'en', to: 'ko,' }, 'to'],
      ['meta_data over 1 KB', { info: { service_key: DEFAULT_CREDENTIALS.hive.serviceKey, meta_data: { k: 'x'.repeat(1100) } }, text: 'Hi', from: 'en', to: 'ko' }, 'meta_data'],
      ['no info', { info: undefined, text: 'Hi', from: 'en', to: 'ko' }, 'info'],
      ['no key in info', { info: {}, text: 'Hi', from: 'en', to: 'ko' }, 'service_key'],
    ];
    for (const [name, body, field] of invalid) {
      it(`answers 400 for ${name}`, async () => {
        const res = await hivePost(emu, '/api/translate/sync', body);
        assert.equal(res.status, 400);
        assert.deepEqual(await json(res), { result: { code: 400, msg: `${field} is Missing or Incorrect request` } });
      });
    }

    it('accepts meta_data under 1 KB', async () => {
      const res = await hivePost(emu, '/api/translate/sync', {
        info: { service_key: DEFAULT_CREDENTIALS.hive.serviceKey, meta_data: { game: 'MLB' } },
        text: 'Hi',
        from: 'en',
        to: 'ko',
      });
      assert.equal(res.status, 200);
    });

    it('answers 400 for a body that is not JSON', async () => {
      const res = await fetch(`${emu.url}/api/translate/sync`, { method: 'POST', headers: hiveHeaders(), body: '{"info":' });
      assert.equal(res.status, 400);
      assert.deepEqual(await json(res), { result: { code: 400, msg: 'body is Missing or Incorrect request' } });
    });

    it('answers 400 for text over the limit', async () => {
      const small = await startEmulator({ limits: { hiveChars: 10 } });
      try {
        assert.equal((await hivePost(small, '/api/translate/sync', { text: '0123456789', from: 'en', to: 'ko' })).status, 200);
        const res = await hivePost(small, '/api/translate/sync', { text: '0123456789A', from: 'en', to: 'ko' });
        assert.equal(res.status, 400);
        assert.equal((await json(res)).result.msg, 'text is Missing or Incorrect request');
      } finally {
        await small.close();
      }
    });
  });

  describe('async', () => {
    const markdown = '# Title\n\nSome *text* and `code`.\n\n```\nkeep me\n```\n';

    async function submit(target: { url: string }, body: Record<string, unknown> = { text: markdown, from: 'en', to: 'ko,ja' }, p = '/api/translate/async') {
      const res = await hivePost(target, p, body);
      assert.equal(res.status, 200);
      return (await json(res)).content as { uuid: string; resultUrl: string };
    }

    function poll(target: { url: string }, uuid: string, headers: Record<string, string> = { signature: hiveHeaders().signature }) {
      return fetch(`${target.url}/api/translate/async/result/${uuid}`, { headers });
    }

    it('walks waiting -> processing -> completed, one state per poll', async () => {
      const { uuid, resultUrl } = await submit(emu);
      assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(resultUrl, `http://127.0.0.1:${emu.port}/api/translate/async/result/${uuid}`);

      const first = await json(await poll(emu, uuid));
      assert.deepEqual(first, { result: { code: 200, msg: 'Success' }, content: { status: { code: 101, msg: 'waiting' } } });
      const second = await json(await poll(emu, uuid));
      assert.deepEqual(second.content, { status: { code: 102, msg: 'processing' } });
      const third = await json(await poll(emu, uuid));
      assert.deepEqual(third.content.status, { code: 100, msg: 'completed' });
      const translations = third.content.data.translateMsg[0].translations;
      assert.deepEqual(
        translations.map((t: Json) => t.to),
        ['ko', 'ja'],
      );
      const expected = fakeTranslate(markdown, 'en', 'ko', 'markdown').replace(/\n/g, '\r\n');
      assert.equal(translations[0].text, expected);
      assert.ok(translations[0].text.includes('```\r\nkeep me\r\n```'));
      assert.equal(emu.jobs.get(uuid)?.polls, 3);
      assert.equal(emu.jobs.get(uuid)?.state, 'completed');
      // Later polls keep answering completed.
      assert.equal((await json(await poll(emu, uuid))).content.status.code, 100);
    });

    it('honours asyncSteps, crlf and resultUrlHost options', async () => {
      const custom = await startEmulator({ asyncSteps: { waiting: 0, processing: 2 }, crlf: false, resultUrlHost: 'test-ats.withhive.com' });
      try {
        const { uuid, resultUrl } = await submit(custom, { text: 'a\nb', from: 'en', to: 'ko' });
        assert.equal(resultUrl, `http://test-ats.withhive.com/api/translate/async/result/${uuid}`);
        assert.equal((await json(await poll(custom, uuid))).content.status.code, 102);
        assert.equal((await json(await poll(custom, uuid))).content.status.code, 102);
        const done = await json(await poll(custom, uuid));
        assert.equal(done.content.status.code, 100);
        assert.equal(done.content.data.translateMsg[0].translations[0].text, 'ko:a\nko:b');
      } finally {
        await custom.close();
      }
    });

    it('accepts a project id in the path', async () => {
      const { uuid } = await submit(emu, { text: 'Hi', from: 'en', to: 'ko' }, '/api/translate/async/com.example.game');
      assert.equal(emu.jobs.get(uuid)?.projectId, 'com.example.game');
    });

    it('rejects from "auto"', async () => {
      const res = await hivePost(emu, '/api/translate/async', { text: 'Hi', from: 'auto', to: 'ko' });
      assert.equal(res.status, 400);
      assert.equal((await json(res)).result.msg, 'from is Missing or Incorrect request');
    });

    it('answers 404 Unregistered job uuid for unknown jobs and jobs of another key', async () => {
      const other = { serviceKey: 'other-key', secretKey: 'other-secret' };
      const two = await startEmulator({ hive: [DEFAULT_CREDENTIALS.hive, other] });
      try {
        const unknown = await poll(two, '00000000-0000-4000-8000-000000000000');
        assert.equal(unknown.status, 404);
        assert.deepEqual(await json(unknown), { result: { code: 404, msg: 'Unregistered job uuid' } });
        const { uuid } = await submit(two, { text: 'Hi', from: 'en', to: 'ko' });
        const foreign = await poll(two, uuid, { signature: hiveHeaders(other).signature });
        assert.equal(foreign.status, 404);
        assert.equal((await json(foreign)).result.msg, 'Unregistered job uuid');
        assert.equal((await poll(two, uuid)).status, 200);
      } finally {
        await two.close();
      }
    });

    it('answers 401 to a result poll without a valid signature', async () => {
      const { uuid } = await submit(emu, { text: 'Hi', from: 'en', to: 'ko' });
      assert.equal((await poll(emu, uuid, {})).status, 401);
      const wrong = await poll(emu, uuid, { signature: 'bm90IGEgc2lnbmF0dXJl' });
      assert.equal(wrong.status, 401);
      assert.deepEqual(await json(wrong), { result: { code: 401, msg: 'Wrong Signature' } });
    });

    it('fails a job with a jobFail fault at submit', async () => {
      emu.faults.add({ kind: 'jobFail' });
      const { uuid } = await submit(emu, { text: 'Hi', from: 'en', to: 'ko' });
      assert.equal((await json(await poll(emu, uuid))).content.status.code, 101);
      assert.equal((await json(await poll(emu, uuid))).content.status.code, 102);
      const failed = await json(await poll(emu, uuid));
      assert.deepEqual(failed.content, { status: { code: 199, msg: 'failed' } });
    });

    it('fails a job with a jobFail fault at a result poll', async () => {
      const { uuid } = await submit(emu, { text: 'Hi', from: 'en', to: 'ko' });
      emu.faults.add({ kind: 'jobFail', route: 'hive.async.result' });
      assert.deepEqual((await json(await poll(emu, uuid))).content, { status: { code: 199, msg: 'failed' } });
      assert.equal(emu.jobs.get(uuid)?.state, 'failed');
    });
  });
});

describe('emulator: faults', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.faults.clear();
    emu.counters.reset();
  });

  const ok = { source: 'en', target: 'ko', text: 'Hello' };

  it('status: answers the given status, body and Retry-After for `times` requests', async () => {
    emu.faults.add({ route: 'papago.translate', kind: 'status', status: 429, retryAfter: '1', times: 3, body: { error: { errorCode: '420', message: 'Rate Limited' } } });
    for (let i = 0; i < 3; i++) {
      const res = await papagoPost(emu, ok);
      assert.equal(res.status, 429);
      assert.equal(res.headers.get('retry-after'), '1');
      assert.deepEqual(await json(res), { error: { errorCode: '420', message: 'Rate Limited' } });
    }
    assert.equal((await papagoPost(emu, ok)).status, 200);
    assert.equal(emu.counters.requests['papago.translate'], 4);
    assert.equal(emu.faults.active.length, 0);
  });

  it('status: uses the service error shape when no body is given, and only on its route', async () => {
    emu.faults.add({ route: 'hive.sync', kind: 'status', status: 503 });
    assert.equal((await papagoPost(emu, ok)).status, 200);
    const res = await hivePost(emu, '/api/translate/sync', { text: 'Hi', from: 'en', to: 'ko' });
    assert.equal(res.status, 503);
    assert.deepEqual(await json(res), { result: { code: 503, msg: 'Service Unavailable' } });
    emu.faults.add({ kind: 'status', status: 500 });
    const papago = await papagoPost(emu, ok);
    assert.equal(papago.status, 500);
    assert.equal((await json(papago)).error.errorCode, 'N2MT99');
  });

  it('status: queued faults apply in order, one per request', async () => {
    emu.faults.add({ kind: 'status', status: 500 });
    emu.faults.add({ kind: 'status', status: 502 });
    assert.equal((await papagoPost(emu, ok)).status, 500);
    assert.equal((await papagoPost(emu, ok)).status, 502);
    assert.equal((await papagoPost(emu, ok)).status, 200);
  });

  it('latency: delays, then answers normally', async () => {
    emu.faults.add({ route: 'papago.translate', kind: 'latency', ms: 150 });
    const started = Date.now();
    const res = await papagoPost(emu, ok);
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started >= 140, 'was not delayed');
    assert.equal((await json(res)).message.result.translatedText, 'ko:Hello');
  });

  it('reset: destroys the connection without an answer', async () => {
    emu.faults.add({ kind: 'reset' });
    await assert.rejects(papagoPost(emu, ok), TypeError);
    assert.equal(emu.counters.requests['papago.translate'], 1);
    assert.equal(emu.log.at(-1)?.status, 0);
    assert.equal((await papagoPost(emu, ok)).status, 200);
  });

  it('hang: never answers; the client abort ends it', async () => {
    emu.faults.add({ kind: 'hang' });
    const started = Date.now();
    await assert.rejects(papagoPost(emu, ok, undefined, AbortSignal.timeout(200)), (error: Error) => error.name === 'TimeoutError');
    assert.ok(Date.now() - started < 5000);
    assert.equal((await papagoPost(emu, ok)).status, 200);
  });

  it('malformedJson: answers 200 with JSON that does not parse', async () => {
    emu.faults.add({ route: 'papago.translate', kind: 'malformedJson' });
    const res = await papagoPost(emu, ok);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    const text = await res.text();
    assert.ok(text.startsWith('{"message":'));
    assert.throws(() => JSON.parse(text));
  });

  it('close() does not hang on hung or delayed requests', async () => {
    const other = await startEmulator();
    other.faults.add({ kind: 'hang' });
    other.faults.add({ kind: 'latency', ms: 60_000, times: 2 }); // both requests: latency faults add to any other fault
    const hung = papagoPost(other, ok);
    const delayed = papagoPost(other, ok);
    const settled = Promise.allSettled([hung, delayed]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await other.close();
    assert.ok(Date.now() - started < 2000, 'close() took too long');
    const results = await settled;
    assert.ok(results.every((r) => r.status === 'rejected'));
  });

  it('rejects invalid fault specs', () => {
    assert.throws(() => emu.faults.add({ kind: 'status' }));
    // @ts-expect-error an unknown kind
    assert.throws(() => emu.faults.add({ kind: 'explode' }));
  });
});

describe('emulator: npm run emulator (main.ts)', () => {
  it('prints the environment lines, logs requests without header values and exits on SIGTERM', async () => {
    const main = path.join(__dirname, '..', 'emulator', 'main.ts');
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), main, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 150 && stdout.split('\n').length < 12; i++) await new Promise((r) => setTimeout(r, 100));
      const lines = stdout.trim().split('\n');
      assert.equal(lines.length, 11, stdout);
      const url = /^export HIVE_ENDPOINT=(http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0])?.[1];
      assert.ok(url, lines[0]);
      assert.deepEqual(lines, [
        `export HIVE_ENDPOINT=${url}`,
        'export HIVE_SERVICE_KEY=emulator-service-key',
        'export HIVE_SECRET_KEY=emulator-secret-key',
        `export PAPAGO_ENDPOINT=${url}`,
        'export NCP_API_KEY_ID=emulator-client-id',
        'export NCP_API_KEY=emulator-client-secret',
        'export NCP_ACCESS_KEY=emulator-access-key',
        'export NCP_SECRET_KEY=emulator-iam-secret',
        `export PAPAGO_SMT_ENDPOINT=${url}`,
        'export NAVER_CLIENT_ID=emulator-naver-id',
        'export NAVER_CLIENT_SECRET=emulator-naver-secret',
      ]);
      assert.equal((await papagoPost({ url }, { source: 'en', target: 'ko', text: 'Hi' })).status, 200);
      for (let i = 0; i < 50 && !stderr.includes('/nmt/v1/translation'); i++) await new Promise((r) => setTimeout(r, 50));
      assert.match(stderr, /POST \/nmt\/v1\/translation 200 \d+ms/);
      assert.ok(!stderr.includes(DEFAULT_CREDENTIALS.papago.clientSecret));
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
  });
});
