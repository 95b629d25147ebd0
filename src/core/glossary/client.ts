import { TranslateError } from '../errors';
import { message } from '../messages';
import type { HttpResponse } from '../http/client';
import type { NcpIamCredentials, ProviderContext } from '../providers/context';
import type { ServiceProbe } from '../providers/types';
import { ncpIamHeaders } from '../signing';
import { findControlChar, validateGlossaryCsv } from './csv';
import { csvFromZip } from './zip';

/** A Papago glossary as listed by the NCP glossary API. Dates are milliseconds since the epoch. */
export interface Glossary {
  key: string;
  name: string;
  description?: string;
  wordCount: number;
  created?: number;
  updated?: number;
}

export interface GlossaryPage {
  glossaries: Glossary[];
  /** The 1-based page returned. */
  page: number;
  totalPages: number;
  /** Glossaries in all pages. */
  total: number;
}

export interface GlossaryRequestOptions {
  signal?: AbortSignal;
}

export interface GlossaryListOptions extends GlossaryRequestOptions {
  /** 1-based; defaults to 1. */
  page?: number;
  /** 1 to 30; defaults to 30. */
  pageSize?: number;
}

export interface GlossaryDownload {
  /** The CSV file's name inside the downloaded ZIP. */
  name: string;
  csv: string;
  /** The ZIP as the service sent it. */
  archive: Uint8Array;
}

export const GLOSSARY_MAX_PAGE_SIZE = 30;
export const GLOSSARY_MAX_NAME_CHARS = 20;
export const GLOSSARY_MAX_DESCRIPTION_CHARS = 50;
/** listAll stops after this many pages whatever the service says (30,000 glossaries). */
const MAX_LIST_PAGES = 1000;
const KEY_PATTERN = /^[\w-]+$/;
const MAX_KEY_CHARS = 128;

/** What the glossary API sends for one glossary. */
interface WireGlossary {
  glossaryKey?: unknown;
  glossaryName?: unknown;
  description?: unknown;
  wordCount?: unknown;
  createdDateTime?: unknown;
  updatedDateTime?: unknown;
}

interface WireList {
  data?: unknown;
  currentPage?: unknown;
  totalPage?: unknown;
  currentGlossaryCount?: unknown;
  totalGlossaryCount?: unknown;
}

/**
 * The NCP Papago glossary API (`{papago endpoint}/glossary/v1`), signed with the NCP IAM access
 * key and secret. Every attempt is signed afresh, so a retried request never carries a stale
 * timestamp. Creating and uploading are not idempotent: they are retried only when the service
 * provably did not accept them (429, refused connection).
 */
export class GlossaryClient implements ServiceProbe {
  private readonly credentials: NcpIamCredentials;

  constructor(private readonly context: ProviderContext) {
    const credentials = context.credentials.ncpIam;
    if (!credentials?.accessKey || !credentials.secretKey) {
      throw new TranslateError(
        'config',
        message('NCP access key and secret key are not set; set them first (glossaries need an NCP IAM access key, not the Papago client id).'),
        { service: 'ncpIam' },
      );
    }
    this.credentials = credentials;
  }

