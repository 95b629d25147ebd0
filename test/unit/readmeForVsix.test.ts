import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { stripReadmeImagesInVsix, withoutLocalImages, withoutSections } from '../../scripts/readmeForVsix';

describe('the README inside the VSIX', () => {
  it('replaces relative images by their alt text and keeps other images and links', () => {
    const readme = [
      '![A shot](media/shot%20one.png "title")',
      '<img src="media/shot one.png" alt="Another shot" width="400">',
      '<img src="media/no-alt.png">',
      '![remote](https://example.com/a.png) [a link](CHANGELOG.md) ![inline](data:image/png;base64,AAAA)',
    ].join('\n');
    assert.equal(
      withoutLocalImages(readme),
      ['*A shot*', '*Another shot*', '', '![remote](https://example.com/a.png) [a link](CHANGELOG.md) ![inline](data:image/png;base64,AAAA)'].join('\n'),
    );
  });

  it('leaves out the named level-2 sections, up to the next one or the end', () => {
    const readme = '# Title\n\nIntro\n\n## Use\n\ntext\n\n## Contributing\n\n### Scripts\n\nx\n\n## Privacy\n\np\n\n## Performance\n\nq\n';
    assert.equal(withoutSections(readme, ['Contributing', 'Performance']), '# Title\n\nIntro\n\n## Use\n\ntext\n\n## Privacy\n\np\n\n');
    assert.equal(withoutSections(readme, []), readme);
  });

  it('rewrites the README inside a VSIX and leaves every other entry as it was', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'readme-'));
    try {
      const vsix = path.join(dir, 'x.vsix');
      writeFileSync(vsix, zipSync({ 'extension/README.md': strToU8('![A shot](media/shot.png)\n## Contributing\n\nnpm test\n'), 'extension/package.json': strToU8('{}'), 'extension.vsixmanifest': strToU8('<x/>') }));
      assert.equal(stripReadmeImagesInVsix(vsix), 'extension/README.md');
      const entries = unzipSync(readFileSync(vsix));
      assert.deepEqual(Object.keys(entries).sort(), ['extension.vsixmanifest', 'extension/README.md', 'extension/package.json']);
      assert.equal(strFromU8(entries['extension/README.md']), '*A shot*\n');
      assert.equal(strFromU8(entries['extension.vsixmanifest']), '<x/>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a VSIX without a README', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'readme-'));
    try {
      const vsix = path.join(dir, 'x.vsix');
      writeFileSync(vsix, zipSync({ 'extension/package.json': strToU8('{}') }));
      assert.throws(() => stripReadmeImagesInVsix(vsix), /holds no extension\/README\.md/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
