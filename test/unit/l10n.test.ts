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

const unescape = (literal: string) => literal.replace(/\\(.)/g, '$1');

/** The literal first argument of every `vscode.l10n.t(...)` call in the extension. */
function runtimeStrings(): string[] {
  const found = new Set<string>();
  for (const file of sources(path.join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/vscode\.l10n\.t\(\s*(['"`])((?:\\.|(?!\1).)*)\1/gs)) found.add(unescape(match[2]));
  }
  return [...found];
}

/** Every `message(...)` call of the core: its literal template, or the call's text when it has none. */
function coreTemplates(): { templates: string[]; notLiteral: string[] } {
  const templates = new Set<string>();
  const notLiteral: string[] = [];
  for (const file of sources(path.join(root, 'src/core'))) {
    const text = readFileSync(file, 'utf8');
    for (const call of text.matchAll(/(?<![\w.])message\(/g)) {
      const rest = text.slice(call.index + call[0].length);
      if (/^\s*template: string/.test(rest)) continue; // its definition
      const literal = /^\s*(['"])((?:\\.|(?!\1).)*)\1\s*[,)]/s.exec(rest);
      if (literal) templates.add(unescape(literal[2]));
      else notLiteral.push(`${path.relative(root, file)}: message(${rest.slice(0, 40)}`);
    }
  }
  return { templates: [...templates], notLiteral };
}

const placeholders = (text: string) => (text.match(/\{\d+\}/g) ?? []).sort();
const bundle = () => JSON.parse(readFileSync(path.join(root, 'l10n/bundle.l10n.ko.json'), 'utf8')) as Record<string, string>;

describe('localization', () => {
  it('the Korean bundle translates every runtime string, keeping its placeholders', () => {
    const ko = bundle();
    const strings = runtimeStrings();
    assert.ok(strings.length > 50, `found ${strings.length} strings`);
    const missing = strings.filter((s) => !(s in ko));
    assert.deepEqual(missing, [], 'untranslated strings');
    for (const s of strings) assert.deepEqual(placeholders(ko[s]), placeholders(s), s);
  });

  it('the Korean bundle translates every message template of the core, keeping its placeholders', () => {
    const ko = bundle();
    const { templates, notLiteral } = coreTemplates();
    assert.ok(templates.length > 80, `found ${templates.length} templates`);
    assert.ok(templates.includes('{0} rejected the credentials; check them.'), 'finds templates inside tables');
    assert.deepEqual(notLiteral, [], 'a template must be a plain string literal, or the check cannot see it');
    assert.deepEqual(templates.filter((t) => !(t in ko)), [], 'untranslated templates');
    for (const t of templates) assert.deepEqual(placeholders(ko[t]), placeholders(t), t);
  });

  it('the Korean bundle holds no string that nothing uses', () => {
    const used = new Set([...runtimeStrings(), ...coreTemplates().templates]);
    assert.deepEqual(Object.keys(bundle()).filter((key) => !used.has(key)), []);
  });

  it('package.nls.ko.json has every key of package.nls.json, and the manifest uses only known keys', () => {
    const en = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const ko = JSON.parse(readFileSync(path.join(root, 'package.nls.ko.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(ko).sort(), Object.keys(en).sort());
    const manifest = readFileSync(path.join(root, 'package.json'), 'utf8');
    const used = [...manifest.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]);
    assert.deepEqual(used.filter((key) => !(key in en)), []);
    assert.deepEqual(Object.keys(en).filter((key) => !used.includes(key)), [], 'unused keys');
  });

  it('the Korean manifest strings are Korean wherever the English ones are words', () => {
    const en = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const ko = JSON.parse(readFileSync(path.join(root, 'package.nls.ko.json'), 'utf8')) as Record<string, string>;
    const untranslated = Object.keys(en).filter((key) => en[key] === ko[key] && /[a-z]{3,}\s+[a-z]{3,}/i.test(en[key]));
    assert.deepEqual(untranslated, []);
  });
});
