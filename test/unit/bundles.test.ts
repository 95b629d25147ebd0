import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * The extension is bundled in three parts (see esbuild.mjs): the host, the light core modules
 * that src/core/shared.ts re-exports, and the rest of the core, which the host loads on first
 * use through `core()` of src/host/core.ts. What the host imports as values, statically or with
 * `import()`, is bundled into dist/extension.js and loaded at activation: these tests keep that
 * to the light modules. (ESLint checks each host file's own imports; this checks where they lead.)
 */
const SRC = path.join(__dirname, '..', '..', 'src');

/** The specifiers of `source`'s imports that bring values: not `import type`, nor all-`type` lists. */
function valueImports(source: string): string[] {
  const file = ts.createSourceFile('file.ts', source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const typeOnly = (elements: readonly (ts.ImportSpecifier | ts.ExportSpecifier)[]): boolean => elements.length > 0 && elements.every((element) => element.isTypeOnly);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const onlyTypes = clause !== undefined && (clause.isTypeOnly || (!clause.name && bindings !== undefined && ts.isNamedImports(bindings) && typeOnly(bindings.elements)));
      if (!onlyTypes) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      if (!node.isTypeOnly && !(clause && ts.isNamedExports(clause) && typeOnly(clause.elements))) found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The file a relative specifier names (`./x`, `./x.js`, `./dir`), or undefined for packages. */
function resolve(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ''));
  return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => existsSync(candidate));
}

const relative = (file: string): string => path.relative(SRC, file).split(path.sep).join('/');

/** Every file under src/ that `entry` reaches through value imports, entry included (paths relative to src/). */
function reachedFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [path.join(SRC, entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(relative(file))) continue;
    seen.add(relative(file));
    for (const specifier of valueImports(readFileSync(file, 'utf8'))) {
      const target = resolve(file, specifier);
      if (target) pending.push(target);
    }
  }
  return seen;
}

/** The light modules: src/core/shared.ts and what it re-exports (the build reads the same list). */
function lightModules(): Set<string> {
  const shared = path.join(SRC, 'core/shared.ts');
  const specifiers = [...readFileSync(shared, 'utf8').matchAll(/^export \* from '(.+)';$/gm)].map((match) => match[1]);
  return new Set([relative(shared), ...specifiers.map((specifier) => relative(resolve(shared, specifier) ?? specifier))]);
}

describe('bundles: what the extension loads at activation', () => {
  const light = lightModules();

  it('finds value imports, static and dynamic, and leaves type-only ones out', () => {
    const source = [
      "import type { A } from './a';",
      "import { type B } from './b';",
      "import { C, type D } from './c';",
      "import * as E from './e';",
      "import './f';",
      "export type { G } from './g';",
      "export { H } from './h';",
      "export * from './i';",
      "type J = typeof import('./j');",
      "async function k() { return import('./k.js'); }",
    ].join('\n');
    assert.deepEqual(valueImports(source), ['./c', './e', './f', './h', './i', './k.js']);
  });

  it('reads the light modules from src/core/shared.ts, and they exist', () => {
    assert.ok(light.has('core/errors.ts') && light.has('core/languages.ts'), [...light].join(', '));
    for (const file of light) assert.ok(existsSync(path.join(SRC, file)), `${file} is missing`);
  });

  it('reaches no module of src/core from src/extension.ts but the light ones', () => {
    const reached = reachedFrom('extension.ts');
    assert.ok(reached.has('commands/translateMarkdownFile.ts') && reached.has('host/core.ts'), 'the walk follows the host');
    assert.deepEqual([...reached].filter((file) => file.startsWith('core/') && !light.has(file)), []);
  });

  it('keeps the light modules light: they import only each other', () => {
    for (const file of light) {
      assert.deepEqual([...reachedFrom(file)].filter((reached) => !light.has(reached)), [], `${file} leads out of the light modules`);
    }
  });
});
