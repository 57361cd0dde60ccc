/**
 * The glue every HTTP handler shares: route dispatch by route key, JSON bodies,
 * and one error shape (API.md) for every failure, worded in the caller's language
 * (`Accept-Language`, functions/lambda/language.ts).
 */
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { OneTripError, ValidationError, type ErrorKind, type FieldError } from '../domain/errors.js';
import { SIGNATURE_HEADER } from '../../contracts/signature.js';
import { CONTENT_LANGUAGE, negotiateLanguage, type Language } from './language.js';
import { CORRELATION_HEADER, correlationIdOf, withCorrelationId } from './correlation.js';
import { logger } from './logger.js';
import { localizedError } from './messages.js';
import type { ErrorBody } from '../../contracts/errors.js';

export type HttpEvent = APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;
export type Route = (event: HttpEvent, context: Context) => Promise<HttpResult>;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** The one place an error's kind becomes an HTTP status. */
export const STATUS_OF: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 502,
};

/** The language an error is worded in, and that a response with words says it is in. */
export function languageOf(event: HttpEvent): Language {
  return negotiateLanguage(header(event, 'accept-language'));
}

/**
 * The error's body in `language`, saying so: `Content-Language`, and `Vary: Accept-Language`
 * so that a cache keeps one answer per language.
 */
export function errorResult(error: OneTripError, language: Language): HttpResult {
  const { status, error: body } = problemOf(error, language);
  return json(status, { error: body }, {
    'content-language': CONTENT_LANGUAGE[language],
    vary: 'Accept-Language',
  });
}

/** An error's status and body in `language`: what {@link errorResult} answers, for a body that holds several (a batch's results). */
export function problemOf(error: OneTripError, language: Language): { status: number; error: ErrorBody['error'] } {
  return { status: STATUS_OF[error.kind], error: localizedError(error, language) };
}

/**
 * The error a route answers for a failure: one OneTrip raised on purpose as it is; anything
 * else is OneTrip's fault, logged in full and told to the caller only as a request id.
 */
export function refusalOf(error: unknown, event: HttpEvent, context: Context): OneTripError {
  if (error instanceof OneTripError && error.kind !== 'internal') {
    logger.info('request refused', { code: error.code, status: STATUS_OF[error.kind], kind: error.kind, route: event.routeKey });
    return error;
  }
  logger.error('request failed', { error: error as Error, route: event.routeKey });
  const { awsRequestId: requestId } = context;
  return new OneTripError('INTERNAL', `Internal error; quote request id ${requestId}`, 'internal', undefined, { params: { requestId } });
}

/**
 * One Lambda serves several routes; the API Gateway route key picks the function. Every answer
 * carries the request's correlation id (`x-correlation-id`), which its logs and the events it
 * writes carry too (functions/lambda/correlation.ts).
 */
export function httpHandler(routes: Record<string, Route>) {
  return async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    logger.addContext(context);
    const correlationId = correlationIdOf(header(event, CORRELATION_HEADER), event.requestContext?.requestId ?? context.awsRequestId);
    logger.setCorrelationId(correlationId);
    const result = await withCorrelationId(correlationId, () => answer(routes, event, context));
    logger.info('request handled', { route: event.routeKey, status: result.statusCode });
    return { ...result, headers: { ...result.headers, [CORRELATION_HEADER]: correlationId } };
  };
}

async function answer(routes: Record<string, Route>, event: HttpEvent, context: Context): Promise<HttpResult> {
  const route = routes[event.routeKey];
  try {
    if (!route) {
      throw new OneTripError('ROUTE_NOT_FOUND', `No handler for ${event.routeKey}`, 'not_found', undefined, { params: { route: event.routeKey } });
    }
    return await route(event, context);
  } catch (error) {
    return errorResult(refusalOf(error, event, context), languageOf(event));
  }
}

/** Parses a JSON request body; a missing or malformed body is a 400 naming the problem. */
export function jsonBody(event: HttpEvent): unknown {
  if (!event.body) throw new ValidationError('The request needs a JSON body', undefined, 'BODY_REQUIRED');
  const contentType = header(event, 'content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    throw new OneTripError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json', 'unsupported_media_type');
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody(event)) as unknown;
  } catch (cause) {
    throw new ValidationError(`The body is not valid JSON: ${(cause as Error).message}`, undefined, 'INVALID_JSON');
  }
  if (depthOf(body) > MAX_JSON_DEPTH) {
    throw new ValidationError(`The body nests deeper than ${MAX_JSON_DEPTH} levels`, [
      { path: '/', message: `nests deeper than ${MAX_JSON_DEPTH} levels`, rule: 'too_deep', params: { limit: MAX_JSON_DEPTH } },
    ]);
  }
  return body;
}

/**
 * Deeper than any request OneTrip reads (a form nests a few levels): refused before anything
 * walks the body recursively (the idempotency hash, the validators).
 */
const MAX_JSON_DEPTH = 32;

