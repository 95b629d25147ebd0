import assert from 'node:assert/strict';
import { fakeTranslate, fakeTranslateWithGlossary } from '../emulator/fakeTranslate';

const lines = (text: string) => text.split(/\r\n|\r|\n/).length;

describe('emulator: fakeTranslate', () => {
  it('prefixes every word with the target code and keeps everything else', () => {
    assert.equal(fakeTranslate('Hello, world! 2024', 'en', 'ko'), 'ko:Hello, ko:world! 2024');
    assert.equal(fakeTranslate("don't 3D 안녕 世界", 'en', 'zh-hans'), "zh-hans:don't zh-hans:3D zh-hans:안녕 zh-hans:世界");
    assert.equal(fakeTranslate('a\r\n\nb\n', 'en', 'ja'), 'ja:a\r\n\nja:b\n');
  });

  it('returns the text unchanged when source and target are the same', () => {
    assert.equal(fakeTranslate('Hello', 'en', 'en', 'markdown'), 'Hello');
  });

  it('composes: translating pieces split at non-word characters equals translating the whole', () => {
    const text = 'First sentence. Second one!\nThird line, here.';
    const pieces = ['First sentence.', ' ', 'Second one!', '\n', 'Third line, here.'];
    assert.equal(pieces.map((p) => fakeTranslate(p, 'en', 'ko')).join(''), fakeTranslate(text, 'en', 'ko'));
  });

  it('never touches URLs and e-mail addresses', () => {
    assert.equal(fakeTranslate('see https://example.com/a?b=c and www.naver.com, mail me@example.com', 'en', 'ko'), 'ko:see https://example.com/a?b=c ko:and www.naver.com, ko:mail me@example.com');
  });

  it('html: keeps tags, attributes, comments, entities and code elements', () => {
    const html = '<p class="intro" title="Hello">Hello <a href="https://x.org">there</a>&nbsp;<!-- note --> <code>x = y</code></p>';
    assert.equal(
      fakeTranslate(html, 'en', 'ko', 'html'),
      '<p class="intro" title="Hello">ko:Hello <a href="https://x.org">ko:there</a>&nbsp;<!-- note --> <code>x = y</code></p>',
    );
  });

  it('markdown: keeps syntax, code, front matter and link targets, and the same lines', () => {
    const md = [
      '---',
      'title: My page',
      '---',
      '# Heading *one*',
      '',
      '- [x] Done `npm test`',
      '1. Read [the docs](https://example.com/docs "Docs title") and [more][ref].',
      '> Quote with **bold** and _italic_.',
      '',
      '| Name | Value |',
      '|------|:-----:|',
      '| key  | text  |',
      '',
      '```ts',
      'const hello = "world";',
      '```',
      '',
      '    indented code stays',
      '',
      '![alt text](image.png) <span class="x">inline html</span> \\*escaped\\* footnote[^note]',
      '[ref]: https://example.com/ref "Ref"',
    ].join('\n');
    const out = fakeTranslate(md, 'en', 'ko', 'markdown');
    assert.equal(
      out,
      [
        '---',
        'title: My page',
        '---',
        '# ko:Heading *ko:one*',
        '',
        '- [x] ko:Done `npm test`',
        '1. ko:Read [ko:the ko:docs](https://example.com/docs "Docs title") ko:and [ko:more][ref].',
        '> ko:Quote ko:with **ko:bold** ko:and _ko:italic_.',
        '',
        '| ko:Name | ko:Value |',
        '|------|:-----:|',
        '| ko:key  | ko:text  |',
        '',
        '```ts',
        'const hello = "world";',
        '```',
        '',
        '    indented code stays',
        '',
        '![ko:alt ko:text](image.png) <span class="x">ko:inline ko:html</span> \\*ko:escaped\\* ko:footnote[^note]',
        '[ref]: https://example.com/ref "Ref"',
      ].join('\n'),
    );
    assert.equal(lines(out), lines(md));
  });

  it('markdown: an unclosed fence protects the rest of the document', () => {
    assert.equal(fakeTranslate('Intro\n~~~\ncode\nmore', 'en', 'ko', 'markdown'), 'ko:Intro\n~~~\ncode\nmore');
  });

  it('markdown: keeps a list continuation as text, not code', () => {
    assert.equal(fakeTranslate('- item\n\n    more text', 'en', 'ko', 'markdown'), '- ko:item\n\n    ko:more ko:text');
  });

  it('glossary: longest source term wins and the target term is kept verbatim', () => {
    const terms: [string, string][] = [['Hive', '하이브'], ['Hive ATS', '하이브 자동 번역']];
    assert.equal(fakeTranslateWithGlossary('Use Hive ATS and Hive.', 'en', 'ko', terms), 'ko:Use 하이브 자동 번역 ko:and 하이브.');
    assert.equal(fakeTranslateWithGlossary('Nothing here', 'en', 'ko', []), 'ko:Nothing ko:here');
  });
});
