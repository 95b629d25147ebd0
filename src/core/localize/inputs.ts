import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { glob, isDynamicPattern } from 'tinyglobby';
import { TranslateError } from '../errors';
import { LANGUAGES } from '../languages';
import { outputPathFor } from '../markdown/output';

/**
 * Turns what the user named (files, folders, quoted globs) into the Markdown files to translate.
 * A folder means every `*.md` and `*.markdown` below it; folders and globs skip `node_modules`,
 * `.git`, whatever the tree's `.gitignore` files ignore, and this tool's own outputs for any
 * language (the files the output pattern would write for the other files found). A file named
 * explicitly is always taken.
 */

const MARKDOWN = '**/*.{md,markdown,MD,Markdown}';
const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**'];

function inputError(message: string): TranslateError {
  return new TranslateError('input', message);
}

/**
 * `.gitignore` rules as git applies them: each file's rules apply to the paths below its folder,
 * from the repository's root (the nearest folder above with a `.git`, else `root`) down.
 */
export class GitignoreFilter {
  private readonly rules = new Map<string, Promise<Ignore | undefined>>();
  private readonly top: string;

  constructor(root: string) {
    this.top = repositoryRoot(path.resolve(root)) ?? path.resolve(root);
  }

  /** Whether `file` (absolute) is ignored by a `.gitignore` of its folders. */
  async ignores(file: string): Promise<boolean> {
    const absolute = path.resolve(file);
    if (path.relative(this.top, absolute).startsWith('..')) return false;
    let dir = path.dirname(absolute);
    const folders: string[] = [];
    for (;;) {
      folders.unshift(dir);
      if (dir === this.top || path.dirname(dir) === dir) break;
      dir = path.dirname(dir);
    }
    for (const folder of folders) {
      const rules = await this.rulesOf(folder);
      if (rules?.ignores(path.relative(folder, absolute).split(path.sep).join('/'))) return true;
    }
    return false;
  }

  private rulesOf(folder: string): Promise<Ignore | undefined> {
    let rules = this.rules.get(folder);
    if (!rules) {
      rules = readFile(path.join(folder, '.gitignore'), 'utf8').then(
        (text) => ignore().add(text),
        () => undefined,
      );
      this.rules.set(folder, rules);
    }
    return rules;
  }
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
  const filter = new GitignoreFilter(options.cwd);
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
    if (info?.isDirectory()) {
      found = await glob(MARKDOWN, { cwd: absolute, absolute: true, ignore: ALWAYS_SKIPPED, dot: false });
    } else if (isDynamicPattern(input)) {
      found = (await glob(input, { cwd: options.cwd, absolute: true, ignore: ALWAYS_SKIPPED, dot: false })).filter((file) => /\.(md|markdown)$/i.test(file));
    } else {
      throw inputError(`${input} does not exist.`);
    }
    const kept = withoutOutputs(await notIgnored(found.map((file) => path.resolve(file)), filter), options.pattern);
    if (kept.length === 0) throw inputError(`${input} holds no Markdown file to translate (*.md, *.markdown; outputs and ignored files are skipped).`);
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
