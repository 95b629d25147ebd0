import * as vscode from 'vscode';
import { TranslateError } from '../core/errors';
import type { LanguageCode } from '../core/languages';
import type { ProviderId, TextFormat, TranslateRequest, Translation } from '../core/providers/types';
import { enumArg, isScripted, optionsOf, providerArg, sourceArg, targetsArg } from '../host/args';
import { core } from '../host/core';
import { CommandId } from '../host/ids';
import { settings, type SelectionMode } from '../host/settings';
import type { ChosenProvider, Services } from '../host/services';
import type { Prompts } from '../host/prompts';
import type { Command } from './registry';
import { sourceLanguageOf } from './sourceLanguage';
import { languageName } from '../host/messages';

export interface TranslateSelectionResult {
  provider: ProviderId;
  /** Per target, the translations of every selection joined by the document's line end. */
  translations: Translation[];
  /** Per selection, in document order. */
  selections: { range: vscode.Range; translations: Translation[] }[];
  /** Targets left out because the selection is already in that language. */
  skipped: LanguageCode[];
}

const HTML_TAG = /<\/?[a-z][\w-]*(\s[^<>]*)?\/?>/i;

/** HTML is sent as HTML (tags kept): by the document's language or by the text itself. */
export function detectFormat(text: string, languageId: string): TextFormat {
  return languageId === 'html' || HTML_TAG.test(text) ? 'html' : 'text';
}

/**
 * With nothing selected, each cursor takes its paragraph (the non-blank lines around it), which
 * becomes the selection so that the person sees what is translated, and the status bar says so.
 * A cursor on a blank line takes nothing.
 */
function selectParagraphs(editor: vscode.TextEditor, scripted: boolean): void {
  const document = editor.document;
  const blank = (line: number): boolean => document.lineAt(line).isEmptyOrWhitespace;
  const paragraphs = editor.selections.flatMap((cursor) => {
    let first = cursor.active.line;
    if (blank(first)) return [];
    let last = first;
    while (first > 0 && !blank(first - 1)) first--;
    while (last < document.lineCount - 1 && !blank(last + 1)) last++;
    return [new vscode.Selection(first, 0, last, document.lineAt(last).text.length)];
  });
  if (paragraphs.length === 0) return;
  editor.selections = paragraphs;
  if (!scripted) {
    const [first] = paragraphs;
    const message = first.start.line === first.end.line
      ? vscode.l10n.t('Nothing was selected: translating line {0}.', first.start.line + 1)
      : vscode.l10n.t('Nothing was selected: translating the paragraph at lines {0}-{1}.', first.start.line + 1, first.end.line + 1);
    vscode.window.setStatusBarMessage(message, 5000);
  }
}

