/**
 * The production build as it ships: `npm run package` run in a temporary copy of the working
 * tree (tracked and new files; `node_modules` linked), so that the repository's own `dist/` and
 * any VSIX there are left alone. The sizes and activation sections read this one VSIX.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';

export const ROOT = path.resolve(__dirname, '..');

export interface Packaged {
  /** The temporary copy (removed by `dispose`). */
  dir: string;
  vsix: string;
  vsixBytes: number;
  /** Every file in the VSIX below `extension/` (path relative to it), with its uncompressed size. */
  files: Map<string, number>;
  /** The manifest's `main`, relative (`dist/extension.js`). */
  main: string;
  /** Unpacks the VSIX's `extension/` folder into `dir` (an installed extension's layout). */
  extract(dir: string): void;
  dispose(): void;
}

/** Files of the working tree as git sees them: tracked, plus new files that are not ignored. */
function workingTreeFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  return [...new Set(listed.split('\0').filter((file) => file !== ''))];
}

/** Runs `npm run package` in a temporary copy of the working tree and reads the VSIX it made. */
export function packageInTemp(): Packaged {
  const dir = mkdtempSync(path.join(tmpdir(), 'hpt-bench-package-'));
  try {
    for (const file of workingTreeFiles()) {
      const from = path.join(ROOT, file);
      const to = path.join(dir, file);
      mkdirSync(path.dirname(to), { recursive: true });
      try {
        cpSync(from, to);
      } catch (error) {
        // A file deleted in the working tree but still tracked: it is not part of the build.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    symlinkSync(realpathSync(path.join(ROOT, 'node_modules')), path.join(dir, 'node_modules'), 'dir');
    execFileSync('npm', ['run', '-s', 'package'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
    const name = readdirSync(dir).find((file) => file.endsWith('.vsix'));
    if (!name) throw new Error('npm run package made no .vsix');
    const vsix = path.join(dir, name);
    const bytes = readFileSync(vsix);
    const entries = unzipSync(bytes);
    const files = new Map<string, number>();
    for (const [entry, data] of Object.entries(entries)) {
      if (entry.startsWith('extension/') && !entry.endsWith('/')) files.set(entry.slice('extension/'.length), data.length);
    }
    const manifest = JSON.parse(Buffer.from(entries['extension/package.json']).toString('utf8')) as { main?: string };
    const main = path.posix.normalize(manifest.main ?? 'dist/extension.js').replace(/^\.\//, '');
    return {
      dir,
      vsix,
      vsixBytes: bytes.length,
      files,
      main: main.endsWith('.js') ? main : `${main}.js`,
      extract(target: string) {
        for (const [entry, data] of Object.entries(entries)) {
          if (!entry.startsWith('extension/') || entry.endsWith('/')) continue;
          const file = path.join(target, entry.slice('extension/'.length));
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, data);
        }
      },
      dispose: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