  /** One page of glossaries (`GET /?currentPage=N&pageSize=M`). */
  async list(options: GlossaryListOptions = {}): Promise<GlossaryPage> {
    const page = options.page ?? 1;
    const pageSize = options.pageSize ?? GLOSSARY_MAX_PAGE_SIZE;
    if (!Number.isInteger(page) || page < 1) throw new TranslateError('input', message('The glossary page number must be a whole number of at least 1.'));
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > GLOSSARY_MAX_PAGE_SIZE) {
      throw new TranslateError('input', message('The glossary page size must be a whole number from 1 to {0}.', GLOSSARY_MAX_PAGE_SIZE));
    }
    const response = await this.call<WireList>('glossary.list', 'GET', `/?currentPage=${page}&pageSize=${pageSize}`, {
      idempotent: true,
      signal: options.signal,
    });
    const body = asRecord(response.data) as WireList;
    if (!Array.isArray(body.data)) throw unreadable('list');
    const glossaries = body.data.map((item) => toGlossary(item, 'list'));
    const currentPage = toInteger(body.currentPage) ?? page;
    const totalPages = toInteger(body.totalPage) ?? currentPage;
    const total = toInteger(body.totalGlossaryCount) ?? glossaries.length;
    return { glossaries, page: currentPage, totalPages, total };
  }

  /** Lists a one-glossary page: the cheapest signed call, to check the IAM keys. */
  async probe(signal?: AbortSignal): Promise<void> {
    await this.call<unknown>('glossary.probe', 'GET', '/?currentPage=1&pageSize=1', { idempotent: true, signal });
  }

  /** Every glossary, page by page (30 a page). A glossary that moves between pages while listing is kept once. */
  async listAll(options: GlossaryRequestOptions = {}): Promise<Glossary[]> {
    const byKey = new Map<string, Glossary>();
    for (let page = 1; page <= MAX_LIST_PAGES; page++) {
      const result = await this.list({ page, pageSize: GLOSSARY_MAX_PAGE_SIZE, signal: options.signal });
      for (const glossary of result.glossaries) if (!byKey.has(glossary.key)) byKey.set(glossary.key, glossary);
      if (result.glossaries.length === 0 || page >= result.totalPages) break;
    }
    return [...byKey.values()];
  }

  /** Creates an empty glossary and returns its key. Not idempotent. */
  async create(name: string, description?: string, options: GlossaryRequestOptions = {}): Promise<string> {
    const glossaryName = name.trim();
    if (glossaryName.length < 1 || glossaryName.length > GLOSSARY_MAX_NAME_CHARS) {
      throw new TranslateError('input', message('A glossary name must be 1 to {0} characters long (it is {1}).', GLOSSARY_MAX_NAME_CHARS, glossaryName.length));
    }
    if (findControlChar(glossaryName, false) !== undefined) throw new TranslateError('input', message('A glossary name cannot hold line breaks or control characters.'));
    const body: { glossaryName: string; description?: string } = { glossaryName };
    const trimmedDescription = description?.trim();
    if (trimmedDescription) {
      if (trimmedDescription.length > GLOSSARY_MAX_DESCRIPTION_CHARS) {
        throw new TranslateError(
          'input',
          message('A glossary description can be at most {0} characters long (it is {1}).', GLOSSARY_MAX_DESCRIPTION_CHARS, trimmedDescription.length),
        );
      }
      body.description = trimmedDescription;
    }
    const json = JSON.stringify(body);
    const response = await this.call<unknown>('glossary.create', 'POST', '/create', {
      idempotent: false,
      signal: options.signal,
      contentType: 'application/json',
      body: () => json,
    });
    const key = asRecord(asRecord(response.data).data).glossaryKey;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) throw unreadable('create');
    return key;
  }

  /**
   * Replaces the glossary's terms with a CSV file. The file is checked first (see
   * `validateGlossaryCsv`): when it has problems nothing is sent. What is sent is the canonical
   * CSV of the checked rows. Not idempotent.
   */
  async upload(key: string, csvBytes: Uint8Array, fileName: string, options: GlossaryRequestOptions = {}): Promise<Glossary> {
    const path = `/${encodeKey(key)}/upload`;
    const { csvText } = validateGlossaryCsv(csvBytes, fileName);
    const uploadName = uploadFileName(fileName);
    const response = await this.call<unknown>('glossary.upload', 'POST', path, {
      idempotent: false,
      signal: options.signal,
      // The platform sets the multipart Content-Type with its boundary.
      body: () => {
        const form = new FormData();
        form.append('file', new Blob([csvText], { type: 'text/csv' }), uploadName);
        return form;
      },
      chars: csvText.length,
    });
    const glossary = toGlossary(asRecord(response.data).data, 'upload');
    return glossary;
  }

  /** Downloads the glossary's terms: the service sends a ZIP holding one CSV. */
  async download(key: string, options: GlossaryRequestOptions = {}): Promise<GlossaryDownload> {
    const response = await this.call<Uint8Array>('glossary.download', 'POST', `/${encodeKey(key)}/download`, {
      idempotent: true,
      signal: options.signal,
      responseType: 'bytes',
    });
    const { name, text } = csvFromZip(response.data);
    return { name, csv: text, archive: response.data };
  }

  /** Deletes a glossary. */
  async delete(key: string, options: GlossaryRequestOptions = {}): Promise<void> {
    await this.call<unknown>('glossary.delete', 'DELETE', `/${encodeKey(key)}`, { idempotent: true, signal: options.signal });
  }

  /**
   * One signed request. `suffix` is the part after `/glossary/v1` with its query; the signed
   * pathAndQuery is exactly the path and query sent.
   */
  private call<T>(
    route: string,
    method: 'GET' | 'POST' | 'DELETE',
    suffix: string,
    options: {
      idempotent: boolean;
      signal: AbortSignal | undefined;
      contentType?: string;
      body?: () => BodyInit;
      responseType?: 'json' | 'bytes';
      chars?: number;
    },
  ): Promise<HttpResponse<T>> {
    const { origin, pathAndQuery } = this.target(suffix);
    const { accessKey, secretKey } = this.credentials;
    return this.context.http.request<T>({
      service: 'ncpIam',
      route,
      method,
      url: origin + pathAndQuery,
      headers: () => ({
        ...(options.contentType ? { 'Content-Type': options.contentType } : {}),
        ...(options.responseType === 'bytes' ? {} : { Accept: 'application/json' }),
        ...ncpIamHeaders(method, pathAndQuery, this.context.clock.now(), accessKey, secretKey),
      }),
      ...(options.body ? { body: options.body } : {}),
      idempotent: options.idempotent,
      responseType: options.responseType ?? 'json',
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.chars !== undefined ? { chars: options.chars } : {}),
    });
  }

  private target(suffix: string): { origin: string; pathAndQuery: string } {
    let base: URL;
    try {
      base = new URL(this.context.endpoints.papago);
    } catch {
      throw new TranslateError('config', message('The Papago endpoint is not a valid URL.'));
    }
    const prefix = base.pathname.replace(/\/+$/, '');
    return { origin: base.origin, pathAndQuery: `${prefix}/glossary/v1${suffix}` };
  }
}

