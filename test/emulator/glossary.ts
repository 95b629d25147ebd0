import { CsvError } from './csv';
import { glossaryZip, parseGlossaryFile } from './glossaryFile';
import { GlossaryStore } from './glossaryStore';
import { charCount, gatewayError, gatewayStatus, header, isPlainObject, jsonResponse, safeDecode, type EmuRequest, type EmuResponse, type Route } from './http';
import { INFERRED } from './inferred';
import { checkNcpAuth } from './ncpAuth';
import type { EmulatorConfig } from './options';

export interface GlossaryDeps {
  config: EmulatorConfig;
  glossaries: GlossaryStore;
}

function invalid(message: string): EmuResponse {
  return gatewayError(400, INFERRED.glossaryValidationCode, message);
}

function notFound(key: string): EmuResponse {
  return gatewayStatus(404, `Glossary ${key} does not exist.`);
}

function create(deps: GlossaryDeps, req: EmuRequest): EmuResponse {
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString('utf8'));
  } catch {
    return invalid('The request body must be a JSON object.');
  }
  if (!isPlainObject(body)) return invalid('The request body must be a JSON object.');
  const { glossaryName, description } = body;
  if (typeof glossaryName !== 'string' || glossaryName.trim() === '') return invalid('glossaryName is required.');
  if (charCount(glossaryName) > 20) return invalid('glossaryName must be at most 20 characters.');
  if (description !== undefined && description !== null) {
    if (typeof description !== 'string') return invalid('description must be a string.');
    if (charCount(description) > 50) return invalid('description must be at most 50 characters.');
  }
  const record = deps.glossaries.create(glossaryName, description);
  return jsonResponse(200, { data: { glossaryKey: record.glossaryKey } });
}

async function upload(deps: GlossaryDeps, req: EmuRequest, key: string): Promise<EmuResponse> {
  if (!deps.glossaries.get(key)) return notFound(key);
  const type = header(req, 'content-type') ?? '';
  if (!/^multipart\/form-data\s*;.*boundary=/i.test(type)) return invalid('The body must be multipart/form-data with a file field.');
  let form: FormData;
  try {
    form = await new Request('http://emulator.invalid/', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(req.body) }).formData();
  } catch {
    return invalid('The multipart body could not be parsed.');
  }
  const file = form.get('file');
  if (file === null || typeof file === 'string') return invalid('The file field (a CSV file) is required.');
  let terms;
  try {
    terms = parseGlossaryFile(new Uint8Array(await file.arrayBuffer()));
  } catch (error) {
    if (error instanceof CsvError) return invalid(`Invalid glossary file: ${error.message}`);
    throw error;
  }
  const record = deps.glossaries.setTerms(key, terms)!;
  return jsonResponse(200, { data: GlossaryStore.summary(record) });
}

function download(deps: GlossaryDeps, key: string): EmuResponse {
  const record = deps.glossaries.get(key);
  if (!record) return notFound(key);
  return {
    status: 200,
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(record.glossaryName)}.zip`,
    },
    body: Buffer.from(glossaryZip(record)),
  };
}

function positiveInt(value: string | null): number | undefined {
  return value !== null && /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : undefined;
}

function list(deps: GlossaryDeps, req: EmuRequest): EmuResponse {
  const currentPage = positiveInt(req.query.get('currentPage'));
  const pageSize = positiveInt(req.query.get('pageSize'));
  if (currentPage === undefined) return invalid('currentPage is required and must be a positive integer.');
  if (pageSize === undefined || pageSize > 30) return invalid('pageSize is required and must be between 1 and 30.');
  const all = deps.glossaries.list();
  const data = all.slice((currentPage - 1) * pageSize, currentPage * pageSize).map((record) => {
    const { glossaryKey, glossaryName, wordCount, description, createdDateTime, updatedDateTime } = GlossaryStore.summary(record);
    return { glossaryKey, glossaryName, wordCount, description, createdDateTime, updatedDateTime };
  });
  return jsonResponse(200, {
    data,
    currentPage: deps.config.listPageAsString ? String(currentPage) : currentPage,
    totalPage: Math.ceil(all.length / pageSize),
    currentGlossaryCount: data.length,
    totalGlossaryCount: all.length,
  });
}

function remove(deps: GlossaryDeps, key: string): EmuResponse {
  if (!deps.glossaries.delete(key)) return notFound(key);
  return jsonResponse(200, { data: { glossaryKey: key } });
}

/** Every glossary route checks the IAM signature before anything else. */
function signed(deps: GlossaryDeps, route: Omit<Route, 'style'>): Route {
  return {
    ...route,
    style: 'glossary',
    handle: (req, params) => checkNcpAuth(req, deps.config) ?? route.handle(req, params),
  };
}

export function glossaryRoutes(deps: GlossaryDeps): Route[] {
  return [
    signed(deps, { name: 'glossary.create', method: 'POST', pattern: /^\/glossary\/v1\/create\/?$/, handle: (req) => create(deps, req) }),
    signed(deps, {
      name: 'glossary.upload',
      method: 'POST',
      pattern: /^\/glossary\/v1\/([^/]+)\/upload\/?$/,
      handle: (req, [key]) => upload(deps, req, safeDecode(key)),
    }),
    signed(deps, {
      name: 'glossary.download',
      method: 'POST',
      pattern: /^\/glossary\/v1\/([^/]+)\/download\/?$/,
      handle: (_req, [key]) => download(deps, safeDecode(key)),
    }),
    signed(deps, { name: 'glossary.list', method: 'GET', pattern: /^\/glossary\/v1\/?$/, handle: (req) => list(deps, req) }),
    signed(deps, {
      name: 'glossary.delete',
      method: 'DELETE',
      pattern: /^\/glossary\/v1\/([^/]+)\/?$/,
      handle: (_req, [key]) => remove(deps, safeDecode(key)),
    }),
  ];
}
