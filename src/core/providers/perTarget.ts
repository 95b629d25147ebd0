import type { LanguageCode } from '../languages';
import { splitForLimit } from './chunking';
import type { ProviderId, TranslateRequest, TranslateResult, Translation } from './types';

/** What one call of a one-target-per-call service answered for one piece of text. */
export interface PieceTranslation {
  /** The translated piece, as the service sent it (trimmed or not). */
  text: string;
  /** The source language the service detected (or was told), when it says. */
  detectedLanguage?: LanguageCode;
  /** HTTP attempts the call took. */
  attempts: number;
}

/** Translates one piece into one target: the provider's request and its reading of the answer. */
export type TranslatePiece = (piece: string, to: LanguageCode) => Promise<PieceTranslation>;

/**
 * The translate loop of services that take one target and a limited text per call (Papago and
 * the legacy Papago SMT): the text is split for the limit, blank pieces are kept as they are
 * (nothing to translate, and the services refuse empty text), each translation keeps its piece's
 * outer whitespace, and every target gets its own calls. The provider validated the request.
 */
export async function translatePerTarget(
  provider: ProviderId,
  request: TranslateRequest,
  maxCharsPerCall: number,
  translatePiece: TranslatePiece,
): Promise<TranslateResult> {
  const pieces = splitForLimit(request.text, maxCharsPerCall);
  let requests = 0;
  let detectedLanguage: LanguageCode | undefined;
  const translations: Translation[] = [];
  for (const to of request.to) {
    const parts: string[] = [];
    for (const piece of pieces) {
      if (piece.trim() === '') {
        parts.push(piece);
        continue;
      }
      const answer = await translatePiece(piece, to);
      requests += answer.attempts;
      detectedLanguage ??= answer.detectedLanguage;
      parts.push(keepOuterWhitespace(piece, answer.text));
    }
    translations.push({ to, text: parts.join('') });
  }
  return {
    provider,
    from: request.from,
    detectedLanguage,
    translations,
    requests,
    charsSent: request.text.length * request.to.length,
  };
}

/** Services trim; a piece that ended in a line break must keep it when the pieces are joined. */
export function keepOuterWhitespace(source: string, translated: string): string {
  const leading = /^\s*/.exec(source)?.[0] ?? '';
  const trailing = /\s*$/.exec(source)?.[0] ?? '';
  return leading + translated.trim() + trailing;
}
