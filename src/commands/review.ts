import * as vscode from 'vscode';
import { CommandId } from '../host/ids';
import type { Command } from './registry';

/** The diff a title-bar button was clicked in (its modified side), or undefined from the palette. */
function reviewedUri(arg: unknown): vscode.Uri | undefined {
  return arg instanceof vscode.Uri ? arg : undefined;
}

/** `hivePapago.applyReview(uri?)`, in a review diff's title bar: writes the proposed translation. */
export const applyReview: Command = {
  id: CommandId.applyReview,
  run({ previews }, arg?: unknown): boolean {
    return previews.settle(reviewedUri(arg), true);
  },
};

/** `hivePapago.discardReview(uri?)`, in a review diff's title bar: drops the proposed translation. */
export const discardReview: Command = {
  id: CommandId.discardReview,
  run({ previews }, arg?: unknown): boolean {
    return previews.settle(reviewedUri(arg), false);
  },
};
