import { strict as assert } from 'node:assert';
import { TranslateError, type ErrorReason } from '../../src/core/errors';

/**
 * Awaits `action` (a promise, or a function returning one) and returns the `TranslateError` it
 * must reject with. Fails when it resolves, when it throws anything else, and, when given, when
 * the error's reason or message differ.
 */
export async function rejection(action: Promise<unknown> | (() => Promise<unknown>), reason?: ErrorReason, message?: RegExp): Promise<TranslateError> {
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    assert.ok(error instanceof TranslateError, `expected a TranslateError, got ${String(error)}`);
    if (reason) assert.equal(error.reason, reason, `reason of: ${error.message}`);
    if (message) assert.match(error.message, message);
    return error;
  }
  return assert.fail('expected the call to fail');
}
