import * as vscode from 'vscode';
import { DEFAULT_ENDPOINTS, validateEndpoint, type EndpointName } from '../core/endpoints';
import { parseLanguage, parseSourceLanguage, type LanguageCode, type SourceLanguage } from '../core/languages';
import type { Endpoints } from '../core/providers/context';
import { isProviderId, type ProviderChoice, type TextFormat } from '../core/providers/types';

export type SelectionMode = 'replace' | 'insertBelow' | 'show';
export type MarkdownOutput = 'sibling' | 'inPlace';

const SECTION = 'hivePapago';

function config(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, scope);
}

/** Typed access to the extension's settings. */
export const settings = {
  provider(format: TextFormat, scope?: vscode.ConfigurationScope): ProviderChoice {
    const value = config(scope).get<string>(`provider.${format}`, 'auto');
    return isProviderId(value) ? value : 'auto';
  },

  async setProvider(format: TextFormat, value: ProviderChoice): Promise<void> {
    await config().update(`provider.${format}`, value, vscode.ConfigurationTarget.Global);
  },

  sourceLanguage(scope?: vscode.ConfigurationScope): SourceLanguage {
    return parseSourceLanguage(config(scope).get<string>('sourceLanguage', 'auto')) ?? 'auto';
  },

  async setSourceLanguage(value: SourceLanguage): Promise<void> {
    await config().update('sourceLanguage', value, vscode.ConfigurationTarget.Global);
  },

  targetLanguages(scope?: vscode.ConfigurationScope): LanguageCode[] {
    const values = config(scope).get<string[]>('targetLanguages', ['en']);
    const codes = values.map(parseLanguage).filter((code): code is LanguageCode => code !== undefined);
    return codes.length > 0 ? [...new Set(codes)] : ['en'];
  },

  async setTargetLanguages(codes: LanguageCode[]): Promise<void> {
    await config().update('targetLanguages', codes, vscode.ConfigurationTarget.Global);
  },

  selectionMode(scope?: vscode.ConfigurationScope): SelectionMode {
    const value = config(scope).get<string>('selection.mode', 'replace');
    return value === 'insertBelow' || value === 'show' ? value : 'replace';
  },

  markdownOutput(scope?: vscode.ConfigurationScope): MarkdownOutput {
    return config(scope).get<string>('markdown.output') === 'inPlace' ? 'inPlace' : 'sibling';
  },

  markdownReview(scope?: vscode.ConfigurationScope): boolean {
    return config(scope).get<boolean>('markdown.review', false);
  },

  frontMatterFields(scope?: vscode.ConfigurationScope): string[] {
    return config(scope).get<string[]>('markdown.frontMatterFields', ['title', 'description']);
  },

  translationMemory(scope?: vscode.ConfigurationScope): boolean {
    return config(scope).get<boolean>('markdown.translationMemory', true);
  },

  papagoHonorific(scope?: vscode.ConfigurationScope): boolean {
    return config(scope).get<boolean>('papago.honorific', false) === true;
  },

  hiveProjectId(): string | undefined {
    // Restricted in untrusted workspaces, like the endpoints: read from user settings only there.
    const inspected = config().inspect<string>('hive.projectId');
    const value = vscode.workspace.isTrusted ? config().get<string>('hive.projectId') : inspected?.globalValue;
    return value?.trim() || undefined;
  },

  concurrency(): number {
    return clamp(config().get<number>('concurrency', 4), 1, 16);
  },

  requestTimeoutMs(): number {
    return clamp(config().get<number>('requestTimeoutSeconds', 30), 5, 600) * 1000;
  },

  /**
   * Endpoints come from the user's settings or the default only: the settings are
   * application-scoped, and a workspace value is ignored here as well, so that no repository can
   * send a signed request elsewhere. Each is validated (https, or http on loopback).
   */
  endpoints(): Endpoints {
    const read = (name: EndpointName): string => {
      const inspected = config().inspect<string>(`${name}.endpoint`);
      const value = inspected?.globalValue?.trim() || DEFAULT_ENDPOINTS[name];
      return validateEndpoint(value, `hivePapago.${name}.endpoint`);
    };
    return { hive: read('hive'), papago: read('papago'), papagoSmt: read('papagoSmt') };
  },
};

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : min;
}
