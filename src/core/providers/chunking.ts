/**
 * Splits text longer than a provider's per-call limit into pieces that end at a line break,
 * else a sentence end, else a space, else (for one enormous word) anywhere. Every separator stays
 * attached to its piece, so `chunks.join('')` is the original text.
 */
export function splitForLimit(text: string, limit: number): string[] {
  if (limit < 1) throw new RangeError('limit must be at least 1');
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = findCut(rest, limit);
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}

const SENTENCE_END = /[.!?。！？…][)"'”’」』]*\s+/g;

/** The best cut position in (0, limit]: the last line break, sentence end or space before the limit. */
function findCut(text: string, limit: number): number {
  const window = text.slice(0, limit);
  const newline = window.lastIndexOf('\n');
  if (newline >= limit / 4) return newline + 1;
  let sentenceCut = -1;
  for (const match of window.matchAll(SENTENCE_END)) sentenceCut = (match.index ?? 0) + match[0].length;
  if (sentenceCut >= limit / 4) return sentenceCut;
  const space = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\t'));
  if (space >= limit / 4) return space + 1;
  // Never cut a surrogate pair in two.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
