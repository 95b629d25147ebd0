import * as vscode from 'vscode';
import { TranslateError } from '../../core/errors';
import { LANGUAGES, type LanguageCode } from '../../core/languages';
import { PAPAGO_GLOSSARY_PAIRS } from '../../core/providers/papago';
import { optionsOf, sourceArg, targetsArg } from '../../host/args';
import { CommandId } from '../../host/ids';
import { languageName } from '../../host/messages';
import { settings } from '../../host/settings';
import type { Command } from '../registry';
import { resolveGlossary } from './resolve';

const GLOSSARY_LANGUAGES: LanguageCode[] = ['ko', 'en', 'ja', 'zh-Hans', 'zh-Hant'];

/**
 * `hivePapago.glossary.useForTranslation({glossaryKey, source, target})`: remembers the glossary
 * for one language pair; Papago translations of that pair then send it as `glossaryKey`.
 */
export const useGlossaryForTranslation: Command = {
  id: CommandId.glossaryUseForTranslation,
  async run({ services, glossaries }, arg?: unknown): Promise<{ glossaryKey: string; source: LanguageCode; target: LanguageCode } | undefined> {
    const glossary = await resolveGlossary(arg, services, glossaries);
    if (!glossary) return undefined;
    const options = optionsOf(arg);
    let source = sourceArg(options.source);
    let target = targetsArg(options.target === undefined ? undefined : [options.target])?.[0];
    if (source === 'auto') throw new TranslateError('input', vscode.l10n.t('A glossary needs a fixed source language, not auto-detect.'));
    if (!source || !target) {
      const pairs = GLOSSARY_LANGUAGES.flatMap((from) => GLOSSARY_LANGUAGES.filter((to) => PAPAGO_GLOSSARY_PAIRS.has(from, to)).map((to) => ({ from, to })));
      const defaultSource = settings.sourceLanguage();
      const defaults = new Set(settings.targetLanguages().map((to) => `${defaultSource}>${to}`));
      const items = pairs
        .map(({ from, to }) => ({
          label: `${languageName(from)} → ${languageName(to)}`,
          description: services.glossaryChoices.get(from, to)?.name,
          from,
          to,
        }))
        .sort((a, b) => Number(defaults.has(`${b.from}>${b.to}`)) - Number(defaults.has(`${a.from}>${a.to}`)));
      const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Use {0} for which language pair?', glossary.name) });
      if (!picked) return undefined;
      source = picked.from;
      target = picked.to;
    }
    if (!PAPAGO_GLOSSARY_PAIRS.has(source, target)) {
      const known = LANGUAGES.find((l) => l.code === source) ? languageName(source) : source;
      throw new TranslateError('unsupportedPair', vscode.l10n.t('Papago glossaries do not support {0} → {1}.', known, languageName(target)));
    }
    await services.glossaryChoices.set(source, target, { key: glossary.key, name: glossary.name });
    glossaries.redraw();
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Papago will use {0} for {1} → {2}.', glossary.name, languageName(source), languageName(target)),
    );
    return { glossaryKey: glossary.key, source, target };
  },
};
