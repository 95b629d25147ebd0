import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sources(file) : file.endsWith('.ts') ? [file] : [];
  });
}

/** The literal first argument of every `vscode.l10n.t(...)` call in the extension. */
function runtimeStrings(): string[] {
  const found = new Set<string>();
  for (const file of sources(path.join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/vscode\.l10n\.t\(\s*(['"`])((?:\\.|(?!\1).)*)\1/gs)) {
      found.add(match[2].replace(/\\(.)/g, '$1'));
    }
  }
  return [...found];
}

const placeholders = (text: string) => (text.match(/\{\d+\}/g) ?? []).sort();

describe('localization', () => {
  it('the Korean bundle translates every runtime string, keeping its placeholders', () => {
    const bundle = JSON.parse(readFileSync(path.join(root, 'l10n/bundle.l10n.ko.json'), 'utf8')) as Record<string, string>;
    const strings = runtimeStrings();
    assert.ok(strings.length > 50, `found ${strings.length} strings`);
    const missing = strings.filter((s) => !(s in bundle));
    assert.deepEqual(missing, [], 'untranslated strings');
    for (const s of strings) assert.deepEqual(placeholders(bundle[s]), placeholders(s), s);
  });

  it('package.nls.ko.json has every key of package.nls.json, and the manifest uses only known keys', () => {
    const en = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const ko = JSON.parse(readFileSync(path.join(root, 'package.nls.ko.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(ko).sort(), Object.keys(en).sort());
    const manifest = readFileSync(path.join(root, 'package.json'), 'utf8');
    const used = [...manifest.matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]);
    assert.deepEqual(used.filter((key) => !(key in en)), []);
    assert.deepEqual(Object.keys(en).filter((key) => !used.includes(key)), [], 'unused keys');
  });
});
