import { createHmac } from 'node:crypto';
import { fakeTranslate } from './fakeTranslate';
import type { HiveJob, JobStore } from './hiveJobs';
import { JOB_STATUS } from './hiveJobs';
import { charCount, header, safeDecode, hiveError, isPlainObject, jsonResponse, type EmuRequest, type EmuResponse, type Route } from './http';
import { INFERRED } from './inferred';
import { detectScript, HIVE_LANGUAGES } from './languages';
import type { EmulatorConfig, HiveKey } from './options';
import type { Counters } from './state';

/** Hive ATS `Signature`: base64(HMAC-SHA256(key = secretKey, message = serviceKey)). */
export function hiveSignature(serviceKey: string, secretKey: string): string {
  return createHmac('sha256', secretKey).update(serviceKey, 'utf8').digest('base64');
}

const SUCCESS = { code: 200, msg: 'Success' };
const META_DATA_MAX_BYTES = 1024;

function missing(field: string): EmuResponse {
  return hiveError(400, `${field} is Missing or Incorrect request`);
}

interface HiveTask {
  key: HiveKey;
  text: string;
  from: string;
  to: string[];
}

/** Parses and checks a sync or async request body: auth first, then the fields. */
function parseTask(req: EmuRequest, config: EmulatorConfig, allowAuto: boolean): HiveTask | EmuResponse {
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString('utf8'));
  } catch {
    return missing(INFERRED.hiveBadJsonField);
  }
  if (!isPlainObject(body)) return missing(INFERRED.hiveBadJsonField);
  const info = body.info;
  if (!isPlainObject(info)) return missing('info');
  const serviceKey = [info.service_key, info.app_key].find((v): v is string => typeof v === 'string' && v !== '');
  if (serviceKey === undefined) return missing(INFERRED.hiveKeyField);
  const key = config.hive.find((k) => k.serviceKey === serviceKey);
  if (!key) return hiveError(404, 'Unregistered app key');
  if (header(req, 'signature') !== hiveSignature(key.serviceKey, key.secretKey)) return hiveError(401, 'Wrong Signature');

  const meta = info.meta_data;
  if (meta !== undefined && (typeof meta !== 'object' || meta === null || Buffer.byteLength(JSON.stringify(meta)) > META_DATA_MAX_BYTES)) {
    return missing('meta_data');
  }
  const { text, from, to } = body;
  if (typeof text !== 'string' || text === '') return missing('text');
  if (typeof from !== 'string' || !(HIVE_LANGUAGES.includes(from) || (allowAuto && from === 'auto'))) return missing('from');
  if (typeof to !== 'string') return missing('to');
  const targets = to.split(',').map((code) => code.trim());
  if (targets.some((code) => !HIVE_LANGUAGES.includes(code))) return missing('to');
  if (charCount(text) > config.limits.hiveChars) return missing('text');
  return { key, text, from, to: targets };
}

const DETECTED: Record<string, string> = { ko: 'ko', ja: 'ja', zh: 'zh-hans', en: 'en' };

export interface HiveDeps {
  config: EmulatorConfig;
  counters: Counters;
  jobs: JobStore;
}

function sync(deps: HiveDeps, req: EmuRequest): EmuResponse {
  const task = parseTask(req, deps.config, true);
  if ('status' in task) return task;
  const auto = task.from === 'auto';
  const source = auto ? DETECTED[detectScript(task.text)] : task.from;
  deps.counters.addChars('hive.sync', charCount(task.text));
  const damage = req.textFaults();
  const translations = task.to.map((to) => ({ text: damage(fakeTranslate(task.text, source, to, 'html')), to }));
  return jsonResponse(200, {
    result: SUCCESS,
    content: {
      data: {
        translateMsg: [{ detectedLanguage: { language: source, score: auto ? INFERRED.hiveAutoScore : -1.0 }, translations }],
      },
    },
  });
}

function resultUrl(deps: HiveDeps, req: EmuRequest, uuid: string): string {
  const host = deps.config.resultUrlHost;
  const origin = host === undefined ? `http://${req.host}` : host.includes('://') ? host.replace(/\/+$/, '') : `http://${host}`;
  return `${origin}/api/translate/async/result/${uuid}`;
}

function submit(deps: HiveDeps, req: EmuRequest, projectId: string | undefined): EmuResponse {
  const task = parseTask(req, deps.config, false);
  if ('status' in task) return task;
  deps.counters.addChars('hive.async.submit', charCount(task.text));
  const job = deps.jobs.create({
    serviceKey: task.key.serviceKey,
    projectId,
    from: task.from,
    to: task.to,
    text: task.text,
    createdAt: deps.config.now(),
    failOnCompletion: req.jobFail,
  });
  return jsonResponse(200, { result: SUCCESS, content: { uuid: job.uuid, resultUrl: resultUrl(deps, req, job.uuid) } });
}

function toCrlf(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

function result(deps: HiveDeps, req: EmuRequest, uuid: string): EmuResponse {
  const signature = header(req, 'signature');
  const key = deps.config.hive.find((k) => hiveSignature(k.serviceKey, k.secretKey) === signature);
  if (!key) return hiveError(401, 'Wrong Signature');
  const job = deps.jobs.get(uuid);
  if (!job || job.serviceKey !== key.serviceKey) return hiveError(404, 'Unregistered job uuid');
  if (req.jobFail) deps.jobs.fail(uuid);
  // Called only by the poll that completes the job: text faults are used up by that answer.
  const translate = (j: HiveJob) => {
    const damage = req.textFaults();
    return j.to.map((to) => {
      const text = damage(fakeTranslate(j.text, j.from, to, 'markdown'));
      return { text: deps.config.crlf ? toCrlf(text) : text, to };
    });
  };
  const state = deps.jobs.poll(job, deps.config.asyncSteps, translate);
  const content: Record<string, unknown> = { status: JOB_STATUS[state] };
  if (state === 'completed') content.data = { translateMsg: [{ translations: job.translations }] };
  return jsonResponse(200, { result: SUCCESS, content });
}

export function hiveRoutes(deps: HiveDeps): Route[] {
  return [
    {
      name: 'hive.sync',
      method: 'POST',
      pattern: /^\/api\/translate\/sync(?:\/([^/]+))?\/?$/,
      style: 'hive',
      handle: (req) => sync(deps, req),
    },
    {
      name: 'hive.async.result',
      method: 'GET',
      pattern: /^\/api\/translate\/async\/result\/([^/]+)\/?$/,
      style: 'hive',
      handle: (req, [uuid]) => result(deps, req, safeDecode(uuid)),
    },
    {
      name: 'hive.async.submit',
      method: 'POST',
      pattern: /^\/api\/translate\/async(?:\/([^/]+))?\/?$/,
      style: 'hive',
      handle: (req, [projectId]) => submit(deps, req, projectId === undefined ? undefined : safeDecode(projectId)),
    },
  ];
}
