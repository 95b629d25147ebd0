/**
 * The services whose credentials the extension keeps, the fields of each, and what a valid value
 * looks like. Free of `vscode`, so the credentials import can be tested in plain Node.
 */
export const CREDENTIAL_FIELDS = {
  hive: ['serviceKey', 'secretKey'],
  papago: ['clientId', 'clientSecret'],
  ncpIam: ['accessKey', 'secretKey'],
  papagoSmt: ['clientId', 'clientSecret'],
} as const;

export type CredentialService = keyof typeof CREDENTIAL_FIELDS;
export const CREDENTIAL_SERVICES = Object.keys(CREDENTIAL_FIELDS) as CredentialService[];

/** A service's fields, each a string: what the store keeps for it. */
export type CredentialFieldValues<S extends CredentialService> = S extends CredentialService ? { [K in (typeof CREDENTIAL_FIELDS)[S][number]]: string } : never;

/** Whether `values` holds every field of `service`, each a non-empty string. */
export function hasCredentialFields<S extends CredentialService>(service: S, values: Record<string, unknown>): values is CredentialFieldValues<S> {
  return CREDENTIAL_FIELDS[service].every((field) => typeof values[field] === 'string' && values[field] !== '');
}

export function isCredentialService(value: unknown): value is CredentialService {
  return typeof value === 'string' && Object.hasOwn(CREDENTIAL_FIELDS, value);
}

/** Why a value cannot be a key: empty, with spaces or line breaks, or too long. */
export type CredentialValueProblem = 'empty' | 'spaces' | 'tooLong';

/** A credential is one token: no spaces or line breaks, a sane length (surrounding spaces are trimmed). */
export function credentialValueProblem(value: string): CredentialValueProblem | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return 'empty';
  if (/\s/.test(trimmed)) return 'spaces';
  if (trimmed.length > 512) return 'tooLong';
  return undefined;
}
