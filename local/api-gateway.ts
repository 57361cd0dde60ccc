// What API Gateway (HTTP API, payload format 2.0) puts between an HTTP request and a
// function: the event it builds, the response it maps back, and CORS.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { CorsConfiguration, RouteMatch } from './api-routes.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `27/Nov/2026:08:30:00 +0000`, API Gateway's requestContext.time. */
function requestTime(at: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(at.getUTCDate())}/${MONTHS[at.getUTCMonth()]}/${at.getUTCFullYear()}:${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} +0000`;
}

/** Content types API Gateway passes as text; everything else arrives base64-encoded. */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type.startsWith('text/') || /^application\/([\w.+-]+\+)?(json|xml|javascript)$/.test(type) || type === 'application/graphql';
}

export interface EventInput {
  request: IncomingMessage;
  body: Buffer;
  rawPath: string;
  rawQueryString: string;
  match: RouteMatch;
  requestId: string;
  accountId: string;
  claims?: Record<string, string>;
  scopes?: string[] | null;
  now: Date;
}

/** The API Gateway HTTP API payload 2.0 event for a request. */
export function buildHttpEvent(input: EventInput): Record<string, unknown> {
  const { request, body, match } = input;
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, values] of Object.entries(request.headersDistinct)) {
    if (!values) continue;
    if (name === 'cookie') {
      cookies = values.flatMap((value) => value.split(';')).map((cookie) => cookie.trim()).filter((cookie) => cookie !== '');
      continue;
    }
    headers[name] = values.join(',');
  }
  const sourceIp = (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  headers['x-forwarded-for'] ??= sourceIp;
  headers['x-forwarded-port'] ??= String(request.socket.localPort ?? '');
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-amzn-trace-id'] ??= `Root=1-${Math.floor(input.now.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;

  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(input.rawQueryString)) {
    queryStringParameters[name] = name in queryStringParameters ? `${queryStringParameters[name]},${value}` : value;
  }
  const host = headers.host ?? 'localhost';
  const text = isTextContentType(headers['content-type']);
  return {
    version: '2.0',
    routeKey: match.route.routeKey,
    rawPath: input.rawPath,
    rawQueryString: input.rawQueryString,
    ...(cookies && cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(queryStringParameters).length > 0 ? { queryStringParameters } : {}),
    requestContext: {
      accountId: input.accountId,
      apiId: match.api.apiId,
      ...(input.claims ? { authorizer: { jwt: { claims: input.claims, scopes: input.scopes ?? null } } } : {}),
      domainName: host.replace(/:\d+$/, ''),
      domainPrefix: host.split('.')[0]!.replace(/:\d+$/, ''),
      http: {
        method: request.method ?? 'GET',
        path: input.rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: input.requestId,
      routeKey: match.route.routeKey,
      stage: '$default',
      time: requestTime(input.now),
      timeEpoch: input.now.getTime(),
    },
    ...(body.length > 0 ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
    ...(Object.keys(match.pathParameters).length > 0 ? { pathParameters: match.pathParameters } : {}),
    isBase64Encoded: body.length > 0 && !text,
  };
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

export const INTERNAL_SERVER_ERROR: HttpResponse = jsonResponse(500, { message: 'Internal Server Error' });

export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode, headers: { 'content-type': 'application/json', ...headers }, cookies: [], body: Buffer.from(JSON.stringify(body)) };
}

/**
 * Payload 2.0's response rules: an object with `statusCode` is taken as the response
 * (headers, cookies, body, isBase64Encoded); anything else is a 200 with the value as
 * a JSON body (a string as it is).
 */
export function mapFunctionResponse(result: unknown): HttpResponse {
  if (typeof result === 'object' && result !== null && !Array.isArray(result) && 'statusCode' in result) {
    const response = result as { statusCode: unknown; headers?: unknown; cookies?: unknown; body?: unknown; isBase64Encoded?: unknown };
    const statusCode = Number(response.statusCode);
    if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return INTERNAL_SERVER_ERROR;
    const headers: Record<string, string> = {};
    if (typeof response.headers === 'object' && response.headers !== null) {
      for (const [name, value] of Object.entries(response.headers)) headers[name.toLowerCase()] = String(value);
    }
    const cookies = Array.isArray(response.cookies) ? response.cookies.map(String) : [];
    const rawBody = response.body === undefined || response.body === null ? '' : typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    const body = response.isBase64Encoded === true ? Buffer.from(rawBody, 'base64') : Buffer.from(rawBody, 'utf8');
    return { statusCode, headers, cookies, body };
  }
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    cookies: [],
    body: Buffer.from(typeof result === 'string' ? result : JSON.stringify(result ?? null)),
  };
}

/** CORS headers API Gateway adds (overriding the function's) for an allowed Origin. */
export function corsHeaders(cors: CorsConfiguration | undefined, request: IncomingMessage, preflight: boolean): Record<string, string> {
  const origin = request.headers.origin;
  if (!cors || !origin) return {};
  const anyOrigin = cors.allowOrigins.includes('*');
  if (!anyOrigin && !cors.allowOrigins.includes(origin)) return {};
  const headers: Record<string, string> = {
    'access-control-allow-origin': anyOrigin && !cors.allowCredentials ? '*' : origin,
    vary: 'origin',
  };
  if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  if (!preflight && cors.exposeHeaders.length > 0) headers['access-control-expose-headers'] = cors.exposeHeaders.join(',');
  if (preflight) {
    const requestedHeaders = request.headers['access-control-request-headers'];
    const requestedMethod = request.headers['access-control-request-method'];
    if (cors.allowMethods.length > 0) headers['access-control-allow-methods'] = cors.allowMethods.includes('*') && requestedMethod ? requestedMethod : cors.allowMethods.join(',');
    if (cors.allowHeaders.length > 0) headers['access-control-allow-headers'] = cors.allowHeaders.includes('*') && requestedHeaders ? requestedHeaders : cors.allowHeaders.join(',');
    if (cors.maxAge !== undefined) headers['access-control-max-age'] = String(cors.maxAge);
  }
  return headers;
}

export function isPreflight(request: IncomingMessage): boolean {
  return request.method === 'OPTIONS' && request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined;
}
