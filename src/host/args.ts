import * as path from 'node:path';
import * as vscode from 'vscode';
import { TranslateError } from '../core/errors';
import { parseLanguage, parseSourceLanguage, type LanguageCode, type SourceLanguage } from '../core/languages';
import { isProviderId, type ProviderChoice } from '../core/providers/registry';

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
  throw new TranslateError('input', `The argument "${name}" must be a Uri or an absolute path.`);
}

export function targetsArg(value: unknown): LanguageCode[] | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
  if (!list) throw new TranslateError('input', 'The argument "to" must be a list of language codes.');
  const codes = list.map((item) => {
    const code = typeof item === 'string' ? parseLanguage(item) : undefined;
    if (!code) throw new TranslateError('input', `Unknown target language "${String(item)}".`);
    return code;
  });
  if (codes.length === 0) throw new TranslateError('input', 'Choose at least one target language.');
  return [...new Set(codes)];
}

export function sourceArg(value: unknown): SourceLanguage | undefined {
  if (value === undefined) return undefined;
  const code = typeof value === 'string' ? parseSourceLanguage(value) : undefined;
  if (!code) throw new TranslateError('input', `Unknown source language "${String(value)}".`);
  return code;
}

export function providerArg(value: unknown): ProviderChoice | undefined {
  if (value === undefined) return undefined;
  if (value === 'auto' || (typeof value === 'string' && isProviderId(value))) return value;
  throw new TranslateError('input', `Unknown provider "${String(value)}"; use auto, hive, papago, papago-smt, pseudo or identity.`);
}

export function enumArg<T extends string>(value: unknown, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new TranslateError('input', `The argument "${name}" must be one of ${allowed.join(', ')}.`);
}

export function stringArg(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  throw new TranslateError('input', `The argument "${name}" must be a string.`);
}
