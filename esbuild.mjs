// Bundles the extension and the CLI. `--production` minifies; `--watch` rebuilds on change.
//
// The extension is three bundles, so that activation loads only the host:
//   dist/extension.js  the host (src/extension.ts, src/host, src/commands, src/views);
//   dist/shared.js     the light core modules that src/core/shared.ts re-exports (errors,
//                      languages, messages, settings parsing), required by both of the others;
//   dist/core.js       the rest of the core (src/core/api.ts), required on first use by
//                      src/host/core.ts, never at activation.
// An import of a module that another bundle holds becomes a `require` of that bundle, so each
// module (and each class: TranslateError, GlossaryCsvError...) exists once and `instanceof`
// holds across them. The CLI, dist/cli.js, is one standalone bundle.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const SHARED_ENTRY = 'src/core/shared.ts';
const CORE_ENTRY = 'src/core/api.ts';

/** The source file an import names (`./x`, `./x.js`, `./dir`), or undefined. */
function sourceFile(dir, specifier) {
  const base = path.resolve(dir, specifier.replace(/\.js$/, ''));
  return [`${base}.ts`, path.join(base, 'index.ts')].find((file) => existsSync(file));
}

/** The light modules: those that `src/core/shared.ts` re-exports with `export * from`. */
function sharedModules() {
  const entry = path.resolve(SHARED_ENTRY);
  const specifiers = [...readFileSync(entry, 'utf8').matchAll(/^export \* from '(.+)';$/gm)].map((match) => match[1]);
  return specifiers.map((specifier) => sourceFile(path.dirname(entry), specifier));
}

const relative = (file) => path.relative(process.cwd(), file).split(path.sep).join('/');

/**
 * Turns imports of modules that another bundle holds into `require('./<bundle>.js')` (the
 * bundles sit side by side in dist/), and fails the build if the bundle holds a module it must
 * not (`forbidden(input)` says why, for the inputs esbuild lists).
 */
function bundleBoundary(owners, forbidden) {
  return {
    name: 'bundle-boundary',
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        const owner = owners.get(sourceFile(args.resolveDir, args.path));
        return owner ? { path: owner, external: true } : undefined;
      });
      build.onEnd((result) => {
        if (!result.metafile) return;
        const wrong = Object.keys(result.metafile.inputs).map(forbidden).filter(Boolean);
        if (wrong.length) throw new Error(`${build.initialOptions.outfile}: ${wrong.slice(0, 5).join('; ')}${wrong.length > 5 ? `; and ${wrong.length - 5} more` : ''}`);
      });
    },
  };
}

/** Prints errors in the form of the `$esbuild-watch` problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  // Non-ASCII text (language detection's trigrams, Korean messages) as UTF-8, not `\uXXXX`
  // escapes: smaller bundles, and Node reads its files as UTF-8.
  charset: 'utf8',
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  metafile: true,
};

function builds() {
  const shared = sharedModules();
  const light = new Set([SHARED_ENTRY, ...shared.map(relative)]);
  const toShared = new Map(shared.map((file) => [file, './shared.js']));
  const toSharedAndCore = new Map([...toShared, [path.resolve(CORE_ENTRY), './core.js']]);
  const plugins = (...more) => [...more, ...(watch ? [problemMatcher] : [])];
  return [
    {
      ...common,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      external: ['vscode'],
      plugins: plugins(bundleBoundary(toSharedAndCore, (input) => input.startsWith('src/core/') && `${input} belongs in core.js (use core() from src/host/core.ts, or import type)`)),
    },
    {
      ...common,
      entryPoints: [SHARED_ENTRY],
      outfile: 'dist/shared.js',
      plugins: plugins(bundleBoundary(new Map(), (input) => !light.has(input) && `${input} is not a light module: shared.ts must re-export every module its modules import, and only those`)),
    },
    {
      ...common,
      entryPoints: [CORE_ENTRY],
      outfile: 'dist/core.js',
      plugins: plugins(bundleBoundary(toShared, (input) => light.has(input) && `${input} belongs in shared.js`)),
    },
    {
      ...common,
      metafile: false,
      entryPoints: ['src/cli/main.ts'],
      outfile: 'dist/cli.js',
      banner: { js: '#!/usr/bin/env node' },
      plugins: plugins(),
    },
  ];
}

async function main() {
  const contexts = await Promise.all(builds().map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
