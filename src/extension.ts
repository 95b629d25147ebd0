import * as vscode from 'vscode';
import { COMMANDS } from './commands';
import { registerCommands } from './commands/registry';
import { startCredentialImport, type CredentialImportResult } from './host/credentialImport';
import { CREDENTIAL_SERVICES, CredentialStore, type CredentialService } from './host/credentials';
import { LocalizationIndex } from './host/localizations';
import { createLogger } from './host/logger';
import { Operations, type OperationRecord } from './host/progress';
import { Prompts, type PromptResponder } from './host/prompts';
import { Services } from './host/services';
import { GlossaryTree } from './views/glossaryTree';
import { LocalizationTree } from './views/localizationTree';
import { PreviewDocuments } from './views/previewDocuments';
import { SourceChangeMarks } from './views/sourceChangeMarks';
import { StatusBar } from './views/statusBar';
import { TranslationHover } from './views/translationHover';

/** What the extension exports to other extensions (and its integration tests). */
export interface ExtensionApi {
  /** The glossary view's data, as the tree shows it. */
  readonly glossaries: vscode.TreeDataProvider<vscode.TreeItem> & { readonly hasMore: boolean; readonly lastError: string | undefined };
  /** The Localization view's data (sources x languages), as the tree shows it; `refresh` reads everything again. */
  readonly localizations: vscode.TreeDataProvider<vscode.TreeItem> & { refresh(): Promise<void> };
  /**
   * For integration tests: answer the extension's messages instead of a person, and see how
   * operations showed progress. Only outside production (a test or development run): another
   * extension must not press this one's buttons nor learn which keys are stored.
   */
  readonly testing?: {
    answerPrompts(responder: PromptResponder | undefined): void;
    readonly operations: readonly OperationRecord[];
    /** The credentials import started at activation (HIVE_PAPAGO_IMPORT_CREDENTIALS), if any. */
    readonly credentialsImport: Promise<CredentialImportResult> | undefined;
    /** The services with stored credentials, read as any command reads them. */
    storedCredentials(): Promise<CredentialService[]>;
  };
}

/**
 * Wiring only: no network, no secret reads, no Markdown parser here. (The credentials import,
 * when its variable is set, runs after activation returns; the store's readers wait for it.)
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const channel = vscode.window.createOutputChannel('Hive & Papago Translate', { log: true });
  const credentials = new CredentialStore(context.secrets);
  const logger = createLogger(channel);
  // Not awaited: the store makes every read wait for it instead.
  const credentialsImport = startCredentialImport(process.env, credentials, logger);
  const services = new Services(context, credentials, logger, channel);
  const glossaryTree = new GlossaryTree(services);
  const statusBar = new StatusBar();
  const operations = new Operations((listener) => services.onRetry(listener));
  const prompts = new Prompts();
  const translationHover = new TranslationHover();
  const previews = new PreviewDocuments();
  const localizations = new LocalizationIndex(services.logger);
  const localizationTree = new LocalizationTree(localizations);
  const changeMarks = new SourceChangeMarks();
  context.subscriptions.push(
    channel,
    services,
    glossaryTree,
    statusBar,
    operations,
    translationHover,
    previews,
    localizations,
    localizationTree,
    changeMarks,
    registerCommands({ services, operations, glossaries: glossaryTree, status: statusBar, shown: translationHover, previews, prompts, localizations, changeMarks }, COMMANDS),
  );
  return {
    glossaries: glossaryTree,
    localizations: localizationTree,
    ...(context.extensionMode === vscode.ExtensionMode.Production
      ? {}
      : {
          testing: {
            answerPrompts: (responder: PromptResponder | undefined) => prompts.answerWith(responder),
            operations: operations.started,
            credentialsImport,
            storedCredentials: async () => {
              const stored = await Promise.all(CREDENTIAL_SERVICES.map((service) => credentials.has(service)));
              return CREDENTIAL_SERVICES.filter((_, i) => stored[i]);
            },
          },
        }),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
