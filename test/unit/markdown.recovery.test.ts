import assert from 'node:assert/strict';
import { codecFor, placeholdersMatch } from '../../src/core/markdown/codec';
import { compareStructure } from '../../src/core/markdown/guard';
import { InMemoryTranslationMemory, localizeMarkdown, type LocalizeResult } from '../../src/core/markdown/index';
import { splitCanonical, type Unit } from '../../src/core/markdown/model';
import { parseDocument, segment } from '../../src/core/markdown/segment';
import type { TextFormat } from '../../src/core/providers/types';
import { damageMarkup, quoteMarkedWords, seededRandom } from '../emulator/damage';
import { fakeTranslate } from '../emulator/fakeTranslate';
import { benchDocument, readmeSet } from '../fixtures/corpus';
import { FakeProvider, mapText } from '../support/markdown';

/**
 * Degrading per unit, never per file: damaged markup in answers is repaired where there is one
 * reading, else the unit is translated run by run, else kept in the source language; emphasis
 * that would not parse is written as inline HTML. Every output is written and keeps the
 * document's structure.
 */

function unitOf(markdown: string): Unit {
  const units = segment(parseDocument(markdown), { frontMatterFields: [], math: true }).units;
  assert.equal(units.length, 1);
  return units[0];
}

/** A text provider answering `answer(text)` for every request (packed or not). */
function answeringWith(answer: (text: string) => string, format: TextFormat = 'text'): FakeProvider {
  return new FakeProvider({ capabilities: { formats: [format], maxCharsPerCall: 5000, multiTarget: false }, translate: (text) => answer(text) });
}

const NASTY = ' *x* _y_ [z](w) <b>v</b> `c` # 1. - + > | ~~s~~ &amp; \\ $m$ === --- [^1] ';

interface Damage {
  share: number;
  seed: number;
  /** Share of marked words wrapped in corner brackets with a particle glued after (Korean answers). */
  quote?: number;
  /** Markdown-special characters inserted into every text piece. */
  adversarial?: boolean;
}

/** A provider translating like the emulator, then damaging the markup tokens of each answer. */
function damaging(damage: Damage): FakeProvider {
  const random = seededRandom(damage.seed);
  return new FakeProvider({
    capabilities: { multiTarget: false },
    translate: (text, to, request) => {
      let out = fakeTranslate(text, request.from, to, request.format);
      if (damage.adversarial) out = mapText(out, (piece) => (piece.trim().length >= 2 ? piece.charAt(0) + NASTY + piece.slice(1) : piece));
      if (damage.quote) out = quoteMarkedWords(out, damage.quote, random).text;
      return damageMarkup(out, damage.share, random).text;
    },
  });
}

/** Share of units translated (not kept in the source language). */
function translatedShare(result: LocalizeResult): number {
  const kept = result.outputs[0].untranslated.filter((note) => note.reason === 'source').length;
  return result.segments === 0 ? 1 : 1 - kept / result.segments;
}

async function localizeDamaged(text: string, damage: Damage, format: TextFormat = 'text'): Promise<LocalizeResult> {
  const result = await localizeMarkdown(text, { provider: damaging(damage), from: 'en', to: ['ko'], format });
  assert.equal(result.outputs.length, 1);
  const differences = compareStructure(parseDocument(text), result.outputs[0].text, { translatedFields: [['title'], ['description']] });
  assert.deepEqual(differences, []);
  return result;
}

