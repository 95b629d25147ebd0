import type { Command } from '../registry';

export const refreshGlossaries: Command = {
  id: 'hivePapago.glossary.refresh',
  run: ({ glossaryTree }) => glossaryTree.refresh(),
};

export const loadMoreGlossaries: Command = {
  id: 'hivePapago.glossary.loadMore',
  run: ({ glossaryTree }) => glossaryTree.loadMore(),
};
