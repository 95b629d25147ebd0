import { strict as assert } from 'node:assert';
import { validateEndpoint } from '../../src/core/endpoints';
import { TranslateError } from '../../src/core/errors';
import { LANGUAGES, parseLanguage, toHiveCode, toPapagoCode } from '../../src/core/languages';
import { PAPAGO_PAIRS } from '../../src/core/providers/papago';
import { SMT_PAIRS } from '../../src/core/providers/papagoSmt';

describe('languages', () => {
  it('has the 16 Hive languages', () => {
    assert.deepEqual(
      LANGUAGES.map((l) => l.hive),
      ['ko', 'en', 'ja', 'zh-hans', 'zh-hant', 'fr', 'de', 'ru', 'es', 'pt', 'id', 'vi', 'th', 'it', 'tr', 'ar'],
    );
  });

  it('maps one user code set to each service', () => {
    assert.equal(toHiveCode('zh-Hans'), 'zh-hans');
    assert.equal(toPapagoCode('zh-Hans'), 'zh-CN');
    assert.equal(toPapagoCode('zh-Hant'), 'zh-TW');
    assert.equal(toPapagoCode('ar'), undefined);
  });

  it('accepts every service spelling and common aliases', () => {
    for (const input of ['zh-Hans', 'zh-hans', 'ZH-CN', 'zh_cn', 'zh']) assert.equal(parseLanguage(input), 'zh-Hans');
    assert.equal(parseLanguage('zh-TW'), 'zh-Hant');
    assert.equal(parseLanguage(' KO '), 'ko');
    assert.equal(parseLanguage('xx'), undefined);
  });

  it('knows the pairs of Papago and Papago SMT', () => {
    assert.ok(PAPAGO_PAIRS.has('ko', 'en'));
    assert.ok(PAPAGO_PAIRS.has('fr', 'ja'));
    assert.ok(PAPAGO_PAIRS.has('zh-Hans', 'zh-Hant'));
    assert.ok(!PAPAGO_PAIRS.has('fr', 'de'));
    assert.ok(SMT_PAIRS.has('en', 'ko'));
    assert.ok(!SMT_PAIRS.has('en', 'ja'));
  });
});

describe('validateEndpoint', () => {
  it('accepts https and loopback http, without a trailing slash', () => {
    assert.equal(validateEndpoint('https://ats.withhive.com/', 'x'), 'https://ats.withhive.com');
    assert.equal(validateEndpoint('http://127.0.0.1:8787', 'x'), 'http://127.0.0.1:8787');
    assert.equal(validateEndpoint('http://localhost:1', 'x'), 'http://localhost:1');
    assert.equal(validateEndpoint('http://[::1]:8080', 'x'), 'http://[::1]:8080');
  });

  it('refuses plain http to other hosts, other schemes and junk', () => {
    for (const bad of ['http://example.com', 'http://127.0.0.1.evil.com', 'ftp://127.0.0.1', 'not a url', 'https://u:p@host.com']) {
      assert.throws(() => validateEndpoint(bad, 'HIVE_ENDPOINT'), (e: unknown) => e instanceof TranslateError && e.reason === 'config');
    }
  });
});
