/**
 * Issue 12, hole 4: no open redirect and no wildcard origin. A payment's `returnUrl` must be
 * on an origin the county allows (locally: the runtime's own, where the demo portal is
 * served), else 400 naming the origin, in the caller's language; and the API and the
 * materials bucket (presigned uploads) answer CORS for those origins only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedCase, type SubmittedCase } from '../support/cases.js';
import { Api } from '../support/api.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
let c: SubmittedCase;
let ticketNumber: string;

/** The construction bundle's form, as test/integration/fees.test.ts charges it. */
const CONSTRUCTION_FORM = { floorArea: 1234.5, disturbedArea: 3000.25, wasteVolume: 500.7, relocation: true, equipmentCount: 3, smallMicroEnterprise: false };

beforeAll(async () => {
  t = await startTestPlatform();
  c = await acceptedCase(t, { bundleCode: 'CONSTRUCTION-JOINT' }, { form: CONSTRUCTION_FORM });
  ticketNumber = (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body.ticket.ticketNumber;
}, 180_000);
afterAll(async () => {
  await t?.stop();
});

const startPayment = (returnUrl: string, api: Api = t.api) => api.post(`/v1/tickets/${ticketNumber}/payments?queryCode=${c.queryCode}`, { returnUrl });

describe("a payment's returnUrl", () => {
  it('is refused with a 400 naming the origin when it is not on an allowed origin, and nothing is started', async () => {
    // Act
    const evil = await startPayment('https://evil.example/pay/done');
    const lookalike = await startPayment(`${t.platform.url}.evil.example/pay/done`);
    const chinese = await startPayment('https://evil.example/pay/done', new Api(t.platform.url, 'zh-CN'));
    const ticket = (await t.api.get(`/v1/tickets/${ticketNumber}?queryCode=${c.queryCode}`)).body;

    // Assess
    expect(evil.status).toBe(400);
    expect(evil.body.error.code).toBe('VALIDATION_FAILED');
    expect(evil.body.error.fields).toEqual([{ path: '/returnUrl', message: 'origin https://evil.example is not allowed', rule: 'origin_not_allowed', params: { origin: 'https://evil.example' } }]);
    expect(lookalike.status).toBe(400);
    expect(chinese.status).toBe(400);
    expect(chinese.body.error.fields[0].message).toBe('来源 https://evil.example 未获准嵌入本服务');
    expect(ticket.payments).toEqual([]);
  });

  it('starts the payment when it is on an allowed origin (the page that embeds the fee ticket)', async () => {
    // Act
    const reply = await startPayment(`${t.platform.url}/track.html`);

    // Assess
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.redirectUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandbox\/payments\//);
  });
});

describe("the API's CORS", () => {
  it('answers a preflight from an allowed origin, and not from any other', async () => {
    // Act
    const preflight = (origin: string) =>
      fetch(`${t.platform.url}/v1/catalog`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
    const own = await preflight(t.platform.url.replace('127.0.0.1', 'localhost'));
    const evil = await preflight('https://evil.example');

    // Assess
    expect(own.headers.get('access-control-allow-origin')).toBe(t.platform.url.replace('127.0.0.1', 'localhost'));
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe("the materials bucket's CORS", () => {
  it('lets an allowed origin upload through a presigned URL, and not any other', async () => {
    // Prepare
    const [, bucket] = Object.entries(t.platform.resources.buckets).find(([id]) => id.startsWith('Materials'))!;
    const preflight = (origin: string) =>
      fetch(`${t.platform.endpoints.s3}/${bucket}/uploads/x.pdf`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' } });

    // Act
    const own = await preflight(t.platform.url);
    const evil = await preflight('https://evil.example');

    // Assess
    expect(own.headers.get('access-control-allow-origin')).toBe(t.platform.url);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});
