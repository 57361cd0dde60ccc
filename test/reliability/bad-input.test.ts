/**
 * Generated bad input on every public endpoint (issue 12, reliability suite): the routes
 * come from the OpenAPI document, so a new route is fuzzed without touching this file.
 * fast-check generates bad path parameters (percent-encodings, huge, unicode, control
 * characters, invalid UTF-8, lone surrogates), bad query strings, bad bodies (wrong types,
 * deep nesting, huge strings, invalid UTF-8, lone surrogates, duplicate keys, missing
 * fields) and bad content types. Every answer must be below 500 and the documented
 * response of its route (test/contract/response-contract.ts): the error shape for a 4xx.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_METHODS, openApiDocument, type JsonObject } from '../../contracts/openapi.js';
import { responseContract } from '../contract/response-contract.js';
import { acceptedCase } from '../support/cases.js';
import { FOOD_LICENCE } from '../support/fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { pool, report, SEED, sized } from './scale.js';

let t: TestPlatform;
/** Real values, so some generated requests reach past the lookups into the handlers. */
let real: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestPlatform();
  const c = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { accept: false });
  real = { receiptNumber: c.receiptNumber, queryCode: c.queryCode, ticketNumber: `T${c.receiptNumber}`, itemCode: FOOD_LICENCE, bundleCode: 'BIZ-ONE-ENTRY' };
});
afterAll(async () => {
  await t?.stop();
});

interface Operation {
  method: string;
  template: string;
  /** Top-level property names of the JSON request body, if it has one. */
  bodyKeys: string[] | undefined;
  bodyType: string | undefined;
}

/** The public operations of the document (no `security`): what anyone on the internet can call. */
function publicOperations(): Operation[] {
  const resolve = (schema: JsonObject | undefined): JsonObject | undefined => {
    const ref = schema?.$ref;
    if (typeof ref !== 'string') return schema;
    return ref.slice(2).split('/').reduce<any>((node, part) => node?.[part], openApiDocument) as JsonObject | undefined;
  };
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(openApiDocument.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation || (Array.isArray(operation.security) && operation.security.length > 0)) continue;
      const content = (operation.requestBody as { content?: Record<string, { schema?: JsonObject }> } | undefined)?.content;
      const bodyType = content ? Object.keys(content)[0] : undefined;
      const schema = resolve(content?.['application/json']?.schema);
      operations.push({ method: method.toUpperCase(), template, bodyType, bodyKeys: schema ? Object.keys((schema.properties as JsonObject | undefined) ?? {}) : undefined });
    }
  }
  return operations;
}

const hex = (bytes: number[]) => bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
/** UTF-8 bytes of each UTF-16 code unit on its own (so a lone surrogate becomes its 3-byte CESU form), percent-encoded. */
const looseEncode = (s: string) =>
  [...s].map((ch) => (/^[A-Za-z0-9_.~-]$/.test(ch) ? ch : hex([...Buffer.from(ch.length === 1 && /[\ud800-\udfff]/.test(ch) ? [0xed, 0xa0 | ((ch.charCodeAt(0) >> 6) & 0x1f), 0x80 | (ch.charCodeAt(0) & 0x3f)] : Buffer.from(ch, 'utf8'))]))).join('');

/** A bad path parameter or query value, already as it goes on the wire. */
const badValue = (name: string) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }).map(looseEncode),
    fc.string({ unit: 'grapheme', maxLength: 30 }).map(encodeURIComponent),
    fc.integer({ min: 256, max: 12_000 }).map((n) => 'A'.repeat(n)),
    fc.constantFrom('%25ZZ', '%ZZ', '%', '%%', '%2F', '..', '%2E%2E', '%00', '%0A%0D', '%FF', '%C3%28', '%80', '%ED%A0%80', '%EF%BF%BF', '%E2%80%AE', '%F0%A0%80%80', '%20', '+', '%25'),
    fc.tuple(fc.constant(real[name] ?? 'X'), fc.constantFrom('%00', '%25ZZ', 'x', '%F0%A0%80%80', ' ', '%0A')).map(([v, s]) => `${encodeURIComponent(v)}${s}`),
    fc.constant(encodeURIComponent(real[name] ?? 'X').toLowerCase()),
  );

/** A bad query string (without the `?`). */
const badQuery = () => fc.oneof(
  fc.constant(''),
  badValue('queryCode').map((v) => `queryCode=${v}`),
  fc.tuple(badValue('queryCode'), badValue('queryCode')).map(([a, b]) => `queryCode=${a}&queryCode=${b}`),
  fc.constant(`queryCode=${real.queryCode ?? ''}`),
  fc.array(fc.tuple(fc.constantFrom('queryCode', 'answers', 'status', 'limit', 'lang', 'x'), badValue('x')), { maxLength: 4 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
  fc.constantFrom('answers=needsSeals:maybe', 'answers=:::,,', 'answers=%FF', '&&&', '=', 'queryCode', 'queryCode=&queryCode='),
);

const nested = (depth: number, open: string, close: string) => `${open.repeat(depth)}${close.repeat(depth)}`;

/** A bad body: bytes or a string as it goes on the wire. */
const badBody = (keys: string[]) =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
    // Missing fields and wrong types: the schema's own keys with any values.
    fc.dictionary(fc.constantFrom(...(keys.length > 0 ? keys : ['x'])), fc.jsonValue({ maxDepth: 2 }), { maxKeys: keys.length }).map((v) => JSON.stringify(v)),
    fc.integer({ min: 50, max: 30_000 }).chain((d) => fc.constantFrom(nested(d, '[', ']'), nested(d, '{"a":', '}').replace(/\{"a":\}/, '{"a":1}'))),
    fc.integer({ min: 10_000, max: 400_000 }).map((n) => JSON.stringify({ [keys[0] ?? 'x']: 'A'.repeat(n) })),
    fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xff, 0xfe, ...bytes]), Buffer.from('"}')])),
    fc.constantFrom('{"x":"\\ud800"}', '"\\udfff"', `{"${keys[0] ?? 'x'}":"\\ud83d"}`),
    fc.constant(`{"${keys[0] ?? 'x'}":1,"${keys[0] ?? 'x'}":{"${keys[0] ?? 'x'}":2}}`),
    fc.constantFrom('', '{', '}', 'null', '[]', '{"__proto__":{"a":1}}', '{"constructor":{"prototype":{}}}', 'NaN', '1e999999', '\u0000', '%PDF-1.4'),
  );

