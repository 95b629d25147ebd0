import { fakeTranslate } from './fakeTranslate';
import { charCount, header, jsonResponse, smtError, type EmuRequest, type EmuResponse, type Route } from './http';
import { INFERRED } from './inferred';
import { SMT_LANGUAGES } from './languages';
import type { EmulatorConfig } from './options';
import type { Counters } from './state';

/** The legacy Papago SMT pairs: Korean to and from en, ja, zh-CN, zh-TW. */
export const SMT_PAIRS: ReadonlyArray<readonly [source: string, target: string]> = SMT_LANGUAGES.filter((c) => c !== 'ko').flatMap(
  (other) => [['ko', other] as const, [other, 'ko'] as const],
);

const TR = {
  TR01: 'source parameter is needed',
  TR02: 'Unsupported source language',
  TR03: 'target parameter is needed',
  TR04: 'Unsupported target language',
  TR05: 'source and target must be different',
  TR06: 'There is no source-to-target translator',
  TR07: 'text parameter is needed',
  TR08: 'text parameter exceeds max bytes',
} as const;

function tr(code: keyof typeof TR): EmuResponse {
  return smtError(400, code, TR[code]);
}

export interface SmtDeps {
  config: EmulatorConfig;
  counters: Counters;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function smtRoutes(deps: SmtDeps): Route[] {
  /** Characters used per client id on the current quota day. */
  const usage = new Map<string, { day: number; chars: number }>();

  function translate(req: EmuRequest): EmuResponse {
    const id = header(req, 'x-naver-client-id');
    const secret = header(req, 'x-naver-client-secret');
    const client = deps.config.smt.find((k) => k.clientId === id);
    if (!client) return smtError(401, '024', 'Not Exist Client ID : Authentication failed.');
    if (client.clientSecret !== secret) return smtError(401, '024', INFERRED.smtWrongSecretMessage);
    // Form-encoded only: any other body simply has no fields.
    const form = /urlencoded/i.test(header(req, 'content-type') ?? '') ? new URLSearchParams(req.body.toString('utf8')) : new URLSearchParams();
    const source = form.get('source');
    const target = form.get('target');
    const text = form.get('text');
    if (!source) return tr('TR01');
    if (!SMT_LANGUAGES.includes(source)) return tr('TR02');
    if (!target) return tr('TR03');
    if (!SMT_LANGUAGES.includes(target)) return tr('TR04');
    if (source === target) return tr('TR05');
    if (!SMT_PAIRS.some(([s, t]) => s === source && t === target)) return tr('TR06');
    if (!text) return tr('TR07');
    const chars = charCount(text);
    if (chars > deps.config.limits.smtChars) return tr('TR08');
    const day = Math.floor((deps.config.now() + INFERRED.smtQuotaUtcOffsetHours * 3600_000) / DAY_MS);
    const used = usage.get(client.clientId);
    const today = used && used.day === day ? used.chars : 0;
    if (today + chars > deps.config.limits.smtDailyChars) return smtError(429, '010', 'Query limit exceeded.');
    usage.set(client.clientId, { day, chars: today + chars });
    deps.counters.addChars('smt.translate', chars);
    return jsonResponse(200, {
      message: {
        '@type': 'response',
        '@service': 'naverservice.labs.api',
        '@version': '1.0.0',
        result: { translatedText: req.textFaults()(fakeTranslate(text, source, target, 'text')), srcLangType: source },
      },
    });
  }

  return [
    {
      name: 'smt.translate',
      method: 'POST',
      pattern: /^\/v1\/language\/translate\/?$/,
      style: 'smt',
      handle: translate,
    },
  ];
}
