// The courier adapter against a small HTTP server standing in for the courier: what it
// sends (signed, to {root}/shipments) and how it reads the answers.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CourierProviderError } from '../../functions/courier/errors.js';
import { courierProvider, courierSecret } from '../../functions/courier/index.js';
import type { ShipmentRequest } from '../../contracts/delivery.js';
import { SandboxCourierProvider } from '../../functions/courier/sandbox.js';
import { ConfigurationError } from '../../functions/domain/errors.js';
import { ProviderError } from '../../functions/lambda/provider-http.js';
import { SIGNATURE_HEADER, verifySignature } from '../../contracts/signature.js';

const ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:courier-abcdef';
const NOW = 1_795_000_000;

let server: Server;
let root: string;
/** What the courier answers next: status and body (a string as it is, else JSON). */
let answer: { status: number; body?: unknown } = { status: 201, body: { waybillNumber: 'EA123456789CN' } };
let received: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox/courier`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  vi.unstubAllEnvs();
  received = [];
  answer = { status: 201, body: { waybillNumber: 'EA123456789CN' } };
});

const request = (overrides: Partial<ShipmentRequest> = {}): ShipmentRequest => ({
  shipmentId: 'C430600-0001-d1',
  receiptNumber: '430600-20261127-000001',
  recipient: { recipient: '张三', phone: '13907301234', province: '湖南省', city: '岳阳市', district: '岳阳楼区', detail: '巴陵中路 1 号 2 栋 301' },
  sender: { name: '岳阳市政务服务中心', phone: '0730-8888888', address: '湖南省岳阳市岳阳楼区金鹗中路 1 号' },
  contents: ['V7K2-9QXD-4MPA'],
  ...overrides,
});

const sandbox = (url = root) => new SandboxCourierProvider({ url, secret: async () => 'shared', nowSeconds: () => NOW, timeoutMs: 2_000 });

describe('SandboxCourierProvider', () => {
  it('posts the shipment to {root}/shipments, signed with the shared secret, and returns the waybill number', async () => {
    // Act
    const answered = await sandbox(`${root}/`).createShipment(request({ note: '请本人签收' }));

    // Assess
    expect(answered).toEqual({ waybillNumber: 'EA123456789CN' });
    const [call, ...more] = received;
    expect(more).toEqual([]);
    expect(call).toMatchObject({ method: 'POST', url: '/sandbox/courier/shipments' });
    expect(call!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(call!.body)).toEqual(request({ note: '请本人签收' }));
    expect(verifySignature(call!.headers[SIGNATURE_HEADER] as string, call!.body, 'shared', NOW)).toEqual({ ok: true, timestamp: NOW });
  });

  it('leaves out a note that was not given', async () => {
    await sandbox().createShipment(request());
    expect(JSON.parse(received[0]!.body)).not.toHaveProperty('note');
  });

  it('throws a CourierProviderError with the status when the courier refuses', async () => {
    // Prepare
    answer = { status: 409, body: { error: { code: 'SHIPMENT_ID_REUSED' } } };

    // Act
    const refused = sandbox().createShipment(request());

    // Assess
    await expect(refused).rejects.toBeInstanceOf(CourierProviderError);
    await expect(refused).rejects.toMatchObject({ status: 409, message: expect.stringContaining('SHIPMENT_ID_REUSED') });
  });

  it('throws a CourierProviderError when the answer has no waybill number or is not JSON', async () => {
    answer = { status: 201, body: { waybill: 'EA123456789CN' } };
    await expect(sandbox().createShipment(request())).rejects.toThrow(/without a waybill number/);
    answer = { status: 201, body: '<html>' };
    await expect(sandbox().createShipment(request())).rejects.toMatchObject({ name: 'CourierProviderError', status: 201 });
  });

  it('throws a CourierProviderError without a status when the courier cannot be reached', async () => {
    const error = await sandbox('http://127.0.0.1:1/sandbox/courier').createShipment(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CourierProviderError);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as CourierProviderError).status).toBeUndefined();
    expect((error as CourierProviderError).cause).toBeInstanceOf(Error);
  });
});

describe('courierProvider', () => {
  it('builds the configured adapter from the environment, signing with the secret it names', async () => {
    // Prepare
    vi.stubEnv('COURIER_PROVIDER_CONFIG', JSON.stringify({ provider: 'sandbox', url: root, secretArn: ARN }));
    vi.stubEnv('ONETRIP_LOCAL_SECRETS', JSON.stringify({ [ARN]: 'from-the-map' }));

    // Act
    const provider = courierProvider();
    await provider.createShipment(request());

    // Assess
    expect(provider.name).toBe('sandbox');
    await expect(courierSecret()).resolves.toBe('from-the-map');
    const [call] = received;
    expect(verifySignature(call!.headers[SIGNATURE_HEADER] as string, call!.body, 'from-the-map', Math.floor(Date.now() / 1000)).ok).toBe(true);
  });

  it('fails loudly on a missing or unknown courier, or a bad timeout', () => {
    vi.stubEnv('COURIER_PROVIDER_CONFIG', '');
    expect(() => courierProvider()).toThrow(ConfigurationError);
    vi.stubEnv('COURIER_PROVIDER_CONFIG', JSON.stringify({ provider: 'ems', url: root, secretArn: ARN }));
    expect(() => courierProvider()).toThrow(/provider "ems" is not one OneTrip has an adapter for/);
    vi.stubEnv('COURIER_PROVIDER_CONFIG', JSON.stringify({ provider: 'sandbox', url: root, secretArn: ARN }));
    vi.stubEnv('COURIER_PROVIDER_TIMEOUT_MS', 'soon');
    expect(() => courierProvider()).toThrow(/COURIER_PROVIDER_TIMEOUT_MS/);
  });
});
