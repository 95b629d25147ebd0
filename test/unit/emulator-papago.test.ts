import assert from 'node:assert/strict';
import { fakeTranslate, fakeTranslateWithGlossary } from '../emulator/fakeTranslate';
import { isPapagoPair, PAPAGO_PAIRS } from '../emulator/papago';
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator } from '../emulator/server';
import { SMT_PAIRS } from '../emulator/smt';
import { papagoHeaders, papagoPost, smtPost } from '../emulator/testkit';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('emulator: Papago NMT', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  it('translates a JSON body with the documented shape plus an extra field', async () => {
    const res = await papagoPost(emu, { source: 'ko', target: 'en', text: '안녕하세요 세계' });
    assert.equal(res.status, 200);
    const body: Json = await res.json();
    assert.deepEqual(body.message['@type'], 'response');
    assert.deepEqual(body.message['@service'], 'naverservice.nmt.proxy');
    assert.deepEqual(body.message['@version'], '1.0.0');
    const { srcLangType, tarLangType, translatedText, engineType, ...extra } = body.message.result;
    assert.deepEqual({ srcLangType, tarLangType, translatedText, engineType }, {
      srcLangType: 'ko',
      tarLangType: 'en',
      translatedText: 'en:안녕하세요 en:세계',
      engineType: 'N2MT',
    });
    assert.ok(Object.keys(extra).length > 0, 'an unknown extra field is present');
  });

  it('translates a form-urlencoded body and keeps line breaks', async () => {
    const res = await fetch(`${emu.url}/nmt/v1/translation`, {
      method: 'POST',
      headers: { ...papagoHeaders(), 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      body: new URLSearchParams({ source: 'en', target: 'ja', text: 'one\ntwo\r\n\nsee https://example.com/a_b' }).toString(),
    });
    assert.equal(res.status, 200);
    const body: Json = await res.json();
    assert.equal(body.message.result.translatedText, 'ja:one\nja:two\r\n\nja:see https://example.com/a_b');
  });

  it('detects the source with "auto"', async () => {
    const body: Json = await (await papagoPost(emu, { source: 'auto', target: 'en', text: 'こんにちは' })).json();
    assert.equal(body.message.result.srcLangType, 'ja');
    const zh: Json = await (await papagoPost(emu, { source: 'auto', target: 'ko', text: '你好' })).json();
    assert.equal(zh.message.result.srcLangType, 'zh-CN');
  });

  it('rejects missing or wrong API keys with the gateway 401', async () => {
    for (const headers of [{}, papagoHeaders({ clientId: DEFAULT_CREDENTIALS.papago.clientId, clientSecret: 'wrong' }), papagoHeaders({ clientId: 'x', clientSecret: 'y' })]) {
      const res = await papagoPost(emu, { source: 'en', target: 'ko', text: 'Hi' }, headers);
      assert.equal(res.status, 401);
      const body: Json = await res.json();
      assert.equal(body.error.errorCode, '200');
      assert.equal(body.error.message, 'Authentication Failed');
    }
  });

  const errors: [string, Record<string, unknown>][] = [
    ['N2MT01', { target: 'ko', text: 'Hi' }],
    ['N2MT02', { source: 'pt', target: 'ko', text: 'Hi' }],
    ['N2MT03', { source: 'en', text: 'Hi' }],
    ['N2MT04', { source: 'en', target: 'zh-hans', text: 'Hi' }],
    ['N2MT04', { source: 'en', target: 'auto', text: 'Hi' }],
    ['N2MT05', { source: 'en', target: 'en', text: 'Hi' }],
    ['N2MT05', { source: 'auto', target: 'en', text: 'Hello' }],
    ['N2MT06', { source: 'fr', target: 'de', text: 'Bonjour' }],
    ['N2MT06', { source: 'zh-CN', target: 'vi', text: '你好' }],
    ['N2MT07', { source: 'en', target: 'ko' }],
    ['N2MT07', { source: 'en', target: 'ko', text: '' }],
    ['N2MT07', { source: 'en', target: 'ko', text: ' \n ' }],
    ['N2MT08', { source: 'en', target: 'ko', text: 'a'.repeat(5001) }],
  ];
  for (const [code, fields] of errors) {
    it(`answers 400 ${code} for ${JSON.stringify(fields).slice(0, 60)}`, async () => {
      const res = await papagoPost(emu, fields);
      assert.equal(res.status, 400);
      const body: Json = await res.json();
      assert.equal(body.error.errorCode, code);
      assert.equal(typeof body.error.message, 'string');
    });
  }

  it('accepts exactly 5000 characters (code points, not UTF-16 units)', async () => {
    assert.equal((await papagoPost(emu, { source: 'en', target: 'ko', text: 'a'.repeat(5000) })).status, 200);
    assert.equal((await papagoPost(emu, { source: 'en', target: 'ko', text: '😀'.repeat(5000) })).status, 200);
  });

  it('translates zh-CN <-> zh-TW and every pair with ko, en or ja', async () => {
    assert.equal((await papagoPost(emu, { source: 'zh-CN', target: 'zh-TW', text: '你好' })).status, 200);
    assert.equal((await papagoPost(emu, { source: 'vi', target: 'ja', text: 'Xin chao' })).status, 200);
    assert.ok(isPapagoPair('ko', 'it') && isPapagoPair('th', 'en') && isPapagoPair('zh-TW', 'zh-CN'));
    assert.ok(!isPapagoPair('fr', 'de') && !isPapagoPair('ko', 'ko') && !isPapagoPair('zh-CN', 'fr'));
    // 3 hub languages x 12 others each way, minus the 6 hub-to-hub pairs counted twice, plus 2 zh pairs.
    assert.equal(PAPAGO_PAIRS.length, 3 * 12 * 2 - 6 + 2);
  });

  it('answers 400 for an unknown glossaryKey and applies a known glossary', async () => {
    const unknown = await papagoPost(emu, { source: 'en', target: 'ko', text: 'Hi', glossaryKey: '00000000-0000-4000-8000-000000000000' });
    assert.equal(unknown.status, 400);
    assert.equal(((await unknown.json()) as Json).error.errorCode, 'N2MT09');

    const terms: [string, string][] = [['Papago', '파파고'], ['Papago Translation', '파파고 번역']];
    const glossary = emu.glossaries.create('terms', null, terms);
    const text = 'Use Papago Translation, not Papago alone.';
    const res = await papagoPost(emu, { source: 'en', target: 'ko', text, glossaryKey: glossary.glossaryKey });
    const translated = ((await res.json()) as Json).message.result.translatedText;
    assert.equal(translated, 'ko:Use 파파고 번역, ko:not 파파고 ko:alone.');
    assert.equal(translated, fakeTranslateWithGlossary(text, 'en', 'ko', terms));
    // fr -> en is not a glossary pair... but it is not a Papago pair either; en -> fr is, and ignores the glossary.
    const fr: Json = await (await papagoPost(emu, { source: 'en', target: 'fr', text, glossaryKey: glossary.glossaryKey })).json();
    assert.equal(fr.message.result.translatedText, fakeTranslate(text, 'en', 'fr'));
  });
});

