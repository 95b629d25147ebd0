import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Fault, FaultInjector } from './faults';
import {
  flattenHeaders,
  GATEWAY_ERRORS,
  gatewayStatus,
  jsonResponse,
  readBody,
  styledError,
  type EmuRequest,
  type EmuResponse,
  type ErrorStyle,
  type Route,
} from './http';
import type { EmulatorConfig } from './options';
import type { Counters, RequestLogEntry } from './state';

/** What the dispatcher needs from the server. */
export interface DispatchContext {
  config: EmulatorConfig;
  routes: Route[];
  counters: Counters;
  log: RequestLogEntry[];
  faults: FaultInjector;
  /** Resolves after `ms`, or at once when the emulator closes. */
  sleep(ms: number): Promise<void>;
  isClosing(): boolean;
  /** The emulator's own `host:port`, used when a request has no Host header. */
  hostPort(): string;
}

const UNKNOWN_ROUTE: Route = {
  name: 'unknown',
  method: '*',
  pattern: /^/,
  style: 'glossary',
  handle: (req) => gatewayStatus(404, `No route for ${req.method} ${req.path}`),
};

function matchRoute(routes: Route[], method: string, path: string): { route: Route; params: string[] } {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (m) return { route, params: m.slice(1) };
  }
  return { route: UNKNOWN_ROUTE, params: [] };
}

function faultResponse(fault: Fault, style: ErrorStyle): EmuResponse {
  const status = fault.status!;
  const base = fault.body === undefined ? styledError(style, status) : customBody(status, fault.body);
  if (fault.retryAfter !== undefined) base.headers['retry-after'] = fault.retryAfter;
  return base;
}

/** A gateway error that echoes the request's headers (credentials included), as some gateways do. */
function echoHeaders(fault: Fault, headers: Record<string, string>): EmuResponse {
  const status = fault.status!;
  const known = GATEWAY_ERRORS[status] ?? { errorCode: '500', message: 'Endpoint Error' };
  const response = jsonResponse(status, { error: { errorCode: known.errorCode, message: known.message, request: { headers } } });
  if (fault.retryAfter !== undefined) response.headers['retry-after'] = fault.retryAfter;
  return response;
}

/** How a successful answer of each service starts, for `endlessBody`. */
const ENDLESS_START: Record<ErrorStyle, string> = {
  papago: '{"message":{"@type":"response","@service":"naverservice.nmt.proxy","@version":"1.0.0","result":',
  smt: '{"message":{"@type":"response","@service":"naverservice.labs.api","@version":"1.0.0","result":',
  hive: '{"result":{"code":200,"msg":"Success"},"content":',
  glossary: '{"data":',
};

const DRIP_MS = 100;

/** Answers 200 and the start of a JSON body, then a space every ~100 ms until the client or the emulator ends it. */
async function endlessBody(ctx: DispatchContext, res: ServerResponse, style: ErrorStyle): Promise<void> {
  let open = true;
  res.on('close', () => (open = false));
  res.on('error', () => (open = false));
  res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
  res.write(ENDLESS_START[style]);
  while (open && !ctx.isClosing()) {
    await ctx.sleep(DRIP_MS);
    if (!open || ctx.isClosing() || res.destroyed) break;
    res.write(' ');
  }
}

function customBody(status: number, body: unknown): EmuResponse {
  if (typeof body === 'string') {
    const looksJson = /^\s*[[{]/.test(body);
    return { status, headers: { 'content-type': looksJson ? 'application/json; charset=UTF-8' : 'text/plain; charset=UTF-8' }, body };
  }
  return { status, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(body) };
}

/** A 200 answer whose JSON is cut in half, so that it never parses. */
function truncated(response: EmuResponse): EmuResponse {
  const full = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body, 'utf8');
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: full.subarray(0, Math.max(1, Math.floor(full.length / 2))),
  };
}

function send(res: ServerResponse, response: EmuResponse): void {
  const body = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
  res.end(body);
}

function resetSocket(socket: Socket): void {
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

const unchanged = (text: string): string => text;

async function runHandler(route: Route, req: EmuRequest, params: string[]): Promise<EmuResponse> {
  try {
    return await route.handle(req, params);
  } catch {
    return styledError(route.style, 500);
  }
}

/** Handles one request: log, count, apply faults, run the route, answer. */
export async function dispatch(ctx: DispatchContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const method = req.method ?? 'GET';
  const rawUrl = req.url ?? '/';
  const queryAt = rawUrl.indexOf('?');
  const path = queryAt >= 0 ? rawUrl.slice(0, queryAt) : rawUrl;
  const { route, params } = matchRoute(ctx.routes, method, path);
  ctx.counters.count(route.name);
  const entry: RequestLogEntry = { route: route.name, method, path: rawUrl, status: 0, headers: flattenHeaders(req.headers), body: '' };
  ctx.log.push(entry);

  const finish = (status: number, fault?: Fault) => {
    entry.status = status;
    ctx.config.onRequest?.({ route: route.name, method, path: rawUrl, status, ms: Math.round(performance.now() - started), fault: fault?.kind });
  };

  let read;
  try {
    read = await readBody(req, ctx.config.limits.maxBodyBytes);
  } catch {
    finish(0);
    return;
  }
  entry.body = read.body.toString('utf8');

  const plan = ctx.faults.take(route.name);
  if (plan.latencyMs > 0) await ctx.sleep(plan.latencyMs);
  if (ctx.isClosing()) {
    req.socket.destroy();
    finish(0);
    return;
  }
  const fault = plan.terminal;
  if (fault?.kind === 'reset') {
    resetSocket(req.socket);
    finish(0, fault);
    return;
  }
  if (fault?.kind === 'hang') {
    finish(0, fault); // never answered: the socket stays open until the client or close() ends it
    return;
  }
  if (fault?.kind === 'endlessBody') {
    finish(200, fault); // logged when the headers go out: the body never ends
    await endlessBody(ctx, res, route.style);
    return;
  }

  let response: EmuResponse;
  if (fault?.kind === 'status') {
    response = faultResponse(fault, route.style);
  } else if (fault?.kind === 'echoHeaders') {
    response = echoHeaders(fault, entry.headers);
  } else if (read.tooLarge) {
    response = styledError(route.style, 413);
  } else {
    const request: EmuRequest = {
      method,
      rawUrl,
      path,
      query: new URLSearchParams(queryAt >= 0 ? rawUrl.slice(queryAt + 1) : ''),
      headers: req.headers,
      body: read.body,
      host: req.headers.host ?? ctx.hostPort(),
      jobFail: plan.jobFail,
      textFaults: () => ctx.faults.takeText(route.name) ?? unchanged,
    };
    response = await runHandler(route, request, params);
    if (fault?.kind === 'malformedJson') response = truncated(response);
  }
  if (ctx.isClosing() || res.destroyed) {
    finish(0, fault);
    return;
  }
  send(res, response);
  finish(response.status, fault);
}
