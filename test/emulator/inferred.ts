/**
 * Every behaviour of the emulator that the public record does not pin down, in one place so it
 * is easy to find and change. Anything documented by the vendors lives in the service files.
 */
export const INFERRED = {
  /** Hive: maximum characters (code points) of `text` per request. */
  hiveChars: 20_000,
  /** Hive: the `<field>` named in the 400 message when the body is not a JSON object. */
  hiveBadJsonField: 'body',
  /** Hive: the field named when neither `info.service_key` nor `info.app_key` is given. */
  hiveKeyField: 'service_key',
  /** Hive: language detection score reported for `from: "auto"`. */
  hiveAutoScore: 1.0,
  /** Papago NMT: the error for a `glossaryKey` the store does not know (status 400). */
  papagoUnknownGlossary: { errorCode: 'N2MT09', message: 'glossaryKey not found' },
  /** Papago NMT: whitespace-only text counts as missing text (N2MT07). */
  papagoBlankTextIsMissing: true,
  /** SMT: the 401 message when the client id is known but the secret is wrong. */
  smtWrongSecretMessage: 'Wrong Client Secret : Authentication failed.',
  /** SMT: the daily quota resets at midnight in this UTC offset (KST). */
  smtQuotaUtcOffsetHours: 9,
  /** Gateway: errorCode used for request validation errors of the glossary API (status 400). */
  glossaryValidationCode: '100',
  /** Glossary list: `currentPage` returned as a String (true) or a number (false). */
  listPageAsString: true,
  /** Hive async results use `\r\n` line ends, like the vendor's example. */
  crlf: true,
  /** Largest request body accepted on any route, in bytes (the NCP gateway limit). */
  maxBodyBytes: 10 * 1024 * 1024,
} as const;
