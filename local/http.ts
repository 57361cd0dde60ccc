// The local HTTP endpoint: static roots, the local-only routes (/local/...), the sandbox
// providers (/sandbox/...), then the template's HTTP API as API Gateway would serve it.
import { randomUUID } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { apiGatewayClaims, type LocalIssuer, type StaffUser, type JwtAuthorizerConfig } from './auth.js';
import {
  INTERNAL_SERVER_ERROR,
  buildHttpEvent,
  corsHeaders,
  isPreflight,
  jsonResponse,
  mapFunctionResponse,
  type HttpResponse,
} from './api-gateway.js';
import { matchRoute, type HttpApi } from './api-routes.js';
import { FunctionError, FunctionTimeoutError, PlatformStoppedError } from './errors.js';
import type { Meter } from './meter.js';
import type { FunctionHost } from './functions.js';
import type { Log } from './types.js';
import { requestedOffset, type VirtualClock } from './virtual-clock.js';

/** API Gateway's payload limit. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** API Gateway's integration timeout for HTTP APIs. */
const INTEGRATION_TIMEOUT_MS = 30_000;

export interface StaticRoot {
  /** URL path prefix, e.g. `/demo`. */
  prefix: string;
  dir: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

export interface GatewayDependencies {
  apis: HttpApi[];
  functions: FunctionHost;
  issuer: LocalIssuer;
  users: Map<string, StaffUser>;
  tokenAuthorizer: JwtAuthorizerConfig;
  staticRoots: StaticRoot[];
  accountId: string;
  log: Log;
  outbox(): Promise<unknown[] | undefined>;
  index(): unknown;
  runSchedule(logicalId: string): Promise<unknown>;
  /** Resolves once the platform has nothing left to do (Platform.idle); rejects with PlatformBusyError. */
  idle(): Promise<void>;
  /** The functions' virtual clock (`GET` / `POST /local/clock`). */
  clock: VirtualClock;
  /** Answers /sandbox/... (local/sandbox-payments.ts, local/sandbox-courier.ts, local/sandbox-messages.ts) and /simulators/... (local/simulators/). */
  sandbox?(request: IncomingMessage, path: string, body: Buffer): Promise<HttpResponse>;
  /** `GET /local/messages`: the SMS and email the message sandbox captured (local/sandbox-messages.ts). */
  messages?(query: URLSearchParams): HttpResponse;
  /** Counts the county API's requests (local/meter.ts), when the platform meters. */
  meter?: Meter;
}

class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, rejectBody) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      rejectBody(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        rejectBody(new BodyTooLarge());
        request.pause();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks)));
    request.on('error', rejectBody);
  });
}

function send(request: IncomingMessage, response: ServerResponse, result: HttpResponse, extra: Record<string, string> = {}): void {
  const headers: Record<string, string | string[]> = { ...result.headers, ...extra };
  if (result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  headers['content-length'] = String(result.body.length);
  response.writeHead(result.statusCode, headers);
  response.end(request.method === 'HEAD' ? undefined : result.body);
}

function apiError(statusCode: number, code: string, message: string, fields?: Array<{ path: string; message: string }>): HttpResponse {
  return jsonResponse(statusCode, { error: { code, message, ...(fields ? { fields } : {}) } });
}

/** A path's percent-decoded form, or undefined when its escapes are not UTF-8 (`%FF`, the overlong `%C0%AF`, a cut `%E0%A4%A`). */
function decodedPath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/**
 * Serves `path` from a static root: `served`, or `malformed` when a root would have it but
 * its escapes decode to no file name at all (the caller answers 400 unless an API route
 * takes the path: the portal's root `/` lies over every API path), or `none`.
 */
function serveStatic(roots: StaticRoot[], request: IncomingMessage, response: ServerResponse, path: string): 'served' | 'malformed' | 'none' {
  if (request.method !== 'GET' && request.method !== 'HEAD') return 'none';
  let malformed = false;
  for (const root of roots) {
    const prefix = root.prefix.replace(/\/$/, '');
    if (path !== prefix && !path.startsWith(`${prefix}/`)) continue;
    const base = resolve(root.dir);
    const relative = decodedPath(path.slice(prefix.length));
    if (relative === undefined) {
      malformed = true;
      continue;
    }
    let file = resolve(join(base, relative));
    if (file !== base && !file.startsWith(base + sep)) continue;
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const stat = statSync(file);
      if (!stat.isFile()) continue;
      response.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': String(stat.size),
        'cache-control': 'no-cache',
      });
      if (request.method === 'HEAD') response.end();
      else createReadStream(file).pipe(response);
      return 'served';
    } catch {
      continue;
    }
  }
  return malformed ? 'malformed' : 'none';
}