/** Checks a glossary key before it goes into a path. */
export function encodeKey(key: string): string {
  if (typeof key !== 'string' || key.length > MAX_KEY_CHARS || !KEY_PATTERN.test(key)) {
    throw new TranslateError('input', message("That is not a glossary key: keys hold only letters, digits, '-' and '_'."));
  }
  return encodeURIComponent(key);
}

function uploadFileName(fileName: string): string {
  const base = [...(fileName.split(/[\\/]/).pop() ?? '')].filter((char) => char !== '"' && findControlChar(char, false) === undefined).join('').trim();
  if (base === '') return 'glossary.csv';
  return /\.csv$/i.test(base) ? base : `${base}.csv`;
}

function unreadable(operation: string): TranslateError {
  return new TranslateError('server', message('The glossary service sent an answer that could not be read; try again in a moment.'), {
    service: 'ncpIam',
    detail: `unexpected ${operation} answer`,
  });
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  return undefined;
}

/** Milliseconds since the epoch; digit strings and ISO dates are accepted too. */
function toTimestamp(value: unknown): number | undefined {
  const integer = toInteger(value);
  if (integer !== undefined) return integer;
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

function toGlossary(value: unknown, operation: string): Glossary {
  const wire = asRecord(value) as WireGlossary;
  if (typeof wire.glossaryKey !== 'string' || wire.glossaryKey === '') throw unreadable(operation);
  const glossary: Glossary = {
    key: wire.glossaryKey,
    name: typeof wire.glossaryName === 'string' ? wire.glossaryName : '',
    wordCount: toInteger(wire.wordCount) ?? 0,
  };
  if (typeof wire.description === 'string' && wire.description !== '') glossary.description = wire.description;
  const created = toTimestamp(wire.createdDateTime);
  if (created !== undefined) glossary.created = created;
  const updated = toTimestamp(wire.updatedDateTime);
  if (updated !== undefined) glossary.updated = updated;
  return glossary;
}
