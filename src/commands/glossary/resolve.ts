import * as vscode from 'vscode';
import { TranslateError } from '../../core/errors';
import type { Glossary } from '../../core/glossary';
import { optionsOf } from '../../host/args';
import type { Services } from '../../host/services';
import { glossaryOfItem, type GlossaryList } from '../../host/views';

/**
 * The glossary a command acts on: a tree item, `{glossaryKey}`, or (from the palette) one the
 * user picks. Returns undefined when the user dismisses the picker.
 */
export async function resolveGlossary(arg: unknown, services: Services, glossaries: GlossaryList): Promise<Pick<Glossary, 'key' | 'name'> | undefined> {
  const item = glossaryOfItem(arg);
  if (item) return item;
  const key = optionsOf(arg).glossaryKey;
  if (key !== undefined) {
    if (typeof key !== 'string' || !/^[\w-]+$/.test(key)) throw new TranslateError('input', vscode.l10n.t('The argument "glossaryKey" is not a valid glossary key.'));
    return glossaries.loaded.find((g) => g.key === key) ?? { key, name: key };
  }
  const client = await services.glossaryClient();
  const all = await client.listAll();
  if (all.length === 0) throw new TranslateError('input', vscode.l10n.t('There are no glossaries yet; create one first.'));
  const picked = await vscode.window.showQuickPick(
    all.map((g) => ({ label: g.name, description: g.wordCount === 1 ? vscode.l10n.t('1 term') : vscode.l10n.t('{0} terms', g.wordCount), detail: g.description, glossary: g })),
    { placeHolder: vscode.l10n.t('Which glossary?') },
  );
  return picked?.glossary;
}
