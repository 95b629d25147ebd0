import { cancelledError, TranslateError } from '../errors';
import { fromServiceCode, LANGUAGES, toHiveCode, type LanguageCode } from '../languages';
import { hiveSignature } from '../signing';
import { splitForLimit } from './chunking';
import { DEFAULT_POLL, type HiveCredentials, type PollOptions, type ProviderContext } from './context';
import type {
  JobState,
  ProviderCapabilities,
  ServiceProbe,
  TranslateRequest,
  TranslateResult,
  Translation,
  TranslationProvider,
} from './types';
import { validateRequest } from './validate';
import { message } from '../messages';

interface HiveEnvelope<T> {
  result?: { code?: number; msg?: string };
  content?: T;
}
interface TranslateMsg {
  detectedLanguage?: { language?: string; score?: number };
  translations?: { text?: string; to?: string }[];
}
type SyncContent = { data?: { translateMsg?: TranslateMsg[] } };
type SubmitContent = { uuid?: string; resultUrl?: string };
type ResultContent = { status?: { code?: number; msg?: string }; data?: { translateMsg?: TranslateMsg[] } };

const JOB_STATES: Record<number, JobState> = { 100: 'completed', 101: 'waiting', 102: 'processing', 199: 'failed' };

/** Characters per call: Hive documents no limit; this keeps requests (and async jobs) modest. */
export const HIVE_MAX_CHARS = 20_000;

const hiveCapabilities: ProviderCapabilities = {
  id: 'hive',
  displayName: 'Hive',
  formats: ['text', 'html', 'markdown'],
  languages: LANGUAGES.map((language) => language.code),
  maxCharsPerCall: HIVE_MAX_CHARS,
  multiTarget: true,
  autoDetect: ['text', 'html'],
  glossary: false,
  offline: false,
  supportsPair: (from, to) => from !== to,
};

/** A job id that cannot exist: Hive answers 404 "Unregistered job uuid" only after accepting the signature. */
const PROBE_UUID = '00000000-0000-4000-8000-000000000000';

interface HiveCall {
  body?: string;
  idempotent: boolean;
  signal: AbortSignal | undefined;
  chars?: number;
}

/**
 * Hive ATS: the sync API for text and HTML (several targets per call, `auto` detection), the
 * async API for Markdown (submit, poll at our configured endpoint, read the result).
 */
export class HiveProvider implements TranslationProvider, ServiceProbe {
  readonly capabilities = hiveCapabilities;
  private readonly credentials: HiveCredentials;
  private readonly poll: PollOptions;

  constructor(private readonly context: ProviderContext) {
    const credentials = context.credentials.hive;
    if (!credentials) throw new TranslateError('config', message('Hive credentials are not set; set the service key and secret key first.'), { service: 'hive' });
    this.credentials = credentials;
    this.poll = { ...DEFAULT_POLL, ...context.poll };
  }

  async translate(request: TranslateRequest): Promise<TranslateResult> {
    validateRequest(this.capabilities, request);
    const pieces = splitForLimit(request.text, this.capabilities.maxCharsPerCall);
    const texts = new Map<LanguageCode, string[]>(request.to.map((to) => [to, []]));
    let detectedLanguage: LanguageCode | undefined;
    let requests = 0;
    for (const piece of pieces) {
      const part =
        request.format === 'markdown' ? await this.translateAsync(piece, request) : await this.translateSync(piece, request);
      requests += part.requests;
      detectedLanguage ??= part.detectedLanguage;
      for (const translation of part.translations) texts.get(translation.to)?.push(translation.text);
    }
    return {
      provider: 'hive',
      from: request.from,
      detectedLanguage,
      translations: request.to.map((to) => ({ to, text: (texts.get(to) ?? []).join('') })),
      requests,
      charsSent: request.text.length,
    };
  }

  /**
   * Reads the result of a job id that cannot exist: nothing is translated. Hive checks the
   * signature first, so its "Unregistered job uuid" (404) proves the credentials were accepted.
   */
  async probe(signal?: AbortSignal): Promise<void> {
    try {
      await this.send('hive.probe', 'GET', resultPath(PROBE_UUID), { idempotent: true, signal });
    } catch (error) {
      if (error instanceof TranslateError && error.reason === 'notFound' && error.status === 404) return;
      throw error;
    }
  }

  /** Every Hive request: the configured endpoint, the JSON content type and the signature. */
  private send<T>(route: string, method: 'GET' | 'POST', path: string, call: HiveCall) {
    const { serviceKey, secretKey } = this.credentials;
    const body = call.body;
    return this.context.http.request<HiveEnvelope<T>>({
      service: 'hive',
      route,
      method,
      url: `${this.context.endpoints.hive}${path}`,
      headers: () => ({ 'Content-Type': 'application/json', Signature: hiveSignature(serviceKey, secretKey) }),
      ...(body === undefined ? {} : { body: () => body }),
      idempotent: call.idempotent,
      responseType: 'json',
      signal: call.signal,
      ...(call.chars === undefined ? {} : { chars: call.chars }),
    });
  }

