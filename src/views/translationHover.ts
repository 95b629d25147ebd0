import * as vscode from 'vscode';
import { Disposable } from '../host/dispose';
import { CommandId } from '../host/ids';
import type { ShownEntry, ShownTranslation, ShownTranslations } from '../host/views';
import { languageName } from '../host/messages';

interface Shown {
  uri: string;
  version: number;
  entries: ShownEntry[];
}

/**
 * The "show" mode of Translate Selection: the translation appears in a hover over the
 * selection, with Replace and Copy links (the apply and copy commands), and nothing changes
 * until the user chooses.
 */
export class TranslationHover extends Disposable implements vscode.HoverProvider, ShownTranslations {
  private shown: Shown | undefined;

  constructor() {
    super();
    this.register(vscode.languages.registerHoverProvider({ scheme: '*' }, this));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => {
      if (this.shown?.uri === document.uri.toString()) this.shown = undefined;
    }));
  }

  async show(editor: vscode.TextEditor, entries: ShownEntry[]): Promise<void> {
    this.shown = { uri: editor.document.uri.toString(), version: editor.document.version, entries };
    const first = entries[0].range;
    editor.selection = new vscode.Selection(first.start, first.end);
    editor.revealRange(first);
    await vscode.commands.executeCommand('editor.action.showHover');
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const shown = this.shown;
    if (!shown || shown.uri !== document.uri.toString()) return undefined;
    const index = shown.entries.findIndex((entry) => entry.range.contains(position));
    if (index < 0) return undefined;
    const entry = shown.entries[index];
    const apply = CommandId.applyShownTranslation;
    const copy = CommandId.copyShownTranslation;
    const markdown = new vscode.MarkdownString(undefined, true);
    markdown.isTrusted = { enabledCommands: [apply, copy] };
    for (const translation of entry.translations) {
      const args = encodeURIComponent(JSON.stringify([{ index, to: translation.to }]));
      const glossary = entry.glossaries?.[translation.to];
      const origin = glossary ? vscode.l10n.t('{0}, glossary "{1}"', entry.provider, glossary) : entry.provider;
      markdown.appendMarkdown(`**${languageName(translation.to)}** · ${escapeMarkdown(origin)}\n\n`);
      markdown.appendCodeblock(translation.text, 'text');
      markdown.appendMarkdown(
        `[$(replace) ${vscode.l10n.t('Replace')}](command:${apply}?${args}) · [$(copy) ${vscode.l10n.t('Copy')}](command:${copy}?${args})\n\n`,
      );
    }
    return new vscode.Hover(markdown, entry.range);
  }

  find(arg: unknown): ShownTranslation | undefined {
    const { index, to } = (arg ?? {}) as { index?: number; to?: string };
    const shown = this.shown;
    const entry = shown && typeof index === 'number' ? shown.entries[index] : undefined;
    const translation = entry?.translations.find((t) => t.to === to);
    return shown && entry && translation ? { uri: shown.uri, version: shown.version, range: entry.range, text: translation.text } : undefined;
  }

  clear(): void {
    this.shown = undefined;
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
