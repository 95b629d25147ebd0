import { strict as assert } from 'node:assert';
import { errorFromResponse, NCP_GATEWAY_ERRORS, PAPAGO_ERRORS, SMT_ERRORS, type ErrorReason } from '../../src/core/errors';
import { HttpClient } from '../../src/core/http/client';
import { startEmulator, type Emulator } from '../emulator/server';
import { hiveHeaders, papagoHeaders } from '../emulator/testkit';
import { FakeClock, MemoryLogger } from '../support/fakeClock';

/** Every documented error code, the reason it maps to, and whether a retry may help. */
const EXPECTED: [service: 'papago' | 'ncpIam' | 'papagoSmt', status: number, code: string, reason: ErrorReason, retryable: boolean][] = [
  ['papago', 400, 'N2MT01', 'badRequest', false],
  ['papago', 400, 'N2MT02', 'unsupportedPair', false],
  ['papago', 400, 'N2MT03', 'badRequest', false],
  ['papago', 400, 'N2MT04', 'unsupportedPair', false],
  ['papago', 400, 'N2MT05', 'unsupportedPair', false],
  ['papago', 400, 'N2MT06', 'unsupportedPair', false],
  ['papago', 400, 'N2MT07', 'badRequest', false],
  ['papago', 400, 'N2MT08', 'tooLong', false],
  ['papago', 400, 'N2MT09', 'badRequest', false],
  ['papago', 500, 'N2MT99', 'server', true],
  ['ncpIam', 401, '200', 'auth', false],
  ['ncpIam', 401, '210', 'auth', false],
  ['ncpIam', 404, '300', 'notFound', false],
  ['ncpIam', 413, '430', 'tooLong', false],
  ['ncpIam', 429, '400', 'quota', false],
  ['ncpIam', 429, '410', 'rateLimit', true],
  ['ncpIam', 429, '420', 'rateLimit', true],
  ['ncpIam', 503, '500', 'server', true],
  ['ncpIam', 504, '510', 'timeout', true],
  ['ncpIam', 500, '900', 'server', true],
  ['papagoSmt', 400, 'TR01', 'badRequest', false],
  ['papagoSmt', 400, 'TR02', 'unsupportedPair', false],
  ['papagoSmt', 400, 'TR03', 'badRequest', false],
  ['papagoSmt', 400, 'TR04', 'unsupportedPair', false],
  ['papagoSmt', 400, 'TR05', 'unsupportedPair', false],
  ['papagoSmt', 400, 'TR06', 'unsupportedPair', false],
  ['papagoSmt', 400, 'TR07', 'badRequest', false],
  ['papagoSmt', 400, 'TR08', 'tooLong', false],
  ['papagoSmt', 500, 'TR99', 'server', true],
  ['papagoSmt', 401, '024', 'auth', false],
  ['papagoSmt', 429, '010', 'quota', false],
];

function isOneSentence(message: string): boolean {
  return /^[A-Z].*[.]$/.test(message) && !message.includes('{service}') && !message.includes('\n');
}

