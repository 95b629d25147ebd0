import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { embedImages, embedImagesInVsix } from '../../scripts/embedReadmeImages';

describe('README images for the installed extension page', () => {
  let dir: string;
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'readme-'));
    mkdirSync(path.join(dir, 'media'));
    writeFileSync(path.join(dir, 'media', 'shot one.png'), png);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('embeds relative images as data URIs and keeps other links', () => {
    const readme = [
      '![A shot](media/shot%20one.png "title")',
      '<img src="media/shot one.png" width="400">',
      '![remote](https://example.com/a.png) [a link](CHANGELOG.md) ![icon](media/icon.svg)',
    ].join('\n');
    const data = `data:image/png;base64,${png.toString('base64')}`;
    assert.equal(
      embedImages(readme, dir),
      [`![A shot](${data} "title")`, `<img src="${data}" width="400">`, '![remote](https://example.com/a.png) [a link](CHANGELOG.md) ![icon](media/icon.svg)'].join('\n'),
    );
  });

  it('refuses a README whose image is missing', () => {
    assert.throws(() => embedImages('![gone](media/gone.png)', dir), /ENOENT/);
  });

  it('rewrites the README inside a VSIX and leaves every other entry as it was', () => {
    const vsix = path.join(dir, 'x.vsix');
    writeFileSync(vsix, zipSync({ 'extension/README.md': strToU8('![A shot](media/shot%20one.png)'), 'extension/package.json': strToU8('{}'), 'extension.vsixmanifest': strToU8('<x/>') }));
    assert.equal(embedImagesInVsix(vsix, dir), 'extension/README.md');
    const entries = unzipSync(readFileSync(vsix));
    assert.deepEqual(Object.keys(entries).sort(), ['extension.vsixmanifest', 'extension/README.md', 'extension/package.json']);
    assert.match(strFromU8(entries['extension/README.md']), /^!\[A shot\]\(data:image\/png;base64,/);
    assert.equal(strFromU8(entries['extension.vsixmanifest']), '<x/>');
  });
});
