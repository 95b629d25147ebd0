import * as vscode from 'vscode';
import type { GlossaryClient } from '../core/glossary';
import type { HttpClient, RetryEvent } from '../core/http/client';
import type { ProviderContext } from '../core/providers/context';
import { createProvider, routeProvider, type ProviderChoice } from '../core/providers/registry';
import type { ProviderId, TextFormat, TranslationProvider } from '../core/providers/types';
import type { Clock, RedactingLogger } from '../core/runtime';
import { CredentialStore } from './credentials';
import { Disposable } from './dispose';
import { GlossaryChoices } from './glossaryChoices';
import { GlossaryCsvProblems } from './glossaryCsvProblems';
import { settings } from './settings';

/** A provider built for one request, with the id the router chose. */
export interface ChosenProvider {
  id: ProviderId;
  provider: TranslationProvider;
}

/**
 * What commands and views share: credentials, the log, remembered choices, and the one place
 * that builds the core's clients (providers and the glossary client) from the stored secrets and
 * the current settings. The HTTP stack is loaded on first use, never at activation.
 */
export class Services extends Disposable {
  readonly glossaryChoices: GlossaryChoices;
  /** The bad lines of glossary CSV files an upload refused, in the Problems panel. */
  readonly csvProblems = this.register(new GlossaryCsvProblems());
  private http: { timeoutMs: number; http: HttpClient; clock: Clock } | undefined;
  private readonly retryListeners = new Set<(event: RetryEvent) => void>();

  constructor(
    readonly extensionContext: vscode.ExtensionContext,
    readonly credentials: CredentialStore,
    readonly logger: RedactingLogger,
    readonly channel: vscode.LogOutputChannel,
  ) {
    super();
    this.glossaryChoices = new GlossaryChoices(extensionContext.globalState);
    this.register(credentials.watch());
  }

  /** Calls `listener` before every retry of any request (for progress: "retrying in 4 s"). */
  onRetry(listener: (event: RetryEvent) => void): vscode.Disposable {
    this.retryListeners.add(listener);
    return new vscode.Disposable(() => this.retryListeners.delete(listener));
  }

  /** Builds the core's context from the stored secrets and the current settings (read for `scope`). */
  async providerContext(scope?: vscode.ConfigurationScope): Promise<ProviderContext> {
    const credentials = await this.credentials.getAll();
    const { credentialSecrets } = await import('../core/signing.js');
    this.logger.addSecret(...credentialSecrets(credentials));
    const endpoints = settings.endpoints();
    const timeoutMs = settings.requestTimeoutMs();
    if (!this.http || this.http.timeoutMs !== timeoutMs) {
      const { createHttpStack } = await import('../core/runtime-node.js');
      this.http = { timeoutMs, ...createHttpStack({ logger: this.logger, timeoutMs }) };
      this.http.http.onRetry((event) => {
        for (const listener of this.retryListeners) listener(event);
      });
    }
    return {
      http: this.http.http,
      clock: this.http.clock,
      logger: this.logger,
      endpoints,
      credentials,
      hiveProjectId: settings.hiveProjectId(),
      options: { honorific: settings.papagoHonorific(scope) },
    };
  }

  /**
   * The provider for content of `format`: the explicit `choice`, else the setting (read for
   * `scope`), routed by the stored credentials. Throws a 'config' error when none can serve.
   */
  async provider(format: TextFormat, choice: ProviderChoice | undefined, scope?: vscode.ConfigurationScope): Promise<ChosenProvider> {
    const context = await this.providerContext(scope);
    const id = routeProvider(format, choice ?? settings.provider(format, scope), context.credentials);
    return { id, provider: createProvider(id, context) };
  }

  /** A client of the glossary API, signed with the stored NCP IAM keys (its code loads on first use). */
  async glossaryClient(): Promise<GlossaryClient> {
    const [{ GlossaryClient }, context] = await Promise.all([import('../core/glossary/index.js'), this.providerContext()]);
    return new GlossaryClient(context);
  }

  get globalStorageUri(): vscode.Uri {
    return this.extensionContext.globalStorageUri;
  }
}