describe('error mapping', () => {
  it('covers every documented code of every table, and nothing else', () => {
    const documented = [...Object.keys(PAPAGO_ERRORS), ...Object.keys(NCP_GATEWAY_ERRORS), ...Object.keys(SMT_ERRORS)].sort();
    assert.deepEqual(documented, EXPECTED.map(([, , code]) => code).sort());
  });

  for (const [service, status, code, reason, retryable] of EXPECTED) {
    it(`${service} ${code} -> ${reason}${retryable ? ' (retryable)' : ''}`, () => {
      const body = service === 'papagoSmt' ? { errorCode: code, errorMessage: 'service text' } : { error: { errorCode: code, message: 'service text' } };
      const error = errorFromResponse(service, status, body);
      assert.equal(error.reason, reason);
      assert.equal(error.retryable, retryable);
      assert.equal(error.code, code);
      assert.equal(error.detail, 'service text', 'the service message goes to the log detail');
      assert.ok(isOneSentence(error.message), error.message);
    });
  }

  const hive: [number, string, ErrorReason, boolean][] = [
    [400, 'text is Missing or Incorrect request', 'badRequest', false],
    [401, 'Wrong Signature', 'auth', false],
    [404, 'Unregistered app key', 'auth', false],
    [404, 'Unregistered job uuid', 'notFound', false],
    [500, 'Internal Server Error', 'server', true],
  ];
  for (const [status, msg, reason, retryable] of hive) {
    it(`hive ${status} "${msg}" -> ${reason}`, () => {
      const error = errorFromResponse('hive', status, { result: { code: status, msg } });
      assert.equal(error.reason, reason);
      assert.equal(error.retryable, retryable);
      assert.ok(isOneSentence(error.message), error.message);
    });
  }

  it('names the missing Hive field and falls back on the HTTP status for unknown bodies', () => {
    assert.match(errorFromResponse('hive', 400, { result: { code: 400, msg: 'to is Missing or Incorrect request' } }).message, /"to"/);
    assert.equal(errorFromResponse('papago', 502, '<html>bad gateway</html>').reason, 'server');
    assert.equal(errorFromResponse('papago', 403, undefined).reason, 'auth');
    assert.equal(errorFromResponse('ncpIam', 429, {}).reason, 'rateLimit');
  });

  describe('as produced by the emulator', () => {
    let emulator: Emulator;
    let http: HttpClient;
    before(async () => {
      emulator = await startEmulator();
      http = new HttpClient({ fetch: (u, i) => fetch(u, i), clock: new FakeClock(), logger: new MemoryLogger(), retry: { maxAttempts: 1 } });
    });
    after(() => emulator.close());

    async function papago(fields: Record<string, unknown>): Promise<string | undefined> {
      try {
        await http.request({
          service: 'papago',
          route: 't',
          method: 'POST',
          url: `${emulator.url}/nmt/v1/translation`,
          headers: () => ({ ...papagoHeaders(), 'content-type': 'application/json' }),
          body: () => JSON.stringify(fields),
          idempotent: true,
          responseType: 'json',
        });
        return undefined;
      } catch (error) {
        return (error as { code?: string }).code;
      }
    }

    it('maps each Papago validation code the service sends', async () => {
      assert.equal(await papago({ target: 'en', text: 'x' }), 'N2MT01');
      assert.equal(await papago({ source: 'xx', target: 'en', text: 'x' }), 'N2MT02');
      assert.equal(await papago({ source: 'ko', text: 'x' }), 'N2MT03');
      assert.equal(await papago({ source: 'ko', target: 'xx', text: 'x' }), 'N2MT04');
      assert.equal(await papago({ source: 'ko', target: 'ko', text: 'x' }), 'N2MT05');
      assert.equal(await papago({ source: 'fr', target: 'de', text: 'x' }), 'N2MT06');
      assert.equal(await papago({ source: 'ko', target: 'en' }), 'N2MT07');
      assert.equal(await papago({ source: 'ko', target: 'en', text: 'x'.repeat(5001) }), 'N2MT08');
    });

    it('maps Hive errors the service sends', async () => {
      const send = async (headers: Record<string, string>, body: unknown) => {
        try {
          await http.request({
            service: 'hive',
            route: 't',
            method: 'POST',
            url: `${emulator.url}/api/translate/sync`,
            headers: () => headers,
            body: () => JSON.stringify(body),
            idempotent: true,
            responseType: 'json',
          });
          return undefined;
        } catch (error) {
          return (error as { reason?: string }).reason;
        }
      };
      assert.equal(await send(hiveHeaders(), { info: { service_key: 'emulator-service-key' }, text: 'x', from: 'en' }), 'badRequest');
      assert.equal(await send({ ...hiveHeaders(), signature: 'bad' }, { info: { service_key: 'emulator-service-key' }, text: 'x', from: 'en', to: 'ko' }), 'auth');
      assert.equal(await send(hiveHeaders({ serviceKey: 'unknown', secretKey: 'x' }), { info: { service_key: 'unknown' }, text: 'x', from: 'en', to: 'ko' }), 'auth');
    });
  });
});
