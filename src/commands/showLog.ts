import { CommandId } from '../host/ids';
import type { Command } from './registry';

export const showLog: Command = {
  id: CommandId.showLog,
  run({ services }) {
    services.channel.show(true);
  },
};
