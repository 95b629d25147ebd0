import { CommandId } from '../host/ids';
import type { Command } from './registry';

/** `hivePapago.cancel()`: cancels every running translation, like each notification's Cancel button. */
export const cancel: Command = {
  id: CommandId.cancel,
  run({ operations }): number {
    return operations.cancelAll();
  },
};
