import * as vscode from 'vscode';
import { TranslateError } from '../core/errors';
import { describeLanguage, type LanguageCode } from '../core/languages';
import type { ProviderId, TextFormat, TranslateRequest, Translation } from '../core/providers/types';
import { enumArg, isScripted, optionsOf, providerArg, sourceArg, targetsArg } from '../host/args';
import { CommandId } from '../host/ids';
import { settings, type SelectionMode } from '../host/settings';
import type { ChosenProvider, Services } from '../host/services';
import type { Command } from './registry';

export interface TranslateSelectionResult {
  provider: ProviderId;
  /** Per target, the translations of every selection joined by the document's line end. */
  translations: Translation[];
  /** Per selection, in document order. */
  selections: { range: vscode.Range; translations: Translation[] }[];
}

const HTML_TAG = /<\/?[a-z][\w-]*(\s[^<>]*)?\/?>/i;

/** HTML is sent as HTML (tags kept): by the document's language or by the text itself. */
export function detectFormat(text: string, languageId: string): TextFormat {
  return languageId === 'html' || HTML_TAG.test(text) ? 'html' : 'text';
}

export const translateSelection: Command = {
  id: CommandId.translateSelection,
  async run({ services, operations, shown }, arg?: unknown): Promise<TranslateSelectionResult | undefined> {
    const options = optionsOf(arg);
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new TranslateError('input', vscode.l10n.t('Open an editor and select the text to translate.'));
    const document = editor.document;
    const selections = [...editor.selections]
      .filter((selection) => document.getText(selection).trim() !== '')
      .sort((a, b) => a.start.compareTo(b.start));
    if (selections.length === 0) {
      throw new TranslateError('input', vscode.l10n.t('The selection is empty; select the text to translate.'));
    }
    const to = targetsArg(options.to) ?? settings.targetLanguages(document);
    const from = sourceArg(options.from) ?? settings.sourceLanguage(document);
    const mode = enumArg<SelectionMode>(options.mode, 'mode', ['replace', 'insertBelow', 'show']) ?? settings.selectionMode(document);
    const version = document.version;

    const texts = selections.map((selection) => document.getText(selection));
    const format: TextFormat = texts.some((text) => detectFormat(text, document.languageId) === 'html') ? 'html' : 'text';
    const chosen = await services.provider(format, providerArg(options.provider), document);
    const perSelection = await operations.run(
      vscode.l10n.t('Translating {0} characters with {1}…', texts.join('').length, chosen.provider.capabilities.displayName),
      async (signal) => {
        const results: Translation[][] = [];
        for (const text of texts) results.push(await translateOne(services, chosen, { text, from, to, format, signal }));
        return results;
      },
    );
    services.logger.info(`translateSelection: ${texts.length} selection(s), ${describeLanguage(from)} -> ${to.join(',')}, ${chosen.id}, ${format}`);

    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const result: TranslateSelectionResult = {
      provider: chosen.id,
      translations: to.map((code, index) => ({ to: code, text: perSelection.map((list) => list[index].text).join(eol) })),
      selections: selections.map((selection, index) => ({ range: selection, translations: perSelection[index] })),
    };
    if (mode === 'show') {
      await shown.show(editor, result.selections);
      return result;
    }
    const target = await chooseTarget(to, isScripted(arg));
    if (!target) return result;
    if (document.version !== version) {
      throw new TranslateError(
        'input',
        vscode.l10n.t('The document changed while the translation was in flight; nothing was inserted. Run the command again.'),
      );
    }
    await insertTranslations(editor, result.selections, mode, target, eol);
    return result;
  },
};

/** Replaces each selection, or inserts below it with its indentation, in one undoable edit. */
async function insertTranslations(
  editor: vscode.TextEditor,
  selections: TranslateSelectionResult['selections'],
  mode: 'replace' | 'insertBelow',
  target: LanguageCode | 'all',
  eol: string,
): Promise<void> {
  const document = editor.document;
  const textFor = (translations: Translation[]) =>
    target === 'all' ? translations.map((t) => t.text).join(eol) : (translations.find((t) => t.to === target)?.text ?? '');
  const applied = await editor.edit((builder) => {
    for (const { range, translations } of selections) {
      if (mode === 'replace') {
        builder.replace(range, textFor(translations));
      } else {
        const line = document.lineAt(range.end.line);
        const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
        builder.insert(line.range.end, eol + indent + textFor(translations).split(/\r?\n/).join(eol + indent));
      }
    }
  });
  if (!applied) throw new TranslateError('input', vscode.l10n.t('The editor refused the edit; nothing was changed.'));
}

async function translateOne(services: Services, chosen: ChosenProvider, request: TranslateRequest): Promise<Translation[]> {
  const { provider } = chosen;
  const { from } = request;
  // Papago takes one target per call, each with the glossary chosen for its pair.
  if (chosen.id === 'papago') {
    const out: Translation[] = [];
    for (const target of request.to) {
      const glossaryKey = from === 'auto' ? undefined : services.glossaryChoices.get(from, target)?.key;
      const result = await provider.translate({ ...request, to: [target], glossaryKey });
      out.push(...result.translations);
    }
    return out;
  }
  const result = await provider.translate(request);
  return result.translations;
}

/** With several targets, ask which translation to insert; scripts get all of them, in order. */
async function chooseTarget(to: LanguageCode[], scripted: boolean): Promise<LanguageCode | 'all' | undefined> {
  if (to.length === 1) return to[0];
  if (scripted) return 'all';
  const items: (vscode.QuickPickItem & { value: LanguageCode | 'all' })[] = [
    ...to.map((code) => ({ label: describeLanguage(code), value: code })),
    { label: vscode.l10n.t('All, one after another'), value: 'all' as const },
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Which translation should be inserted?') });
  return picked?.value;
}
