import { isScripted, optionsOf } from '../host/args';
import { CommandId } from '../host/ids';
import { updateTranslations } from './localization/updates';
import type { Command } from './registry';
import type { TranslateMarkdownResult } from './markdown/summary';

/**
 * `hivePapago.updateStale({from?, provider?, review?})`: every stale or missing translation of
 * the workspace (all workspace folders, every target language of each), one run per folder, with
 * a summary at the end; see `updateTranslations`. Returns Translate Markdown File's result.
 */
export const updateStale: Command = {
  id: CommandId.updateStale,
  run(host, arg?: unknown): Promise<TranslateMarkdownResult> {
    const options = optionsOf(arg);
    return updateTranslations(host, () => true, options, isScripted(arg) && options.interactive !== true);
  },
};
