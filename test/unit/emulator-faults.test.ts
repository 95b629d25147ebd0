import assert from 'node:assert/strict';
import { ADVERSARIAL_TEXT, insertAdversarial, seededRandom } from '../emulator/damage';
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator } from '../emulator/server';
import { hiveHeaders, hivePost, papagoHeaders, papagoPost, smtPost } from '../emulator/testkit';
import { hiveSignature } from '../emulator/hive';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function papagoText(emu: Emulator, text: string, source = 'en', target = 'ko'): Promise<string> {
  const res = await papagoPost(emu, { source, target, text });
  assert.equal(res.status, 200);
  return ((await res.json()) as Json).message.result.translatedText;
}

/** Resolves with `promise`'s value, or with 'timeout' after `ms` (a generous bound, not a measurement). */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const MARKED = '⟦1⟧Hello⟦2⟧ world ⟦#3⟧ again';

describe('emulator: text faults', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ asyncSteps: { waiting: 0, processing: 0 }, crlf: false });
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.faults.clear();
    emu.jobs.clear();
  });

  describe('damageMarkup', () => {
    it('damages the markup tokens of Papago answers, for `times` answers', async () => {
      emu.faults.add({ route: 'papago.translate', kind: 'damageMarkup', share: 1, kinds: ['brackets'], times: 2 });
      assert.equal(await papagoText(emu, MARKED), '[1]ko:Hello[2] ko:world [#3] ko:again');
      assert.equal(await papagoText(emu, MARKED), '[1]ko:Hello[2] ko:world [#3] ko:again');
      assert.equal(await papagoText(emu, MARKED), '⟦1⟧ko:Hello⟦2⟧ ko:world ⟦#3⟧ ko:again');
      assert.equal(emu.faults.active.length, 0);
    });

    it('damages the share of tokens asked for, deterministically for a seed', async () => {
      const text = Array.from({ length: 200 }, (_, i) => `⟦${i}⟧word${i}`).join(' ');
      const tokens = (answer: string) => (answer.match(/⟦\d+⟧/g) ?? []).length;
      const run = async (seed: number) => {
        emu.faults.clear();
        emu.faults.add({ kind: 'damageMarkup', share: 0.25, kinds: ['drop'], seed, times: Infinity });
        return [await papagoText(emu, text), await papagoText(emu, text)];
      };
      const first = await run(7);
      const again = await run(7);
      const other = await run(8);
      assert.deepEqual(again, first, 'the same seed gives the same answers');
      assert.notDeepEqual(other, first, 'another seed gives other answers');
      assert.notEqual(first[0], first[1], 'each answer draws anew');
      for (const answer of [...first, ...other]) {
        const dropped = 200 - tokens(answer);
        assert.ok(dropped > 20 && dropped < 80, `dropped ${dropped} of 200 tokens at share 0.25`);
      }
    });

    it('with share 0 and times Infinity changes nothing and stays active', async () => {
      emu.faults.add({ kind: 'damageMarkup', share: 0, times: Infinity });
      assert.equal(await papagoText(emu, MARKED), '⟦1⟧ko:Hello⟦2⟧ ko:world ⟦#3⟧ ko:again');
      assert.equal(emu.faults.active.length, 1);
    });

    it('damages every target of a Hive sync answer (span tags), only on its route', async () => {
      emu.faults.add({ route: 'hive.sync', kind: 'damageMarkup', share: 1, kinds: ['brackets'] });
      assert.equal(await papagoText(emu, MARKED), '⟦1⟧ko:Hello⟦2⟧ ko:world ⟦#3⟧ ko:again');
      const res = await hivePost(emu, '/api/translate/sync', { text: '<span id="1">Hello</span> world', from: 'en', to: 'ko,ja' });
      const translations = ((await res.json()) as Json).content.data.translateMsg[0].translations;
      assert.deepEqual(translations, [
        { text: '[span id="1"]ko:Hello[/span] ko:world', to: 'ko' },
        { text: '[span id="1"]ja:Hello[/span] ja:world', to: 'ja' },
      ]);
    });

    it('damages the result of a Hive async job at the poll that completes it, not at submit', async () => {
      emu.faults.add({ kind: 'damageMarkup', share: 1, kinds: ['fullwidth'] });
      const submit = await hivePost(emu, '/api/translate/async', { text: MARKED, from: 'en', to: 'ko' });
      const { uuid } = ((await submit.json()) as Json).content;
      assert.equal(emu.faults.active.length, 1, 'the submit did not use the fault');
      const poll = async () => ((await (await fetch(`${emu.url}/api/translate/async/result/${uuid}`, { headers: hiveHeaders() })).json()) as Json).content;
      const done = await poll();
      assert.equal(done.status.code, 100);
      assert.equal(done.data.translateMsg[0].translations[0].text, '⟦１⟧ko:Hello⟦２⟧ ko:world ⟦#３⟧ ko:again');
      assert.equal(emu.faults.active.length, 0);
      assert.deepEqual(await poll(), done, 'later polls return the same stored result');
    });

    it('damages SMT answers', async () => {
      emu.faults.add({ kind: 'damageMarkup', share: 1, kinds: ['repeat'] });
      const res = await smtPost(emu, { source: 'ko', target: 'en', text: '⟦1⟧설정⟦2⟧' });
      assert.equal(((await res.json()) as Json).message.result.translatedText, '⟦1⟧⟦1⟧en:설정⟦2⟧⟦2⟧');
    });

    it('is not used up by error answers', async () => {
      emu.faults.add({ kind: 'damageMarkup', share: 1, kinds: ['drop'] });
      const denied = await papagoPost(emu, { source: 'en', target: 'ko', text: MARKED }, papagoHeaders({ clientId: 'nobody', clientSecret: 'x' }));
      assert.equal(denied.status, 401);
      assert.equal(await papagoText(emu, MARKED), 'ko:Hello ko:world  ko:again');
    });
  });

  describe('quoteCjk', () => {
    it('wraps marked words in corner brackets and glues the particle to the closing token', async () => {
      emu.faults.add({ kind: 'quoteCjk', share: 1 });
      assert.equal(await papagoText(emu, '⟦1⟧설정⟦2⟧ 을 확인', 'ko', 'en'), '⟦1⟧「en:설정」⟦2⟧en:을 en:확인');
      assert.equal(await papagoText(emu, '⟦1⟧설정⟦2⟧ 을 확인', 'ko', 'en'), '⟦1⟧en:설정⟦2⟧ en:을 en:확인');
    });
  });

  describe('adversarial', () => {
    it('inserts Markdown-special text after the first character of each text piece between tokens', async () => {
      emu.faults.add({ kind: 'adversarial', share: 1 });
      assert.equal(await papagoText(emu, '⟦1⟧Hello⟦2⟧ world\n.'), `⟦1⟧k${ADVERSARIAL_TEXT}o:Hello⟦2⟧ ${ADVERSARIAL_TEXT}ko:world\n.`);
    });

    it('changes about `share` of the pieces (pure function)', () => {
      const text = Array.from({ length: 400 }, (_, i) => `⟦${i}⟧piece`).join('');
      const { inserted } = insertAdversarial(text, 0.5, seededRandom(3));
      assert.ok(inserted > 150 && inserted < 250, `${inserted} of 400`);
      assert.deepEqual(insertAdversarial(text, 0, seededRandom(3)), { text, inserted: 0 });
    });
  });

  it('applies several text faults to one answer, in the order they were added', async () => {
    emu.faults.add({ kind: 'quoteCjk', share: 1 });
    emu.faults.add({ kind: 'damageMarkup', share: 1, kinds: ['brackets'] });
    assert.equal(await papagoText(emu, '⟦1⟧설정⟦2⟧ 을', 'ko', 'en'), '[1]「en:설정」[2]en:을');
  });

  it('rejects invalid text fault specs', () => {
    assert.throws(() => emu.faults.add({ kind: 'damageMarkup' }), /share/);
    assert.throws(() => emu.faults.add({ kind: 'quoteCjk', share: 1.5 }), /share/);
    // @ts-expect-error an unknown damage
    assert.throws(() => emu.faults.add({ kind: 'damageMarkup', share: 1, kinds: ['explode'] }), /kinds/);
    assert.throws(() => emu.faults.add({ kind: 'damageMarkup', share: 1, kinds: [] }), /kinds/);
  });
});

