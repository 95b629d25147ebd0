import assert from 'node:assert/strict';
import { TranslateError } from '../../src/core/errors';
import type { LanguageCode } from '../../src/core/languages';
import { STRUCTURE_ERROR_CODE, InMemoryTranslationMemory, localizeMarkdown, planMarkdown } from '../../src/core/markdown/index';
import { escapeMarkdown } from '../../src/core/markdown/escape';
import { assertSameStructure } from '../../src/core/markdown/guard';
import { relativeRewriter } from '../../src/core/markdown/links';
import { codecFor } from '../../src/core/markdown/codec';
import { parseDocument, segment } from '../../src/core/markdown/segment';
import { PseudoProvider } from '../../src/core/providers/offline';
import { FakeProvider, fixture, mapText, render, renderedShape, specExamples } from '../support/markdown';
import { rejection } from '../support/rejection';

const NASTY = ' *x* _y_ [z](w) ![i](j) <b>v</b> `c` # 1. - + > | ~~s~~ ~t~ &amp; &copy; \\ $m$ === --- [^1] ';

/** Inserts Markdown-special text in the middle of every text piece (the first and last characters stay, so emphasis keeps its flanking). */
function adversarial(): FakeProvider {
  return new FakeProvider({
    translate: (text) => mapText(text, (piece) => (piece.trim().length >= 2 ? piece.charAt(0) + NASTY + piece.slice(1) : piece)),
  });
}

function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}

