import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}

const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: {
    menus: Record<string, MenuItem[]>;
    configuration: { properties: Record<string, { type: string; default: unknown; scope?: string }> };
  };
};
const menus = manifest.contributes.menus;

describe('manifest: where the first five minutes find things', () => {
  it('the Explorer shows Translate Markdown File near the top, not beside Delete', () => {
    const item = menus['explorer/context'].find((entry) => entry.command === 'hivePapago.translateMarkdownFile');
    assert.equal(item?.group, 'navigation@90');
  });

  it('a review diff carries Apply and Discard in its title bar; the palette has them only during a review', () => {
    for (const command of ['hivePapago.applyReview', 'hivePapago.discardReview']) {
      const title = menus['editor/title'].find((entry) => entry.command === command);
      assert.match(title?.when ?? '', /resourceScheme == hive-papago-preview/);
      assert.match(title?.group ?? '', /^navigation/);
      assert.equal(menus.commandPalette.find((entry) => entry.command === command)?.when, 'hivePapago.reviewing');
    }
  });

  it('Select Source Language is in the palette and honorific is a documented boolean setting, off by default', () => {
    assert.ok(!menus.commandPalette.some((entry) => entry.command === 'hivePapago.selectSourceLanguage' && entry.when === 'false'));
    const honorific = manifest.contributes.configuration.properties['hivePapago.papago.honorific'];
    assert.deepEqual([honorific.type, honorific.default], ['boolean', false]);
  });
});
