import packageJson from '../../package.json';
import { isCancellation, TranslateError, userMessage, type ServiceId } from '../core/errors';
import { glossaryCommand } from './glossary';
import type { CliIo } from './io';
import { localizeCommand } from './localize';
import { statusCommand } from './status';
import { translateCommand } from './translate';
import { NO_DETECTION } from '../core/providers/validate';

export const HELP = `hive-papago-translate: translate text and localize Markdown with Hive and Papago.

Usage:
  hive-papago-translate translate [TEXT...] --to LANGS [--from LANG|auto] [--provider P]
                                  [--format text|html] [--glossary KEY] [--honorific] [--json]
  hive-papago-translate localize PATH... --to LANGS [--from LANG] [--provider P] [--in-place]
                                 [--out PATTERN] [--dry-run] [--json] [--no-memory] [--memory PATH]
                                 [--state PATH] [--no-state] [--concurrency N] [--honorific]
  hive-papago-translate status PATH... --to LANGS [--out PATTERN] [--state PATH] [--json] [--check]
  hive-papago-translate glossary list [--json] | create NAME [--description TEXT]
                                 | upload KEY FILE.csv | download KEY [--out PATH] | delete KEY

Providers: auto (default) | hive | papago | papago-smt | pseudo | identity
--honorific: formal Korean (from en, ja, zh) and Japanese (from ko, en, zh) with Papago;
             other providers ignore it.
Languages: ko en ja zh-Hans zh-Hant fr de ru es pt id vi th it tr ar

Environment:
  HIVE_SERVICE_KEY, HIVE_SECRET_KEY, HIVE_PROJECT_ID, HIVE_ENDPOINT
  NCP_API_KEY_ID, NCP_API_KEY (Papago Translation), NCP_ACCESS_KEY, NCP_SECRET_KEY (glossaries)
  PAPAGO_ENDPOINT, NAVER_CLIENT_ID, NAVER_CLIENT_SECRET, PAPAGO_SMT_ENDPOINT
  HIVE_PAPAGO_LOG=info|debug (log to stderr), HIVE_PAPAGO_TIMEOUT_MS (per request)

Exit codes: 0 success; 1 a service failure, or some file failed (the others are written);
2 usage or input error (nothing was sent); 130 interrupted (SIGINT); 143 terminated (SIGTERM).
`;

/** The CLI's exit codes. */
export const EXIT = { ok: 0, failure: 1, usage: 2, sigint: 130, sigterm: 143 } as const;

/** The environment variables that fix a missing or rejected credential, per service. */
const CREDENTIAL_VARIABLES: Record<ServiceId, string> = {
  hive: 'HIVE_SERVICE_KEY and HIVE_SECRET_KEY',
  papago: 'NCP_API_KEY_ID and NCP_API_KEY',
  ncpIam: 'NCP_ACCESS_KEY and NCP_SECRET_KEY',
  papagoSmt: 'NAVER_CLIENT_ID and NAVER_CLIENT_SECRET',
};

/** The error's sentence, with the CLI's way to fix it when there is one. */
function cliMessage(error: unknown): string {
  const message = userMessage(error);
  if (error instanceof TranslateError && (error.reason === 'auth' || error.reason === 'config') && error.service) {
    return `${message} (environment: ${CREDENTIAL_VARIABLES[error.service]})`;
  }
  // The CLI's way to name the source language.
  if (error instanceof TranslateError && error.code === NO_DETECTION) return `${message.replace(/\.$/, '')} with --from (for example --from en).`;
  return message;
}

/** Runs one CLI invocation and returns its exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo, signal: AbortSignal = new AbortController().signal): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'translate':
        return await translateCommand(args, io, signal);
      case 'localize':
        return await localizeCommand(args, io, signal);
      case 'status':
        return await statusCommand(args, io);
      case 'glossary':
        return await glossaryCommand(args, io, signal);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(HELP);
        return command === undefined ? EXIT.usage : EXIT.ok;
      case '--version':
        io.stdout(`${packageJson.version}\n`);
        return EXIT.ok;
      default:
        io.stderr(`Unknown command "${command}"; run hive-papago-translate --help.\n`);
        return EXIT.usage;
    }
  } catch (error) {
    io.stderr(`${redactAll(cliMessage(error), io)}\n`);
    if (isCancellation(error)) return EXIT.sigint;
    return error instanceof TranslateError && error.isUsageError ? EXIT.usage : EXIT.failure;
  }
}

/** The last line of defence: no credential value from the environment is ever printed. */
function redactAll(text: string, io: CliIo): string {
  let out = text;
  for (const [name, value] of Object.entries(io.env)) {
    if (value && value.length >= 4 && /KEY|SECRET|CLIENT_ID/.test(name)) out = out.split(value).join('***');
  }
  return out;
}
