import { strict as assert } from 'node:assert';
import { errorFromResponse, networkError, timeoutError, TranslateError } from '../../src/core/errors';
import { validateEndpoint } from '../../src/core/endpoints';
import { routeProvider } from '../../src/core/providers/registry';
import { validateRequest } from '../../src/core/providers/validate';
import { PapagoProvider } from '../../src/core/providers/papago';
import { elapsedOf, fixesFor, noteElapsed, withFix } from '../../src/host/fixes';

const kinds = (error: unknown) => fixesFor(error).map((fix) => fix.kind);

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('nothing thrown');
}

/** The errors the core really throws, and the button each one gets. */
describe('error fixes', () => {
  it('missing credentials: Set Credentials for that service, or a choice of service (and a provider) when none is set', () => {
    const missing = thrown(() => new PapagoProvider({ credentials: {} } as never));
    assert.deepEqual(fixesFor(missing), [{ kind: 'setCredentials', service: 'papago' }]);
    const none = thrown(() => routeProvider('markdown', 'auto', {}));
    assert.deepEqual(fixesFor(none), [{ kind: 'setCredentials' }, { kind: 'selectProvider' }]);
  });

  it('rejected credentials: Set Credentials for that service', () => {
    assert.deepEqual(fixesFor(errorFromResponse('hive', 401, { result: { code: 401, msg: 'bad signature' } })), [{ kind: 'setCredentials', service: 'hive' }]);
    assert.deepEqual(fixesFor(errorFromResponse('papago', 401, { error: { errorCode: '200', message: 'Authentication Failed' } })), [
      { kind: 'setCredentials', service: 'papago' },
    ]);
  });

  it('source language problems: Select Source Language', () => {
    const capabilities = new PapagoProvider({ credentials: { papago: { clientId: 'i', clientSecret: 's' } } } as never).capabilities;
    assert.deepEqual(kinds(thrown(() => validateRequest({ ...capabilities, autoDetect: [] }, { text: 'x', from: 'auto', to: ['ko'], format: 'text' }))), ['selectSourceLanguage']);
    assert.deepEqual(kinds(thrown(() => validateRequest(capabilities, { text: 'x', from: 'ko', to: ['ko'], format: 'text' }))), ['selectSourceLanguage']);
    assert.deepEqual(kinds(errorFromResponse('papago', 400, { error: { errorCode: 'N2MT05', message: 'source and target must be different' } })), ['selectSourceLanguage']);
  });

  it('passing failures: Retry (timeouts, network, 5xx, rate limits), also after several attempts', () => {
    assert.deepEqual(kinds(timeoutError('papago', 30_000)), ['retry']);
    assert.deepEqual(kinds(timeoutError('papago', 30_000).withAttempts(4, 95_000)), ['retry']);
    assert.deepEqual(kinds(networkError('hive', new Error('reset'), true)), ['retry']);
    assert.deepEqual(kinds(errorFromResponse('hive', 503, {})), ['retry']);
    assert.deepEqual(kinds(errorFromResponse('papago', 429, { error: { errorCode: '420', message: 'rate limit' } })), ['retry']);
    assert.deepEqual(kinds(new TranslateError('server', 'Translation failed.')), ['retry'], 'by reason, for errors rebuilt from a file report');
  });

  it('configuration errors naming a setting: Open Settings at it', () => {
    assert.deepEqual(fixesFor(thrown(() => validateEndpoint('ftp://example.com', 'hivePapago.hive.endpoint'))), [{ kind: 'openSettings', setting: 'hivePapago.hive.endpoint' }]);
  });

  it('input errors that nothing fixes get no button; fixes a host attaches come first, each kind once', () => {
    assert.deepEqual(kinds(new TranslateError('input', 'There is no text to translate.')), []);
    assert.deepEqual(kinds(new Error('boom')), []);
    const error = withFix(new TranslateError('input', 'The source language is unclear.'), { kind: 'selectSourceLanguage', suggested: ['en', 'de'] });
    assert.deepEqual(fixesFor(error), [{ kind: 'selectSourceLanguage', suggested: ['en', 'de'] }]);
  });

  it('keeps the first elapsed time noted for an error', () => {
    const error = new TranslateError('timeout', 'Hive did not answer.');
    assert.equal(elapsedOf(error), undefined);
    noteElapsed(error, 95_000);
    noteElapsed(error, 10);
    assert.equal(elapsedOf(error), 95_000);
    noteElapsed('not an object', 5);
  });
});
