import js from '@eslint/js';
import { readFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';

// The light core modules (src/core/shared.ts re-exports them): the only ones of src/core that the
// extension's host may import as values. Everything else of the core is in another bundle, loaded
// on first use through `core()` of src/host/core.ts (see esbuild.mjs).
const lightModules = [...readFileSync(new URL('src/core/shared.ts', import.meta.url), 'utf8').matchAll(/^export \* from '\.\/(.+)';$/gm)].map((m) => m[1]);
const heavyCore = `/core/(?!(?:${['shared', ...lightModules].join('|')})(?:\\.js)?$)`;
const heavyCoreMessage =
  "activation must not load the core: reach its values through core() from src/host/core.ts, import only its types (import type), or add a light module to src/core/shared.ts.";

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.code-server/**', 'esbuild.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // The host is bundled apart from the core (dist/extension.js and dist/core.js).
    files: ['src/extension.ts', 'src/host/**/*.ts', 'src/commands/**/*.ts', 'src/views/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: heavyCore, allowTypeImports: true, message: heavyCoreMessage }] }],
      'no-restricted-syntax': ['error', { selector: `ImportExpression[source.value=/${heavyCore.replaceAll('/', '\\/')}/]`, message: heavyCoreMessage }],
    },
  },
  {
    // The core runs in the CLI and in plain Node tests: it must never depend on VS Code.
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'src/core and src/cli must not import vscode.' }] },
      ],
    },
  },
);
