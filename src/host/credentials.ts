import * as vscode from 'vscode';
import type { CredentialSet } from '../core/providers/context';

/** The services whose credentials the extension keeps, and the fields of each. */
export const CREDENTIAL_FIELDS = {
  hive: ['serviceKey', 'secretKey'],
  papago: ['clientId', 'clientSecret'],
  ncpIam: ['accessKey', 'secretKey'],
  papagoSmt: ['clientId', 'clientSecret'],
} as const;

export type CredentialService = keyof typeof CREDENTIAL_FIELDS;
export const CREDENTIAL_SERVICES = Object.keys(CREDENTIAL_FIELDS) as CredentialService[];

export function isCredentialService(value: unknown): value is CredentialService {
  return typeof value === 'string' && value in CREDENTIAL_FIELDS;
}

const PREFIX = 'hivePapago.credentials.';

/**
 * The one typed wrapper over `SecretStorage`: credentials live there and nowhere else (never in
 * settings, never in the log). Each service's fields are stored together as one JSON secret.
 */
export class CredentialStore {
  readonly onDidChange: vscode.Event<CredentialService>;
  private readonly emitter = new vscode.EventEmitter<CredentialService>();

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.onDidChange = this.emitter.event;
  }

  /** Forwards changes made in this or another window. */
  watch(): vscode.Disposable {
    return vscode.Disposable.from(
      this.emitter,
      this.secrets.onDidChange((event) => {
        const service = event.key.startsWith(PREFIX) ? event.key.slice(PREFIX.length) : undefined;
        if (isCredentialService(service)) this.emitter.fire(service);
      }),
    );
  }

  async get<S extends CredentialService>(service: S): Promise<NonNullable<CredentialSet[S]> | undefined> {
    const raw = await this.secrets.get(PREFIX + service);
    if (!raw) return undefined;
    try {
      const value = JSON.parse(raw) as Record<string, unknown>;
      const complete = CREDENTIAL_FIELDS[service].every((field) => typeof value[field] === 'string' && value[field] !== '');
      return complete ? (value as unknown as NonNullable<CredentialSet[S]>) : undefined;
    } catch {
      return undefined;
    }
  }

  async getAll(): Promise<CredentialSet> {
    const [hive, papago, ncpIam, papagoSmt] = await Promise.all(CREDENTIAL_SERVICES.map((service) => this.get(service)));
    return {
      hive: hive as CredentialSet['hive'],
      papago: papago as CredentialSet['papago'],
      ncpIam: ncpIam as CredentialSet['ncpIam'],
      papagoSmt: papagoSmt as CredentialSet['papagoSmt'],
    };
  }

  async set<S extends CredentialService>(service: S, value: NonNullable<CredentialSet[S]>): Promise<void> {
    await this.secrets.store(PREFIX + service, JSON.stringify(value));
  }

  async clear(service: CredentialService): Promise<void> {
    await this.secrets.delete(PREFIX + service);
  }

  async has(service: CredentialService): Promise<boolean> {
    return (await this.get(service)) !== undefined;
  }
}
