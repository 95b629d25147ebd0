import type { Command } from './registry';

export const showLog: Command = {
  id: 'hivePapago.showLog',
  run({ services }) {
    services.channel.show(true);
  },
};
