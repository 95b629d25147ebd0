import { strict as assert } from 'node:assert';
import { hiveSignature, ncpIamHeaders, ncpSignatureV2 } from '../../src/core/signing';

describe('signing', () => {
  it('computes the Hive signature of the documented vectors', () => {
    assert.equal(hiveSignature('your_service_key', 'your_secret_key'), 'MKxTG7Y6lLji2LDbLS9DIMbf0nd6qmUvHLNUTsfVKxI=');
    assert.equal(hiveSignature('802890479467404e', 'test-secret-key'), 'T7IMJxwzgOJh5lmz1STDH+1LI/50XzHqsrtDeJZxozw=');
  });

  describe('NCP signature v2', () => {
    const access = 'DonNfVLUKOMNnmXXXXXX';
    const secret = 'W5RyNUbIzOuUsEM8v8eqreMdSQZHMm9nfgXXXXXX';
    const timestamp = '1700000000000';
    const vectors: [string, string, string][] = [
      ['POST', '/glossary/v1/create', 'acemukh0WO8ESo8E+1rhf2AUU8fOXSN3lXvAM2JgKj4='],
      ['GET', '/glossary/v1/?currentPage=1&pageSize=10', 'z0Oa6ze/1CdiEc7WqWvE8SM7X5xwkdJ/7aKuI0menG8='],
      ['DELETE', '/glossary/v1/c399cf78-781e-4353-89a6-cca8aaxxxxxx', 'Qm1bufJsRQZYMmGUV1BnPfC1zdu78teiNuwNNEcqs/Y='],
    ];
    for (const [method, pathAndQuery, expected] of vectors) {
      it(`signs ${method} ${pathAndQuery}`, () => {
        assert.equal(ncpSignatureV2(method, pathAndQuery, timestamp, access, secret), expected);
      });
    }

    it('builds the three IAM headers', () => {
      const headers = ncpIamHeaders('POST', '/glossary/v1/create', 1_700_000_000_000, access, secret);
      assert.deepEqual(headers, {
        'x-ncp-apigw-timestamp': timestamp,
        'x-ncp-iam-access-key': access,
        'x-ncp-apigw-signature-v2': 'acemukh0WO8ESo8E+1rhf2AUU8fOXSN3lXvAM2JgKj4=',
      });
    });
  });
});
