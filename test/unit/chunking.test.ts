import { strict as assert } from 'node:assert';
import { splitForLimit } from '../../src/core/providers/chunking';

describe('splitForLimit', () => {
  it('leaves short text whole', () => {
    assert.deepEqual(splitForLimit('Hello.', 10), ['Hello.']);
    assert.deepEqual(splitForLimit('', 10), ['']);
  });

  it('cuts at line breaks first and keeps every character', () => {
    const text = 'line one\nline two\nline three\n';
    const chunks = splitForLimit(text, 12);
    assert.equal(chunks.join(''), text);
    assert.ok(chunks.every((c) => c.length <= 12));
    assert.deepEqual(chunks, ['line one\n', 'line two\n', 'line three\n']);
  });

  it('cuts at sentence ends when a line is too long', () => {
    const text = '첫 번째 문장입니다. 두 번째 문장입니다. 세 번째 문장입니다.';
    const chunks = splitForLimit(text, 25);
    assert.equal(chunks.join(''), text);
    assert.deepEqual(chunks, ['첫 번째 문장입니다. 두 번째 문장입니다. ', '세 번째 문장입니다.']);
  });

  it('cuts at spaces, then anywhere, but never inside a surrogate pair', () => {
    const words = 'alpha beta gamma delta epsilon';
    assert.ok(splitForLimit(words, 12).every((c) => c.length <= 12 && (c.endsWith(' ') || c === 'epsilon')));
    const emoji = '😀'.repeat(10);
    const chunks = splitForLimit(emoji, 5);
    assert.equal(chunks.join(''), emoji);
    for (const chunk of chunks) assert.ok(!/[\ud800-\udbff]$/.test(chunk), 'no chunk ends in a high surrogate');
  });

  it('splits 12,000 characters for a 5,000 limit into three pieces within the limit', () => {
    const sentence = 'This is a sentence of moderate length. ';
    const text = sentence.repeat(Math.ceil(12_000 / sentence.length)).slice(0, 12_000);
    const chunks = splitForLimit(text, 5000);
    assert.equal(chunks.length, 3);
    assert.equal(chunks.join(''), text);
    assert.ok(chunks.every((c) => c.length <= 5000));
    assert.ok(chunks.slice(0, -1).every((c) => c.endsWith('. ')), 'cut at sentence ends');
  });
});
