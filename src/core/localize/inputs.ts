import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
// Loaded through `require` so that bundles get the package's CommonJS build (its ES module build
// needs `import.meta`, which a CommonJS bundle does not have).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
import tinyglobby = require('tinyglobby');
import { TranslateError } from '../errors';
import { LANGUAGES } from '../languages';
import { outputPathFor } from '../markdown/output';
import { message, type Message } from '../messages';

/**
 * Turns what the user named (files, folders, quoted globs) into the Markdown files to translate.
 * A folder means every `*.md` and `*.markdown` below it; folders and globs skip `node_modules`,
 * `.git`, whatever the tree's `.gitignore` files ignore, and this tool's own outputs for any
 * language (the files the output pattern would write for the other files found). A file named
 * explicitly is always taken.
 */

const MARKDOWN = '**/*.{md,markdown,MD,Markdown}';
const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**'];

function inputError(sentence: Message): TranslateError {
  return new TranslateError('input', sentence);
}

/**
 * `.gitignore` rules as git applies them: each file's rules apply to the paths below its folder,
 * from the repository's root (the nearest folder above with a `.git`, else `base`) down. The
 * folder the user named (`base`) is taken even when a `.gitignore` above it ignores it: the
 * rules that ignore it are left out, the others still apply inside it.
 */
export class GitignoreFilter {
  private readonly rules = new Map<string, Promise<Ignore | undefined>>();
  private readonly top: string;
  private readonly base: string;

  constructor(base: string) {
    this.base = path.resolve(base);
    this.top = repositoryRoot(this.base) ?? this.base;
  }

  /** Whether `file` (absolute) is ignored by a `.gitignore` of its folders. */
  async ignores(file: string): Promise<boolean> {
    const absolute = path.resolve(file);
    if (path.relative(this.top, absolute).startsWith('..')) return false;
    for (const folder of foldersDown(this.top, path.dirname(absolute))) {
      const rules = await this.rulesOf(folder);
      if (rules?.ignores(toPosix(path.relative(folder, absolute)))) return true;
    }
    return false;
  }

  /** The rules of `folder`'s `.gitignore`, without those that would ignore the named folder. */
  private rulesOf(folder: string): Promise<Ignore | undefined> {
    let rules = this.rules.get(folder);
    if (!rules) {
      const named = path.relative(folder, this.base);
      const above = named !== '' && !named.startsWith('..');
      rules = readFile(path.join(folder, '.gitignore'), 'utf8').then(
        (text) => {
          const lines = text.split(/\r?\n/);
          return ignore().add(above ? lines.filter((line) => !ignore().add(line).ignores(`${toPosix(named)}/`)) : lines);
        },
        () => undefined,
      );
      this.rules.set(folder, rules);
    }
    return rules;
  }
}

/** `top`, then each folder down to `dir` (which is below `top`). */
function foldersDown(top: string, dir: string): string[] {
  const folders: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    folders.unshift(current);
    if (current === top || path.dirname(current) === current) return folders;
  }
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

function repositoryRoot(start: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export interface ExpandOptions {
  /** Where relative inputs are resolved (and the default root of `.gitignore` lookups). */
  cwd: string;
  /** The output pattern in use, to recognise outputs (default: siblings, `README.ko.md`). */
  pattern?: string;
}

/**
 * The Markdown files the inputs name, absolute, without duplicates, in a stable order (inputs
 * in the order given, each folder or glob sorted). Throws an `input` error for an input that
 * does not exist or a folder or glob without any Markdown file.
 */
export async function expandInputs(inputs: readonly string[], options: ExpandOptions): Promise<string[]> {
  const result: string[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    if (!seen.has(file)) {
      seen.add(file);
      result.push(file);
    }
  };
  for (const input of inputs) {
    const absolute = path.resolve(options.cwd, input);
    const info = await stat(absolute).catch(() => undefined);
    if (info?.isFile()) {
      add(absolute);
      continue;
    }
    let found: string[];
    const filter = new GitignoreFilter(info?.isDirectory() ? absolute : options.cwd);
    if (info?.isDirectory()) {
      found = await tinyglobby.glob(MARKDOWN, { cwd: absolute, absolute: true, ignore: ALWAYS_SKIPPED, dot: false });
    } else if (tinyglobby.isDynamicPattern(input)) {
      found = (await tinyglobby.glob(input, { cwd: options.cwd, absolute: true, ignore: ALWAYS_SKIPPED, dot: false })).filter((file) => /\.(md|markdown)$/i.test(file));
    } else {
      throw inputError(message('{0} does not exist.', input));
    }
    const kept = withoutOutputs(await notIgnored(found.map((file) => path.resolve(file)), filter), options.pattern);
    if (kept.length === 0) throw inputError(message('{0} holds no Markdown file to translate (*.md, *.markdown; outputs and ignored files are skipped).', input));
    for (const file of kept.sort()) add(file);
  }
  return result;
}

async function notIgnored(files: readonly string[], filter: GitignoreFilter): Promise<string[]> {
  const kept: string[] = [];
  for (const file of files) if (!(await filter.ignores(file))) kept.push(file);
  return kept;
}

/** Every spelling of every language an output name may carry (`zh-Hans`, `zh-hans`, `zh-CN`). */
const LANGUAGE_SPELLINGS = [...new Set(LANGUAGES.flatMap((language) => [language.code, language.hive, language.papago ?? language.code]))];

/** The files that are not what the output pattern writes for another of the files, in any language. */
function withoutOutputs(files: readonly string[], pattern: string | undefined): string[] {
  const outputs = new Set<string>();
  for (const file of files) {
    for (const spelling of LANGUAGE_SPELLINGS) outputs.add(path.resolve(outputPathFor(file, spelling, pattern)));
  }
  return files.filter((file) => !outputs.has(file));
}