/** How deeply a parsed JSON value nests, counted without recursion (so a hostile body cannot overflow the stack here). */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** The body as sent: what a signature covers. */
export function rawBody(event: HttpEvent): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** A provider's signed callback, as the callback pipeline (functions/app/callbacks.ts) checks it. */
export function signedRequest(event: HttpEvent): { rawBody: string; signature: string | undefined; sourceIp: string } {
  return { rawBody: rawBody(event), signature: header(event, SIGNATURE_HEADER), sourceIp: event.requestContext.http.sourceIp };
}

export function header(event: HttpEvent, name: string): string | undefined {
  return event.headers?.[name.toLowerCase()];
}

/** Longer than any code, number or id OneTrip issues: refused before it reaches a key (DynamoDB caps key sizes). */
const MAX_PATH_PARAMETER = 128;

/** A path parameter as API Gateway hands it over: already decoded once, so never decoded again. */
export function pathParameter(event: HttpEvent, name: string): string {
  const value = event.pathParameters?.[name];
  if (!value) throw new ValidationError(`Path parameter ${name} is missing`, [{ path: `path:${name}`, message: 'is required', rule: 'required' }]);
  if (value.length > MAX_PATH_PARAMETER) {
    throw new ValidationError(`Path parameter ${name} is longer than ${MAX_PATH_PARAMETER} characters`, [
      { path: `path:${name}`, message: `is longer than ${MAX_PATH_PARAMETER} characters`, rule: 'too_long', params: { limit: MAX_PATH_PARAMETER } },
    ]);
  }
  return value;
}

export function queryParameter(event: HttpEvent, name: string): string | undefined {
  return event.queryStringParameters?.[name];
}

/** The most items one page of a list holds. */
export const MAX_PAGE_LIMIT = 200;

/** A paged list's `limit` query parameter (a whole number from 1 to 200, `fallback` when absent), or what is wrong with it. */
export function readLimit(event: HttpEvent, fallback: number): { limit: number; problem?: FieldError } {
  const raw = queryParameter(event, 'limit');
  const limit = raw === undefined ? fallback : Number(raw);
  if (Number.isInteger(limit) && limit >= 1 && limit <= MAX_PAGE_LIMIT) return { limit };
  return { limit, problem: { path: 'query:limit', message: `must be 1–${MAX_PAGE_LIMIT}`, rule: 'whole_number_range', params: { min: 1, max: MAX_PAGE_LIMIT } } };
}

/** A paged list's `limit`, or a 400 naming it. */
export function limitParameter(event: HttpEvent, fallback: number): number {
  const { limit, problem } = readLimit(event, fallback);
  if (problem) throw new ValidationError(`limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}`, [problem], 'VALIDATION_FAILED', { params: { parameter: 'limit', min: 1, max: MAX_PAGE_LIMIT } });
  return limit;
}

/**
 * A CSV download: `body` is the file's text as written (BOM and CRLFs included), `fileName`
 * what a browser saves it as (letters, digits, `.`, `-`, `_` only, so it needs no quoting).
 */
export function csv(statusCode: number, body: string, fileName: string): HttpResult {
  if (!/^[\w.-]+$/.test(fileName)) throw new RangeError(`Not a plain file name: ${fileName}`);
  return {
    statusCode,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
    },
    body,
  };
}

/** The media ranges of an `Accept` header with their quality (`q`, default 1), lowercased. */
function mediaRanges(accept: string): Map<string, number> {
  const ranges = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const value = q === undefined ? 1 : Number(q.slice(2));
    if (range && !ranges.has(range)) ranges.set(range, Number.isFinite(value) ? value : 0);
  }
  return ranges;
}

/**
 * True when the request names `text/csv` in `Accept` at least as strongly as JSON (itself,
 * `application/*` or `*\/*`); JSON stays the default for everything else.
 */
export function wantsCsv(event: HttpEvent): boolean {
  const ranges = mediaRanges(header(event, 'accept') ?? '');
  const csvQuality = ranges.get('text/csv') ?? 0;
  const jsonQuality = ranges.get('application/json') ?? ranges.get('application/*') ?? ranges.get('*/*') ?? 0;
  return csvQuality > 0 && csvQuality >= jsonQuality;
}

/**
 * Of `offered` media types (the first is the default), the one `Accept` names most strongly;
 * a wildcard (`*\/*`, `text/*`) counts for the default only, so it never picks a download.
 */
export function preferredType<T extends string>(event: HttpEvent, offered: readonly [T, ...T[]]): T {
  const ranges = mediaRanges(header(event, 'accept') ?? '');
  const [fallback] = offered;
  let best: { type: T; q: number } = { type: fallback, q: ranges.get(fallback) ?? ranges.get('*/*') ?? 0 };
  for (const type of offered.slice(1)) {
    const q = ranges.get(type) ?? 0;
    if (q > 0 && q > best.q) best = { type, q };
  }
  return best.type;
}

/** A file download: the bytes base64-encoded, as API Gateway passes binary bodies. */
export function download(bytes: Uint8Array, contentType: string, fileName: string, headers: Record<string, string> = {}): HttpResult {
  if (!/^[\w.-]+$/.test(fileName)) throw new RangeError(`Not a plain file name: ${fileName}`);
  return {
    statusCode: 200,
    headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store', ...headers },
    body: Buffer.from(bytes).toString('base64'),
    isBase64Encoded: true,
  };
}