describe('markdown engine: recovery per unit', () => {
  describe('the placeholder check', () => {
    const unit = unitOf('A *b* c ![i](x.png) d `code` e\n');

    it('accepts an answer with every placeholder once, pairs in order', () => {
      assert.equal(placeholdersMatch(splitCanonical(unit.text), unit), true);
    });

    it('rejects an answer that lost a lone placeholder', () => {
      const lone = unit.atoms.find((atom) => atom.kind === 'solo')!;
      assert.equal(placeholdersMatch(splitCanonical(unit.text.replace(`⟦${lone.id}⟧`, '')), unit), false);
    });

    it('rejects an answer that lost a whole pair', () => {
      const open = unit.atoms.find((atom) => atom.kind === 'open')!;
      const text = unit.text.replace(`⟦${open.id}⟧`, '').replace(`⟦${open.partner}⟧`, '');
      assert.equal(placeholdersMatch(splitCanonical(text), unit), false);
    });
  });

  describe('repairs where there is one reading', () => {
    const unit = unitOf('Open *the* `menu` now\n');
    const text = codecFor('text');
    const html = codecFor('html');

    it('reads `[n]` as the missing placeholder', () => {
      assert.equal(text.decode('열기 [1]the⟦2⟧ ⟦3⟧ 지금', unit), undefined);
      assert.equal(text.repair('열기 [1]the⟦2⟧ ⟦3⟧ 지금', unit), '열기 ⟦1⟧the⟦2⟧ ⟦3⟧ 지금');
    });

    it('but not when the source has `[n]` itself, or `[n]` comes twice', () => {
      const bracketed = unitOf('See [1] and *this* now\n');
      assert.equal(text.repair('[1] 보기 [1]this⟦2⟧ 지금', bracketed), undefined);
      assert.equal(text.repair('보기 [1] [1]the⟦2⟧ ⟦3⟧', unit), undefined);
    });

    it('accepts spaces inside the brackets and full-width digits', () => {
      assert.equal(text.decode('열기 ⟦ 1 ⟧the⟦2⟧ ⟦３⟧ 지금', unit), '열기 ⟦1⟧the⟦2⟧ ⟦3⟧ 지금');
    });

    it('keeps one copy of a placeholder repeated right after itself', () => {
      assert.equal(text.repair('열기 ⟦1⟧⟦1⟧the⟦2⟧ ⟦3⟧ 지금', unit), '열기 ⟦1⟧the⟦2⟧ ⟦3⟧ 지금');
    });

    it('never guesses an order: moved or dropped tokens stay failures', () => {
      assert.equal(text.repair('열기 ⟦2⟧the⟦1⟧ ⟦3⟧ 지금', unit), undefined);
      assert.equal(text.repair('열기 the⟦2⟧ ⟦3⟧ 지금', unit), undefined);
      assert.equal(text.repair('열기 ⟦1⟧the⟦2⟧ ⟦3⟧ ⟦1⟧ 지금', unit), undefined);
    });

    it('repairs span tags written with brackets, with full-width digits, or repeated', () => {
      const body = html.encode(unit);
      assert.equal(html.decode(body, unit), unit.text);
      assert.equal(html.repair(body.replace('<span id="1">', '[span id="1"]'), unit), unit.text);
      assert.equal(html.repair(body.replace('<span id="3">', '<span id="３">'), unit), unit.text);
      assert.equal(html.repair(body.replace('<span id="1">', '<span id="1"><span id="1">'), unit), unit.text);
      assert.equal(html.repair(body.replace('<span id="1">', ''), unit), undefined);
    });

    it('repairs the unit markers of a packed answer: written with brackets, repeated, or dropped between paragraphs', () => {
      assert.deepEqual(text.unpack('⟦#1⟧ 하나\n\n[#2] 둘\n\n⟦#3⟧ 셋', 3), ['하나', '둘', '셋']);
      assert.deepEqual(text.unpack('⟦#1⟧ 하나\n\n⟦#2⟧⟦#2⟧ 둘\n\n⟦#3⟧ 셋', 3), ['하나', '둘', '셋']);
      assert.deepEqual(text.unpack('⟦#1⟧ 하나\n\n둘\n\n⟦#3⟧ 셋', 3), ['하나', '둘', '셋']);
      assert.deepEqual(text.unpack('하나\n\n⟦#2⟧ 둘\n\n셋', 3), ['하나', '둘', '셋']);
      // No single reading: paragraphs merged where a marker went missing, markers out of order, `[#2]` inside a text.
      assert.equal(text.unpack('⟦#1⟧ 하나 둘\n\n⟦#3⟧ 셋', 3), undefined);
      assert.equal(text.unpack('⟦#2⟧ 둘\n\n⟦#1⟧ 하나\n\n셋', 3), undefined);
      assert.equal(text.unpack('⟦#1⟧ 하나 [#2] 둘\n\n⟦#3⟧ 셋', 3), undefined);
    });

    it('notes a repaired unit as degraded, and writes it with its markup', async () => {
      const provider = answeringWith((body) => body.replace('⟦3⟧', '[3]').toUpperCase());
      const result = await localizeMarkdown('Open *the* `menu` now\n', { provider, from: 'en', to: ['ko'] });
      assert.equal(result.outputs[0].text, 'OPEN *THE* `menu` NOW\n');
      assert.deepEqual(result.outputs[0].degraded, [{ line: 1, reason: 'repaired' }]);
    });
  });

  describe('fallbacks', () => {
    it('translates the text runs of a unit whose placeholders do not come back', async () => {
      const provider = answeringWith((body) => body.replace(/⟦\d+⟧/g, '').toUpperCase());
      const result = await localizeMarkdown('Fine.\n\nSee [the guide](guide.md) and **this**.\n', { provider, from: 'en', to: ['ko'] });
      assert.equal(result.outputs[0].text, 'FINE.\n\nSEE [THE GUIDE](guide.md) AND **THIS**.\n');
      assert.deepEqual(result.outputs[0].degraded, [{ line: 3, reason: 'runs' }]);
      // The runs went out as separate texts, none with a placeholder.
      assert.ok(provider.calls.some((call) => /^⟦#1⟧ See\n\n⟦#2⟧ the guide\n\n⟦#3⟧ and\n\n⟦#4⟧ this$/.test(call.text)), provider.calls.map((call) => call.text).join(' | '));
    });

    it('keeps the source text of a unit when even its runs do not come back', async () => {
      // Units lose their placeholders; runs (sent without any) come back empty.
      const provider = answeringWith((body) => (/⟦\d+⟧/.test(body) ? body.replace(/⟦\d+⟧/g, '') : ''));
      const result = await localizeMarkdown('See [the guide](guide.md) now.\n', { provider, from: 'en', to: ['ko'] });
      assert.equal(result.outputs[0].text, 'See [the guide](guide.md) now.\n');
      assert.deepEqual(result.outputs[0].untranslated, [{ line: 1, reason: 'source' }]);
      assert.deepEqual(result.outputs[0].degraded, []);
    });

    it('writes emphasis next to CJK punctuation as inline HTML before any fallback', async () => {
      const source = 'Open **Settings** page, then ~~old~~ _new_ one.\n';
      const provider = answeringWith(() => '⟦1⟧「설정」⟦2⟧을 열고 ⟦3⟧「옛」⟦4⟧것 대신 ⟦5⟧「새」⟦6⟧것');
      const result = await localizeMarkdown(source, { provider, from: 'en', to: ['ko'] });
      assert.equal(result.outputs[0].text, '<strong>「설정」</strong>을 열고 <del>「옛」</del>것 대신 <em>「새」</em>것\n');
      assert.deepEqual(result.outputs[0].degraded, [{ line: 1, reason: 'html' }]);
    });

    it('the guard accepts that HTML form for emphasis, and only that form', () => {
      const document = parseDocument('A **b** c\n');
      assert.deepEqual(compareStructure(document, 'A <strong>b</strong> c\n'), []);
      assert.notDeepEqual(compareStructure(document, 'A <b>b</b> c\n'), []);
      assert.notDeepEqual(compareStructure(document, 'A <strong class="x">b</strong> c\n'), []);
      assert.notDeepEqual(compareStructure(document, 'A <em>b</em> c\n'), []);
    });

    it('reports text nested past the parser\'s limit as untranslated, with its lines', async () => {
      const depth = 1000;
      const source = Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- item number ${i}`).join('\n') + '\n';
      const result = await localizeMarkdown(source, { provider: answeringWith((body) => body.toUpperCase()), from: 'en', to: ['ko'] });
      const nested = result.outputs[0].untranslated.filter((note) => note.reason === 'nesting');
      assert.ok(nested.length > 900, `${nested.length} lines reported`);
      assert.equal(nested.length + result.segments, depth);
      assert.ok(nested.every((note, k) => note.line === depth - nested.length + k + 1));
    });
  });

  describe('the translation memory', () => {
    it('does not remember degraded units: a second run asks for them again', async () => {
      const memory = new InMemoryTranslationMemory();
      const source = 'Plain words.\n\nOpen *the* `menu` now.\n';
      const broken = (body: string): string => body.replace('⟦3⟧', '[3]').toUpperCase();
      const first = await localizeMarkdown(source, { provider: answeringWith(broken), from: 'en', to: ['ko'], memory });
      assert.deepEqual(first.outputs[0].degraded, [{ line: 3, reason: 'repaired' }]);
      const provider = answeringWith((body) => body.toUpperCase());
      const second = await localizeMarkdown(source, { provider, from: 'en', to: ['ko'], memory });
      assert.equal(second.cacheHits, 1);
      assert.deepEqual(provider.calls.map((call) => call.text), ['Open ⟦1⟧the⟦2⟧ ⟦3⟧ now.']);
      assert.deepEqual(second.outputs[0].degraded, []);
    });
  });

  describe('damaged answers at scale', function () {
    this.timeout(300_000);
    const readmes = readmeSet(120);
    const cases: [string, Damage, number][] = [
      ['1%', { share: 0.01, seed: 1, quote: 0.05 }, 0.99],
      ['5%', { share: 0.05, seed: 5, quote: 0.05 }, 0.95],
    ];

    it('has a README set of 100 and more', () => {
      assert.ok(readmes.length >= 100, `${readmes.length} READMEs`);
    });

    for (const [name, damage, floor] of cases) {
      it(`writes the 1 MiB bench document with ${name} of its markup damaged, keeping ${floor * 100}% of its units translated`, async () => {
        const result = await localizeDamaged(benchDocument().text, damage);
        assert.ok(translatedShare(result) >= floor, `${(translatedShare(result) * 100).toFixed(2)}% translated`);
        assert.ok(result.outputs[0].degraded.length > 0);
      });

      it(`writes every README with ${name} of its markup damaged, keeping ${floor * 100}% of their units translated`, async () => {
        let units = 0;
        let kept = 0;
        for (const [index, readme] of readmes.entries()) {
          const format: TextFormat = (['text', 'markdown', 'html'] as const)[index % 3];
          const result = await localizeDamaged(readme.text, { ...damage, seed: damage.seed + index }, format);
          units += result.segments;
          kept += result.outputs[0].untranslated.filter((note) => note.reason === 'source').length;
        }
        assert.ok(1 - kept / units >= floor, `${((1 - kept / units) * 100).toFixed(2)}% of ${units} units translated`);
      });
    }

    for (const [name, share, floor] of [['1%', 0.01, 0.99], ['5%', 0.05, 0.95]] as const) {
      it(`writes the bench document and the READMEs from adversarial answers with ${name} of their markup damaged`, async () => {
        const damage: Damage = { share, seed: 11, adversarial: true };
        const result = await localizeDamaged(benchDocument().text, damage);
        assert.ok(translatedShare(result) >= floor, `${(translatedShare(result) * 100).toFixed(2)}% translated`);
        let units = 0;
        let kept = 0;
        for (const [index, readme] of readmes.entries()) {
          const each = await localizeDamaged(readme.text, { ...damage, seed: index });
          units += each.segments;
          kept += each.outputs[0].untranslated.filter((note) => note.reason === 'source').length;
        }
        assert.ok(1 - kept / units >= floor, `${((1 - kept / units) * 100).toFixed(2)}% of ${units} units translated`);
      });
    }
  });
});
