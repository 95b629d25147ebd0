import { strict as assert } from 'node:assert';
import { groupByDirectory } from '../../src/views/localizationGroups';

describe('the localization view: sources grouped by directory', () => {
  it('puts root files first, then one node per directory by its whole path, names in natural order', () => {
    const files = ['docs/guide/step10.md', 'README.md', 'docs/guide/step2.md', 'docs/api/v2/index.md', 'CHANGELOG.md', 'docs/index.md'];
    const grouped = groupByDirectory(files, (file) => file);
    assert.deepEqual(grouped.root, ['CHANGELOG.md', 'README.md']);
    assert.deepEqual(
      grouped.dirs.map((group) => [group.dir, group.items]),
      [
        ['docs', ['docs/index.md']],
        ['docs/api/v2', ['docs/api/v2/index.md']],
        ['docs/guide', ['docs/guide/step2.md', 'docs/guide/step10.md']],
      ],
    );
  });

  it('keeps a hundred files in a dozen directories one level deep', () => {
    const files = Array.from({ length: 120 }, (_, k) => `docs/section${k % 12}/page${k}.md`);
    const grouped = groupByDirectory(files, (file) => file);
    assert.equal(grouped.root.length, 0);
    assert.equal(grouped.dirs.length, 12);
    assert.ok(grouped.dirs.every((group) => group.items.length === 10));
  });
});