describe('emulator: endlessBody and echoHeaders faults', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());
  beforeEach(() => emu.faults.clear());

  const ok = { source: 'en', target: 'ko', text: 'Hello' };

  it('endlessBody: answers 200 and the start of a JSON body, then drips bytes without ending', async () => {
    emu.faults.add({ route: 'papago.translate', kind: 'endlessBody' });
    const res = await papagoPost(emu, ok);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    let chunks = 0;
    while (chunks < 4) {
      const { value, done } = await reader.read();
      assert.equal(done, false, 'the body ended');
      received += decoder.decode(value);
      chunks++;
    }
    assert.ok(received.startsWith('{"message":{'), received);
    assert.match(received, /^\{"message":.*"result": +$/);
    // Cancelling the body closes the connection (an abort signal may not reach a body being read:
    // Node 20's fetch can lose it once its Request is garbage-collected).
    await reader.cancel();
    // The emulator stops dripping and keeps serving.
    assert.equal((await papagoPost(emu, ok)).status, 200);
  });

  it('echoHeaders: answers 502 with a gateway error body that echoes every request header', async () => {
    emu.faults.add({ route: 'papago.translate', kind: 'echoHeaders' });
    const res = await papagoPost(emu, ok);
    assert.equal(res.status, 502);
    const body = (await res.json()) as Json;
    assert.equal(body.error.errorCode, '500');
    assert.equal(body.error.message, 'Endpoint Error');
    assert.equal(body.error.request.headers['x-ncp-apigw-api-key'], DEFAULT_CREDENTIALS.papago.clientSecret);
    assert.equal(body.error.request.headers['x-ncp-apigw-api-key-id'], DEFAULT_CREDENTIALS.papago.clientId);
    assert.equal(body.error.request.headers['content-type'], 'application/json');
    assert.equal((await papagoPost(emu, ok)).status, 200, 'times defaults to 1');
  });

  it('echoHeaders: takes a status and Retry-After, and composes with route and times', async () => {
    emu.faults.add({ route: 'hive.sync', kind: 'echoHeaders', status: 503, retryAfter: '2', times: 2 });
    assert.equal((await papagoPost(emu, ok)).status, 200);
    for (let i = 0; i < 2; i++) {
      const res = await hivePost(emu, '/api/translate/sync', { text: 'Hi', from: 'en', to: 'ko' });
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '2');
      const body = (await res.json()) as Json;
      assert.equal(body.error.errorCode, '500');
      const { serviceKey, secretKey } = DEFAULT_CREDENTIALS.hive;
      assert.equal(body.error.request.headers.signature, hiveSignature(serviceKey, secretKey));
    }
    assert.equal((await hivePost(emu, '/api/translate/sync', { text: 'Hi', from: 'en', to: 'ko' })).status, 200);
    assert.throws(() => emu.faults.add({ kind: 'echoHeaders', status: 42 }), /status/);
  });

  it('close() is prompt while an endlessBody and a hang are in flight', async () => {
    const other = await startEmulator();
    other.faults.add({ kind: 'endlessBody' });
    other.faults.add({ kind: 'hang' });
    const endless = await papagoPost(other, ok);
    const reader = endless.body!.getReader();
    await reader.read();
    const hung = papagoPost(other, ok).catch((error: unknown) => error);
    while (other.log.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(await within(other.close(), 5000), undefined, 'close() did not finish');
    assert.ok((await hung) instanceof Error);
    await assert.rejects(async () => {
      for (;;) if ((await reader.read()).done) return;
    });
  });
});
