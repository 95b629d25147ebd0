import * as path from 'node:path';
import * as vscode from 'vscode';
import { TranslateError } from '../core/errors';
import type { LanguageCode, SourceLanguage } from '../core/languages';
import { parseProviderOption, parseSourceOption, parseTargetLanguages } from '../core/options';
import type { ProviderChoice } from '../core/providers/registry';

/**
 * Command arguments arrive from menus (a `Uri`, a tree item), keybindings and scripts (an options
 * object). These helpers read them strictly and say clearly what is wrong.
 */
export function optionsOf(arg: unknown): Record<string, unknown> {
  return arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as Record<string, unknown>) : {};
}

/** True when a command was called by a script or test with an options object (not from a menu). */
export function isScripted(arg: unknown): boolean {
  return (
    arg !== null &&
    typeof arg === 'object' &&
    !(arg instanceof vscode.Uri) &&
    !(arg instanceof vscode.TreeItem) &&
    Object.getPrototypeOf(arg) === Object.prototype
  );
}

/** A `Uri` or an absolute path string. */
export function uriArg(value: unknown, name: string): vscode.Uri | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string') {
    if (/^[a-z][\w+.-]+:\/\//i.test(value)) return vscode.Uri.parse(value);
    if (path.isAbsolute(value)) return vscode.Uri.file(value);
  }
  throw new TranslateError('input', vscode.l10n.t('The argument "{0}" must be a Uri or an absolute path.', name));
}

export function targetsArg(value: unknown): LanguageCode[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' && !Array.isArray(value)) throw new TranslateError('input', vscode.l10n.t('The argument "to" must be a list of language codes.'));
  return parseTargetLanguages(value as string | readonly unknown[], 'to');
}

export function sourceArg(value: unknown): SourceLanguage | undefined {
  return value === undefined ? undefined : parseSourceOption(value);
}

export function providerArg(value: unknown): ProviderChoice | undefined {
  return value === undefined ? undefined : parseProviderOption(value);
}

export function enumArg<T extends string>(value: unknown, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new TranslateError('input', vscode.l10n.t('The argument "{0}" must be one of {1}.', name, allowed.join(', ')));
}

export function stringArg(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  throw new TranslateError('input', vscode.l10n.t('The argument "{0}" must be a string.', name));
}
