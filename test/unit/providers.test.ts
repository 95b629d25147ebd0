import { strict as assert } from 'node:assert';
import { TranslateError } from '../../src/core/errors';
import { HiveProvider } from '../../src/core/providers/hive';
import { PapagoProvider } from '../../src/core/providers/papago';
import { PapagoSmtProvider } from '../../src/core/providers/papagoSmt';
import { createProvider, routeProvider } from '../../src/core/providers/registry';
import type { JobState } from '../../src/core/providers/types';
import { startEmulator, type Emulator } from '../emulator/server';
import { emulatorContext } from '../support/context';

async function rejectsWith(promise: Promise<unknown>, reason: string, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof TranslateError, String(error));
    assert.equal(error.reason, reason, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

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
      await rejectsWith(provider.translate({ text: '# T', from: 'en', to: ['ko'], format: 'markdown' }), 'server', /job failed/);

      await emulator.close();
      emulator = await startEmulator({ asyncSteps: { waiting: 1000, processing: 1 } });
      const slow = new HiveProvider(emulatorContext(emulator, { poll: { initialDelayMs: 1000, maxDelayMs: 5000, deadlineMs: 60_000 } }));
      await rejectsWith(slow.translate({ text: '# T', from: 'en', to: ['ko'], format: 'markdown' }), 'timeout', /did not finish/);
    });

    it('refuses auto-detection for Markdown before any request', async () => {
      await rejectsWith(
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
      await rejectsWith(provider.translate({ text: 'Bonjour', from: 'fr', to: ['de'], format: 'text' }), 'unsupportedPair', /French \(fr\) to German \(de\)/);
      await rejectsWith(provider.translate({ text: 'Hi', from: 'en', to: ['ar'], format: 'text' }), 'unsupportedPair', /Arabic/);
      await rejectsWith(provider.translate({ text: '<b>x</b>', from: 'en', to: ['ko'], format: 'html' }), 'input', /HTML/);
      await rejectsWith(provider.translate({ text: '   ', from: 'en', to: ['ko'], format: 'text' }), 'input', /no text/);
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
      await rejectsWith(provider.translate({ text: 'Hi', from: 'en', to: ['ja'], format: 'text' }), 'unsupportedPair');
      await rejectsWith(provider.translate({ text: 'Hi', from: 'auto', to: ['ko'], format: 'text' }), 'input');
      await emulator.close();
      emulator = await startEmulator({ limits: { smtDailyChars: 5 } });
      await rejectsWith(new PapagoSmtProvider(emulatorContext(emulator)).translate({ text: 'Hello there', from: 'en', to: ['ko'], format: 'text' }), 'quota', /daily limit/);
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
});
