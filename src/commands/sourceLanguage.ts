import * as vscode from 'vscode';
import { TranslateError } from '../core/errors';
import type { LanguageCode } from '../core/languages';
import { core } from '../host/core';
import { withFix } from '../host/fixes';
import { pickSourceLanguage } from './selectSourceLanguage';

/**
 * The language `text` is in, for a provider that cannot detect it: detected when the guess is
 * confident; otherwise asked, the best guess preselected (undefined when the user dismisses the
 * question). A script cannot be asked: it gets an error whose fix is Select Source Language.
 */
export async function sourceLanguageOf(text: string, what: string, scripted: boolean): Promise<LanguageCode | undefined> {
  const { detectLanguage } = core();
  const detected = await detectLanguage(text);
  if (detected.language) return detected.language;
  if (scripted) {
    throw withFix(
      new TranslateError('input', vscode.l10n.t('Could not tell the source language of {0}; choose it with Select Source Language, or pass "from".', what)),
      { kind: 'selectSourceLanguage', suggested: detected.candidates },
    );
  }
  const picked = await pickSourceLanguage({
    suggested: detected.candidates,
    auto: false,
    title: vscode.l10n.t('Source language of {0}', what),
    placeHolder: vscode.l10n.t('The language of {0} is not clear: which is it?', what),
  });
  return picked === 'auto' ? undefined : picked;
}
