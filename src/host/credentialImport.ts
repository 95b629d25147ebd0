import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { Logger } from '../core/runtime';
import { CREDENTIAL_FIELDS, credentialValueProblem, hasCredentialFields, isCredentialService, type CredentialService } from './credentialFields';
import type { CredentialAccess } from './credentials';

/**
 * The credentials import: when this environment variable names a JSON file at activation, the
 * services it lists that have no stored credentials get them (for a sandbox or a test run, which
 * cannot reach the browser's secret storage from outside). The file holds the fields of the Set
 * Credentials command: `{"hive":{"serviceKey","secretKey"},"papago":{"clientId","clientSecret"},
 * "ncpIam":{"accessKey","secretKey"},"papagoSmt":{"clientId","clientSecret"}}`, any of them.
 */
export const IMPORT_CREDENTIALS_VARIABLE = 'HIVE_PAPAGO_IMPORT_CREDENTIALS';

/** Larger than any real file of four key pairs: anything bigger is not one. */
const MAX_FILE_BYTES = 64 * 1024;

export type ImportedCredentials = Partial<Record<CredentialService, Record<string, string>>>;

/** The services a file gives in full, and one sentence per entry refused (never a value). */
export interface ParsedCredentialFile {
  credentials: ImportedCredentials;
  problems: string[];
}

/** What an import did: for its log lines and for tests. */
export interface CredentialImportResult {
  file: string;
  imported: CredentialService[];
  /** Listed in the file but already stored: kept as they were. */
  kept: CredentialService[];
  problems: string[];
}

const SERVICE_NAMES = Object.keys(CREDENTIAL_FIELDS).join(', ');

const VALUE_PROBLEMS = { empty: 'is empty', spaces: 'has spaces or line breaks', tooLong: 'is too long to be a key' } as const;

/**
 * Reads the file's text. Each service is taken or refused on its own: an unknown service, a
 * missing or unknown field, or a value that is not a single token refuses that service only.
 * Problems name services and fields, never values (nor a JSON parser's message, which quotes
 * the text).
 */
export function parseCredentialFile(text: string): ParsedCredentialFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { credentials: {}, problems: ['the file is not valid JSON'] };
  }
  if (!isObject(data)) return { credentials: {}, problems: [`the file must hold a JSON object with any of ${SERVICE_NAMES}`] };

  const credentials: ImportedCredentials = {};
  const problems: string[] = [];
  for (const [service, entry] of Object.entries(data)) {
    if (!isCredentialService(service)) {
      problems.push(`unknown service "${service}" (the services are ${SERVICE_NAMES})`);
      continue;
    }
    const fields: readonly string[] = CREDENTIAL_FIELDS[service];
    if (!isObject(entry)) {
      problems.push(`${service} must be an object with ${fields.join(' and ')}`);
      continue;
    }
    const refused = [
      ...fields.filter((field) => !(field in entry)).map((field) => `${service}: missing ${field}`),
      ...Object.keys(entry)
        .filter((field) => !fields.includes(field))
        .map((field) => `${service}: unknown field "${field}" (expected ${fields.join(' and ')})`),
      ...fields.filter((field) => field in entry).flatMap((field) => {
        const value = entry[field];
        if (typeof value !== 'string') return [`${service}: ${field} is not a string`];
        const problem = credentialValueProblem(value);
        return problem ? [`${service}: ${field} ${VALUE_PROBLEMS[problem]}`] : [];
      }),
    ];
    if (refused.length > 0) {
      problems.push(...refused);
      continue;
    }
    credentials[service] = Object.fromEntries(fields.map((field) => [field, (entry[field] as string).trim()]));
  }
  return { credentials, problems };
}

/**
 * Imports the credentials of `file` into `store`: only services with nothing stored; logs
 * "credentials imported for hive, papago" (never a value) and one warning per problem. Never
 * throws: a file that cannot be read is a problem like any other.
 */
export async function importCredentials(
  file: string,
  store: CredentialAccess,
  logger: Logger & { addSecret(...values: string[]): void },
  read: (file: string) => Promise<string> = readSmallFile,
): Promise<CredentialImportResult> {
  const result: CredentialImportResult = { file, imported: [], kept: [], problems: [] };
  let text = '';
  try {
    if (!isAbsolute(file)) throw new Error('the path must be absolute');
    text = await read(file);
  } catch (error) {
    result.problems.push(`cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (result.problems.length === 0) {
    const parsed = parseCredentialFile(text);
    result.problems.push(...parsed.problems);
    for (const [service, value] of Object.entries(parsed.credentials) as [CredentialService, Record<string, string>][]) {
      logger.addSecret(...Object.values(value));
      try {
        if (await store.has(service)) {
          result.kept.push(service);
          continue;
        }
        if (!hasCredentialFields(service, value)) continue; // parseCredentialFile keeps complete entries only
        await store.set(service, value);
        result.imported.push(service);
      } catch (error) {
        result.problems.push(`${service}: could not be stored (${(error as Error).message})`);
      }
    }
  }

  const from = `${IMPORT_CREDENTIALS_VARIABLE}=${file}`;
  for (const problem of result.problems) logger.warn(`credentials import (${from}): ${problem}`);
  if (result.kept.length > 0) logger.info(`credentials import: already stored, kept: ${result.kept.join(', ')}`);
  if (result.imported.length > 0) logger.info(`credentials imported for ${result.imported.join(', ')}`);
  else if (result.kept.length === 0) logger.warn(`credentials import (${from}): nothing imported`);
  return result;
}

/**
 * At activation: when the variable is set, starts the import ahead of every other use of the
 * store (which waits for it) and returns its result without waiting; otherwise does nothing.
 */
export function startCredentialImport(
  env: Readonly<Record<string, string | undefined>>,
  store: { runFirst<T>(task: (access: CredentialAccess) => Promise<T>): Promise<T> },
  logger: Logger & { addSecret(...values: string[]): void },
): Promise<CredentialImportResult> | undefined {
  const file = env[IMPORT_CREDENTIALS_VARIABLE];
  if (!file) return undefined;
  return store.runFirst((access) => importCredentials(file, access, logger));
}

async function readSmallFile(file: string): Promise<string> {
  const bytes = await readFile(file);
  if (bytes.length > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES / 1024} KiB`);
  return bytes.toString('utf8');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
