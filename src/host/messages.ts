import * as vscode from 'vscode';
import { errorSentence } from '../core/errors';
import { languageInfo, type SourceLanguage } from '../core/languages';
import { renderMessage, type Message, type MessageRenderer } from '../core/messages';
import type { ServiceId } from '../core/services';

/**
 * The core's sentences in VS Code's display language: templates through `vscode.l10n.t` (the
 * English template is the key of `l10n/bundle.l10n.*.json`), language names and dates through
 * `Intl` in `vscode.env.language`.
 */

/** VS Code's display language (`ko`, `en`, `zh-cn`), falling back to English when Intl does not know it. */
function displayLocale(): string {
  try {
    return Intl.getCanonicalLocales(vscode.env.language)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** A language as the user reads it: `포르투갈어 (pt)` in a Korean VS Code, `Portuguese (pt)` in English. */
export function languageName(code: SourceLanguage): string {
  if (code === 'auto') return vscode.l10n.t('auto-detect');
  return vscode.l10n.t('{0} ({1})', languageOnly(code), code);
}

/** A language's name alone, in VS Code's display language. */
export function languageOnly(code: Exclude<SourceLanguage, 'auto'>): string {
  try {
    return new Intl.DisplayNames([displayLocale()], { type: 'language', fallback: 'none' }).of(code) ?? languageInfo(code).name;
  } catch {
    return languageInfo(code).name;
  }
}

/** A date and time (ms since the epoch) in VS Code's display language, on a 24-hour clock (`2026년 12월 2일 06:34`). */
export function formatDateTime(ms: number): string {
  return new Intl.DateTimeFormat(displayLocale(), { dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' }).format(ms);
}

/** A service's name as it reads mid-sentence. */
export function serviceName(service: ServiceId): string {
  switch (service) {
    case 'hive':
      return 'Hive';
    case 'papago':
      return 'Papago';
    case 'ncpIam':
      return vscode.l10n.t('the Papago glossary service');
    case 'papagoSmt':
      return 'Papago SMT';
  }
}

function formatDuration(ms: number): string {
  if (ms < 1000) return vscode.l10n.t('{0} s', (ms / 1000).toFixed(1));
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? vscode.l10n.t('{0} min {1} s', minutes, seconds % 60) : vscode.l10n.t('{0} s', seconds);
}

const RENDERER: MessageRenderer = {
  format: (template, args) => vscode.l10n.t(template, ...args),
  language: languageName,
  service: serviceName,
  duration: formatDuration,
};

/** A core message in VS Code's display language. */
export function localize(sentence: Message): string {
  return renderMessage(sentence, RENDERER);
}

/** What to tell the user about any thrown value, in VS Code's display language. */
export function describeError(error: unknown): string {
  return localize(errorSentence(error));
}
