import { fakeTranslateWithGlossary } from './fakeTranslate';
import type { GlossaryStore } from './glossaryStore';
import { charCount, gatewayError, header, isPlainObject, jsonResponse, type EmuRequest, type EmuResponse, type Route } from './http';
import { INFERRED } from './inferred';
import { detectScript, PAPAGO_LANGUAGES } from './languages';
import type { EmulatorConfig } from './options';
import type { Counters } from './state';

/**
 * Source -> target pairs the emulated Papago NMT translates (a design choice: every pair with
 * ko, en or ja on one side, plus zh-CN <-> zh-TW). Others get N2MT06.
 */
export const PAPAGO_PAIRS: ReadonlyArray<readonly [source: string, target: string]> = PAPAGO_LANGUAGES.flatMap((source) =>
  PAPAGO_LANGUAGES.filter(
    (target) =>
      target !== source &&
      (['ko', 'en', 'ja'].includes(source) || ['ko', 'en', 'ja'].includes(target) || (source.startsWith('zh-') && target.startsWith('zh-'))),
  ).map((target) => [source, target] as const),
);

const PAIR_SET = new Set(PAPAGO_PAIRS.map(([s, t]) => `${s}>${t}`));

export function isPapagoPair(source: string, target: string): boolean {
  return PAIR_SET.has(`${source}>${target}`);
}

/** Pairs for which Papago applies a glossary (documented). Other pairs ignore the glossary. */
const GLOSSARY_PAIRS = new Set(
  [
    ['ko', 'en'], ['ko', 'ja'], ['ko', 'zh-CN'], ['ko', 'zh-TW'],
    ['en', 'ja'], ['en', 'zh-CN'], ['en', 'zh-TW'],
    ['ja', 'zh-CN'], ['ja', 'zh-TW'],
  ].flatMap(([a, b]) => [`${a}>${b}`, `${b}>${a}`]),
);

const N2MT = {
  N2MT01: 'source parameter is needed',
  N2MT02: 'Unsupported source language',
  N2MT03: 'target parameter is needed',
  N2MT04: 'Unsupported target language',
  N2MT05: 'source and target must be different',
  N2MT06: 'There is no source-to-target translator',
  N2MT07: 'text parameter is needed',
  N2MT08: 'text parameter exceeds max length',
} as const;

function n2mt(code: keyof typeof N2MT): EmuResponse {
  return gatewayError(400, code, N2MT[code]);
}

const DETECTED: Record<string, string> = { ko: 'ko', ja: 'ja', zh: 'zh-CN', en: 'en' };

/** Reads the fields from a JSON or form-urlencoded body; non-string values count as absent. */
function readFields(req: EmuRequest): Record<string, string | undefined> {
  const raw = req.body.toString('utf8');
  const type = header(req, 'content-type') ?? '';
  const fields: Record<string, string | undefined> = {};
  if (/json/i.test(type) || (!/urlencoded/i.test(type) && raw.trimStart().startsWith('{'))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return fields;
    }
    if (!isPlainObject(parsed)) return fields;
    for (const [name, value] of Object.entries(parsed)) {
      if (typeof value === 'string') fields[name] = value;
      else if (typeof value === 'boolean') fields[name] = String(value);
    }
    return fields;
  }
  for (const [name, value] of new URLSearchParams(raw)) fields[name] ??= value;
  return fields;
}

export interface PapagoDeps {
  config: EmulatorConfig;
  counters: Counters;
  glossaries: GlossaryStore;
}

function translate(deps: PapagoDeps, req: EmuRequest): EmuResponse {
  const id = header(req, 'x-ncp-apigw-api-key-id');
  const secret = header(req, 'x-ncp-apigw-api-key');
  if (!deps.config.papago.some((k) => k.clientId === id && k.clientSecret === secret)) {
    return gatewayError(401, '200', 'Authentication Failed', 'Invalid authentication information.');
  }
  const { source, target, text, glossaryKey } = readFields(req);
  if (!source) return n2mt('N2MT01');
  if (source !== 'auto' && !PAPAGO_LANGUAGES.includes(source)) return n2mt('N2MT02');
  if (!target) return n2mt('N2MT03');
  if (!PAPAGO_LANGUAGES.includes(target)) return n2mt('N2MT04');
  if (text === undefined || text === '' || (INFERRED.papagoBlankTextIsMissing && text.trim() === '')) return n2mt('N2MT07');
  if (charCount(text) > deps.config.limits.papagoChars) return n2mt('N2MT08');
  const src = source === 'auto' ? DETECTED[detectScript(text)] : source;
  if (src === target) return n2mt('N2MT05');
  if (!isPapagoPair(src, target)) return n2mt('N2MT06');
  let terms: ReadonlyArray<readonly [string, string]> = [];
  if (glossaryKey) {
    const glossary = deps.glossaries.get(glossaryKey);
    if (!glossary) return gatewayError(400, INFERRED.papagoUnknownGlossary.errorCode, INFERRED.papagoUnknownGlossary.message);
    if (GLOSSARY_PAIRS.has(`${src}>${target}`)) terms = glossary.terms;
  }
  deps.counters.addChars('papago.translate', charCount(text));
  return jsonResponse(200, {
    message: {
      '@type': 'response',
      '@service': 'naverservice.nmt.proxy',
      '@version': '1.0.0',
      result: {
        srcLangType: src,
        tarLangType: target,
        translatedText: req.textFaults()(fakeTranslateWithGlossary(text, src, target, terms, 'text')),
        engineType: 'N2MT',
        // Not in the contract: clients must tolerate fields they do not know.
        modelVer: 'emulator',
      },
    },
  });
}

export function papagoRoutes(deps: PapagoDeps): Route[] {
  return [
    {
      name: 'papago.translate',
      method: 'POST',
      pattern: /^\/nmt\/v1\/translation\/?$/,
      style: 'papago',
      handle: (req) => translate(deps, req),
    },
  ];
}
