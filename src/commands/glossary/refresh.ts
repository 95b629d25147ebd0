import { CommandId } from '../../host/ids';
import type { Command } from '../registry';

export const refreshGlossaries: Command = {
  id: CommandId.glossaryRefresh,
  run: ({ glossaries }) => glossaries.refresh(),
};

export const loadMoreGlossaries: Command = {
  id: CommandId.glossaryLoadMore,
  run: ({ glossaries }) => glossaries.loadMore(),
};
