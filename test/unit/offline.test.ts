import { strict as assert } from 'node:assert';
import { IdentityProvider, PseudoProvider, pseudoLocalize } from '../../src/core/providers/offline';

describe('offline providers', () => {
  it('identity returns the source for every target', async () => {
    const result = await new IdentityProvider().translate({ text: '안녕\n', from: 'ko', to: ['en', 'ja'], format: 'text' });
    assert.deepEqual(result.translations, [
      { to: 'en', text: '안녕\n' },
      { to: 'ja', text: '안녕\n' },
    ]);
    assert.equal(result.requests, 0);
  });

  it('pseudo accents letters, pads and brackets each line', () => {
    assert.equal(pseudoLocalize('Save file'), '[Šáṽé ƒíļé ~~~]');
    assert.equal(pseudoLocalize('  Open\n\nClose\r\n'), '  [Óþéñ ~~]\n\n[Çļóšé ~~]\r\n');
  });

  it('pseudo leaves tags, entities, URLs, placeholders and protected tokens alone', () => {
    const out = pseudoLocalize('<b class="x">Hi</b> &amp; {name} {{count}} %s https://a.example/b ⟦1⟧');
    assert.equal(out, '[<b class="x">Ĥí</b> &amp; {name} {{count}} %s https://a.example/b ⟦1⟧ ~]');
  });

  it('pseudo keeps whitespace-only and letterless lines', () => {
    assert.equal(pseudoLocalize('   '), '   ');
    assert.equal(pseudoLocalize('123 - 456'), '123 - 456');
  });

  it('a cancelled signal stops an offline provider too', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      new PseudoProvider().translate({ text: 'x', from: 'en', to: ['ko'], format: 'text', signal: controller.signal }),
      /cancelled/,
    );
  });
});
