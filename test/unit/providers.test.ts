import { strict as assert } from 'node:assert';
import { TranslateError } from '../../src/core/errors';
import { GlossaryClient } from '../../src/core/glossary/client';
import { HiveProvider } from '../../src/core/providers/hive';
import { PapagoProvider } from '../../src/core/providers/papago';
import { PapagoSmtProvider } from '../../src/core/providers/papagoSmt';
import { createProvider, routeProvider } from '../../src/core/providers/registry';
import { translatePerTarget } from '../../src/core/providers/perTarget';
import type { JobState } from '../../src/core/providers/types';
import { systemClock } from '../../src/core/runtime';
import { hiveSignature } from '../../src/core/signing';
import { startEmulator, type Emulator } from '../emulator/server';
import { emulatorContext } from '../support/context';
import { rejection } from '../support/rejection';

describe('providers (against the emulator)', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(async () => {
    await emulator.close();
  });

  describe('hive', () => {
    it('translates text into several targets in one sync call', async () => {
      const result = await new HiveProvider(emulatorContext(emulator)).translate({
        text: 'Server account',
        from: 'en',
        to: ['ko', 'zh-Hans', 'fr'],
        format: 'text',
      });
      assert.deepEqual(result.translations, [
        { to: 'ko', text: 'ko:Server ko:account' },
        { to: 'zh-Hans', text: 'zh-hans:Server zh-hans:account' },
        { to: 'fr', text: 'fr:Server fr:account' },
      ]);
      assert.equal(emulator.counters.requests['hive.sync'], 1);
      assert.equal(result.charsSent, 'Server account'.length);
      const body = JSON.parse(emulator.log[0].body);
      assert.equal(body.to, 'ko,zh-hans,fr');
      assert.equal(body.info.service_key, 'emulator-service-key');
    });

    it('detects the source language with auto and keeps HTML tags', async () => {
      const result = await new HiveProvider(emulatorContext(emulator)).translate({
        text: '<p class="x">서버 <b>계정</b></p>',
        from: 'auto',
        to: ['en'],
        format: 'html',
      });
      assert.equal(result.detectedLanguage, 'ko');
      assert.equal(result.translations[0].text, '<p class="x">en:서버 <b>en:계정</b></p>');
    });

    it('sends the project id in the path when configured', async () => {
      const context = { ...emulatorContext(emulator), hiveProjectId: 'com.example.game' };
      await new HiveProvider(context).translate({ text: 'Hi', from: 'en', to: ['ko'], format: 'text' });
      assert.equal(emulator.log[0].path, '/api/translate/sync/com.example.game');
    });

    it('runs an async Markdown job: submit, poll through its states, read the result', async () => {
      await emulator.close();
      emulator = await startEmulator({ asyncSteps: { waiting: 2, processing: 2 }, resultUrlHost: 'results.attacker.example' });
      const urls: string[] = [];
      const states: JobState[] = [];
      const result = await new HiveProvider(emulatorContext(emulator, { urls })).translate({
        text: '# Title\n\nSome *text*.\n',
        from: 'en',
        to: ['ko', 'ja'],
        format: 'markdown',
        onJobState: (state) => states.push(state),
      });
      assert.deepEqual(states, ['submitting', 'waiting', 'processing', 'completed']);
      // The emulator answers with \r\n like the service; the source used \n, so the result does too.
      assert.equal(result.translations[0].text, '# ko:Title\n\nko:Some *ko:text*.\n');
      assert.equal(result.translations[1].text, '# ja:Title\n\nja:Some *ja:text*.\n');
      assert.ok(urls.every((url) => url.startsWith(emulator.url)), 'never polls the host named in resultUrl');
      assert.equal(emulator.counters.requests['hive.async.result'], 5);
    });

    it('reports a failed job and an overdue job clearly', async () => {
      emulator.faults.add({ kind: 'jobFail' });
      const provider = new HiveProvider(emulatorContext(emulator));
      await rejection(provider.translate({ text: '# T', from: 'en', to: ['ko'], format: 'markdown' }), 'server', /job failed/);

      await emulator.close();
      emulator = await startEmulator({ asyncSteps: { waiting: 1000, processing: 1 } });
      const slow = new HiveProvider(emulatorContext(emulator, { poll: { initialDelayMs: 1000, maxDelayMs: 5000, deadlineMs: 60_000 } }));
      await rejection(slow.translate({ text: '# T', from: 'en', to: ['ko'], format: 'markdown' }), 'timeout', /did not finish/);
    });

    it('refuses auto-detection for Markdown before any request', async () => {
      await rejection(
        new HiveProvider(emulatorContext(emulator)).translate({ text: '# T', from: 'auto', to: ['ko'], format: 'markdown' }),
        'input',
        /cannot detect/,
      );
      assert.equal(emulator.log.length, 0);
    });
  });

  describe('papago', () => {
    it('translates with auto detection and a glossary', async () => {
      const key = emulator.glossaries.create('Game', '', [['서버', 'SERVER']]).glossaryKey;
      const result = await new PapagoProvider(emulatorContext(emulator)).translate({
        text: '서버 계정',
        from: 'auto',
        to: ['en'],
        format: 'text',
        glossaryKey: key,
      });
      assert.equal(result.detectedLanguage, 'ko');
      assert.match(result.translations[0].text, /SERVER/);
      assert.equal(JSON.parse(emulator.log[0].body).glossaryKey, key);
    });

    it('maps zh-Hans to zh-CN and calls once per target', async () => {
      const result = await new PapagoProvider(emulatorContext(emulator)).translate({ text: 'Hi', from: 'ko', to: ['zh-Hans', 'zh-Hant'], format: 'text' });
      assert.deepEqual(
        emulator.log.map((entry) => JSON.parse(entry.body).target),
        ['zh-CN', 'zh-TW'],
      );
      assert.equal(result.requests, 2);
    });

    it('refuses an unsupported pair or language before any request', async () => {
      const provider = new PapagoProvider(emulatorContext(emulator));
      await rejection(provider.translate({ text: 'Bonjour', from: 'fr', to: ['de'], format: 'text' }), 'unsupportedPair', /French \(fr\) to German \(de\)/);
      await rejection(provider.translate({ text: 'Hi', from: 'en', to: ['ar'], format: 'text' }), 'unsupportedPair', /Arabic/);
      await rejection(provider.translate({ text: '<b>x</b>', from: 'en', to: ['ko'], format: 'html' }), 'input', /HTML/);
      await rejection(provider.translate({ text: '   ', from: 'en', to: ['ko'], format: 'text' }), 'input', /no text/);
      assert.equal(emulator.log.length, 0);
    });

    it('splits text over 5,000 characters at sentence ends and joins the translations', async () => {
      const sentence = 'This is one sentence. ';
      const text = sentence.repeat(Math.ceil(12_000 / sentence.length)).trimEnd();
      const result = await new PapagoProvider(emulatorContext(emulator)).translate({ text, from: 'en', to: ['ko'], format: 'text' });
      assert.equal(result.requests, 3);
      const sent = emulator.log.map((entry) => JSON.parse(entry.body).text as string);
      assert.ok(sent.every((piece) => piece.length <= 5000));
      assert.equal(sent.join(''), text);
      assert.equal(result.translations[0].text, text.replace(/[A-Za-z]+/g, (word) => `ko:${word}`));
    });

    it('asks for credentials when none are set', () => {
      assert.throws(() => new PapagoProvider({ ...emulatorContext(emulator), credentials: {} }), (error: unknown) => {
        return error instanceof TranslateError && error.reason === 'config' && error.service === 'papago';
      });
    });
  });

  describe('papago-smt', () => {
    it('translates ko <-> en with form-encoded requests', async () => {
      const result = await new PapagoSmtProvider(emulatorContext(emulator)).translate({ text: '만나서 반갑습니다.', from: 'ko', to: ['en'], format: 'text' });
      assert.equal(result.translations[0].text, 'en:만나서 en:반갑습니다.');
      assert.match(emulator.log[0].headers['content-type'], /x-www-form-urlencoded/);
    });

    it('refuses pairs it never had and maps its daily limit to a quota error', async () => {
      const provider = new PapagoSmtProvider(emulatorContext(emulator));
      await rejection(provider.translate({ text: 'Hi', from: 'en', to: ['ja'], format: 'text' }), 'unsupportedPair');
      await rejection(provider.translate({ text: 'Hi', from: 'auto', to: ['ko'], format: 'text' }), 'input');
      await emulator.close();
      emulator = await startEmulator({ limits: { smtDailyChars: 5 } });
      await rejection(new PapagoSmtProvider(emulatorContext(emulator)).translate({ text: 'Hello there', from: 'en', to: ['ko'], format: 'text' }), 'quota', /daily limit/);
      assert.equal(emulator.counters.requests['smt.translate'], 1, 'quota is not retried');
    });
  });

  describe('router', () => {
    const hive = { serviceKey: 'k', secretKey: 's' };
    const papago = { clientId: 'i', clientSecret: 's' };
    it('sends Markdown and HTML to Hive and plain text to Papago when it is configured', () => {
      assert.equal(routeProvider('markdown', 'auto', { hive, papago }), 'hive');
      assert.equal(routeProvider('html', 'auto', { hive, papago }), 'hive');
      assert.equal(routeProvider('text', 'auto', { hive, papago }), 'papago');
      assert.equal(routeProvider('text', 'auto', { hive }), 'hive');
      assert.equal(routeProvider('markdown', 'auto', { papago }), 'papago');
    });
    it('lets an explicit choice win and explains a missing configuration', () => {
      assert.equal(routeProvider('markdown', 'pseudo', {}), 'pseudo');
      assert.throws(() => routeProvider('text', 'auto', {}), /pseudo or identity provider/);
      assert.throws(() => routeProvider('html', 'auto', { papago }), /HTML needs Hive/);
    });
    it('builds offline providers without any credential', async () => {
      const provider = createProvider('pseudo', emulatorContext(emulator, { credentials: {} }));
      const result = await provider.translate({ text: 'Hello', from: 'en', to: ['ko'], format: 'text' });
      assert.equal(result.translations[0].text, '[Ĥéļļó ~~]');
    });
  });
  describe('probes: one cheap call built like the real requests', () => {
    const PROBE_PATH = '/api/translate/async/result/00000000-0000-4000-8000-000000000000';

    it('hive reads the result of a job that cannot exist, signed like a translation', async () => {
      const provider = new HiveProvider(emulatorContext(emulator));
      await provider.translate({ text: 'Hi', from: 'en', to: ['ko'], format: 'text' });
      await provider.probe();
      assert.deepEqual(emulator.log.map((entry) => [entry.method, entry.path, entry.status]), [
        ['POST', '/api/translate/sync', 200],
        ['GET', PROBE_PATH, 404],
      ]);
      assert.equal(emulator.log[1].headers.signature, hiveSignature('emulator-service-key', 'emulator-secret-key'));
      assert.equal(emulator.log[1].headers.signature, emulator.log[0].headers.signature);
      assert.equal(emulator.counters.chars['hive.async.result'] ?? 0, 0, 'nothing is translated');
    });

    it('hive takes only "Unregistered job uuid" as success: a wrong signature or any other 404 fails', async () => {
      const wrong = new HiveProvider(emulatorContext(emulator, { credentials: { hive: { serviceKey: 'emulator-service-key', secretKey: 'wrong' } } }));
      await rejection(wrong.probe(), 'auth', /rejected the signature/);
      emulator.faults.add({ route: 'hive.async.result', kind: 'status', status: 404, body: { result: { code: 404, msg: 'Unregistered app key' } } });
      await rejection(new HiveProvider(emulatorContext(emulator)).probe(), 'auth', /does not know this service key/);
    });

    it('papago translates one character from English to Korean with the client headers', async () => {
      await new PapagoProvider(emulatorContext(emulator)).probe();
      assert.equal(emulator.log.length, 1);
      const [entry] = emulator.log;
      assert.deepEqual([entry.route, entry.status], ['papago.translate', 200]);
      assert.deepEqual(JSON.parse(entry.body), { source: 'en', target: 'ko', text: 'a' });
      assert.equal(entry.headers['x-ncp-apigw-api-key-id'], 'emulator-client-id');
      const wrong = new PapagoProvider(emulatorContext(emulator, { credentials: { papago: { clientId: 'emulator-client-id', clientSecret: 'wrong' } } }));
      await rejection(wrong.probe(), 'auth');
    });

    it('papago-smt translates one character with a form and the Naver client headers', async () => {
      await new PapagoSmtProvider(emulatorContext(emulator)).probe();
      assert.equal(emulator.log.length, 1);
      const [entry] = emulator.log;
      assert.deepEqual([entry.route, entry.status], ['smt.translate', 200]);
      assert.deepEqual(Object.fromEntries(new URLSearchParams(entry.body)), { source: 'en', target: 'ko', text: 'a' });
      assert.match(entry.headers['content-type'], /x-www-form-urlencoded/);
      assert.equal(entry.headers['x-naver-client-id'], 'emulator-naver-id');
      const wrong = new PapagoSmtProvider(emulatorContext(emulator, { credentials: { papagoSmt: { clientId: 'emulator-naver-id', clientSecret: 'wrong' } } }));
      await rejection(wrong.probe(), 'auth');
    });

    it('the glossary client lists a one-glossary page, signed with the IAM keys', async () => {
      // The glossary API refuses a timestamp more than five minutes off: sign with the real time.
      await new GlossaryClient(emulatorContext(emulator, { clock: systemClock })).probe();
      assert.equal(emulator.log.length, 1);
      const [entry] = emulator.log;
      assert.deepEqual([entry.route, entry.method, entry.path, entry.status], ['glossary.list', 'GET', '/glossary/v1/?currentPage=1&pageSize=1', 200]);
      assert.equal(entry.headers['x-ncp-iam-access-key'], 'emulator-access-key');
      const wrong = new GlossaryClient(
        emulatorContext(emulator, { clock: systemClock, credentials: { ncpIam: { accessKey: 'emulator-access-key', secretKey: 'wrong' } } }),
      );
      await rejection(wrong.probe(), 'auth');
    });

    it('every probe stops at a cancelled signal without sending anything', async () => {
      const context = emulatorContext(emulator);
      const controller = new AbortController();
      controller.abort();
      for (const client of [new HiveProvider(context), new PapagoProvider(context), new PapagoSmtProvider(context), new GlossaryClient(context)]) {
        await rejection(client.probe(controller.signal), 'cancelled');
      }
      assert.equal(emulator.log.length, 0);
    });
  });
});

describe('the per-target translate loop (Papago and Papago SMT)', () => {
  it('splits for the limit, skips blank pieces, keeps outer whitespace and calls once per piece and target', async () => {
    const text = 'abc\n      \nxyz'; // split at 5: 'abc\n', '     ' (blank), ' \nxyz'
    const calls: string[] = [];
    const result = await translatePerTarget('papago', { text, from: 'auto', to: ['ko', 'ja'], format: 'text' }, 5, async (piece, to) => {
      calls.push(`${to}:${piece}`);
      return { text: ` ${to}(${piece.trim()}) `, detectedLanguage: calls.length === 1 ? 'en' : 'fr', attempts: 2 };
    });
    assert.deepEqual(calls, ['ko:abc\n', 'ko: \nxyz', 'ja:abc\n', 'ja: \nxyz']);
    assert.deepEqual(result.translations, [
      { to: 'ko', text: 'ko(abc)\n      \nko(xyz)' },
      { to: 'ja', text: 'ja(abc)\n      \nja(xyz)' },
    ]);
    assert.equal(result.requests, 8);
    assert.equal(result.detectedLanguage, 'en', 'the first language a call reports');
    assert.equal(result.charsSent, text.length * 2);
  });
});
