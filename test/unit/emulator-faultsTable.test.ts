import assert from 'node:assert/strict';
import { credentialsIn, masked, outputProblem, readReport, structureDifferences } from '../../scripts/faults';
import { hiveSignature, ncpSignatureV2 } from '../../src/core/signing';
import { DEFAULT_CREDENTIALS } from '../emulator/server';

/** The checks behind the `npm run faults` table (the runs themselves need a built CLI). */
describe('emulator: the robustness table checks (scripts/faults.ts)', () => {
  const source = '# Title\n\nSome *text* and a [link](https://example.com).\n\n- one\n- two\n';
  const whole = '# ko:Title\n\nko:Some *ko:text* ko:and ko:a [ko:link](https://example.com).\n\n- ko:one\n- ko:two\n';

  it('accepts a whole translation and flags lost markup, truncation and broken UTF-8', () => {
    assert.deepEqual(structureDifferences(source, whole), []);
    assert.equal(outputProblem(source, Buffer.from(whole)), undefined);
    assert.notDeepEqual(structureDifferences(source, whole.replace('*ko:text*', 'ko:text')), []);
    assert.ok(outputProblem(source, Buffer.from(whole.replace('*ko:text*', 'ko:text'))));
    assert.ok(outputProblem(source, Buffer.from(whole.slice(0, whole.indexOf('- ko:two')))), 'a list item cut off');
    assert.ok(outputProblem(source, Buffer.from(whole.slice(0, -1))), 'the final line break cut off');
    assert.equal(outputProblem(source, Buffer.concat([Buffer.from(whole), Buffer.from([0xe2, 0x82])])), 'not valid UTF-8');
    assert.equal(outputProblem(source, Buffer.alloc(0)), 'empty');
  });

  it('counts credential values, the Hive signature and signature-like values, except those in the source', () => {
    const { hive, papago, ncpIam } = DEFAULT_CREDENTIALS;
    const ncp = ncpSignatureV2('POST', '/glossary/v1/create', '1700000000000', ncpIam.accessKey, ncpIam.secretKey);
    assert.equal(credentialsIn('Translated 3 files in 2 requests.'), 0);
    assert.equal(credentialsIn(`{"x-ncp-apigw-api-key":"${papago.clientSecret}"}`), 1);
    assert.equal(credentialsIn(`key ${hive.serviceKey} and ${hive.secretKey}`), 2);
    assert.equal(credentialsIn(`"signature":"${hiveSignature(hive.serviceKey, hive.secretKey)}"`), 1);
    assert.equal(credentialsIn(`x-ncp-apigw-signature-v2: ${ncp}`), 1);
    assert.equal(credentialsIn(`integrity ${ncp}`, `the source has ${ncp} already`), 0);
    assert.ok(!masked(`${papago.clientId} ${ncp}`).includes(papago.clientId));
    assert.ok(!masked(`${papago.clientId} ${ncp}`).includes(ncp));
  });

  it('reads the --json report and tolerates its absence', () => {
    assert.equal(readReport(''), undefined);
    assert.equal(readReport('Unexpected error\n'), undefined);
    assert.equal(readReport('{"files":'), undefined);
    const report = { files: [{ file: 'docs/a.md', to: 'ko', output: 'docs/a.ko.md', status: 'failed', error: 'x', untranslated: [3, 9] }] };
    assert.deepEqual(readReport(`warning\n${JSON.stringify(report)}\n`), report.files);
  });
});
