import { isScripted, optionsOf } from '../../host/args';
import { CommandId } from '../../host/ids';
import type { Command } from '../registry';
import type { TranslateMarkdownResult } from '../markdown/summary';
import { isAtOrBelow, localizationArg } from './target';
import { updateTranslations } from './updates';

/**
 * `hivePapago.localization.update(item | {uri, to?, from?, provider?})`: updates the stale and
 * missing translations of one row of the Localization view: a source into one language, a
 * source into all its languages, or every source of a directory or workspace folder.
 */
export const updateLocalization: Command = {
  id: CommandId.localizationUpdate,
  async run(host, arg?: unknown): Promise<TranslateMarkdownResult> {
    const { uri, to } = await localizationArg(host, arg);
    const options = optionsOf(arg);
    return updateTranslations(host, (source, target) => isAtOrBelow(source.uri, uri) && (to === undefined || target.to === to), options, isScripted(arg) && options.interactive !== true);
  },
};
