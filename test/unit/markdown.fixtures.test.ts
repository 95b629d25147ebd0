import assert from 'node:assert/strict';
import YAML from 'yaml';
import { localizeMarkdown, planMarkdown } from '../../src/core/markdown/index';
import { IdentityProvider, PseudoProvider } from '../../src/core/providers/offline';
import type { TextFormat } from '../../src/core/providers/types';
import { fakeTranslate } from '../emulator/fakeTranslate';
import { FakeProvider, FIXTURE_NAMES, fixture, renderedShape } from '../support/markdown';

const FORMATS: TextFormat[] = ['text', 'markdown', 'html'];

/** A provider translating like the test emulator (`Hello` -> `ko:Hello`). */
function emulator(): FakeProvider {
  return new FakeProvider({ translate: (text, to, request) => fakeTranslate(text, request.from, to, request.format) });
}

async function pseudo(source: string, format: TextFormat = 'text'): Promise<string> {
  const result = await localizeMarkdown(source, { provider: new PseudoProvider(), from: 'en', to: ['ko'], format });
  return result.outputs[0].text;
}

function lines(text: string): string[] {
  return text.split(/\r\n|\n/);
}

describe('markdown engine: real-world fixtures', () => {
  for (const name of FIXTURE_NAMES) {
    describe(name, () => {
      const source = fixture(name);

      it('round-trips byte for byte with IdentityProvider', async () => {
        const result = await localizeMarkdown(source, { provider: new IdentityProvider(), from: 'en', to: ['ko', 'ja'] });
        assert.equal(result.outputs.length, 2);
        for (const output of result.outputs) assert.equal(output.text, source);
        assert.deepEqual(result.warnings, []);
        assert.ok(result.segments > 5);
      });

      for (const format of FORMATS) {
        it(`keeps its structure under pseudo-localization (${format})`, async () => {
          const output = await pseudo(source, format);
          assert.notEqual(output, source);
          assert.equal(renderedShape(output), renderedShape(source));
        });

        it(`keeps its structure through the test emulator's translation (${format})`, async () => {
          const result = await localizeMarkdown(source, { provider: emulator(), from: 'en', to: ['ko'], format });
          const output = result.outputs[0].text;
          assert.match(output, /ko:/);
          assert.equal(renderedShape(output), renderedShape(source));
        });
      }
    });
  }

  it('the emulator preserves placeholders and unit markers in every format', () => {
    for (const format of FORMATS) {
      const packed = '⟦#1⟧ Click ⟦1⟧here⟦2⟧ now\n\n⟦#2⟧ Second ⟦1⟧unit⟦2⟧';
      const html = '<p id="b1">Click <span id="1">here</span> now<span id="3"></span></p>';
      const text = format === 'html' ? html : packed;
      const translated = fakeTranslate(text, 'en', 'ko', format);
      for (const token of text.match(/⟦[^⟧]*⟧|<[^>]+>/g) ?? []) assert.ok(translated.includes(token), `${format}: ${token} lost`);
      assert.match(translated, /ko:Click/);
    }
  });

  it('keeps `> ` on every line of a translated multi-line quote paragraph, and lazy lines lazy', async () => {
    const output = lines(await pseudo(fixture('blockquotes-and-lists.md')));
    const start = output.findIndex((line) => line.startsWith('> \\[Á ǫúóţéð'));
    assert.ok(start > 0);
    assert.ok(output[start + 1].startsWith('> ') && output[start + 2].startsWith('> '));
    assert.equal(output[start + 3], '>');
    const lazy = output.findIndex((line) => line.startsWith('> \\[Á þáŕáĝŕáþĥ ŵíţĥ á ļážý'));
    assert.ok(lazy > 0 && !output[lazy + 1].startsWith('>'), 'the lazy continuation line stays without a marker');
    const tabbed = output.filter((line) => line.startsWith('>\t'));
    assert.equal(tabbed.length, 2, 'tab after the quote marker kept');
  });

  it('keeps list markers, indentation, hard breaks and table pipes', async () => {
    const source = fixture('blockquotes-and-lists.md');
    const output = await pseudo(source);
    const prefix = (line: string): string => /^[ >\t]*(?:[-+*]|\d+[.)])?[ \t]*/.exec(line)![0];
    assert.deepEqual(lines(output).map(prefix), lines(source).map(prefix));
    assert.match(output, / {2}\n/); // two-space hard break
    assert.match(output, /\\\n/); // backslash hard break
    const pipes = (line: string): number => (line.replace(/\\\|/g, '').match(/\|/g) ?? []).length;
    const rows = (text: string): number[] => lines(text).filter((line) => line.startsWith('> |')).map(pipes);
    assert.deepEqual(rows(output), rows(source));
  });

  it('keeps CRLF line ends and the byte-order mark, and translates only allow-listed front matter', async () => {
    const source = fixture('korean-crlf.md');
    assert.ok(source.startsWith('\uFEFF---\r\n'));
    const result = await localizeMarkdown(source, { provider: emulator(), from: 'ko', to: ['en'], format: 'markdown' });
    const output = result.outputs[0].text;
    assert.ok(output.startsWith('\uFEFF---\r\n'));
    assert.equal(output.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
    assert.equal((output.match(/\r\n/g) ?? []).length, (source.match(/\r\n/g) ?? []).length);
    const frontMatter = (text: string): string[] => lines(text.slice(1)).slice(1, lines(text.slice(1)).indexOf('---', 1));
    const before = frontMatter(source);
    const after = frontMatter(output);
    assert.equal(after.length, before.length);
    after.forEach((line, index) => {
      if (/^(title|description):/.test(before[index])) assert.notEqual(line, before[index]);
      else assert.equal(line, before[index], `front matter line ${index + 2} changed`);
    });
    const data = YAML.parse(after.join('\n')) as Record<string, unknown>;
    assert.equal(data.title, 'en:빠른 en:시작 en:가이드');
    assert.equal(data.description, 'en:이 en:문서는 **en:Acme** en:위젯을 en:5분 en:안에 en:설정하는 en:방법을 en:설명합니다.');
    assert.match(output, /```bash\r\nnpm install acme-widgets {3}# 한국어 주석도 그대로\r\n```/);
  });

  it('protects code, URLs, math, footnotes, emoji, alerts and task boxes', async () => {
    const source = fixture('project-readme.md');
    const output = await pseudo(source);
    for (const kept of [
      '$A = \\pi r^2$',
      '$$\nE = mc^2\n$$',
      '[^1]',
      ':rocket:',
      '> [!NOTE]',
      'https://github.com/acme/widgets/issues',
      '<support@acme.example>',
      '<!-- This comment is never translated. -->',
      "```js\nconst handle = widget({ title: 'Hello' }).mount(document.body);\n```",
      "    import { widget } from 'acme-widgets';",
      '[react]: https://react.dev "React"',
      '(https://img.shields.io/npm/v/acme-widgets.svg)',
    ]) {
      assert.ok(output.includes(kept), `${kept} changed`);
    }
    const tasks = (text: string): string[] => lines(text).filter((line) => /^\s*- \[[ x]\] /.test(line)).map((line) => line.slice(0, line.indexOf(']') + 2));
    assert.deepEqual(tasks(output), tasks(source));
    assert.equal(tasks(source).length, 5);
  });

  it('plans without sending anything', () => {
    const provider = new FakeProvider({ capabilities: { formats: ['text'], maxCharsPerCall: 5000, multiTarget: false } });
    const plan = planMarkdown(fixture('project-readme.md'), { provider, from: 'en', to: ['ko', 'ja'] });
    assert.equal(provider.calls.length, 0);
    assert.equal(plan.format, 'text');
    assert.equal(plan.cacheHits, 0);
    assert.ok(plan.segments >= plan.distinctSegments && plan.distinctSegments > 20);
    assert.equal(plan.requestsEstimate, 2); // one request per target: everything fits in 5,000 characters
    assert.ok(plan.charsToSend > 1000 && plan.charsToSend <= 2 * 5000);
    assert.equal(plan.units.length, plan.segments);
    assert.ok(plan.units.every((unit) => unit.line >= 1 && unit.text.length > 0));
  });
});
