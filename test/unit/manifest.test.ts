import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

interface Setting {
  type: string;
  enum?: string[];
  enumDescriptions?: string[];
  enumItemLabels?: string[];
  items?: Setting;
  order?: number;
}

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  icon: string;
  activationEvents: string[];
  contributes: {
    commands: { command: string; category: string; icon?: string }[];
    keybindings: { command: string; key: string; mac: string; when: string }[];
    configuration: { properties: Record<string, Setting> };
    menus: Record<string, { command: string; group?: string; when?: string }[]>;
    viewsWelcome: { view: string; contents: string; when: string }[];
    walkthroughs: { id: string; steps: { id: string; media: { svg: string; altText: string }; completionEvents: string[] }[] }[];
  };
};
const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const resolved = (value: string) => value.replace(/^%(.+)%$/, (_all, key: string) => nls[key]);

describe('manifest: the first five minutes', () => {
  it('activates for Markdown documents, commands and views, never on startup (measured: far over 1.5x a hello world)', () => {
    assert.deepEqual(manifest.activationEvents, ['onLanguage:markdown']);
  });

  it('files every command under the product name, so that "Papago" or "Hive" finds it in the palette', () => {
    const categories = new Set(manifest.contributes.commands.map((command) => resolved(command.category)));
    assert.deepEqual([...categories], ['Hive & Papago']);
  });

  it('binds Translate Selection to a key that VS Code does not use by default', () => {
    assert.deepEqual(manifest.contributes.keybindings, [
      { command: 'hivePapago.translateSelection', key: 'shift+alt+t', mac: 'ctrl+cmd+t', when: 'editorTextFocus' },
    ]);
  });

  it('orders the settings: targets, provider and mode first, endpoints last', () => {
    const names = Object.entries(manifest.contributes.configuration.properties)
      .sort(([, a], [, b]) => (a.order ?? Infinity) - (b.order ?? Infinity))
      .map(([name]) => name.replace('hivePapago.', ''));
    assert.deepEqual(names.slice(0, 6), ['targetLanguages', 'sourceLanguage', 'provider.text', 'provider.html', 'provider.markdown', 'selection.mode']);
    assert.deepEqual(names.slice(-3), ['hive.endpoint', 'papago.endpoint', 'papagoSmt.endpoint']);
    assert.ok(Object.values(manifest.contributes.configuration.properties).every((setting) => typeof setting.order === 'number'));
  });

  it('describes and labels every choice of every setting, languages by name', () => {
    for (const [name, setting] of Object.entries(manifest.contributes.configuration.properties)) {
      const choices = setting.enum ? setting : setting.items?.enum ? setting.items : undefined;
      if (!choices) continue;
      assert.equal(choices.enumDescriptions?.length, choices.enum!.length, `${name}: enumDescriptions`);
      assert.equal(choices.enumItemLabels?.length, choices.enum!.length, `${name}: enumItemLabels`);
    }
    const targets = manifest.contributes.configuration.properties['hivePapago.targetLanguages'].items!;
    assert.equal(resolved(targets.enumItemLabels![targets.enum!.indexOf('pt')]), 'Portuguese');
    assert.match(resolved(targets.enumDescriptions![targets.enum!.indexOf('pt')]), /Hive only/);
  });

  it('has a walkthrough whose steps each have theme-aware media and a completion event', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.deepEqual(walkthrough.steps.map((step) => step.id), ['setCredentials', 'testConnection', 'translateSelection', 'translateMarkdownFile', 'glossaries']);
    for (const step of walkthrough.steps) {
      const svg = readFileSync(path.join(root, step.media.svg), 'utf8');
      assert.match(svg, /var\(--vscode-/, `${step.media.svg} uses the theme's colours`);
      // The walkthrough page allows only its own styles: a <style> or style="" in the SVG is dropped.
      assert.doesNotMatch(svg, /<style|style=|class=/, `${step.media.svg} sets its colours in attributes`);
      assert.doesNotMatch(svg, /<text\b/, `${step.media.svg} holds no words to translate`);
      assert.ok(resolved(step.media.altText).length > 10);
      assert.ok(step.completionEvents.length > 0);
    }
  });

  it('welcomes a new user in the glossary view without asking for keys translation does not need', () => {
    const welcome = manifest.contributes.viewsWelcome.filter((entry) => entry.view === 'hivePapago.glossaries');
    assert.deepEqual(welcome.map((entry) => entry.when), ['!hivePapago.ncpCredentials', 'hivePapago.ncpCredentials']);
    assert.match(resolved(welcome[0].contents), /Translating does not need them/);
    assert.match(resolved(welcome[1].contents), /command:hivePapago\.glossary\.create/);
  });

  it('shows glossary actions with icons that read as actions', () => {
    const inline = manifest.contributes.menus['view/item/context'].filter((item) => item.group?.startsWith('inline') && item.when?.includes('view == hivePapago.glossaries'));
    const icons = inline.map((item) => manifest.contributes.commands.find((command) => command.command === item.command)?.icon);
    assert.deepEqual(icons, ['$(link)', '$(cloud-upload)', '$(cloud-download)']);
  });

  it('has a 128x128 PNG icon', () => {
    const png = readFileSync(path.join(root, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    assert.ok(existsSync(path.join(root, 'media/icon.svg')), 'rendered from media/icon.svg');
  });
});