describe('emulator: Papago SMT (legacy)', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  it('translates a form body with the documented shape', async () => {
    const res = await smtPost(emu, { source: 'ko', target: 'en', text: '만나서 반갑습니다.' });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {
      message: {
        '@type': 'response',
        '@service': 'naverservice.labs.api',
        '@version': '1.0.0',
        result: { translatedText: 'en:만나서 en:반갑습니다.', srcLangType: 'ko' },
      },
    });
  });

  it('rejects unknown client ids and wrong secrets with 401 errorCode 024', async () => {
    const unknown = await smtPost(emu, { source: 'ko', target: 'en', text: 'a' }, { clientId: 'nobody', clientSecret: 'x' });
    assert.equal(unknown.status, 401);
    assert.deepEqual(await unknown.json(), { errorMessage: 'Not Exist Client ID : Authentication failed.', errorCode: '024' });
    const wrong = await smtPost(emu, { source: 'ko', target: 'en', text: 'a' }, { clientId: DEFAULT_CREDENTIALS.smt.clientId, clientSecret: 'x' });
    assert.equal(wrong.status, 401);
    assert.equal(((await wrong.json()) as Json).errorCode, '024');
  });

  const errors: [string, Record<string, string>][] = [
    ['TR01', { target: 'en', text: 'a' }],
    ['TR02', { source: 'fr', target: 'en', text: 'a' }],
    ['TR02', { source: 'auto', target: 'en', text: 'a' }],
    ['TR03', { source: 'ko', text: 'a' }],
    ['TR04', { source: 'ko', target: 'de', text: 'a' }],
    ['TR05', { source: 'ko', target: 'ko', text: 'a' }],
    ['TR06', { source: 'en', target: 'ja', text: 'a' }],
    ['TR07', { source: 'ko', target: 'en' }],
    ['TR08', { source: 'ko', target: 'en', text: 'a'.repeat(5001) }],
  ];
  for (const [code, fields] of errors) {
    it(`answers 400 ${code} for ${JSON.stringify(fields).slice(0, 60)}`, async () => {
      const res = await smtPost(emu, fields);
      assert.equal(res.status, 400);
      const body: Json = await res.json();
      assert.equal(body.errorCode, code);
      assert.equal(typeof body.errorMessage, 'string');
    });
  }

  it('takes form bodies only: a JSON body has no fields', async () => {
    const res = await fetch(`${emu.url}/v1/language/translate`, {
      method: 'POST',
      headers: { 'x-naver-client-id': DEFAULT_CREDENTIALS.smt.clientId, 'x-naver-client-secret': DEFAULT_CREDENTIALS.smt.clientSecret, 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'ko', target: 'en', text: 'a' }),
    });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as Json).errorCode, 'TR01');
  });

  it('knows only ko <-> en/ja/zh-CN/zh-TW', () => {
    assert.equal(SMT_PAIRS.length, 8);
    assert.ok(SMT_PAIRS.every(([s, t]) => s === 'ko' || t === 'ko'));
  });

  it('enforces the daily character quota with 429 errorCode 010', async () => {
    const quota = await startEmulator({ limits: { smtDailyChars: 10 } });
    try {
      assert.equal((await smtPost(quota, { source: 'ko', target: 'en', text: '12345678' })).status, 200);
      const res = await smtPost(quota, { source: 'ko', target: 'en', text: '123' });
      assert.equal(res.status, 429);
      assert.equal(((await res.json()) as Json).errorCode, '010');
      assert.equal((await smtPost(quota, { source: 'ko', target: 'en', text: '12' })).status, 200);
      assert.equal(quota.counters.chars['smt.translate'], 10);
    } finally {
      await quota.close();
    }
  });

  it('resets the quota on the next day', async () => {
    let now = Date.UTC(2024, 0, 1, 12);
    const quota = await startEmulator({ limits: { smtDailyChars: 5 }, now: () => now });
    try {
      assert.equal((await smtPost(quota, { source: 'ko', target: 'en', text: '12345' })).status, 200);
      assert.equal((await smtPost(quota, { source: 'ko', target: 'en', text: '1' })).status, 429);
      now += 24 * 3600 * 1000;
      assert.equal((await smtPost(quota, { source: 'ko', target: 'en', text: '1' })).status, 200);
    } finally {
      await quota.close();
    }
  });
});