export const translateSelection: Command = {
  id: CommandId.translateSelection,
  async run({ services, operations, shown, prompts }, arg?: unknown): Promise<TranslateSelectionResult | undefined> {
    const options = optionsOf(arg);
    const scripted = isScripted(arg);
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new TranslateError('input', vscode.l10n.t('Open an editor and select the text to translate.'));
    const document = editor.document;
    if (editor.selections.every((selection) => selection.isEmpty)) selectParagraphs(editor, scripted);
    const selections = [...editor.selections]
      .filter((selection) => document.getText(selection).trim() !== '')
      .sort((a, b) => a.start.compareTo(b.start));
    if (selections.length === 0) {
      throw new TranslateError('input', vscode.l10n.t('The selection is empty; select the text to translate.'));
    }
    const requested = targetsArg(options.to) ?? settings.targetLanguages(document);
    let from = sourceArg(options.from) ?? settings.sourceLanguage(document);
    const mode = enumArg<SelectionMode>(options.mode, 'mode', ['replace', 'insertBelow', 'show']) ?? settings.selectionMode(document);
    const version = document.version;

    const texts = selections.map((selection) => document.getText(selection));
    const format: TextFormat = texts.some((text) => detectFormat(text, document.languageId) === 'html') ? 'html' : 'text';
    const chosen = await services.provider(format, providerArg(options.provider), document);

    // The selection's language: to skip targets it is already in, and for a provider that cannot detect it.
    let language: LanguageCode | undefined = from === 'auto' ? undefined : from;
    if (from === 'auto') {
      const joined = texts.join('\n');
      if (chosen.provider.capabilities.autoDetect.includes(format)) {
        const { detectLanguage } = core();
        language = (await detectLanguage(joined)).language;
      } else {
        language = await sourceLanguageOf(joined, vscode.l10n.t('the selection'), scripted);
        if (!language) return undefined;
        from = language;
      }
    }
    const skipped = requested.filter((code) => code === language);
    const to = requested.filter((code) => code !== language);
    if (language && to.length === 0) {
      const message = vscode.l10n.t('The selection is already in {0}; there is nothing to translate.', languageName(language));
      services.logger.info(`translateSelection: already in ${language}; nothing sent`);
      if (!scripted) void offerTargets(prompts, message);
      return { provider: chosen.id, translations: [], selections: [], skipped };
    }
    if (language && skipped.length > 0 && !scripted) {
      void prompts.show('info', vscode.l10n.t('The selection is already in {0}: translated into {1} only.', languageName(language), to.join(', ')));
    }

    const source = from;
    const perSelection = await operations.run(
      vscode.l10n.t('Translating {0} characters with {1}…', texts.join('').length, chosen.provider.capabilities.displayName),
      async (signal) => {
        const results: Translated[] = [];
        for (const text of texts) results.push(await translateOne(services, chosen, { text, from: source, to, format, signal }));
        return results;
      },
      'window',
    );
    services.logger.info(`translateSelection: ${texts.length} selection(s), ${from} -> ${to.join(',')}, ${chosen.id}, ${format}`);

    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const result: TranslateSelectionResult = {
      provider: chosen.id,
      translations: to.map((code, index) => ({ to: code, text: perSelection.map((list) => list.translations[index].text).join(eol) })),
      selections: selections.map((selection, index) => ({ range: selection, translations: perSelection[index].translations })),
      skipped,
    };
    if (mode === 'show') {
      const provider = chosen.provider.capabilities.displayName;
      await shown.show(
        editor,
        selections.map((range, index) => ({ range, translations: perSelection[index].translations, provider, glossaries: perSelection[index].glossaries })),
      );
      return result;
    }
    const target = await chooseTarget(result.translations, scripted);
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

/** Says the selection needs no translation, with a way to change the targets. */
async function offerTargets(prompts: Prompts, message: string): Promise<void> {
  const change = vscode.l10n.t('Select Target Languages');
  if ((await prompts.show('info', message, change)) === change) await vscode.commands.executeCommand(CommandId.selectTargetLanguages);
}

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

/** The translations of one selection, with the glossary used for each target (by name). */
interface Translated {
  translations: Translation[];
  glossaries: Partial<Record<LanguageCode, string>>;
}

async function translateOne(services: Services, chosen: ChosenProvider, request: TranslateRequest): Promise<Translated> {
  const { provider } = chosen;
  const { from } = request;
  // Papago takes one target per call, each with the glossary chosen for its pair.
  if (chosen.id === 'papago') {
    const out: Translated = { translations: [], glossaries: {} };
    for (const target of request.to) {
      const glossary = from === 'auto' ? undefined : services.glossaryChoices.get(from, target);
      const result = await provider.translate({ ...request, to: [target], glossaryKey: glossary?.key });
      out.translations.push(...result.translations);
      if (glossary) out.glossaries[target] = glossary.name;
    }
    return out;
  }
  const result = await provider.translate(request);
  return { translations: result.translations, glossaries: {} };
}

/** With several targets, ask which translation to insert (each shown in the pick); scripts get all of them, in order. */
async function chooseTarget(translations: readonly Translation[], scripted: boolean): Promise<LanguageCode | 'all' | undefined> {
  if (translations.length === 1) return translations[0].to;
  if (scripted) return 'all';
  const items: (vscode.QuickPickItem & { value: LanguageCode | 'all' })[] = [
    ...translations.map((translation) => ({ label: languageName(translation.to), detail: preview(translation.text), value: translation.to })),
    { label: vscode.l10n.t('All, one after another'), value: 'all' as const },
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Which translation should be inserted?') });
  return picked?.value;
}

/** The start of a translation, on one line, for a pick item. */
export function preview(text: string, max = 120): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
