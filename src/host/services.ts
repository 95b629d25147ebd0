import * as vscode from 'vscode';
import type { HttpClient } from '../core/http/client';
import type { ProviderContext } from '../core/providers/context';
import type { Clock, RedactingLogger } from '../core/runtime';
import { CredentialStore } from './credentials';
import { Disposable } from './dispose';
import { GlossaryChoices } from './glossaryChoices';
import { settings } from './settings';

/**
 * What commands and views share: credentials, the log, remembered choices, and the core's
 * provider context, whose HTTP stack is loaded on first use (never at activation).
 */
export class Services extends Disposable {
  readonly glossaryChoices: GlossaryChoices;
  private http: { timeoutMs: number; http: HttpClient; clock: Clock } | undefined;

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

  /** Builds the core's context from the stored secrets and the current settings. */
  async providerContext(): Promise<ProviderContext> {
    const credentials = await this.credentials.getAll();
    for (const entry of Object.values(credentials)) {
      if (entry) this.logger.addSecret(...Object.values(entry as Record<string, string>));
    }
    const endpoints = settings.endpoints();
    const timeoutMs = settings.requestTimeoutMs();
    if (!this.http || this.http.timeoutMs !== timeoutMs) {
      const { createHttpStack } = await import('../core/runtime-node.js');
      this.http = { timeoutMs, ...createHttpStack({ logger: this.logger, timeoutMs }) };
    }
    return {
      http: this.http.http,
      clock: this.http.clock,
      logger: this.logger,
      endpoints,
      credentials,
      hiveProjectId: settings.hiveProjectId(),
    };
  }

  get globalStorageUri(): vscode.Uri {
    return this.extensionContext.globalStorageUri;
  }
}
