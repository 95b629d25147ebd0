import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { CommandId, ContextKey, GLOSSARY_VIEW, LOCALIZATION_VIEW } from '../../src/host/ids';

const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** The file a relative specifier names (`./x`, `./x.js`, `./dir`), or undefined for packages. */
function resolve(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ''));
  return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => existsSync(candidate));
}

/**
 * Every import of every file under src/, type-only and dynamic imports included, as paths
 * relative to src/ (`commands/registry.ts`) or package names (`vscode`).
 */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles.map(({ fileName }) => {
      const target = resolve(file, fileName);
      return target ? path.relative(SRC, target).split(path.sep).join('/') : fileName;
    });
    graph.set(path.relative(SRC, file).split(path.sep).join('/'), [...new Set(targets)]);
  }
  return graph;
}

/** Every import circle, each as the list of files around it (found by depth-first search). */
function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

function importsFrom(graph: Map<string, string[]>, fromFolder: string, toFolders: string[]): string[] {
  return [...graph].flatMap(([file, targets]) =>
    file.startsWith(fromFolder) ? targets.filter((t) => toFolders.some((folder) => t.startsWith(folder))).map((t) => `${file} -> ${t}`) : [],
  );
}

describe('architecture: the import graph of src/', () => {
  const graph = importGraph();

  it('reads the imports it checks (type-only and dynamic ones too)', () => {
    assert.ok(graph.size > 50, `only ${graph.size} files found`);
    assert.ok(graph.get('extension.ts')?.includes('commands/index.ts'));
    assert.ok(graph.get('commands/registry.ts')?.includes('host/services.ts'), 'type-only imports count');
    assert.ok(graph.get('commands/testConnection.ts')?.includes('core/connection.ts'), 'dynamic imports count');
  });

  it('has no import circles', () => {
    assert.deepEqual(circles(graph).map((circle) => circle.join(' -> ')), []);
  });

  it('keeps commands and views apart: each sees the other only through src/host', () => {
    assert.deepEqual(importsFrom(graph, 'commands/', ['views/']), []);
    assert.deepEqual(importsFrom(graph, 'views/', ['commands/']), []);
  });

  it('keeps the core free of every host', () => {
    assert.deepEqual(importsFrom(graph, 'core/', ['host/', 'commands/', 'views/', 'cli/', 'extension.ts', 'vscode']), []);
    assert.deepEqual(importsFrom(graph, 'host/', ['commands/', 'views/', 'cli/', 'extension.ts']), []);
  });
});

describe('architecture: the ids in src/host/ids.ts', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]>; menus: Record<string, { when?: string }[]> };
  };

  it('are exactly the commands package.json contributes', () => {
    assert.deepEqual(Object.values(CommandId).sort(), manifest.contributes.commands.map((c) => c.command).sort());
  });

  it('name the contributed views and the context keys the menus use', () => {
    for (const id of [GLOSSARY_VIEW, LOCALIZATION_VIEW]) assert.ok(Object.values(manifest.contributes.views).flat().some((view) => view.id === id), id);
    const whens = Object.values(manifest.contributes.menus).flat().map((item) => item.when ?? '').join(' ');
    for (const key of Object.values(ContextKey)) assert.ok(whens.includes(key), `${key} is used by no menu`);
  });
});
