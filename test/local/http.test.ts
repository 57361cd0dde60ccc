// The local HTTP API, against the fixture stack with the real emulators: routes as API
// Gateway selects them, payload 2.0 events and responses, JWT authorizer, CORS, and the
// local-only routes.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixturePlatform, type FixturePlatform } from './fixture/platform.js';

let t: FixturePlatform;
const staticDir = mkdtempSync(join(tmpdir(), 'onetrip-static-'));

beforeAll(async () => {
  mkdirSync(join(staticDir, 'css'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>demo</title>');
  writeFileSync(join(staticDir, 'css', 'site.css'), 'body{}');
  t = await startFixturePlatform({ staticRoots: [{ prefix: '/demo', dir: staticDir }] });
});
afterAll(async () => {
  await t?.stop();
});

async function call(path: string, init: RequestInit = {}) {
  const response = await fetch(`${t.platform.url}${path}`, init);
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, body };
}

async function tokenFor(username: string): Promise<string> {
  const reply = await call('/local/token', { method: 'POST', body: JSON.stringify({ username }) });
  expect(reply.status).toBe(200);
  return reply.body.token as string;
}

describe('routes', () => {
  it('invokes the route function and returns a plain result as 200 JSON', async () => {
    const reply = await call('/plain');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(reply.body.hello).toBe('world');
  });

  it('builds the payload 2.0 event: path and query parameters, cookies, headers, context', async () => {
    // Act
    const reply = await call('/echo/a%20b?x=1&x=2&y=z', { headers: { cookie: 'a=1; b=2', 'X-Multi': 'one' } });

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-fixture')).toBe('yes');
    expect(reply.headers.get('set-cookie')).toBe('seen=1; Path=/');
    const { event, env, functionName } = reply.body;
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('GET /echo/{id}');
    expect(event.rawPath).toBe('/echo/a%20b');
    expect(event.rawQueryString).toBe('x=1&x=2&y=z');
    expect(event.queryStringParameters).toEqual({ x: '1,2', y: 'z' });
    expect(event.pathParameters).toEqual({ id: 'a b' });
    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.headers['x-multi']).toBe('one');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);
    expect(event.requestContext).toMatchObject({
      accountId: '000000000000',
      stage: '$default',
      routeKey: 'GET /echo/{id}',
      http: { method: 'GET', path: '/echo/a%20b', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' },
    });
    expect(event.requestContext.authorizer).toBeUndefined();
    expect(event.requestContext.time).toMatch(/^\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(functionName).toBe(env.AWS_LAMBDA_FUNCTION_NAME);
    expect(env.ITEMS_TABLE).toBe(t.table('ItemsTable'));
    expect(env.WORK_QUEUE_URL).toBe(t.queueUrl('WorkQueue'));
    expect(env.FILES_BUCKET).toBe(t.bucket('FilesBucket'));
    expect(env.STACK).toBe('OneTripFixture/us-east-1');
    expect(env.ONETRIP_LOCAL).toBe('true');
  });

  it('prefers a literal segment over a variable, and matches greedy paths', async () => {
    const fixed = await call('/echo/fixed');
    expect(fixed.body.event.routeKey).toBe('GET /echo/fixed');
    const greedy = await call('/files/a/b/c.txt', { method: 'DELETE' });
    expect(greedy.body.event.routeKey).toBe('ANY /files/{proxy+}');
    expect(greedy.body.event.pathParameters).toEqual({ proxy: 'a/b/c.txt' });
  });

  it('passes text bodies as text and other bodies base64-encoded', async () => {
    const json = await call('/echo/1', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(json.body.event.body).toBe('{"a":1}');
    expect(json.body.event.isBase64Encoded).toBe(false);
    const binary = await call('/echo/1', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 1, 2, 255]) });
    expect(binary.body.event.isBase64Encoded).toBe(true);
    expect(Buffer.from(binary.body.event.body, 'base64')).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('runs functions that use the SDK clients against the emulators', async () => {
    const reply = await call('/items/from-http', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ id: 'from-http', stored: '{"id":"from-http"}' });
    await t.platform.idle();
  });

  it('answers as API Gateway does when there is no route, a function error or a timeout', async () => {
    expect(await call('/nowhere')).toMatchObject({ status: 404, body: { message: 'Not Found' } });
    expect(await call('/plain', { method: 'POST' })).toMatchObject({ status: 404 });
    expect(await call('/boom')).toMatchObject({ status: 500, body: { message: 'Internal Server Error' } });
    const slow = await call('/slow');
    expect(slow).toMatchObject({ status: 500, body: { message: 'Internal Server Error' } });
    expect(t.logs.some((line) => line.includes('Task timed out after 2.00 seconds'))).toBe(true);
    // The timed-out environment was replaced.
    expect((await call('/plain')).status).toBe(200);
  });

  it('refuses bodies over 10 MB with 413', async () => {
    const reply = await call('/echo/1', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(10 * 1024 * 1024 + 1) });
    expect(reply.status).toBe(413);
  });
});

