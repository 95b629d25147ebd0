import { strict as assert } from 'node:assert';
import { zipSync, strToU8 } from 'fflate';
import { TranslateError } from '../../src/core/errors';
import {
  csvFromZip,
  formatGlossaryCsv,
  GlossaryCsvError,
  isGlossaryHeader,
  validateGlossaryCsv,
  type GlossaryCsvProblem,
} from '../../src/core/glossary';
import { glossaryFixture, utf8 } from '../support/glossary';


/** The error thrown for `bytes`, checked to be an input error. */
function problemsOf(bytes: Uint8Array | string, fileName?: string): { error: GlossaryCsvError; problems: readonly GlossaryCsvProblem[] } {
  try {
    validateGlossaryCsv(typeof bytes === 'string' ? utf8(bytes) : bytes, fileName);
  } catch (error) {
    assert.ok(error instanceof GlossaryCsvError, `expected a GlossaryCsvError, got ${String(error)}`);
    assert.ok(error instanceof TranslateError);
    assert.equal(error.reason, 'input');
    assert.equal(error.isUsageError, true);
    return { error, problems: error.problems };
  }
  assert.fail('expected the CSV to be rejected');
}

describe('glossary CSV validation', () => {
  describe('accepted files', () => {
    it('reads plain rows without a header, with their line numbers', () => {
      const result = validateGlossaryCsv(utf8('apple,사과\nbanana,바나나\n'));
      assert.equal(result.hasHeader, false);
      assert.deepEqual(result.terms, [
        { source: 'apple', target: '사과', line: 1 },
        { source: 'banana', target: '바나나', line: 2 },
      ]);
      assert.equal(result.csvText, 'apple,사과\r\nbanana,바나나\r\n');
    });

    it('reads the Korean fixture: BOM, CRLF, a Korean header row, quoted commas and doubled quotes', () => {
      const result = validateGlossaryCsv(glossaryFixture('ko-en.csv'), 'ko-en.csv');
      assert.equal(result.hasHeader, true);
      assert.deepEqual(result.header, ['원문', '번역']);
      assert.deepEqual(result.terms, [
        { source: '번역기', target: 'translator', line: 2 },
        { source: '서울, 한국', target: 'Seoul, Korea', line: 3 },
        { source: '용어집', target: 'glossary', line: 4 },
        { source: '따옴표 "인용"', target: 'quote "quoted"', line: 5 },
      ]);
      // The canonical text: no BOM, no header row, CRLF, RFC 4180 quoting.
      assert.equal(result.csvText, '번역기,translator\r\n"서울, 한국","Seoul, Korea"\r\n용어집,glossary\r\n"따옴표 ""인용""","quote ""quoted"""\r\n');
      // It reads back to the same terms.
      assert.deepEqual(
        validateGlossaryCsv(utf8(result.csvText)).terms,
        result.terms.map((term, i) => ({ ...term, line: i + 1 })),
      );
    });

    it('recognises common header rows and language-code headers', () => {
      for (const header of ['source,target', 'Source,Target', 'source term,target term', '원문,번역', '원어,번역어', 'ko,en', 'en,ja']) {
        const result = validateGlossaryCsv(utf8(`${header}\nterm,용어\n`));
        assert.equal(result.hasHeader, true, header);
        assert.deepEqual(result.terms, [{ source: 'term', target: '용어', line: 2 }]);
      }
      assert.equal(isGlossaryHeader('ko', 'ko'), false);
      assert.equal(isGlossaryHeader('apple', '사과'), false);
      // Only the first row can be a header: later the same words are terms.
      const later = validateGlossaryCsv(utf8('apple,사과\nsource,target\n'));
      assert.equal(later.hasHeader, false);
      assert.equal(later.terms.length, 2);
      // A header-like row after a broken first row is a term, not a header.
      assert.deepEqual(
        problemsOf('one\nsource,target\n').problems.map((problem) => problem.lines),
        [[1]],
      );
    });

    it('handles CRLF, lone CR and mixed line ends, blank lines and spreadsheet blank rows', () => {
      const result = validateGlossaryCsv(utf8('a,1\r\nb,2\n\nc,3\r,\r\n  \nd,4'));
      assert.deepEqual(
        result.terms.map((term) => [term.source, term.line]),
        [['a', 1], ['b', 2], ['c', 4], ['d', 7]],
      );
    });

    it('trims spaces around terms and quotes what needs quoting on output', () => {
      const result = validateGlossaryCsv(utf8('  hello , 안녕 \n'));
      assert.deepEqual(result.terms[0], { source: 'hello', target: '안녕', line: 1 });
      assert.equal(formatGlossaryCsv([{ source: 'a,b', target: 'say "hi"' }, { source: 'x', target: 'y' }]), '"a,b","say ""hi"""\r\nx,y\r\n');
      assert.equal(formatGlossaryCsv([{ source: 'k', target: 'v' }], ['source', 'target']), 'source,target\r\nk,v\r\n');
    });

    it('keeps a term of exactly 1,000 characters', () => {
      const long = 'x'.repeat(1000);
      assert.equal(validateGlossaryCsv(utf8(`${long},y\n`)).terms[0]?.source, long);
    });
  });

  describe('rejected files', () => {
    it('rejects an empty file, a BOM-only file, a blank file and a header without terms', () => {
      assert.match(problemsOf(new Uint8Array()).error.message, /is empty/);
      assert.match(problemsOf(new Uint8Array([0xef, 0xbb, 0xbf])).error.message, /is empty/);
      assert.match(problemsOf('\r\n  \n').error.message, /is empty/);
      assert.match(problemsOf('source,target\n').error.message, /header row but no terms/);
      assert.match(problemsOf(',\n,\n').error.message, /holds no terms/);
    });

    it('rejects Latin-1 bytes as not UTF-8, naming the lines', () => {
      const { error, problems } = problemsOf(glossaryFixture('latin1.csv'), 'latin1.csv');
      assert.deepEqual(problems[0]?.lines, [2, 3]);
      assert.match(error.message, /"latin1\.csv" is not UTF-8 text \(invalid bytes on lines 2, 3\); save it as "CSV UTF-8"/);
      const single = problemsOf(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x2c, 0x78])); // caf\xE9,x
      assert.deepEqual(single.problems[0]?.lines, [1]);
      assert.match(single.error.message, /on line 1\b/);
    });

    it('rejects binary data (NUL bytes), UTF-16 and ZIP/Excel files', () => {
      const nul = problemsOf(new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x63, 0x00, 0x2c, 0x64]));
      assert.deepEqual(nul.problems[0]?.lines, [2]);
      assert.match(nul.error.message, /binary data \(NUL bytes\) on line 2/);
      assert.match(problemsOf(new Uint8Array([0xff, 0xfe, 0x61, 0x00])).error.message, /UTF-16/);
      assert.match(problemsOf(zipSync({ 'a.csv': strToU8('a,b') })).error.message, /ZIP archive or Excel workbook/);
    });

    it('rejects rows without exactly two columns, with hints', () => {
      const { error, problems } = problemsOf('source,target\none\ntwo,2\nthree,3,extra\nfour\t4\nfive;5\n');
      assert.deepEqual(
        problems.map((problem) => problem.lines),
        [[2], [4], [5], [6]],
      );
      assert.match(error.message, /has 4 problems:/);
      assert.match(error.message, /line 2: expected 2 columns \(source term, target term\) but found 1 column\n/);
      assert.match(error.message, /line 4: .*found 3 columns: quote a term that contains a comma/);
      assert.match(error.message, /line 5: .*not a tab/);
      assert.match(error.message, /line 6: .*not a semicolon/);
    });

    it('rejects empty cells', () => {
      const { error, problems } = problemsOf('a,1\n,2\nc,\n"  ",4\n');
      assert.deepEqual(
        problems.map((problem) => problem.lines),
        [[2], [3], [4]],
      );
      assert.match(error.message, /line 2: the source term is empty/);
      assert.match(error.message, /line 3: the target term is empty/);
    });

    it('rejects duplicate source terms, naming both lines', () => {
      const { error, problems } = problemsOf('원문,번역\n사과,apple\n배,pear\n사과,Apple\n');
      assert.deepEqual(problems[0]?.lines, [2, 4]);
      assert.match(error.message, /line 4: the source term "사과" appears twice \(lines 2 and 4\)/);
      // Decomposed Hangul (as some macOS tools write it) is the same term.
      const nfd = problemsOf(`한국,Korea\n${'한국'.normalize('NFD')},Korea\n`);
      assert.deepEqual(nfd.problems[0]?.lines, [1, 2]);
    });

    it('rejects an unclosed quote at the line where it opens', () => {
      const { error, problems } = problemsOf(glossaryFixture('broken.csv'), 'broken.csv');
      // broken.csv: a duplicate on lines 2/3 and a quote opened on line 4 that never closes.
      assert.deepEqual(
        problems.map((problem) => problem.lines),
        [[2, 3], [4]],
      );
      assert.match(error.message, /line 4: a quoted field opened here is never closed/);
    });

    it('rejects a multi-line unclosed quote at its opening line, after checking the rows before it', () => {
      const { problems } = problemsOf('a,1\n,2\n"b\nc,3\nd,4\n');
      assert.deepEqual(
        problems.map((problem) => problem.lines),
        [[2], [3]],
      );
      assert.match(problems[1]?.message ?? '', /never closed/);
    });

    it('rejects text after a closing quote and a quote inside an unquoted term, with their lines', () => {
      const closing = problemsOf('a,1\n"b"x,2\n');
      assert.deepEqual(closing.problems[0]?.lines, [2]);
      assert.match(closing.error.message, /line 2: text follows a closing quote/);
      const opening = problemsOf('a,1\nb,2\nc"d,3\n');
      assert.deepEqual(opening.problems[0]?.lines, [3]);
      assert.match(opening.error.message, /line 3: a quote appears inside an unquoted term/);
    });

    it('rejects terms over 1,000 characters, terms spanning lines and control characters', () => {
      const { error, problems } = problemsOf(`ok,fine\n${'x'.repeat(1001)},y\n"multi\nline",z\nbell\u0007,b\n`);
      assert.deepEqual(
        problems.map((problem) => problem.lines),
        [[2], [3], [5]],
      );
      assert.match(error.message, /line 2: the source term is 1001 characters long \(at most 1000\)/);
      assert.match(error.message, /line 3: the source term spans several lines/);
      assert.match(error.message, /line 5: the source term holds a control character \(U\+0007\)/);
    });

    it('lists every problem but at most 20 lines of them, then "and N more"', () => {
      const rows = Array.from({ length: 25 }, (_, i) => `term${i},`).join('\n');
      const { error, problems } = problemsOf(rows);
      assert.equal(problems.length, 25);
      assert.match(error.message, /has 25 problems:/);
      assert.match(error.message, /line 20: the target term is empty\n {2}\.\.\.and 5 more\.$/);
      assert.doesNotMatch(error.message, /line 21:/);
    });

    it('rejects a file over 10 MB before reading it', () => {
      const { error } = problemsOf(new Uint8Array(10 * 1024 * 1024 + 1).fill(0x61));
      assert.match(error.message, /at most 10 MB/);
    });
  });
});

