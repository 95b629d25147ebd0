import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { validateEndpoint } from '../../src/core/endpoints';
import { errorFromResponse, errorSentence, networkError, NCP_GATEWAY_ERRORS, PAPAGO_ERRORS, SMT_ERRORS, TranslateError, userMessage } from '../../src/core/errors';
import { writeFileAtomic } from '../../src/core/files';
import { GlossaryCsvError, validateGlossaryCsv } from '../../src/core/glossary';
import { csvFromZip } from '../../src/core/glossary/zip';
import { fillTemplate, message, plainText, renderMessage, type MessageRenderer } from '../../src/core/messages';
import { parseIntegerOption, parseProviderOption, parseTargetLanguages } from '../../src/core/options';
import { withLock } from '../../src/core/store/lock';

/** Renders like the extension in a Korean VS Code: the Korean bundle, language names from Intl. */
const KOREAN: MessageRenderer = (() => {
  const bundle = JSON.parse(readFileSync(path.join(__dirname, '../../l10n/bundle.l10n.ko.json'), 'utf8')) as Record<string, string>;
  const t = (template: string, ...args: string[]) => {
    const translated = bundle[template];
    if (translated === undefined) throw new Error(`no Korean for "${template}"`);
    return fillTemplate(translated, args);
  };
  const names = new Intl.DisplayNames(['ko'], { type: 'language' });
  return {
    format: (template, args) => t(template, ...args),
    language: (code) => (code === 'auto' ? t('auto-detect') : t('{0} ({1})', names.of(code) ?? code, code)),
    service: (id) => (id === 'ncpIam' ? t('the Papago glossary service') : { hive: 'Hive', papago: 'Papago', papagoSmt: 'Papago SMT' }[id]),
    duration: (ms) => t('{0} s', String(Math.round(ms / 1000))),
  };
})();

/** Words a Korean sentence keeps in Latin letters: names, codes, formats, and what the user typed. */
const KEPT = /^(Hive|Papago|SMT|NAVER|Cloud|NCP|IAM|API|CSV|UTF|HTTP|URL|ZIP|Excel|NUL|MB|ID|https?|localhost|auto|hive|papago|smt|pseudo|identity|Uri|out|to)$/;

function englishWords(text: string, alsoKept: readonly string[] = []): string[] {
  return (text.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !KEPT.test(word) && !alsoKept.includes(word));
}

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

