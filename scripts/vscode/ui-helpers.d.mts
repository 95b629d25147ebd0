// Types of ui-helpers.mjs, for UI tests written in TypeScript.
import type { Locator, Page } from 'playwright-core';

export declare const selectors: {
  workbench: string;
  quickInput: string;
  quickInputBox: string;
  quickInputRow: string;
  notificationToast: string;
};
export declare function runCommand(page: Page, title: string, options?: { timeoutMs?: number }): Promise<void>;
export declare function waitForNotification(page: Page, text: string, options?: { timeoutMs?: number }): Promise<Locator>;
export declare function settle(page: Page, locator: Locator): Promise<void>;
