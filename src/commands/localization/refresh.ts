import { CommandId } from '../../host/ids';
import type { Command } from '../registry';

/** `hivePapago.localization.refresh()`: reads every source and output of the Localization view again. */
export const refreshLocalization: Command = {
  id: CommandId.localizationRefresh,
  async run({ localizations }): Promise<void> {
    await localizations.refresh();
  },
};