async function rejected(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('messages', () => {
  it('keep the English template and its arguments, and fill the English text', () => {
    const sentence = message('Unknown target language "{0}".', 'xx');
    assert.equal(sentence.template, 'Unknown target language "{0}".');
    assert.deepEqual(sentence.args, ['xx']);
    assert.equal(sentence.text, 'Unknown target language "xx".');
  });

  it('render marked arguments: languages by name, a leading service with a capital, clauses without their period, lines', () => {
    assert.equal(message('{0} -> {1}', { language: 'pt' }, { language: 'auto' }).text, 'Portuguese (pt) -> auto-detect');
    assert.equal(message('{0} is rate-limiting requests; try again shortly.', { service: 'ncpIam' }).text, 'The Papago glossary service is rate-limiting requests; try again shortly.');
    assert.equal(message('Could not reach {0}.', { service: 'ncpIam' }).text, 'Could not reach the Papago glossary service.');
    assert.equal(message('{0} ({1} attempts over {2}).', message('Hive timed out.'), 3, { durationMs: 65_000 }).text, 'Hive timed out (3 attempts over 1 min 5 s).');
    assert.equal(message('{0} has {1} problems:{2}', 'x.csv', 2, { lines: [message('line 1: a'), message('line 2: b')] }).text, 'x.csv has 2 problems:\n  line 1: a\n  line 2: b');
  });

  it('render through a host renderer, in its language', () => {
    const sentence = message('{0} did not answer in time ({1} attempts over {2}); try again later.', { service: 'hive' }, 3, { durationMs: 12_000 });
    assert.equal(renderMessage(sentence, KOREAN), 'Hive에서 제시간에 응답하지 않았습니다(12초 동안 3번 시도). 나중에 다시 시도하세요.');
    assert.equal(renderMessage(message('{0} -> {1}', { language: 'pt' }, 'x'), { ...KOREAN, format: fillTemplate }), '포르투갈어 (pt) -> x');
  });

  it('show plain text as it is: a host passes its own, already translated', () => {
    const error = new TranslateError('input', '선택 영역이 비어 있습니다.');
    assert.equal(error.sentence.template, undefined);
    assert.equal(renderMessage(error.sentence, KOREAN), '선택 영역이 비어 있습니다.');
    assert.equal(renderMessage(plainText('as is {0}'), KOREAN), 'as is {0}');
  });

  it('errors keep their English message for the CLI and the log, and carry the template for hosts', () => {
    const error = errorFromResponse('ncpIam', 401, { error: { errorCode: '200', message: 'Authentication Failed' } });
    assert.equal(error.message, 'The Papago glossary service rejected the credentials; check them.');
    assert.equal(userMessage(error), error.message);
    assert.equal(error.sentence.template, '{0} rejected the credentials; check them.');
    assert.equal(renderMessage(error.sentence, KOREAN), 'Papago 용어집 서비스에서 자격 증명을 거부했습니다. 자격 증명을 확인하세요.');
    const retried = error.withAttempts(2, 1500).withDetail('redacted');
    assert.equal(retried.message, 'The Papago glossary service rejected the credentials; check them (2 attempts over 2 s).');
    assert.equal(renderMessage(retried.sentence, KOREAN), 'Papago 용어집 서비스에서 자격 증명을 거부했습니다. 자격 증명을 확인하세요({0}초 동안 2번 시도).'.replace('{0}', '2'));
    assert.equal(errorSentence(new Error('boom')).text, 'Unexpected error: boom');
  });

  it('every mapped service error reads in Korean', () => {
    const errors = [
      ...Object.keys(PAPAGO_ERRORS).map((code) => errorFromResponse('papago', 400, { error: { errorCode: code } })),
      ...Object.keys(NCP_GATEWAY_ERRORS).map((code) => errorFromResponse('ncpIam', 400, { error: { errorCode: code } })),
      ...Object.keys(SMT_ERRORS).map((code) => errorFromResponse('papagoSmt', 400, { errorCode: code, errorMessage: 'x' })),
      ...[400, 401, 404, 408, 429, 500, 418].map((status) => errorFromResponse('hive', status, { result: { code: status, msg: status === 400 ? 'to is Missing' : 'x' } })),
      ...[401, 404, 408, 413, 429, 502, 418].map((status) => errorFromResponse('papago', status, undefined)),
      networkError('hive', new Error('refused'), false).withAttempts(3, 4000),
    ];
    for (const error of errors) {
      const korean = renderMessage(error.sentence, KOREAN);
      assert.deepEqual(englishWords(korean), [], `${error.message} -> ${korean}`);
    }
  });

  it('validation errors of options, endpoints, glossaries and files read in Korean', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'messages-'));
    try {
      writeFileSync(path.join(dir, 'file'), 'x');
      const errors = [
        thrown(() => parseTargetLanguages('xx')),
        thrown(() => parseTargetLanguages([])),
        thrown(() => parseProviderOption('deepl')),
        thrown(() => parseIntegerOption('0', '--concurrency', 1, 16)),
        thrown(() => validateEndpoint('http://example.com', 'hivePapago.hive.endpoint')),
        thrown(() => validateGlossaryCsv(new TextEncoder().encode('server,SERVEUR\naccount\nserver,again\n'), 'bad.csv')),
        thrown(() => validateGlossaryCsv(new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xfe, 0x0a]), 'latin1.csv')),
        thrown(() => validateGlossaryCsv(new TextEncoder().encode('"open,quote\n'), 'q.csv')),
        thrown(() => csvFromZip(new Uint8Array([1, 2, 3]))),
        await rejected(() => writeFileAtomic(path.join(dir, 'file', 'below.md'), 'x')),
        await rejected(() => withLock(path.join(dir, 'missing', 'x.lock'), async () => undefined, { label: message('The {0} {1}', 'memory', 'm.tm') })),
      ];
      for (const error of errors) {
        assert.ok(error instanceof TranslateError, String(error));
        const korean = renderMessage(error.sentence, KOREAN);
        // What the user typed or named stays as it was: paths, file names, setting names, codes.
        const named = ['xx', 'deepl', 'concurrency', 'hivePapago', 'endpoint', 'bad', 'csv', 'latin', 'server', 'SERVEUR', 'open', 'quote', 'file', 'below', 'md', 'missing', 'lock', 'memory', 'tm', 'ENOENT'];
        assert.deepEqual(englishWords(korean.split(dir).join(''), named), [], `${error.message}\n-> ${korean}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('glossary CSV problems carry their line and sentence, for the Problems panel', () => {
    const error = thrown(() => validateGlossaryCsv(new TextEncoder().encode('server,SERVEUR\naccount\nserver,again\n'), 'bad.csv'));
    assert.ok(error instanceof GlossaryCsvError);
    assert.deepEqual(
      error.problems.map((problem) => [problem.line, problem.lines, problem.aboutFile ?? false, renderMessage(problem.sentence, KOREAN)]),
      [
        [2, [2], false, '열 2개(원문 용어, 번역 용어)가 필요한데 1개입니다'],
        [3, [1, 3], false, '원문 용어 "server"이(가) 두 번 나옵니다(1행과 3행)'],
      ],
    );
    assert.equal(error.problems[1].message, 'the source term "server" appears twice (lines 1 and 3)');
    const empty = thrown(() => validateGlossaryCsv(new Uint8Array(), 'empty.csv'));
    assert.ok(empty instanceof GlossaryCsvError);
    assert.equal(empty.problems[0].aboutFile, true);
    assert.equal(renderMessage(empty.sentence, KOREAN), '용어집 파일 "empty.csv": 비어 있습니다.');
  });
});
