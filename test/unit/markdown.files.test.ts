import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import YAML from 'yaml';
import { TranslateError } from '../../src/core/errors';
import {
  FileTranslationMemory,
  localizeMarkdown,
  memoryKey,
  outputPathFor,
  readMarkdownFile,
} from '../../src/core/markdown/index';
import { writeFileAtomic } from '../../src/core/files';
import { diskAccess, runLocalization } from '../../src/core/localize';
import type { LanguageCode } from '../../src/core/languages';
import type { TranslationProvider } from '../../src/core/providers/types';
import { relativeRewriter } from '../../src/core/markdown/links';
import { IdentityProvider, PseudoProvider } from '../../src/core/providers/offline';
import { FakeProvider, fixture, mapText, renderedShape } from '../support/markdown';

/** Localizes one file on disk through the file operation both hosts use. */
function localizeFile(file: string, options: { provider: TranslationProvider; to: LanguageCode[]; pattern?: string }) {
  return runLocalization({ files: [file], provider: options.provider, from: 'en', to: options.to, output: { kind: 'sibling', pattern: options.pattern }, access: diskAccess }).then((result) => result.files);
}

function temporaryFolder(): string {
  return mkdtempSync(path.join(tmpdir(), 'md-engine-'));
}

describe('markdown engine: files, output placement and front matter', () => {
  let folder: string;
  beforeEach(() => (folder = temporaryFolder()));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  describe('outputPathFor', () => {
    it('defaults to a sibling with the language code as written', () => {
      assert.equal(outputPathFor(path.join('docs', 'README.md'), 'ko'), path.join('docs', 'README.ko.md'));
      assert.equal(outputPathFor('README.md', 'zh-Hans'), 'README.zh-Hans.md');
      assert.equal(outputPathFor('/a/b/guide.markdown', 'ja'), '/a/b/guide.ja.markdown');
      assert.equal(outputPathFor('/a/LICENSE', 'ko'), '/a/LICENSE.ko');
    });

    it('expands {dir} {name} {lang} {ext}; patterns without {dir} are relative to the source folder', () => {
      assert.equal(outputPathFor('/repo/docs/guide.md', 'ko', '{dir}/i18n/{lang}/{name}.{ext}'), '/repo/docs/i18n/ko/guide.md');
      assert.equal(outputPathFor('/repo/docs/guide.md', 'zh-Hant', 'translations/{lang}/{name}.{ext}'), '/repo/docs/translations/zh-Hant/guide.md');
      assert.equal(outputPathFor('/repo/docs/guide.md', 'ko', '/out/{lang}-{name}.{ext}'), '/out/ko-guide.md');
    });
  });

  describe('relative link rewriting', () => {
    const rewrite = relativeRewriter('/repo/docs', '/repo/docs/i18n/ko')!;

    it('rewrites relative destinations and leaves the rest', () => {
      assert.equal(relativeRewriter('/repo', '/repo'), undefined);
      assert.equal(rewrite('guide.md'), '../../guide.md');
      assert.equal(rewrite('./img/a.png'), '../../img/a.png');
      assert.equal(relativeRewriter('/repo/docs/i18n', '/repo/docs')!('./a.md'), './i18n/a.md');
      assert.equal(rewrite('../README.md#usage'), '../../../README.md#usage');
      assert.equal(rewrite('api/?q=1'), '../../api/?q=1');
      for (const kept of ['#anchor', 'https://example.com/a.md', 'mailto:a@b.c', '/root/path.md', '//cdn.example.com/x.js', 'data:image/png;base64,xx', '?query']) {
        assert.equal(rewrite(kept), kept);
      }
      assert.equal(relativeRewriter('/repo/My Docs', '/repo/out')!('a.md'), '../My%20Docs/a.md');
    });

    it('keeps links and images working from the output folder (Markdown, references, HTML), guard included', async () => {
      const source = fixture('changelog.md');
      const file = path.join(folder, 'docs', 'CHANGELOG.md');
      await writeFileAtomic(file, source);
      const reports = await localizeFile(file, { provider: new IdentityProvider(), to: ['ko'], pattern: '{dir}/i18n/{lang}/{name}.{ext}' });
      const target = path.join(folder, 'docs', 'i18n', 'ko', 'CHANGELOG.md');
      assert.deepEqual(reports.map((report) => [report.to, report.output, report.status]), [['ko', target, 'written']]);
      const output = readFileSync(target, 'utf8');
      const expected = source
        .replace('(./images/)', '(../../images/)')
        .replace('(diagrams/flow.svg)', '(../../diagrams/flow.svg)')
        .replace('(docs/migration.md#from-1x)', '(../../docs/migration.md#from-1x)')
        .replace('href="docs/faq.md"', 'href="../../docs/faq.md"')
        .replace('src="images/banner.png"', 'src="../../images/banner.png"')
        .replace('[Contributing]: CONTRIBUTING.md', '[Contributing]: ../../CONTRIBUTING.md')
        .replace('[docs]: <docs/index.md>', '[docs]: <../../docs/index.md>');
      assert.equal(output, expected);
    });

    it('leaves sibling outputs byte for byte identical to the source with IdentityProvider', async () => {
      const file = path.join(folder, 'README.md');
      const source = fixture('project-readme.md');
      await writeFileAtomic(file, source);
      await localizeFile(file, { provider: new IdentityProvider(), to: ['ko', 'zh-Hans'] });
      assert.equal(readFileSync(path.join(folder, 'README.ko.md'), 'utf8'), source);
      assert.equal(readFileSync(path.join(folder, 'README.zh-Hans.md'), 'utf8'), source);
    });

    it('writes every output when a unit needs recovery (the unit, not the file, degrades)', async () => {
      const file = path.join(folder, 'README.md');
      await writeFileAtomic(file, 'Use *quoted* words.\n\nSecond paragraph.\n');
      const provider = new FakeProvider({ capabilities: { formats: ['text'] }, translate: (text) => text.replace('Use ⟦1⟧quoted⟦2⟧ words.', '⟦1⟧"인용"⟦2⟧단어') });
      const reports = await localizeFile(file, { provider, to: ['ko', 'ja'] });
      assert.deepEqual(readdirSync(folder).sort(), ['README.ja.md', 'README.ko.md', 'README.md']);
      assert.equal(readFileSync(path.join(folder, 'README.ko.md'), 'utf8'), '<em>"인용"</em>단어\n\nSecond paragraph.\n');
      assert.deepEqual(reports[0].degraded, [1]);
      assert.deepEqual(reports.map((report) => report.status), ['written', 'written']);
    });

    it('refuses a pattern that would overwrite the source', async () => {
      const file = path.join(folder, 'README.md');
      await writeFileAtomic(file, 'Text.\n');
      await assert.rejects(localizeFile(file, { provider: new IdentityProvider(), to: ['ko'], pattern: '{dir}/{name}.{ext}' }), /overwrite the source/);
    });
  });

  describe('reading and writing files', () => {
    it('refuses non-UTF-8 and binary files, naming them', async () => {
      const latin1 = path.join(folder, 'latin1.md');
      writeFileSync(latin1, Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a])); // "Café" in Latin-1
      await assert.rejects(readMarkdownFile(latin1), (error: unknown) => error instanceof TranslateError && error.reason === 'input' && error.message.includes(latin1) && /UTF-8/.test(error.message));
      const binary = path.join(folder, 'image.md');
      writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]));
      await assert.rejects(readMarkdownFile(binary), (error: unknown) => error instanceof TranslateError && error.reason === 'input' && error.message.includes(binary) && /binary/.test(error.message));
      await assert.rejects(readMarkdownFile(path.join(folder, 'missing.md')), (error: unknown) => error instanceof TranslateError && error.reason === 'input' && /does not exist/.test(error.message));
    });

    it('keeps a byte-order mark byte for byte', async () => {
      const file = path.join(folder, 'bom.md');
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Title\r\n\r\nText.\r\n')]);
      writeFileSync(file, bytes);
      const text = await readMarkdownFile(file);
      assert.equal(text.charCodeAt(0), 0xfeff);
      const result = await localizeMarkdown(text, { provider: new IdentityProvider(), from: 'en', to: ['ko'] });
      const out = path.join(folder, 'bom.ko.md');
      await writeFileAtomic(out, result.outputs[0].text);
      assert.deepEqual(readFileSync(out), bytes);
      const pseudo = await localizeMarkdown(text, { provider: new PseudoProvider(), from: 'en', to: ['ko'] });
      assert.ok(pseudo.outputs[0].text.startsWith('\uFEFF# '));
    });

    it('writes atomically into new folders, replacing the old file and leaving no temporary files', async () => {
      const file = path.join(folder, 'a', 'b', 'out.md');
      await writeFileAtomic(file, 'one');
      await writeFileAtomic(file, 'two');
      assert.equal(readFileSync(file, 'utf8'), 'two');
      assert.deepEqual(readdirSync(path.dirname(file)), ['out.md']);
    });
  });

  describe('FileTranslationMemory', () => {
    const key = memoryKey({ provider: 'papago', options: { format: 'text' }, from: 'en', to: 'ko', text: 'Hello' });

    it('keys on provider, options, glossary, languages and text', () => {
      assert.match(key, /^[0-9a-f]{64}$/);
      const variants = [
        memoryKey({ provider: 'hive', options: { format: 'text' }, from: 'en', to: 'ko', text: 'Hello' }),
        memoryKey({ provider: 'papago', options: { format: 'html' }, from: 'en', to: 'ko', text: 'Hello' }),
        memoryKey({ provider: 'papago', options: { format: 'text' }, glossaryKey: 'g', from: 'en', to: 'ko', text: 'Hello' }),
        memoryKey({ provider: 'papago', options: { format: 'text' }, from: 'ja', to: 'ko', text: 'Hello' }),
        memoryKey({ provider: 'papago', options: { format: 'text' }, from: 'en', to: 'ja', text: 'Hello' }),
        memoryKey({ provider: 'papago', options: { format: 'text' }, from: 'en', to: 'ko', text: 'Hello!' }),
      ];
      assert.equal(new Set([key, ...variants]).size, 7);
      assert.equal(memoryKey({ provider: 'papago', options: { format: 'text' }, from: 'en', to: 'ko', text: 'Hello' }), key);
    });

    it('makes a re-run of an unchanged file send nothing', async () => {
      const file = path.join(folder, 'tm.json');
      const source = fixture('blockquotes-and-lists.md');
      const translate = (text: string): string => mapText(text, (piece) => piece.toUpperCase());
      const first = new FakeProvider({ capabilities: { formats: ['text'], multiTarget: false, maxCharsPerCall: 5000 }, translate });
      const memory = await FileTranslationMemory.open(file);
      const one = await localizeMarkdown(source, { provider: first, from: 'en', to: ['ko'], memory });
      await memory.flush();
      assert.ok(first.calls.length > 0);
      const second = new FakeProvider({ capabilities: first.capabilities, translate });
      const two = await localizeMarkdown(source, { provider: second, from: 'en', to: ['ko'], memory: await FileTranslationMemory.open(file) });
      assert.equal(second.calls.length, 0);
      assert.equal(two.cacheHits, two.segments);
      assert.equal(two.outputs[0].text, one.outputs[0].text);
      assert.equal(renderedShape(two.outputs[0].text), renderedShape(source));
    });
  });

  describe('front matter', () => {
    async function translateFrontMatter(frontMatter: string, fields?: string[]): Promise<string> {
      const provider = new FakeProvider({ capabilities: { formats: ['text'] }, translate: (text) => mapText(text, (piece) => piece.replace(/[A-Za-z]+/g, (word) => `${word}-ko`)) });
      const result = await localizeMarkdown(`---\n${frontMatter}---\n\nBody text.\n`, { provider, from: 'en', to: ['ko'], frontMatterFields: fields });
      return result.outputs[0].text;
    }

    it('keeps each value quoting style when it can, and every other byte', async () => {
      const source = ["title: Plain title # comment", "description: 'It''s quoted'", 'other: Untouched text', 'count: 3', 'tags: [a, b]', ''].join('\n');
      const output = await translateFrontMatter(source);
      assert.equal(
        output,
        ['---', 'title: Plain-ko title-ko # comment', "description: 'It-ko''s-ko quoted-ko'", 'other: Untouched text', 'count: 3', 'tags: [a, b]', '---', '', 'Body-ko text-ko.', ''].join('\n'),
      );
    });

    it('double-quotes a value that plain style cannot hold', async () => {
      const provider = new FakeProvider({ capabilities: { formats: ['text'] }, translate: (text) => text.replace('Guide', 'Guide: part #1') });
      const result = await localizeMarkdown('---\ntitle: Guide\n---\nText.\n', { provider, from: 'en', to: ['ko'] });
      assert.equal(result.outputs[0].text, '---\ntitle: "Guide: part #1"\n---\nText.\n');
      assert.equal((YAML.parse('title: "Guide: part #1"') as { title: string }).title, 'Guide: part #1');
    });

    it('keeps block scalars, dotted paths and custom field lists', async () => {
      const source = ['summary: |', '  Line one.', '  Line two.', 'seo:', '  title: "Deep title"', 'title: Top', ''].join('\n');
      const output = await translateFrontMatter(source, ['summary', 'seo.title']);
      assert.equal(output.split('\n---\n')[0], ['---', 'summary: |', '  Line-ko one-ko.', '  Line-ko two-ko.', 'seo:', '  title: "Deep-ko title-ko"', 'title: Top'].join('\n'));
    });

    it('keeps TOML front matter byte for byte', async () => {
      const source = '+++\ntitle = "Hello"\ndraft = true\n+++\n\nBody text.\n';
      const result = await localizeMarkdown(source, { provider: new PseudoProvider(), from: 'en', to: ['ko'] });
      assert.ok(result.outputs[0].text.startsWith('+++\ntitle = "Hello"\ndraft = true\n+++\n\n\\[Ɓóðý'));
      assert.equal(result.segments, 1);
    });

    it('leaves invalid YAML untouched, and `---` text `---` is Markdown', async () => {
      const broken = await translateFrontMatter('title: [unclosed\n');
      assert.ok(broken.startsWith('---\ntitle: [unclosed\n---\n'));
      const markdown = await localizeMarkdown('---\nA heading\n---\n', { provider: new PseudoProvider(), from: 'en', to: ['ko'] });
      assert.match(markdown.outputs[0].text, /^---\n\\\[Á ĥéáðíñĝ/);
    });
  });
});

describe('file operation: a run stopped part-way', () => {
  let folder: string;
  beforeEach(() => (folder = temporaryFolder()));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('reports the requests already paid for when an error stops the run', async () => {
    const files = ['a.md', 'b.md', 'c.md'].map((name, k) => {
      const file = path.join(folder, name);
      writeFileSync(file, `# Title ${k}\n\nA paragraph of file ${k} that is long enough to fill a request alone.\n`);
      return file;
    });
    let calls = 0;
    const provider = new FakeProvider({
      capabilities: { maxCharsPerCall: 80 },
      translate: (text) => {
        if (++calls === 3) throw new TranslateError('quota', 'The usage quota is used up.');
        return text;
      },
    });
    const result = await runLocalization({ files, provider, from: 'en', to: ['ko'], output: { kind: 'sibling' }, access: diskAccess, concurrency: 1 });
    assert.ok(result.files.some((report) => report.status === 'failed' && report.reason === 'quota'));
    assert.equal(result.requests, 2, 'the two requests answered before the quota error');
    assert.equal(result.charsSent, provider.calls.slice(0, 2).reduce((sum, call) => sum + call.text.length, 0));
  });
});