describe('the JWT authorizer', () => {
  it('refuses a missing or forged token with 401', async () => {
    expect(await call('/staff/me')).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
    const { privateKey } = await generateKeyPair('ES256');
    const genuine = JSON.parse(Buffer.from((await tokenFor('clerk')).split('.')[1]!, 'base64url').toString());
    const forged = await new SignJWT(genuine).setProtectedHeader({ alg: 'ES256', kid: 'onetrip-local-1' }).sign(privateKey);
    expect((await call('/staff/me', { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
  });

  it('passes the claims of a /local/token token through as API Gateway renders them', async () => {
    // Prepare
    const token = await tokenFor('reviewer-market');

    // Act
    const reply = await call('/staff/me', { headers: { authorization: `Bearer ${token}` } });

    // Assess
    expect(reply.status).toBe(200);
    const { claims, scopes } = reply.body.event.requestContext.authorizer.jwt;
    expect(claims['cognito:username']).toBe('reviewer-market');
    expect(claims['cognito:groups']).toBe('[reviewer]');
    expect(claims['custom:department']).toBe('market');
    expect(claims.token_use).toBe('id');
    expect(claims.iss).toBe(reply.body.env.ISSUER);
    expect(typeof claims.exp).toBe('string');
    expect(Number(claims.exp) - Number(claims.iat)).toBe(8 * 3600);
    expect(scopes).toBeNull();
  });

  it('seeds center users and reviewer/chief per department, and refuses unknown users', async () => {
    const { users } = (await call('/local/users')).body;
    expect(users.map((user: { username: string }) => user.username)).toEqual(
      expect.arrayContaining(['clerk', 'supervisor', 'admin', 'reviewer-market', 'chief-market', 'reviewer-health', 'chief-health']),
    );
    const reply = await call('/local/token', { method: 'POST', body: JSON.stringify({ username: 'mallory' }) });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('UNKNOWN_USER');
  });
});

describe('CORS, static files and local routes', () => {
  it('answers preflights and adds CORS headers for allowed origins only', async () => {
    const preflight = await call('/plain', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(preflight.headers.get('access-control-max-age')).toBe('600');
    const allowed = await call('/plain', { headers: { origin: 'http://localhost:5173' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const other = await call('/plain', { headers: { origin: 'http://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('gives S3 the CORS rules of the bucket, so browsers can upload to presigned URLs', async () => {
    const objectUrl = `${t.platform.endpoints.s3}/${t.bucket('FilesBucket')}/uploads/u1.pdf`;
    const preflight = await fetch(objectUrl, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const refused = await fetch(objectUrl, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'DELETE' } });
    expect(refused.status).toBe(403);
    const put = await fetch(objectUrl, { method: 'PUT', headers: { origin: 'http://localhost:5173', 'content-type': 'application/pdf' }, body: '%PDF' });
    expect(put.status).toBe(200);
    expect(put.headers.get('access-control-allow-origin')).toBe('*');
    expect(await (await fetch(objectUrl)).text()).toBe('%PDF');
  });

  it('serves static roots before the API, and an index at /', async () => {
    const page = await call('/demo/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await call('/demo/css/site.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await call('/demo/../../etc/passwd')).status).toBe(404);
    const index = await call('/');
    expect(index.body.stack).toBe('OneTripFixture');
    expect(index.body.routes).toContainEqual({ route: 'GET /staff/me', function: 'ApiFunctionCE271BD4', auth: 'JWT' });
  });

  it('lists outbox events newest first from the byDay index', async () => {
    // Prepare
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - 86_400_000));
    const put = (eventId: string, itemDay: string, occurredAt: string) =>
      t.dynamodb.send(new PutItemCommand({
        TableName: t.table('OutboxTable'),
        Item: { eventId: { S: eventId }, day: { S: itemDay }, occurredAt: { S: occurredAt }, type: { S: 'case.submitted' }, tags: { SS: ['a'] } },
      }));
    await put('e1', yesterday, `${yesterday}T10:00:00+08:00`);
    await put('e2', day, `${day}T08:00:00+08:00`);
    await put('e3', day, `${day}T09:00:00+08:00`);

    // Act
    const reply = await call('/local/outbox');

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body.events.map((event: { eventId: string }) => event.eventId)).toEqual(['e3', 'e2', 'e1']);
    expect(reply.body.events[0].tags).toEqual(['a']);
  });
});
