import { STATUS_CODES, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

/** A request as the route handlers see it: the body is already read. */
export interface EmuRequest {
  method: string;
  /** The request-target exactly as received: path and query string. */
  rawUrl: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The Host header, or the emulator's own address when there is none. */
  host: string;
  /** True when a `jobFail` fault matched this request. */
  jobFail: boolean;
  /**
   * Uses up the text faults (`damageMarkup`, `quoteCjk`, `adversarial`) matching this answer and
   * returns what they do to each of its translated texts (the identity when none match). Call it
   * once per successful answer that carries translated text, never for errors.
   */
  textFaults(): (text: string) => string;
}

export interface EmuResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** How a service shapes its errors, used for faults, 413 and crashes. */
export type ErrorStyle = 'hive' | 'papago' | 'glossary' | 'smt';

export interface Route {
  /** Counter and fault name, e.g. `papago.translate`. */
  name: string;
  method: string;
  pattern: RegExp;
  style: ErrorStyle;
  handle(req: EmuRequest, params: string[]): EmuResponse | Promise<EmuResponse>;
}

export function jsonResponse(status: number, payload: unknown, headers: Record<string, string> = {}): EmuResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
    body: JSON.stringify(payload),
  };
}

/** The first value of a request header. */
export function header(req: EmuRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Characters as the services count them: Unicode code points. */
export function charCount(text: string): number {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length;
}

/** decodeURIComponent that keeps malformed input as is. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- error bodies -------------------------------------------------------------------------

export function hiveError(code: number, msg: string): EmuResponse {
  return jsonResponse(code, { result: { code, msg } });
}

/** NCP API Gateway error codes by HTTP status. */
export const GATEWAY_ERRORS: Record<number, { errorCode: string; message: string }> = {
  400: { errorCode: '100', message: 'Bad Request Exception' },
  401: { errorCode: '200', message: 'Authentication Failed' },
  403: { errorCode: '210', message: 'Permission Denied' },
  404: { errorCode: '300', message: 'Not Found' },
  413: { errorCode: '430', message: 'Request Entity Too Large' },
  429: { errorCode: '420', message: 'Rate Limited' },
  500: { errorCode: '900', message: 'Unexpected Error' },
  503: { errorCode: '500', message: 'Endpoint Error' },
  504: { errorCode: '510', message: 'Endpoint Timeout' },
};

export function gatewayError(status: number, errorCode: string, message: string, details?: string): EmuResponse {
  const error: Record<string, string> = { errorCode, message };
  if (details !== undefined) error.details = details;
  return jsonResponse(status, { error });
}

/** A gateway error with the canonical code and message for `status`. */
export function gatewayStatus(status: number, details?: string): EmuResponse {
  const known = GATEWAY_ERRORS[status] ?? { errorCode: String(status), message: STATUS_CODES[status] ?? 'Error' };
  return gatewayError(status, known.errorCode, known.message, details);
}

export function smtError(status: number, errorCode: string, errorMessage: string): EmuResponse {
  return jsonResponse(status, { errorMessage, errorCode });
}

/** The default error body of a service for a status code (faults, 413, crashes). */
export function styledError(style: ErrorStyle, status: number): EmuResponse {
  const text = STATUS_CODES[status] ?? 'Error';
  switch (style) {
    case 'hive':
      return hiveError(status, status === 500 ? 'Internal Server Error' : text);
    case 'smt':
      if (status === 429) return smtError(429, '010', 'Query limit exceeded.');
      if (status >= 500) return smtError(status, 'TR99', 'Internal server error');
      return smtError(status, String(status), text);
    case 'papago':
      if (status === 500) return gatewayError(500, 'N2MT99', 'Internal server errors');
      return gatewayStatus(status);
    case 'glossary':
      return gatewayStatus(status);
  }
}

// ---- body reading -------------------------------------------------------------------------

export interface ReadBody {
  body: Buffer;
  /** True when the body exceeded the limit; `body` then holds only its first bytes. */
  tooLarge: boolean;
}

/** Reads the whole body, keeping at most `limit` bytes (the rest is drained and dropped). */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      if (kept + chunk.length > limit) {
        tooLarge = true;
        return;
      }
      chunks.push(chunk);
      kept += chunk.length;
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks), tooLarge }));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted'));
    });
  });
}