const badContentType = fc.option(
  fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/pdf', '', '*/*'),
  { nil: undefined },
);

interface Case {
  method: string;
  path: string;
  body?: string | Buffer;
  contentType?: string;
}

const caseFor = (op: Operation): fc.Arbitrary<Case> => {
  const names = [...op.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  return fc
    .record({
      params: fc.tuple(...names.map((n) => fc.oneof({ weight: 3, arbitrary: badValue(n) }, { weight: 1, arbitrary: fc.constant(encodeURIComponent(real[n] ?? 'X')) }))),
      query: badQuery(),
      body: op.bodyType ? badBody(op.bodyKeys ?? []).map((b): string | Buffer | undefined => b) : fc.constant(undefined),
      contentType: op.bodyType ? badContentType.map((c) => c ?? op.bodyType) : fc.constant(undefined),
    })
    .map(({ params, query, body, contentType }) => {
      let i = 0;
      const path = op.template.replace(/\{[^}]+\}/g, () => params[i++] ?? 'X');
      return { method: op.method, path: query ? `${path}?${query}` : path, body, contentType };
    });
};

/** Known bugs this suite found, by the exact input; each is excluded until it is fixed and reported (issue 12). */
const KNOWN: { why: string; matches: (c: Case) => boolean }[] = [
  {
    // Found by this suite: the local gateway (local/api-gateway.ts) matches an empty path
    // parameter, so `GET /v1/tickets//receipt` reaches the handler (400/404 with the error
    // shape) where the document's routes, and API Gateway, serve no such path (404 `{message}`).
    why: 'the local gateway matches an empty path parameter',
    matches: (c) => /^[^?]*\/\/(?!\/)/.test(c.path),
  },
];

/**
 * Inputs the wire cannot carry as generated, so no request would test them: fetch resolves
 * `..` and `%2E%2E` segments before sending (the request names another path), and a request
 * line over Node's 16 KiB header limit is refused by the local server with 431 (API Gateway
 * has its own limit), not by OneTrip.
 */
const unsendable = (c: Case) => /(^|\/)(\.|%2E){2}(\/|\?|$)/i.test(c.path) || c.path.length > 15_000;

describe('generated bad input on every public endpoint', () => {
  it('answers every request below 500, with the documented response of its route', async () => {
    // Prepare
    const operations = publicOperations();
    const perOperation = Math.ceil(sized(150, 4000) / operations.length);
    const cases = operations.flatMap((op, n) => fc.sample(caseFor(op), { numRuns: perOperation, seed: SEED + n }));
    const sendable = cases.filter((c) => !unsendable(c));
    const tried = sendable.filter((c) => !KNOWN.some((k) => k.matches(c)));

    // Act
    const answers = await pool(tried, 6, async (c) => {
      const headers: Record<string, string> = { 'accept-language': 'en', 'idempotency-key': `fuzz-${randomUUID()}` };
      if (c.contentType !== undefined) headers['content-type'] = c.contentType;
      let status = 0;
      let problems: string[] = [];
      try {
        const res = await fetch(`${t.platform.url}${c.path}`, { method: c.method, headers, body: c.body === undefined ? undefined : typeof c.body === 'string' ? c.body : new Uint8Array(c.body) });
        status = res.status;
        const text = await res.text();
        let body: unknown = text || undefined;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON: the contract check names it
        }
        problems = responseContract().problems({ method: c.method, path: new URL(c.path, t.platform.url).pathname, status, contentType: res.headers.get('content-type'), body });
      } catch (error) {
        problems = [`no answer: ${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? "")}`];
      }
      return { c, status, problems };
    });

    // Assess
    const show = (a: (typeof answers)[number]) => `${a.c.method} ${a.c.path.slice(0, 200)} [${a.c.contentType ?? '-'}] body ${String(a.c.body ?? '').slice(0, 120)} → ${a.status} ${a.problems.join('; ').slice(0, 400)}`;
    const fivexx = answers.filter((a) => a.status >= 500 || a.status === 0);
    const offContract = answers.filter((a) => a.status < 500 && a.status > 0 && a.problems.length > 0);
    report('bad input', { operations: operations.length, requests: answers.length, '5xx': fivexx.length, offContract: offContract.length, excludedKnownBugs: sendable.length - tried.length, unsendable: cases.length - sendable.length, seed: SEED });
    expect(operations.map((o) => `${o.method} ${o.template}`)).toContain('POST /v1/applications');
    expect(fivexx.map(show)).toEqual([]);
    expect(offContract.map(show)).toEqual([]);
  }, 600_000);
});