export function createGateway(deps: GatewayDependencies): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const reported = new Set<string>();
  const reportOnce = (message: string) => {
    if (reported.has(message)) return;
    reported.add(message);
    deps.log(message);
  };
  const localCors = deps.apis[0]?.cors;

  async function local(request: IncomingMessage, path: string, body: Buffer): Promise<HttpResponse> {
    const method = request.method ?? 'GET';
    if (method === 'POST' && path === '/local/token') {
      let input: unknown;
      try {
        input = JSON.parse(body.toString('utf8') || 'null');
      } catch {
        return apiError(400, 'VALIDATION_FAILED', 'the body is not JSON');
      }
      if (typeof input !== 'object' || input === null || typeof (input as { username?: unknown }).username !== 'string') {
        return apiError(400, 'VALIDATION_FAILED', 'expected {"username": "..."}', [{ path: '/username', message: 'required string' }]);
      }
      const unknown = Object.keys(input).filter((key) => key !== 'username');
      if (unknown.length > 0) {
        return apiError(400, 'VALIDATION_FAILED', 'unknown members', unknown.map((key) => ({ path: `/${key}`, message: 'not allowed' })));
      }
      const username = (input as { username: string }).username;
      const user = deps.users.get(username);
      if (!user) {
        return apiError(400, 'UNKNOWN_USER', `no seeded user "${username}"; known: ${[...deps.users.keys()].join(', ')}`);
      }
      return jsonResponse(200, { token: await deps.issuer.sign(user, deps.tokenAuthorizer) });
    }
    if (method === 'GET' && path === '/local/outbox') {
      const events = await deps.outbox();
      return events === undefined ? apiError(404, 'NO_OUTBOX', 'the template has no outbox table') : jsonResponse(200, { events });
    }
    // What `GET /` shows, also where the portal is served at `/`: operators' scripts find the queues here (docs/operations.md).
    if (method === 'GET' && path === '/local/index') {
      return jsonResponse(200, deps.index());
    }
    if (method === 'GET' && path === '/local/users') {
      return jsonResponse(200, { users: [...deps.users.values()] });
    }
    if (method === 'GET' && (path === '/local/jwks.json' || path === '/local/.well-known/jwks.json')) {
      return jsonResponse(200, { keys: [deps.issuer.publicJwk] });
    }
    // A scripted client (npm run simulate) waits here for the events its last requests set off.
    if (method === 'POST' && path === '/local/idle') {
      try {
        await deps.idle();
        return jsonResponse(200, { idle: true });
      } catch (error) {
        return apiError(503, 'PLATFORM_BUSY', (error as Error).message);
      }
    }
    if (method === 'GET' && path === '/local/messages' && deps.messages) {
      return deps.messages(new URL(request.url ?? '/', 'http://localhost').searchParams);
    }
    if (method === 'GET' && path === '/local/clock') {
      return jsonResponse(200, deps.clock.read());
    }
    if (method === 'POST' && path === '/local/clock') {
      let input: unknown;
      try {
        input = JSON.parse(body.toString('utf8') || 'null');
      } catch {
        return apiError(400, 'VALIDATION_FAILED', 'the body is not JSON');
      }
      const asked = requestedOffset(input, deps.clock.offsetMs, Date.now());
      if ('problems' in asked) return apiError(400, 'VALIDATION_FAILED', 'the clock was not moved', asked.problems);
      deps.clock.set(asked.offsetMs);
      return jsonResponse(200, deps.clock.read());
    }
    const schedule = /^\/local\/schedules\/([^/]+)$/.exec(path);
    if (method === 'POST' && schedule) {
      try {
        return jsonResponse(200, { results: await deps.runSchedule(decodeURIComponent(schedule[1]!)) });
      } catch (error) {
        return apiError(404, 'UNKNOWN_SCHEDULE', (error as Error).message);
      }
    }
    return jsonResponse(404, { message: 'Not Found' });
  }

  async function api(request: IncomingMessage, rawPath: string, rawQueryString: string, body: Buffer): Promise<HttpResponse> {
    const match = matchRoute(deps.apis, request.method ?? 'GET', rawPath);
    if (!match) return jsonResponse(404, { message: 'Not Found' });
    const { route } = match;
    if (route.problem || !route.functionId) {
      reportOnce(`warning: ${route.problem ?? `route ${route.routeKey} has no function`}`);
      return INTERNAL_SERVER_ERROR;
    }
    let claims: Record<string, string> | undefined;
    let scopes: string[] | null = null;
    if (route.authorization.type === 'UNSUPPORTED') {
      reportOnce(`warning: route ${route.routeKey}: ${route.authorization.detail}`);
      return INTERNAL_SERVER_ERROR;
    }
    if (route.authorization.type === 'JWT') {
      const payload = await deps.issuer.verify(request.headers.authorization, route.authorization.config);
      if (!payload) return jsonResponse(401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer' });
      scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : null;
      const required = route.authorization.scopes;
      if (required.length > 0 && !(scopes ?? []).some((scope) => required.includes(scope))) return jsonResponse(403, { message: 'Forbidden' });
      claims = apiGatewayClaims(payload);
    }
    const requestId = randomUUID();
    const event = buildHttpEvent({ request, body, rawPath, rawQueryString, match, requestId, accountId: deps.accountId, claims, scopes, now: new Date() });
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        deps.functions.invoke(route.functionId, event),
        new Promise<'timeout'>((resolveTimeout) => {
          timer = setTimeout(() => resolveTimeout('timeout'), INTEGRATION_TIMEOUT_MS);
        }),
      ]);
      if (result === 'timeout') return jsonResponse(503, { message: 'Service Unavailable' });
      return mapFunctionResponse(result);
    } catch (error) {
      if (error instanceof FunctionError || error instanceof FunctionTimeoutError) {
        deps.log(`${route.routeKey} → ${route.functionId}: ${error.message}`);
        if (error instanceof FunctionError && error.trace.length > 0) deps.log(error.trace.join('\n'));
        return INTERNAL_SERVER_ERROR;
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const rawPath = url.pathname;
    const rawQueryString = url.search.replace(/^\?/, '');
    const requestId = randomUUID();
    try {
      const staticPath = serveStatic(deps.staticRoots, request, response, rawPath);
      if (staticPath === 'served') return;
      const isLocal = rawPath === '/local' || rawPath.startsWith('/local/');
      const isSandbox = rawPath === '/sandbox' || rawPath.startsWith('/sandbox/') || rawPath.startsWith('/simulators/');
      if (staticPath === 'malformed' && !isLocal && !isSandbox && !matchRoute(deps.apis, request.method ?? 'GET', rawPath)) {
        send(request, response, jsonResponse(400, { message: 'Bad Request: the path is not valid percent-encoded UTF-8' }), { 'apigw-requestid': requestId });
        return;
      }
      const cors = isLocal || isSandbox ? localCors : matchRoute(deps.apis, 'OPTIONS', rawPath)?.api.cors ?? deps.apis[0]?.cors;
      if (cors && isPreflight(request)) {
        send(request, response, { statusCode: 204, headers: {}, cookies: [], body: Buffer.alloc(0) }, { ...corsHeaders(cors, request, true), 'apigw-requestid': requestId });
        return;
      }
      let body: Buffer;
      try {
        body = await readBody(request);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          response.setHeader('connection', 'close');
          send(request, response, jsonResponse(413, { message: 'Request Entity Too Large' }));
          return;
        }
        throw error;
      }
      let result: HttpResponse;
      if (isLocal) result = await local(request, rawPath, body);
      else if (isSandbox) result = deps.sandbox ? await deps.sandbox(request, rawPath, body) : jsonResponse(404, { message: 'Not Found' });
      else if (rawPath === '/' && request.method === 'GET' && !matchRoute(deps.apis, 'GET', '/')) result = jsonResponse(200, deps.index());
      else {
        deps.meter?.http();
        result = await api(request, rawPath, rawQueryString, body);
      }
      // API Gateway's CORS headers replace any the function set.
      for (const name of Object.keys(result.headers)) if (name.startsWith('access-control-')) delete result.headers[name];
      const allowed = corsHeaders(cors, request, false);
      // Both vary: the answer by origin (CORS) and by what the function says (Accept-Language).
      const vary = [result.headers.vary, allowed.vary].filter(Boolean).join(', ');
      send(request, response, result, { ...allowed, ...(vary ? { vary } : {}), 'apigw-requestid': requestId });
    } catch (error) {
      if (!(error instanceof PlatformStoppedError)) deps.log(`${request.method} ${rawPath}: ${(error as Error).stack ?? String(error)}`);
      if (!response.headersSent) send(request, response, error instanceof PlatformStoppedError ? jsonResponse(503, { message: 'Service Unavailable' }) : INTERNAL_SERVER_ERROR);
      else response.end();
    }
  };
}

/** A node:http server whose handler is set once the platform is ready (503 before). */
export class LocalHttpServer {
  readonly server: Server;
  private handler: ((request: IncomingMessage, response: ServerResponse) => Promise<void>) | undefined;
  port = 0;

  constructor() {
    this.server = createServer((request, response) => {
      if (!this.handler) {
        send(request, response, jsonResponse(503, { message: 'Service Unavailable' }));
        return;
      }
      void this.handler(request, response);
    });
    this.server.requestTimeout = 0;
  }

  setHandler(handler: (request: IncomingMessage, response: ServerResponse) => Promise<void>): void {
    this.handler = handler;
  }

  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolveListen, rejectListen) => {
      this.server.once('error', rejectListen);
      this.server.listen(port, host, () => {
        this.server.removeListener('error', rejectListen);
        const address = this.server.address();
        this.port = typeof address === 'object' && address ? address.port : port;
        resolveListen(this.port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolveClose) => {
      this.server.close(() => resolveClose());
      this.server.closeAllConnections();
    });
  }
}
