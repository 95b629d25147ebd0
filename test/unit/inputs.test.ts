import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TranslateError } from '../../src/core/errors';
import { expandInputs } from '../../src/core/localize/inputs';

describe('inputs: files, folders and globs', () => {
  let root: string;
  const files = [
    'README.md',
    'README.ko.md',
    'docs/guide.md',
    'docs/guide.zh-Hans.md',
    'docs/guide.zh-CN.md',
    'docs/deep/notes.markdown',
    'docs/deep/draft.wip.md',
    'docs/deep/private.md',
    'docs/image.png',
    'node_modules/pkg/README.md',
    'build/generated.md',
    'drafts/idea.wip.md',
    'docs/i18n/ko/guide.md',
  ];
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'hpt-inputs-'));
    await mkdir(path.join(root, '.git'));
    for (const file of files) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), '# Title\n');
    }
    await writeFile(path.join(root, '.gitignore'), 'build/\n*.wip.md\n');
    await writeFile(path.join(root, 'docs', 'deep', '.gitignore'), 'private.md\n');
  });
  const relative = (list: string[]) => list.map((file) => path.relative(root, file).split(path.sep).join('/'));

  it('a folder: its Markdown files, without node_modules, ignored files and outputs in any language', async () => {
    assert.deepEqual(relative(await expandInputs(['.'], { cwd: root })), ['README.md', 'docs/deep/notes.markdown', 'docs/guide.md', 'docs/i18n/ko/guide.md']);
  });

  it('outputs are recognised by the output pattern in use', async () => {
    const found = relative(await expandInputs(['.'], { cwd: root, pattern: '{dir}/i18n/{lang}/{name}.{ext}' }));
    assert.ok(found.includes('README.ko.md'), 'not an output under this pattern: a source');
    assert.ok(!found.includes('docs/i18n/ko/guide.md'), 'the output of docs/guide.md under this pattern');
  });

  it('a quoted glob, with the same exclusions; explicit files always count, once', async () => {
    assert.deepEqual(relative(await expandInputs(['docs/**/*.md', 'README.ko.md', 'docs/guide.md'], { cwd: root })), ['docs/guide.md', 'docs/i18n/ko/guide.md', 'README.ko.md']);
  });

  it('refuses what does not exist or holds nothing to translate', async () => {
    await assert.rejects(expandInputs(['missing.md'], { cwd: root }), (error: unknown) => error instanceof TranslateError && /missing\.md does not exist/.test(error.message));
    await assert.rejects(expandInputs(['drafts'], { cwd: root }), /drafts holds no Markdown file/);
    await assert.rejects(expandInputs(['**/*.txt'], { cwd: root }), /holds no Markdown file/);
  });
});

describe('inputs: a named folder that a .gitignore above ignores', () => {
  it('is taken, and the other rules still apply inside it', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'hpt-named-'));
    await mkdir(path.join(root, '.git'));
    await mkdir(path.join(root, 'build', 'docs'), { recursive: true });
    await writeFile(path.join(root, '.gitignore'), 'build/\n*.wip.md\n');
    await writeFile(path.join(root, 'build', 'docs', 'guide.md'), '# Guide\n');
    await writeFile(path.join(root, 'build', 'docs', 'draft.wip.md'), '# Draft\n');
    const found = await expandInputs(['build'], { cwd: root });
    assert.deepEqual(found.map((file) => path.relative(root, file).split(path.sep).join('/')), ['build/docs/guide.md']);
    await assert.rejects(expandInputs(['.'], { cwd: root }), /holds no Markdown file/, 'from the root, build/ stays ignored');
  });
});