  /** `/api/translate/{sync|async}`, with the project id when one is configured. */
  private translatePath(kind: 'sync' | 'async'): string {
    const project = this.context.hiveProjectId ? `/${encodeURIComponent(this.context.hiveProjectId)}` : '';
    return `/api/translate/${kind}${project}`;
  }

  private body(text: string, request: TranslateRequest): string {
    return JSON.stringify({
      info: { service_key: this.credentials.serviceKey },
      text,
      from: request.from === 'auto' ? 'auto' : toHiveCode(request.from),
      to: request.to.map(toHiveCode).join(','),
    });
  }

  private async translateSync(text: string, request: TranslateRequest) {
    const response = await this.send<SyncContent>('hive.sync', 'POST', this.translatePath('sync'), {
      body: this.body(text, request),
      idempotent: true,
      signal: request.signal,
      chars: text.length,
    });
    const message = response.data.content?.data?.translateMsg?.[0];
    return { ...readTranslations(message, request.to), requests: response.attempts };
  }

  private async translateAsync(text: string, request: TranslateRequest) {
    request.onJobState?.('submitting');
    const submitted = await this.send<SubmitContent>('hive.async.submit', 'POST', this.translatePath('async'), {
      body: this.body(text, request),
      idempotent: false,
      signal: request.signal,
      chars: text.length,
    });
    const uuid = submitted.data.content?.uuid;
    if (!uuid || !/^[\w-]+$/.test(uuid)) {
      throw new TranslateError('server', message('Hive accepted the document but returned no job id; try again.'), { service: 'hive' });
    }
    const job = await this.waitForJob(uuid, request);
    const translated = readTranslations(job.message, request.to);
    const crlf = text.includes('\r\n');
    return {
      ...translated,
      translations: translated.translations.map((t) => ({ ...t, text: crlf ? t.text : t.text.replace(/\r\n/g, '\n') })),
      detectedLanguage: request.from === 'auto' ? undefined : request.from,
      requests: submitted.attempts + job.requests,
    };
  }

  /**
   * Polls a job until it completes, with a growing delay and a deadline. It polls the configured
   * endpoint with the uuid, never the host `resultUrl` names, so the signature is sent nowhere else.
   */
  private async waitForJob(uuid: string, request: TranslateRequest): Promise<{ message: TranslateMsg | undefined; requests: number }> {
    const { clock, logger } = this.context;
    const deadline = clock.now() + this.poll.deadlineMs;
    let delay = this.poll.initialDelayMs;
    let lastState: JobState | undefined;
    let requests = 0;
    for (;;) {
      try {
        await clock.sleep(delay, request.signal);
      } catch {
        throw cancelledError();
      }
      const polled = await this.send<ResultContent>('hive.async.result', 'GET', resultPath(uuid), { idempotent: true, signal: request.signal });
      requests += polled.attempts;
      const content = polled.data.content;
      const state = JOB_STATES[content?.status?.code ?? -1];
      if (state !== lastState && state) {
        logger.debug(`hive job ${uuid}: ${state}`);
        request.onJobState?.(state);
        lastState = state;
      }
      if (state === 'completed') return { message: content?.data?.translateMsg?.[0], requests };
      if (state === 'failed') {
        throw new TranslateError('server', message('Hive could not translate the document (the job failed); try again later.'), {
          service: 'hive',
          detail: `job ${uuid} failed`,
        });
      }
      if (clock.now() + delay > deadline) {
        throw new TranslateError(
          'timeout',
          message('Hive did not finish the translation within {0} minutes; try again later.', Math.round(this.poll.deadlineMs / 60_000)),
          { service: 'hive', detail: `job ${uuid} still ${state ?? 'unknown'}` },
        );
      }
      delay = Math.min(this.poll.maxDelayMs, Math.round(delay * 1.5));
    }
  }
}

function resultPath(uuid: string): string {
  return `/api/translate/async/result/${encodeURIComponent(uuid)}`;
}

function readTranslations(
  translated: TranslateMsg | undefined,
  targets: readonly LanguageCode[],
): { translations: Translation[]; detectedLanguage?: LanguageCode } {
  const byCode = new Map<LanguageCode, string>();
  for (const translation of translated?.translations ?? []) {
    const code = translation.to ? fromServiceCode(translation.to) : undefined;
    if (code && typeof translation.text === 'string') byCode.set(code, translation.text);
  }
  const missing = targets.filter((to) => !byCode.has(to));
  if (missing.length > 0) {
    throw new TranslateError('server', message('Hive returned no translation for {0}; try again.', missing.join(', ')), { service: 'hive' });
  }
  const detected = translated?.detectedLanguage?.language;
  return {
    translations: targets.map((to) => ({ to, text: byCode.get(to) ?? '' })),
    detectedLanguage: detected ? fromServiceCode(detected) : undefined,
  };
}