describe('glossary ZIP download', () => {
  it('round-trips a CSV through zipSync, dropping the BOM and decoding Korean', () => {
    const csv = '원문,번역\r\n번역기,translator\r\n';
    const zip = zipSync({ 'glossary_file.csv': new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(csv)]) });
    assert.deepEqual(csvFromZip(zip), { name: 'glossary_file.csv', text: csv });
  });

  it('skips folders, macOS resource forks and other files', () => {
    const zip = zipSync({
      'readme.txt': strToU8('not this'),
      '__MACOSX/._terms.csv': new Uint8Array([0, 1, 2]),
      'export/terms.CSV': strToU8('a,b\n'),
    });
    assert.deepEqual(csvFromZip(zip), { name: 'terms.CSV', text: 'a,b\n' });
  });

  it('fails clearly on bytes that are not a ZIP, a damaged ZIP, a ZIP without a CSV and a non-UTF-8 CSV', () => {
    const serverError = (bytes: Uint8Array, pattern: RegExp) =>
      assert.throws(
        () => csvFromZip(bytes),
        (error: unknown) => error instanceof TranslateError && error.reason === 'server' && pattern.test(error.message),
      );
    serverError(strToU8('{"error":{"errorCode":"300"}}'), /not a ZIP archive/);
    serverError(new Uint8Array(), /not a ZIP archive/);
    const zip = zipSync({ 'a.csv': strToU8('a,b\n'.repeat(50)) });
    serverError(zip.subarray(0, zip.length - 30), /damaged ZIP/);
    serverError(zipSync({ 'a.txt': strToU8('a,b') }), /holds no CSV/);
    serverError(zipSync({ 'a.csv': new Uint8Array([0x63, 0xe9, 0x2c, 0x78]) }), /not UTF-8/);
  });
});
