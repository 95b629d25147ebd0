import * as vscode from 'vscode';
import type { CredentialSet } from '../core/providers/context';
import { CREDENTIAL_SERVICES, hasCredentialFields, isCredentialService, type CredentialFieldValues, type CredentialService } from './credentialFields';

export { CREDENTIAL_FIELDS, CREDENTIAL_SERVICES, isCredentialService, type CredentialService } from './credentialFields';

const PREFIX = 'hivePapago.credentials.';

/** Reading and storing without waiting for `runFirst`: what a task given to it works with. */
export interface CredentialAccess {
  has(service: CredentialService): Promise<boolean>;
  set<S extends CredentialService>(service: S, value: CredentialFieldValues<S>): Promise<void>;
}

/**
 * The one typed wrapper over `SecretStorage`: credentials live there and nowhere else (never in
 * settings, never in the log). Each service's fields are stored together as one JSON secret.
 */
export class CredentialStore {
  readonly onDidChange: vscode.Event<CredentialService>;
  private readonly emitter = new vscode.EventEmitter<CredentialService>();
  /** Every read and write waits for this: the task given to `runFirst`, if any. */
  private pending: Promise<unknown> = Promise.resolve();

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

  /**
   * Runs `task` ahead of every later use of the store: reads and writes wait until it settles.
   * For the credentials import at activation, which activation itself does not wait for, so that
   * the first command still sees the imported keys.
   */
  runFirst<T>(task: (access: CredentialAccess) => Promise<T>): Promise<T> {
    const access: CredentialAccess = { has: async (service) => (await this.read(service)) !== undefined, set: (service, value) => this.write(service, value) };
    const run = this.pending.then(() => task(access));
    this.pending = run.catch(() => undefined);
    return run;
  }

  async get<S extends CredentialService>(service: S): Promise<NonNullable<CredentialSet[S]> | undefined> {
    await this.pending;
    return this.read(service);
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

  async set<S extends CredentialService>(service: S, value: CredentialFieldValues<S>): Promise<void> {
    await this.pending;
    await this.write(service, value);
  }

  async clear(service: CredentialService): Promise<void> {
    await this.pending;
    await this.secrets.delete(PREFIX + service);
  }

  async has(service: CredentialService): Promise<boolean> {
    return (await this.get(service)) !== undefined;
  }

  private async read<S extends CredentialService>(service: S): Promise<NonNullable<CredentialSet[S]> | undefined> {
    const raw = await this.secrets.get(PREFIX + service);
    if (!raw) return undefined;
    try {
      const value = JSON.parse(raw) as Record<string, unknown>;
      return hasCredentialFields(service, value) ? (value as NonNullable<CredentialSet[S]>) : undefined;
    } catch {
      return undefined;
    }
  }

  private async write<S extends CredentialService>(service: S, value: CredentialFieldValues<S>): Promise<void> {
    await this.secrets.store(PREFIX + service, JSON.stringify(value));
  }
}
