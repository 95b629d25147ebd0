/**
 * Makes sure the test VS Code is installed, for `npm test` and `npm start`: runs install.sh,
 * which is idempotent (a few package queries when everything is there) and says itself what a
 * user without root must run.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const SCRIPT = path.join(__dirname, 'install.sh');

/** Throws when the install fails; its output went to this process's stderr and stdout. */
export function ensureTestVsCode(): void {
  // The variables npm sets for a script (the project's folder as npm's local prefix, the
  // script's package and lifecycle) are not meant for the nested npm install in .code-server/.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_(config_local_prefix$|package_|lifecycle_)/.test(name)));
  const run = spawnSync('bash', [SCRIPT], { stdio: 'inherit', env });
  if (run.error) throw new Error(`could not run scripts/vscode/install.sh: ${run.error.message}`);
  if (run.status !== 0) throw new Error('the test VS Code is not installed (scripts/vscode/install.sh failed, see above)');
}
