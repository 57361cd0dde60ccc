// The sandbox courier of the local runtime: its signed API, the waybill it answers, and
// the signed status callbacks it sends over time. The callback route itself is OneTrip's;
// these tests only read what the courier sent, whatever OneTrip answered.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { courierProvider } from '../../functions/courier/index.js';
import type { ShipmentRequest } from '../../contracts/delivery.js';
import { SIGNATURE_HEADER, signatureHeader, verifySignature } from '../../contracts/signature.js';
import { SandboxCourier, STEP_MS_VARIABLE, planFor, stepIntervalFromEnv, waybillNumberOf } from '../../local/sandbox-courier.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { nowSeconds, SHANGHAI_ISO, signedPost, startCallbackReceiver, type CallbackReceiver } from '../support/sandbox.js';
import { COURIER_STATUSES } from '../../contracts/delivery.js';
const WAYBILL = /^[A-Z]{2}\d{9}CN$/;
const DELIVERED = ['accepted', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered'];

const shipment = (overrides: Partial<ShipmentRequest> = {}): ShipmentRequest => ({
  shipmentId: `C-${randomUUID()}-d1`,
  receiptNumber: '430600-20261127-000001',
  recipient: { recipient: '张三', phone: '13907301234', province: '湖南省', city: '岳阳市', district: '岳阳楼区', detail: '巴陵中路 1 号 2 栋 301' },
  sender: { name: '岳阳市政务服务中心', phone: '0730-8888888', address: '湖南省岳阳市岳阳楼区金鹗中路 1 号' },
  contents: ['V7K2-9QXD-4MPA'],
  ...overrides,
});

describe('the sandbox courier’s rules', () => {
  it('answers UPU S10 waybill numbers with a valid check digit', () => {
    // The S10 standard's worked example: serial 47312482, weighted sum 200, check digit 11 - 200 mod 11 = 9
    expect(waybillNumberOf(47_312_482)).toBe('EA473124829CN');
    for (const serial of [0, 1, 12_345_678, 99_999_999]) expect(waybillNumberOf(serial)).toMatch(WAYBILL);
  });

  it('plans a delivery, or a failure for an unknown recipient or note `fail`, or a return for note `return`', () => {
    const { recipient } = shipment();
    expect(planFor({ recipient })).toEqual(DELIVERED);
    expect(planFor({ recipient: { ...recipient, detail: '巴陵中路 1 号（查无此人）' } }).at(-1)).toBe('failed');
    expect(planFor({ recipient, note: 'fail' })).toEqual([...DELIVERED.slice(0, 4), 'failed']);
    expect(planFor({ recipient, note: 'return' })).toEqual([...DELIVERED.slice(0, 4), 'returned']);
  });

  it('reads the step interval from the environment', () => {
    expect(stepIntervalFromEnv(undefined)).toBe(1_500);
    expect(stepIntervalFromEnv(' 20 ')).toBe(20);
    expect(stepIntervalFromEnv('manual')).toBe('manual');
    expect(() => stepIntervalFromEnv('fast')).toThrow(STEP_MS_VARIABLE);
  });
});

describe('SandboxCourier on its own clock', () => {
  let receiver: CallbackReceiver;
  let baseUrl: string;

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    baseUrl = receiver.url;
  });
  afterAll(async () => {
    await receiver.close();
  });

  /** A request as the gateway hands it over. */
  function call(courier: SandboxCourier, method: string, path: string, body?: unknown, secret?: string) {
    const raw = body === undefined ? '' : JSON.stringify(body);
    const headers = secret ? { [SIGNATURE_HEADER]: signatureHeader(secret, raw, nowSeconds()) } : {};
    return courier.handle({ method, url: path, headers } as IncomingMessage, path, Buffer.from(raw));
  }
  const json = (response: { body: Buffer }) => JSON.parse(response.body.toString('utf8')) as any;

  it('calls back one status per step, retrying a 503, and is not busy while waiting for the next step', async () => {
    // Prepare
    receiver.answer([503, 200]);
    const courier = new SandboxCourier({ baseUrl, secret: 's3cret', stepMs: 40, log: () => {}, retryDelaysMs: [5, 5, 5] });

    try {
      // Act
      const created = await call(courier, 'POST', '/sandbox/courier/shipments', shipment(), 's3cret');
      const { waybillNumber } = json(created);
      const busyAtOnce = courier.busy;
      await vi.waitFor(
        async () => {
          const { callbacks } = json(await call(courier, 'GET', `/sandbox/courier/shipments/${waybillNumber}`));
          expect(callbacks.map((callback: any) => callback.outcome)).toEqual(Array(5).fill('delivered'));
        },
        { timeout: 5_000, interval: 20 },
      );

      // Assess
      expect(created.statusCode).toBe(201);
      expect(busyAtOnce).toBe(false);
      const view = json(await call(courier, 'GET', `/sandbox/courier/shipments/${waybillNumber}`));
      expect(view).toMatchObject({ status: 'delivered', sent: 5, stepMs: 40 });
      expect(view.nextAt).toBeUndefined();
      expect(view.callbacks[0].attempts.map((attempt: any) => attempt.status)).toEqual([503, 200]);
      expect(view.callbacks.map((callback: any) => callback.status)).toEqual(DELIVERED);
      // The retry of `accepted` may reach OneTrip after later statuses: the state machine's business.
      const statuses = receiver.received.map(({ body }) => JSON.parse(body).status as string);
      expect(statuses.sort()).toEqual(['accepted', ...DELIVERED].sort());
      for (const { signature, body } of receiver.received) expect(verifySignature(signature, body, 's3cret', nowSeconds()).ok).toBe(true);
    } finally {
      await courier.stop();
    }
  });

  it('keeps its shipments across a restart and goes on from where it was', async () => {
    // Prepare
    receiver.answer([200]);
    const dir = mkdtempSync(join(tmpdir(), 'onetrip-courier-'));
    const stateFile = join(dir, 'sandbox-courier.json');
    const first = new SandboxCourier({ baseUrl, secret: 's3cret', stepMs: 'manual', stateFile, log: () => {} });
    const { waybillNumber } = json(await call(first, 'POST', '/sandbox/courier/shipments', shipment({ note: 'return' }), 's3cret'));
    await call(first, 'POST', `/sandbox/courier/shipments/${waybillNumber}/advance`);
    await first.stop();

    // Act
    const second = new SandboxCourier({ baseUrl, secret: 's3cret', stepMs: 'manual', stateFile, log: () => {} });
    second.resume();
    const advanced = json(await call(second, 'POST', `/sandbox/courier/shipments/${waybillNumber}/advance`));
    await second.stop();

    // Assess
    expect(advanced.callback.body).toMatchObject({ waybillNumber, status: 'picked_up' });
    expect(advanced.remaining).toEqual(['in_transit', 'out_for_delivery', 'returned']);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the sandbox courier in the local runtime', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    // Stepping by hand: each status is sent by /advance, so the order is the test's.
    vi.stubEnv(STEP_MS_VARIABLE, 'manual');
    t = await startTestPlatform('430600');
    vi.unstubAllEnvs();
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** A POST as the courier adapter sends it, signed with `secret` (the platform's courier secret). */
  const post = (path: string, body: unknown, secret = t.platform.secrets.courier) => signedPost(`${t.platform.url}${path}`, body, secret);

  async function create(request: ShipmentRequest): Promise<string> {
    const response = await post('/sandbox/courier/shipments', request);
    expect(response.status).toBe(201);
    return ((await response.json()) as { waybillNumber: string }).waybillNumber;
  }

  const advance = (waybillNumber: string) => fetch(`${t.platform.url}/sandbox/courier/shipments/${waybillNumber}/advance`, { method: 'POST' });

  async function shipmentView(waybillNumber: string) {
    const response = await fetch(`${t.platform.url}/sandbox/courier/shipments/${waybillNumber}`);
    expect(response.status).toBe(200);
    return (await response.json()) as any;
  }

  /** Advances the shipment to its end; the callbacks as sent, once no attempt is under way. */
  async function runToEnd(waybillNumber: string) {
    for (;;) {
      const response = await advance(waybillNumber);
      if (response.status === 409) break;
      expect(response.status).toBe(200);
    }
    await t.platform.idle();
    return (await shipmentView(waybillNumber)).callbacks as any[];
  }

  it('lists its routes in the platform index and has a secret of its own', () => {
    expect(t.platform.index.local).toEqual(expect.arrayContaining(['POST /sandbox/courier/shipments', 'GET /sandbox/courier/shipments/{waybillNumber}']));
    expect(t.platform.secrets.courier).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(t.platform.secrets.courier).not.toBe(t.platform.secrets.payment);
  });

  it('accepts a signed shipment with an EMS-style waybill, idempotently, and refuses unsigned or wrongly signed ones', async () => {
    // Prepare
    const request = shipment();

    // Act
    const created = await post('/sandbox/courier/shipments', request);
    const again = await post('/sandbox/courier/shipments', { ...request, recipient: { ...request.recipient } });
    const changed = await post('/sandbox/courier/shipments', { ...request, contents: ['OTHER'] });
    const unsigned = await fetch(`${t.platform.url}/sandbox/courier/shipments`, { method: 'POST', body: JSON.stringify(shipment()) });
    const paymentSecret = await post('/sandbox/courier/shipments', shipment(), t.platform.secrets.payment);
    const incomplete = await post('/sandbox/courier/shipments', { ...shipment(), recipient: { recipient: '张三' }, weightGrams: 20 });

    // Assess
    expect(created.status).toBe(201);
    const { waybillNumber } = (await created.json()) as { waybillNumber: string };
    expect(waybillNumber).toMatch(WAYBILL);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ waybillNumber });
    expect(changed.status).toBe(409);
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as any).error.code).toBe('BAD_SIGNATURE');
    expect(paymentSecret.status).toBe(401);
    expect(incomplete.status).toBe(400);
    expect(((await incomplete.json()) as any).error.fields).toEqual(
      expect.arrayContaining([
        { path: '/recipient/phone', message: 'required' },
        { path: '/weightGrams', message: 'not allowed' },
      ]),
    );
    expect(await shipmentView(waybillNumber)).toMatchObject({ waybillNumber, shipmentId: request.shipmentId, status: 'requested', sent: 0, callbacks: [], stepMs: 'manual' });
    expect((await fetch(`${t.platform.url}/sandbox/courier/shipments/EA000000000CN`)).status).toBe(404);
  });

  it('calls OneTrip back through the statuses in order, signed with the courier secret, each with its own event id', async () => {
    // Prepare
    const waybillNumber = await create(shipment());

    // Act
    const callbacks = await runToEnd(waybillNumber);

    // Assess
    expect(callbacks.map((callback) => callback.status)).toEqual(DELIVERED);
    expect(new Set(callbacks.map((callback) => callback.eventId)).size).toBe(5);
    for (const callback of callbacks) {
      expect(callback.url).toBe(`${t.platform.url}/v1/callbacks/courier`);
      expect(callback.body).toEqual({
        eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        waybillNumber,
        status: callback.status,
        occurredAt: expect.stringMatching(SHANGHAI_ISO),
        detail: expect.any(String),
      });
      expect(COURIER_STATUSES).toContain(callback.body.status);
      expect(JSON.parse(callback.rawBody)).toEqual(callback.body);
      expect(verifySignature(callback.header, callback.rawBody, t.platform.secrets.courier, nowSeconds())).toMatchObject({ ok: true });
      expect(verifySignature(callback.header, callback.rawBody, t.platform.secrets.payment, nowSeconds()).ok).toBe(false);
      // OneTrip was asked and answered: it knows no such waybill (409), which the courier retries later
      expect(callback.attempts.length).toBeGreaterThanOrEqual(1);
      for (const attempt of callback.attempts) expect({ status: attempt.status, error: attempt.error }).toEqual({ status: 409, error: undefined });
      expect(['pending', 'gave_up']).toContain(callback.outcome);
    }
    const occurred = callbacks.map((callback) => Date.parse(callback.body.occurredAt));
    expect([...occurred].sort((a, b) => a - b)).toEqual(occurred);
    const finished = await advance(waybillNumber);
    expect(finished.status).toBe(409);
    expect(((await finished.json()) as any).error.code).toBe('SHIPMENT_FINISHED');
  });

  it('fails to deliver to an address marked 「查无此人」, after going out for delivery', async () => {
    // Prepare
    const { recipient } = shipment();
    const waybillNumber = await create(shipment({ recipient: { ...recipient, detail: '巴陵中路 1 号（查无此人）' } }));

    // Act
    const callbacks = await runToEnd(waybillNumber);

    // Assess
    expect(callbacks.map((callback) => callback.status)).toEqual([...DELIVERED.slice(0, 4), 'failed']);
    expect(callbacks.at(-1).body.detail).toContain('查无此人');
    expect(verifySignature(callbacks.at(-1).header, callbacks.at(-1).rawBody, t.platform.secrets.courier, nowSeconds()).ok).toBe(true);
    expect(await shipmentView(waybillNumber)).toMatchObject({ status: 'failed' });
  });

  it('is what the functions’ courier adapter talks to, with the secret the runtime hands them', async () => {
    // Prepare: the environment the runtime gives a function with the courier-secret need
    const [arn] = Object.entries(t.platform.secrets.byArn).find(([, value]) => value === t.platform.secrets.courier)!;
    vi.stubEnv('COURIER_PROVIDER_CONFIG', JSON.stringify({ provider: 'sandbox', url: `${t.platform.url}/sandbox/courier`, secretArn: arn }));
    vi.stubEnv('ONETRIP_LOCAL_SECRETS', JSON.stringify(t.platform.secrets.byArn));
    const request = shipment({ note: '请本人签收' });

    try {
      // Act
      const first = await courierProvider().createShipment(request);
      const retried = await courierProvider().createShipment(request);
      const reused = courierProvider().createShipment({ ...request, receiptNumber: '430600-20261127-000002' });

      // Assess
      expect(first.waybillNumber).toMatch(WAYBILL);
      expect(retried).toEqual(first);
      await expect(reused).rejects.toMatchObject({ name: 'CourierProviderError', status: 409 });
      expect(await shipmentView(first.waybillNumber)).toMatchObject({ note: '请本人签收', plan: DELIVERED });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