/** A text provider answering a fixed translation per unit text (in packed requests too). */
function answering(table: Record<string, string>): FakeProvider {
  return new FakeProvider({
    capabilities: { formats: ['text'], maxCharsPerCall: 5000, multiTarget: false },
    translate: (text) => text.replace(/^(⟦#\d+⟧ )?(.+)$/gm, (_line, marker: string | undefined, body: string) => (marker ?? '') + (table[body] ?? body)),
  });
}

describe('markdown engine: translation behaviour', () => {
  describe('adversarial provider output', () => {
    it('escapes Markdown-special characters so every spec example keeps its structure', async function () {
      this.timeout(60_000);
      const failures: string[] = [];
      for (const example of specExamples()) {
        try {
          const result = await localizeMarkdown(example.markdown, { provider: adversarial(), from: 'en', to: ['ko'], format: 'text' });
          if (renderedShape(result.outputs[0].text) !== renderedShape(example.markdown)) failures.push(`${example.number}: shape`);
        } catch (error) {
          failures.push(`${example.number}: ${(error as Error).message}`);
        }
      }
      assert.deepEqual(failures, []);
    });

    it('keeps the fixtures intact in every request format', async () => {
      for (const name of ['project-readme.md', 'blockquotes-and-lists.md', 'korean-crlf.md', 'changelog.md']) {
        for (const format of ['text', 'markdown', 'html'] as const) {
          const source = fixture(name);
          const result = await localizeMarkdown(source, { provider: adversarial(), from: 'en', to: ['ko'], format });
          assert.equal(renderedShape(result.outputs[0].text), renderedShape(source), `${name} (${format})`);
        }
      }
    });

    it('writes the special characters of plain-text answers literally: they render as text', async () => {
      const result = await localizeMarkdown('Hello world\n', { provider: adversarial(), from: 'en', to: ['ko'], format: 'text' });
      assert.equal(textOf(render(result.outputs[0].text)), `H${NASTY}ello world`.trim());
    });

    it('keeps a translated leading `1.`, `-`, `#`, `>` or `+` literal, and table pipes and heading hashes too', async () => {
      const provider = answering({
        'First paragraph': '1. Step one',
        'Second paragraph': '- not a list',
        'Third paragraph': '# not a heading',
        'Fourth paragraph': '> not a quote',
        'Fifth paragraph': '+ plus',
        Title: 'C# and F #',
        cell: 'a | b',
      });
      const source = 'First paragraph\n\nSecond paragraph\n\nThird paragraph\n\nFourth paragraph\n\nFifth paragraph\n\n# Title\n\n| cell | x |\n|---|---|\n| 1 | 2 |\n';
      const result = await localizeMarkdown(source, { provider, from: 'en', to: ['ko'] });
      const html = render(result.outputs[0].text);
      for (const text of ['1. Step one', '- not a list', '# not a heading', '&gt; not a quote', '+ plus']) assert.ok(html.includes(`<p>${text}</p>`), `${text} in ${html}`);
      assert.ok(html.includes('<h1>C# and F #</h1>'), html);
      assert.ok(html.includes('<th>a | b</th>'), html);
      assert.equal(renderedShape(result.outputs[0].text), renderedShape(source));
    });

    it('escapes by context: line starts, heading ends, table cells, after a bare `]`, before `[`', () => {
      const none = { lineStart: false, headingEnd: false, afterBareClose: false, beforeLinkOpen: false, math: false };
      assert.equal(escapeMarkdown('a*b_c`d[e]f<g~h\\i|j &amp; k', none), 'a\\*b\\_c\\`d\\[e\\]f\\<g\\~h\\\\i&#124;j \\&amp; k');
      assert.equal(escapeMarkdown('a|b', { ...none, tableCell: true }), 'a\\|b');
      assert.equal(escapeMarkdown('1. one', { ...none, lineStart: true }), '1\\. one');
      assert.equal(escapeMarkdown('2) two', { ...none, lineStart: true }), '2\\) two');
      assert.equal(escapeMarkdown('3.14 pi', { ...none, lineStart: true }), '3.14 pi');
      assert.equal(escapeMarkdown('| x', { ...none, lineStart: true }), '&#124; x');
      for (const lead of ['#', '>', '-', '+', '=', ':']) assert.ok(escapeMarkdown(`${lead} x`, { ...none, lineStart: true }).startsWith('\\'), lead);
      assert.equal(escapeMarkdown('\t  code', { ...none, lineStart: true }), '&#9;&#32;&#32;code');
      assert.equal(escapeMarkdown('Item #', { ...none, headingEnd: true }), 'Item \\#');
      assert.equal(escapeMarkdown('C#', { ...none, headingEnd: true }), 'C#');
      assert.equal(escapeMarkdown('(x)', { ...none, afterBareClose: true }), '\\(x)');
      assert.equal(escapeMarkdown('Wow!', { ...none, beforeLinkOpen: true }), 'Wow\\!');
      assert.equal(escapeMarkdown('$5', { ...none, math: true }), '\\$5');
      assert.equal(escapeMarkdown('a: b', { ...none, colons: true }), 'a&#58; b');
    });

    it('protects template tags, heading ids, raw <code> elements and URLs with emphasis-like characters', async () => {
      const source = [
        '# Install {#install .wide}',
        '',
        'Use {{< ref "about.md" >}}, {% include note.html %} and {{ page.title }} here.',
        '',
        'Run <code>npm run build</code> or press <kbd>Ctrl</kbd> at https://**host**.example.com/{org}_x_ now.',
        '',
      ].join('\n');
      const result = await localizeMarkdown(source, { provider: new PseudoProvider(), from: 'en', to: ['ko'] });
      const output = result.outputs[0].text;
      for (const kept of ['{#install .wide}', '{{< ref "about.md" >}}', '{% include note.html %}', '{{ page.title }}', '<code>npm run build</code>', '<kbd>Ctrl</kbd>', 'https://**host**.example.com/{org}_x_']) {
        assert.ok(output.includes(kept), `${kept} in ${output}`);
      }
      assert.match(output, /Ĩñšţáļļ|Íñšţáļļ/);
    });

    it('moves spaces a translation puts inside emphasis outside it, and uses `*` where `_` cannot work', async () => {
      const provider = answering({ 'Some ⟦1⟧bold⟦2⟧ and ⟦3⟧it⟦4⟧ text': '일부 ⟦1⟧ 굵게 ⟦2⟧및 ⟦3⟧기울임⟦4⟧체 텍스트' });
      const result = await localizeMarkdown('Some **bold** and _it_ text\n', { provider, from: 'en', to: ['ko'] });
      assert.equal(result.outputs[0].text, '일부  **굵게** 및 *기울임*체 텍스트\n');
    });

    it('turns translated shortcut references into full references to keep their definition', async () => {
      const provider = answering({ 'See ⟦1⟧Contributing⟦2⟧ and ⟦3⟧docs⟦4⟧.': '⟦1⟧기여 안내⟦2⟧와 ⟦3⟧문서⟦4⟧를 보세요.' });
      const source = 'See [Contributing] and [docs][].\n\n[contributing]: CONTRIBUTING.md\n[docs]: docs/\n';
      const result = await localizeMarkdown(source, { provider, from: 'en', to: ['ko'] });
      assert.equal(result.outputs[0].text, '[기여 안내][Contributing]와 [문서][docs]를 보세요.\n\n[contributing]: CONTRIBUTING.md\n[docs]: docs/\n');
    });

    it('puts multi-line paragraphs back on as many lines, each with its container prefix', async () => {
      const provider = answering({ 'one two three four five six': 'uno dos tres cuatro cinco seis' });
      const source = '> - one two\n>   three four\n>   five six\n';
      const result = await localizeMarkdown(source, { provider, from: 'en', to: ['ko'] });
      assert.equal(result.outputs[0].text, '> - uno dos\n>   tres cuatro\n>   cinco seis\n');
      const cjk = answering({ 'one two three four five six': '一二三四五六七八' });
      const merged = await localizeMarkdown(source, { provider: cjk, from: 'en', to: ['ko'] });
      assert.equal(merged.outputs[0].text.split('\n').length, 4, 'breaks between CJK characters');
    });
  });

  describe('request formats', () => {
    const units = segment(parseDocument('Read *this* and `that` now.\n\nSecond [link](x.md) here.\n'), { frontMatterFields: [], math: true }).units;

    it('encodes units with ⟦n⟧ placeholders or <span id> tags and decodes them back', () => {
      assert.equal(codecFor('text').encode(units[0]), 'Read ⟦1⟧this⟦2⟧ and ⟦3⟧ now.');
      assert.equal(codecFor('markdown').encode(units[0]), 'Read ⟦1⟧this⟦2⟧ and ⟦3⟧ now.');
      assert.equal(codecFor('html').encode(units[0]), 'Read <span id="1">this</span> and <span id="3"></span> now.');
      for (const format of ['text', 'markdown', 'html'] as const) {
        const codec = codecFor(format);
        assert.equal(codec.decode(codec.encode(units[0]), units[0]), units[0].text, format);
      }
    });

    it('reads answers leniently but checks every placeholder', () => {
      const text = codecFor('text');
      assert.equal(text.decode('Lisez ⟦ 1 ⟧ceci⟦2⟧ et\n⟦3⟧ maintenant.', units[0]), 'Lisez ⟦1⟧ceci⟦2⟧ et ⟦3⟧ maintenant.');
      assert.equal(text.decode('Lisez ⟦１⟧ceci⟦ ２ ⟧ et ⟦3⟧.', units[0]), 'Lisez ⟦1⟧ceci⟦2⟧ et ⟦3⟧.', 'full-width digits');
      assert.equal(text.decode('Lisez ⟦1⟧ceci et ⟦3⟧.', units[0]), undefined, 'lost');
      assert.equal(text.decode('⟦1⟧a⟦2⟧ ⟦1⟧b⟦3⟧', units[0]), undefined, 'repeated');
      assert.equal(text.decode('⟦2⟧a⟦1⟧ ⟦3⟧', units[0]), undefined, 'closed before opened');
      assert.equal(text.decode('  ⟦1⟧⟦2⟧⟦3⟧ ', units[0]), undefined, 'no text at all');
      const html = codecFor('html');
      assert.equal(html.decode("Lisez <span class='x' id='1'>ceci</span> et <span id=\"3\"/> <b>maintenant</b> &amp; co.", units[0]), 'Lisez ⟦1⟧ceci⟦2⟧ et ⟦3⟧ maintenant & co.');
      assert.equal(html.decode('Lisez <span id="1">ceci et', units[0]), undefined);
      assert.equal(codecFor('markdown').decode('Lisez ⟦1⟧ceci⟦2⟧ \\*et\\* ⟦3⟧ &amp;.', units[0]), 'Lisez ⟦1⟧ceci⟦2⟧ *et* ⟦3⟧ &.');
    });

    it('packs several units and unpacks answers that wrap or move the markers', () => {
      for (const format of ['text', 'markdown', 'html'] as const) {
        const codec = codecFor(format);
        const packed = codec.pack(units.map((unit) => codec.encode(unit)));
        assert.deepEqual(codec.unpack(packed, 2), units.map((unit) => codec.encode(unit)), format);
        assert.equal(codec.unpack(packed, 3), undefined);
      }
      const text = codecFor('text');
      assert.deepEqual(text.unpack('[⟦#1⟧ Úñ ~~]\n\n[⟦ # 2 ⟧ Ðéúẋ ~~]', 2), ['[Úñ ~~]', '[Ðéúẋ ~~]']);
      assert.deepEqual(text.unpack('⟦#2⟧ deux\n\n⟦#1⟧ un', 2), ['un', 'deux']);
      assert.equal(text.unpack('⟦#1⟧ un\n\n⟦#1⟧ deux', 2), undefined);
      assert.deepEqual(codecFor('html').unpack('<p id="b2">deux</p>\n<p id=\'b1\'>un</p>', 2), ['un', 'deux']);
    });
  });

  describe('translation memory', () => {
    const document = ['# Title', '', 'First paragraph.', '', 'Second paragraph with **bold**.', '', '- item one', '- item two', ''].join('\n');

    it('re-running on an unchanged file sends nothing; after one paragraph changes, only it is sent', async () => {
      const memory = new InMemoryTranslationMemory();
      const first = new FakeProvider({ capabilities: { formats: ['text'], multiTarget: false, maxCharsPerCall: 5000 }, translate: (text, to) => mapText(text, (piece) => piece.toUpperCase() + (piece.trim() ? ` (${to})` : '')) });
      const one = await localizeMarkdown(document, { provider: first, from: 'en', to: ['ko', 'ja'], memory });
      assert.equal(one.segments, 5);
      assert.equal(one.cacheHits, 0);
      assert.equal(first.calls.length, 2);
      assert.equal(one.requests, 2);
      assert.equal(memory.entries.size, 10);

      const second = new FakeProvider({ capabilities: first.capabilities });
      const plan = planMarkdown(document, { provider: second, from: 'en', to: ['ko', 'ja'], memory });
      assert.deepEqual([plan.cacheHits, plan.charsToSend, plan.requestsEstimate], [10, 0, 0]);
      const two = await localizeMarkdown(document, { provider: second, from: 'en', to: ['ko', 'ja'], memory });
      assert.equal(second.calls.length, 0);
      assert.deepEqual([two.requests, two.charsSent, two.cacheHits], [0, 0, 10]);
      assert.deepEqual(two.outputs, one.outputs);

      const edited = document.replace('First paragraph.', 'First paragraph, edited.');
      const third = new FakeProvider({ capabilities: first.capabilities });
      const three = await localizeMarkdown(edited, { provider: third, from: 'en', to: ['ko', 'ja'], memory });
      assert.deepEqual(third.calls.map((call) => [call.text, call.to]), [
        ['First paragraph, edited.', ['ko']],
        ['First paragraph, edited.', ['ja']],
      ]);
      assert.equal(three.cacheHits, 8);
      assert.equal(three.charsSent, 2 * 'First paragraph, edited.'.length);
    });

    it('does not reuse translations across providers, formats, glossaries or language pairs', async () => {
      const memory = new InMemoryTranslationMemory();
      const run = async (provider: FakeProvider, to: LanguageCode, glossaryKey?: string): Promise<number> => {
        await localizeMarkdown('Hello there.\n', { provider, from: 'en', to: [to], memory, glossaryKey });
        return provider.calls.length;
      };
      assert.equal(await run(new FakeProvider(), 'ko'), 1);
      assert.equal(await run(new FakeProvider(), 'ko'), 0);
      assert.equal(await run(new FakeProvider(), 'ja'), 1);
      assert.equal(await run(new FakeProvider(), 'ko', 'glossary-1'), 1);
      assert.equal(await run(new FakeProvider({ capabilities: { id: 'papago' } }), 'ko'), 1);
      assert.equal(await run(new FakeProvider({ capabilities: { formats: ['text'] } }), 'ko'), 1);
    });

    it('ignores a remembered translation whose placeholders do not fit', async () => {
      const memory = new InMemoryTranslationMemory();
      const provider = new FakeProvider();
      await localizeMarkdown('Some *text*.\n', { provider, from: 'en', to: ['ko'], memory });
      for (const key of memory.entries.keys()) memory.set(key, 'broken ⟦1⟧ only');
      const again = new FakeProvider();
      const result = await localizeMarkdown('Some *text*.\n', { provider: again, from: 'en', to: ['ko'], memory });
      assert.equal(again.calls.length, 1);
      assert.equal(result.outputs[0].text, 'Some *text*.\n');
    });
  });

  describe('structural guard', () => {
    const source = [
      '---',
      'title: Guide',
      'draft: true',
      '---',
      '# Guide',
      '',
      'Read [the docs](docs/index.md "Docs") and `run()`.',
      '',
      '```js',
      'run();',
      '```',
      '',
      '- one',
      '- two',
      '',
    ].join('\n');
    const document = parseDocument(source);
    const refuse = (output: string, pattern: RegExp): void => {
      assert.throws(
        () => assertSameStructure(document, output, { translatedFields: [['title']] }),
        (error: unknown) => error instanceof TranslateError && error.reason === 'structure' && error.code === STRUCTURE_ERROR_CODE && pattern.test(error.message),
      );
    };

    it('accepts changed text and translated front-matter fields', () => {
      assertSameStructure(document, source.replace('Read', 'Lisez').replace('title: Guide', 'title: Guía').replace('# Guide', '# Guía'), { translatedFields: [['title']] });
    });

    it('refuses a dropped code fence, naming the line', () => {
      refuse(source.replace('```js\nrun();\n```\n', 'run();\n'), /line 9: expected a fenced code block/);
    });

    it('refuses a changed link target or title, and changed inline code', () => {
      refuse(source.replace('docs/index.md', 'docs/other.md'), /line 7: inline markup differs: expected a link to "docs\/index.md"/);
      refuse(source.replace('"Docs"', '"Other"'), /line 7/);
      refuse(source.replace('`run()`', '`walk()`'), /line 7: inline markup differs: expected code `run\(\)`/);
      // An output paragraph without any markup character at all.
      refuse(source.replace('Read [the docs](docs/index.md "Docs") and `run()`.', 'Read the docs and run.'), /line 7: inline markup differs: expected a link to "docs\/index.md", found nothing more/);
    });

    it('refuses changed heading levels, list markers and code', () => {
      refuse(source.replace('# Guide', '## Guide'), /line 5: expected a level-1 heading, found a level-2 heading/);
      refuse(source.replace('- one\n- two', '* one\n* two'), /line 13: expected a bullet list \(-\)/);
      refuse(source.replace('run();\n```', 'walk();\n```'), /line 9/);
    });

    it('refuses an extra or a missing block at the end', () => {
      refuse(`${source}\nA new paragraph.\n`, /line 14, output line 16: a paragraph was added/);
      refuse(source.replace('- one\n- two\n', ''), /line 13, output line 9: a bullet list \(-\) is missing/);
    });

    it('refuses added, dropped or changed link reference definitions, even where the text is unchanged', () => {
      const withReference = parseDocument('See [the docs][d] now.\n\n[d]: docs/index.md\n');
      const refuseReferences = (output: string, pattern: RegExp): void => {
        assert.throws(() => assertSameStructure(withReference, output), (error: unknown) => error instanceof TranslateError && pattern.test(error.detail ?? ''));
      };
      refuseReferences('See [the docs][d] now.\n\n[d]: docs/other.md\n', /the link reference definition \[D\] changed/);
      refuseReferences('See [the docs][d] now.\n\n[d]: docs/index.md\n[e]: x.md\n', /unexpected link reference definition \[E\]/);
      refuseReferences('Voir [la doc][d].\n\n', /the link reference definition \[D\] is missing/);
    });

    it('expects rewritten destinations when links are rewritten, in links and in reference definitions', () => {
      const withLinks = parseDocument('See [the docs](docs/index.md) and [more][m].\n\n[m]: docs/more.md\n');
      const rewrite = relativeRewriter('/repo', '/repo/i18n');
      assertSameStructure(withLinks, 'Voir [la doc](../docs/index.md) et [plus][m].\n\n[m]: ../docs/more.md\n', { rewrite });
      assert.throws(() => assertSameStructure(withLinks, 'Voir [la doc](docs/index.md) et [plus][m].\n\n[m]: ../docs/more.md\n', { rewrite }), /structure/);
      assert.throws(() => assertSameStructure(withLinks, 'Voir [la doc](../docs/index.md) et [plus][m].\n\n[m]: docs/more.md\n', { rewrite }), /structure/);
    });

    it('refuses front matter that no longer parses or changed beyond the translated fields', () => {
      refuse(source.replace('draft: true', 'draft: [oops'), /front matter no longer parses/);
      refuse(source.replace('draft: true', 'draft: false'), /front matter data changed/);
    });

    it('writes emphasis that would not parse (punctuation, then a letter) as inline HTML, and notes it', async () => {
      const provider = answering({ 'Use ⟦1⟧quoted⟦2⟧ words': '⟦1⟧"인용"⟦2⟧단어를 쓰세요' });
      const result = await localizeMarkdown('Use *quoted* words\n', { provider, from: 'en', to: ['ko'] });
      assert.equal(result.outputs[0].text, '<em>"인용"</em>단어를 쓰세요\n');
      assert.deepEqual(result.outputs[0].degraded, [{ line: 1, reason: 'html' }]);
    });

    it('accepts markup that a translation moves around (word order)', async () => {
      const provider = answering({ '⟦1⟧a⟦2⟧ then ⟦3⟧b⟦4⟧': '⟦3⟧b⟦4⟧ 다음 ⟦1⟧a⟦2⟧' });
      const result = await localizeMarkdown('[a](x.md) then [b](y.md)\n', { provider, from: 'en', to: ['ko'] });
      assert.equal(result.outputs[0].text, '[b](y.md) 다음 [a](x.md)\n');
    });
  });

  describe('batching', () => {
    const paragraphs = Array.from({ length: 120 }, (_, i) => `Paragraph ${i} has *some* text that is long enough to matter when packing requests together.`);
    const document = paragraphs.join('\n\n') + '\n';

    it('packs units up to maxCharsPerCall, one target per call for Papago, at most `concurrency` in flight', async () => {
      const provider = new FakeProvider({ capabilities: { id: 'papago', formats: ['text'], maxCharsPerCall: 5000, multiTarget: false }, delayMs: 5 });
      const result = await localizeMarkdown(document, { provider, from: 'en', to: ['ko', 'ja'], concurrency: 2 });
      assert.equal(result.segments, 120);
      assert.ok(provider.calls.every((call) => call.text.length <= 5000 && call.to.length === 1 && call.format === 'text'));
      const perTarget = provider.calls.filter((call) => call.to[0] === 'ko');
      assert.equal(perTarget.length, Math.ceil((document.length + 120 * 8) / 5000));
      assert.equal(provider.maxInFlight, 2);
      assert.equal(result.requests, provider.calls.length);
      assert.equal(result.charsSent, provider.charsSent);
      const sent = perTarget.map((call) => call.text).join('\n\n');
      for (let i = 0; i < 120; i++) assert.equal(sent.split(`Paragraph ${i} has`).length, 2, `paragraph ${i} sent once`);
      for (const output of result.outputs) assert.equal(output.text, document);
    });

    it('sends all targets in one Markdown request to multi-target providers that take Markdown', async () => {
      const provider = new FakeProvider({ capabilities: { formats: ['text', 'html', 'markdown'], maxCharsPerCall: 20_000, multiTarget: true } });
      const result = await localizeMarkdown(document, { provider, from: 'en', to: ['ko', 'ja', 'fr'] });
      assert.ok(provider.calls.length >= 1 && provider.calls.every((call) => call.to.length === 3 && call.format === 'markdown'));
      assert.ok(provider.calls.every((call) => call.text.length <= 20_000));
      assert.match(provider.calls[0].text, /^⟦#1⟧ Paragraph 0 has ⟦1⟧some⟦2⟧ text/);
      assert.match(provider.calls[0].text, /\n\n⟦#2⟧ Paragraph 1 has/);
      assert.equal(result.outputs.length, 3);
    });

    it('defaults to 4 requests in flight', async () => {
      const provider = new FakeProvider({ capabilities: { formats: ['text'], maxCharsPerCall: 500, multiTarget: false }, delayMs: 5 });
      await localizeMarkdown(document, { provider, from: 'en', to: ['ko'] });
      assert.ok(provider.calls.length > 10);
      assert.equal(provider.maxInFlight, 4);
    });

    it('sends a unit longer than the limit alone', async () => {
      const long = 'word '.repeat(400).trim();
      const provider = new FakeProvider({ capabilities: { formats: ['text'], maxCharsPerCall: 1000, multiTarget: false } });
      await localizeMarkdown(`Short one.\n\n${long}\n\nShort two.\n`, { provider, from: 'en', to: ['ko'] });
      assert.deepEqual(provider.calls.map((call) => call.text), ['Short one.', long, 'Short two.']);
    });

    it('sends the units of a packed answer that lost a marker beyond repair packed once more, then one request per unit', async () => {
      // The marker and the blank line before it are gone: where the second unit starts has no single reading.
      const provider = new FakeProvider({
        capabilities: { formats: ['text'], maxCharsPerCall: 5000, multiTarget: false },
        translate: (text) => (text.includes('⟦#2⟧') ? text.replace('\n\n⟦#2⟧', '') : text.toUpperCase()),
      });
      const result = await localizeMarkdown('First.\n\nSecond *one*.\n\nThird.\n', { provider, from: 'en', to: ['ko'] });
      assert.equal(provider.calls.length, 5);
      assert.equal(provider.calls[1].text, provider.calls[0].text, 'the failed units packed again');
      assert.deepEqual(provider.calls.slice(2).map((call) => call.text), ['First.', 'Second ⟦1⟧one⟦2⟧.', 'Third.']);
      assert.equal(result.outputs[0].text, 'FIRST.\n\nSECOND *ONE*.\n\nTHIRD.\n');
    });

    it('a unit that failed in a packed answer is usually translated by the packed retry: one request for all', async () => {
      let calls = 0;
      const provider = new FakeProvider({
        capabilities: { formats: ['text'], maxCharsPerCall: 5000, multiTarget: false },
        // The first answer loses the placeholders of every unit with markup; later answers are whole.
        translate: (text) => (++calls === 1 ? text.replace(/⟦\d+⟧/g, '') : text.toUpperCase()),
      });
      const result = await localizeMarkdown('One *a*.\n\nTwo *b*.\n\nThree *c*.\n\nPlain.\n', { provider, from: 'en', to: ['ko'] });
      assert.equal(provider.calls.length, 2);
      assert.equal(result.outputs[0].text, 'ONE *A*.\n\nTWO *B*.\n\nTHREE *C*.\n\nPlain.\n', 'the plain unit came back whole the first time');
    });

    it('translates a unit that still loses a placeholder alone run by run, and notes its line', async () => {
      const provider = new FakeProvider({
        capabilities: { formats: ['text'], maxCharsPerCall: 5000, multiTarget: false },
        translate: (text) => text.toUpperCase().replace(/⟦2⟧/g, ''),
      });
      const result = await localizeMarkdown('Fine.\n\nA *broken* one.\n', { provider, from: 'en', to: ['ko'] });
      assert.equal(result.outputs[0].text, 'FINE.\n\nA *BROKEN* ONE.\n');
      assert.deepEqual(result.outputs[0].degraded, [{ line: 3, reason: 'runs' }]);
      assert.deepEqual(result.outputs[0].untranslated, []);
    });

    it('reports progress up to segments × targets, and stops when cancelled', async () => {
      const progress: [number, number][] = [];
      const provider = new FakeProvider({ capabilities: { formats: ['text'], maxCharsPerCall: 800, multiTarget: false } });
      await localizeMarkdown(document, { provider, from: 'en', to: ['ko', 'ja'], onProgress: (done, total) => progress.push([done, total]) });
      assert.deepEqual(progress[0], [0, 240]);
      assert.deepEqual(progress[progress.length - 1], [240, 240]);

      const controller = new AbortController();
      const slow = new FakeProvider({ capabilities: { formats: ['text'], maxCharsPerCall: 800, multiTarget: false }, delayMs: 20 });
      const pending = localizeMarkdown(document, { provider: slow, from: 'en', to: ['ko'], signal: controller.signal, concurrency: 1 });
      setTimeout(() => controller.abort(), 30);
      const error = await rejection(pending);
      assert.equal(error.reason, 'cancelled');
      assert.ok(slow.calls.length < 10);
    });

    it('reports the failure that stopped the run, not the cancellations it caused', async () => {
      let calls = 0;
      const provider = new FakeProvider({ capabilities: { formats: ['text'], maxCharsPerCall: 800, multiTarget: false }, delayMs: 10 });
      const translate = provider.translate.bind(provider);
      provider.translate = async (request) => {
        if (++calls === 3) throw new TranslateError('quota', 'The quota is used up.');
        return translate(request);
      };
      const error = await rejection(localizeMarkdown(document, { provider, from: 'en', to: ['ko'], concurrency: 4 }));
      assert.equal(error.reason, 'quota');
    });

    it('sends each distinct unit text once', async () => {
      const provider = new FakeProvider({ capabilities: { formats: ['text'], multiTarget: false } });
      const result = await localizeMarkdown('## Example\n\nA.\n\n## Example\n\nB.\n\n## Example\n', { provider, from: 'en', to: ['ko'] });
      assert.equal(result.segments, 5);
      assert.equal(provider.calls[0].text, '⟦#1⟧ Example\n\n⟦#2⟧ A.\n\n⟦#3⟧ B.');
    });

    it('works with the offline pseudo provider in one request', async () => {
      const result = await localizeMarkdown(document, { provider: new PseudoProvider(), from: 'en', to: ['ko'] });
      assert.equal(result.requests, 0);
      assert.equal(renderedShape(result.outputs[0].text), renderedShape(document));
    });
  });
});
