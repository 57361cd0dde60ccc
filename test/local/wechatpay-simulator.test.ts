/**
 * The WeChat Pay adapter (functions/payments/wechatpay.ts) against the WeChat Pay
 * simulator (local/simulators/wechatpay.ts), over real HTTP on a local port: the
 * simulator checks the adapter's signatures, the adapter checks the simulator's, and the
 * notifications the simulator sends are read by the adapter as the callback route would.
 */
import { X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aeadDecrypt, authorizationHeader, newNonce, publicKeyOf, verifyWechatpaySignature } from '../../contracts/wechatpay.js';
import { PaymentProviderError } from '../../functions/payments/errors.js';
import type { NotificationReading } from '../../functions/payments/provider.js';
import { WechatpayPaymentProvider, type WechatpayOptions, type WechatpaySecret } from '../../functions/payments/wechatpay.js';
import { generateProviderKeys, SIMULATED_SECRETS } from '../../local/simulators/index.js';
import { WechatpaySimulator } from '../../local/simulators/wechatpay.js';

const MCH_ID = '1900009191';
const APP_ID = 'wxd678efh567hg6787';
// The keys and the county's secret as the local runtime makes them for `--providers protocol`.
const keys = generateProviderKeys('wechatpay');
const { merchant, provider: platform } = keys;
const certificate = { serialNumber: platform.serialNumber, certificate: platform.certificate };
const API_V3_KEY = keys.sharedSecret;
const secret = SIMULATED_SECRETS.wechatpay(keys) as unknown as WechatpaySecret;

/** What arrived at the callback route and what the adapter made of it. */
interface Received {
  rawBody: string;
  headers: Record<string, string | undefined>;
  verdict: NotificationReading;
}

let server: Server;
let baseUrl: string;
let simulator: WechatpaySimulator;
let adapter: WechatpayPaymentProvider;
const received: Received[] = [];

const nowSeconds = () => Math.floor(Date.now() / 1000);
const paymentId = (n: number) => `P${n.toString(16).padStart(32, '0')}`;
const TICKET = 'T430602-20261128-000042';

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (path === '/v1/callbacks/payment/wechatpay') {
        const rawBody = body.toString('utf8');
        const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value]));
        void adapter.readNotification({ rawBody, headers, sourceIp: '127.0.0.1' }).then((verdict) => {
          received.push({ rawBody, headers, verdict });
          const answer = adapter.acknowledge('callbacks' in verdict, 'refused' in verdict ? verdict.message : undefined);
          response.writeHead(answer.statusCode, answer.headers).end(answer.body);
        });
        return;
      }
      void simulator.handle(request, path, body).then((answer) => response.writeHead(answer.statusCode, answer.headers).end(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  simulator = new WechatpaySimulator({
    baseUrl,
    keys,
    settings: { provider: 'wechatpay', mchId: MCH_ID, appId: APP_ID },
    log: () => undefined,
    retryDelaysMs: [10, 10],
    refundDelayMs: 5,
  });
  adapter = adapterWith();
});

afterAll(async () => {
  simulator.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
});

/** The adapter against the simulator, with other options or another secret. */
function adapterWith(options: Partial<WechatpayOptions> = {}, secretPatch: Partial<WechatpaySecret> = {}): WechatpayPaymentProvider {
  const url = `${baseUrl}/simulators/wechatpay`;
  return new WechatpayPaymentProvider({ url, mchId: MCH_ID, appId: APP_ID, notifyUrl: `${baseUrl}/v1/callbacks/payment/wechatpay`, secret: async () => ({ ...secret, ...secretPatch }), ...options });
}

const post = (path: string, body?: unknown) =>
  fetch(`${baseUrl}/simulators/wechatpay${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? '' : JSON.stringify(body) });

/** A native order of `amountFen` for payment `id`, placed through the adapter. */
const nativeOrder = (id: string, amountFen: number) => adapter.createPayment({ paymentId: id, ticketNumber: TICKET, amountFen, description: '费', channel: 'native' });

/** A native order of `amountFen`, then the person's decision on it; what the test API answered, once the simulator is idle. */
async function decidedOrder(id: string, amountFen: number, decision: 'pay' | 'decline') {
  await nativeOrder(id, amountFen);
  const answer = await (await post(`/transactions/${id.slice(1)}/${decision}`)).json();
  await idle();
  return answer as { notification: { id: string; rawBody: string; headers: Record<string, string> } };
}

async function idle(): Promise<void> {
  while (simulator.busy) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('a native payment', () => {
  it('answers a QR code to the pay page, then a signed, encrypted TRANSACTION.SUCCESS the adapter reads as succeeded', async () => {
    // Prepare
    const id = paymentId(1);

    // Act
    const action = await adapter.createPayment({ paymentId: id, ticketNumber: TICKET, amountFen: 12_345, description: '不动产登记费', channel: 'native' });
    const again = await adapter.createPayment({ paymentId: id, ticketNumber: TICKET, amountFen: 12_345, description: '不动产登记费', channel: 'native' });
    const open = await adapter.queryPayment({ paymentId: id, ticketNumber: TICKET });
    const page = await fetch((action as { qrCode: string }).qrCode);
    const paid = await post(`/transactions/${id.slice(1)}/pay`);
    await idle();

    // Assess
    expect(action).toEqual({ qrCode: `${baseUrl}/simulators/wechatpay/pay/${id.slice(1)}?scene=native` });
    expect(again).toEqual(action);
    expect(open).toBeUndefined();
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('¥123.45');
    expect(paid.status).toBe(200);
    expect(received).toHaveLength(1);
    const [notification] = received;
    expect(JSON.parse(notification!.rawBody)).toMatchObject({ event_type: 'TRANSACTION.SUCCESS', resource: { algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction' } });
    expect(notification!.headers['wechatpay-serial']).toBe(certificate.serialNumber);
    const callback = { eventId: `wechatpay:${id.slice(1)}:succeeded`, paymentId: id, ticketNumber: TICKET, status: 'succeeded', amountFen: 12_345, occurredAt: expect.stringMatching(/\+08:00$/) };
    expect(notification!.verdict).toEqual({ callbacks: [callback] });
    // A query of the same outcome is the same event.
    expect(await adapter.queryPayment({ paymentId: id, ticketNumber: TICKET })).toEqual(callback);
  });
});

describe('an h5 payment', () => {
  it('needs the citizen\'s IP', async () => {
    const missing = adapter.createPayment({ paymentId: paymentId(2), ticketNumber: TICKET, amountFen: 100, description: '费', channel: 'h5' });
    await expect(missing).rejects.toBeInstanceOf(PaymentProviderError);
  });

  it('sends the citizen to h5_url, whose page pays and returns to redirect_url', async () => {
    // Prepare
    const id = paymentId(3);
    const returnUrl = 'https://county.example/ticket?n=1';

    // Act
    const action = (await adapter.createPayment({ paymentId: id, ticketNumber: TICKET, amountFen: 500, description: '费', channel: 'h5', clientIp: '203.0.113.9', returnUrl })) as { redirectUrl: string };
    const page = await (await fetch(action.redirectUrl)).text();
    const decided = await fetch(`${baseUrl}/simulators/wechatpay/pay/${id.slice(1)}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ decision: 'pay', redirect_url: returnUrl }).toString(),
      redirect: 'manual',
    });
    await idle();

    // Assess
    expect(action.redirectUrl).toMatch(new RegExp(`/simulators/wechatpay/pay/${id.slice(1)}\\?scene=h5&prepay_id=wx\\d+&redirect_url=${encodeURIComponent(returnUrl).replace(/[?]/g, '\\?')}$`));
    expect(page).toContain(`name="redirect_url" value="${returnUrl}"`);
    expect(decided.status).toBe(303);
    expect(decided.headers.get('location')).toBe(returnUrl);
    expect(received.map((r) => r.verdict)).toEqual([{ callbacks: [expect.objectContaining({ paymentId: id, status: 'succeeded', amountFen: 500 })] }]);
  });
});

describe('a declined payment', () => {
  it('is closed without a notification, and a query reports it failed', async () => {
    const id = paymentId(4);
    await decidedOrder(id, 700, 'decline');
    expect(received).toEqual([]);
    expect(await adapter.queryPayment({ paymentId: id, ticketNumber: TICKET })).toMatchObject({ eventId: `wechatpay:${id.slice(1)}:failed`, status: 'failed', amountFen: 700 });
    await expect(adapter.createPayment({ paymentId: id, ticketNumber: TICKET, amountFen: 700, description: '费', channel: 'native' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('ORDER_CLOSED') });
  });

  it('is unknown to a query when WeChat Pay never had it', async () => {
    expect(await adapter.queryPayment({ paymentId: paymentId(5), ticketNumber: TICKET })).toBeUndefined();
  });
});

describe('a refund', () => {
  it('is sent with the order\'s total and notified as refunded', async () => {
    // Prepare
    const id = paymentId(6);
    await decidedOrder(id, 2_000, 'pay');
    received.length = 0;

    // Act
    await adapter.requestRefund({ refundId: `${id}-r`, paymentId: id, ticketNumber: TICKET, amountFen: 2_000 });
    await adapter.requestRefund({ refundId: `${id}-r`, paymentId: id, ticketNumber: TICKET, amountFen: 2_000 });
    await idle();

    // Assess
    expect(received.map((r) => r.verdict)).toEqual([
      { callbacks: [{ eventId: `wechatpay:${TICKET}_${id}-r:refunded`, paymentId: id, ticketNumber: TICKET, status: 'refunded', amountFen: 2_000, occurredAt: expect.any(String) }] },
    ]);
    expect(JSON.parse(received[0]!.rawBody)).toMatchObject({ event_type: 'REFUND.SUCCESS', resource: { associated_data: 'refund' } });
    // The order is in refund: the payment did succeed.
    expect(await adapter.queryPayment({ paymentId: id, ticketNumber: TICKET })).toMatchObject({ status: 'succeeded' });
    await expect(adapter.requestRefund({ refundId: `${id}-r2`, paymentId: id, ticketNumber: TICKET, amountFen: 1 })).rejects.toMatchObject({ status: 403, message: expect.stringContaining('NOT_ENOUGH') });
  });

  it('is refused for an order that was not paid', async () => {
    const id = paymentId(7);
    await nativeOrder(id, 100);
    await expect(adapter.requestRefund({ refundId: `${id}-r`, paymentId: id, ticketNumber: TICKET, amountFen: 100 })).rejects.toBeInstanceOf(PaymentProviderError);
  });
});

describe('signatures', () => {
  it('the simulator refuses a request not signed with the merchant\'s key', async () => {
    const stranger = generateProviderKeys('wechatpay').merchant;
    const forger = adapterWith({}, { merchantPrivateKey: stranger.privateKey });
    await expect(forger.queryPayment({ paymentId: paymentId(1), ticketNumber: TICKET })).rejects.toMatchObject({ status: 401, message: expect.stringContaining('SIGN_ERROR') });
  });

  it('the adapter refuses an answer not signed by a platform certificate it holds', async () => {
    const other = generateProviderKeys('wechatpay').provider;
    const wary = adapterWith({}, { platformCertificates: [{ serialNumber: certificate.serialNumber, certificate: other.certificate }] });
    await expect(wary.queryPayment({ paymentId: paymentId(1), ticketNumber: TICKET })).rejects.toMatchObject({ message: expect.stringContaining('bad_signature') });
  });

  it('the adapter refuses a notification with a forged signature, and reads another amount as it is (the pipeline refuses it)', async () => {
    const id = paymentId(8);
    await nativeOrder(id, 900);
    const forged = await (await post(`/transactions/${id.slice(1)}/notifications`, { signature: 'bad' })).json();
    const otherAmount = await (await post(`/transactions/${id.slice(1)}/notifications`, { total: 1 })).json();
    expect(forged.notification.attempts[0].status).toBe(400);
    expect(received[0]!.verdict).toEqual({ refused: 'bad_signature', message: expect.any(String) });
    expect(otherAmount.notification.attempts[0].status).toBe(204);
    expect(received[1]!.verdict).toEqual({ callbacks: [expect.objectContaining({ paymentId: id, amountFen: 1 })] });
  });

  it('a replayed notification reads as the same event', async () => {
    const id = paymentId(9);
    const paid = await decidedOrder(id, 300, 'pay');
    await post(`/notifications/${paid.notification.id}/replay`);
    expect(received).toHaveLength(2);
    expect(received[1]!.rawBody).toBe(received[0]!.rawBody);
    expect(received[1]!.verdict).toEqual(received[0]!.verdict);
  });

  it('the adapter refuses a notification that is stale, or whose resource does not decrypt, or is for another merchant', async () => {
    const id = paymentId(10);
    const { rawBody, headers } = (await decidedOrder(id, 300, 'pay')).notification;
    const later = adapterWith({ nowSeconds: () => nowSeconds() + 301 });
    expect(await later.readNotification({ rawBody, headers, sourceIp: '127.0.0.1' })).toMatchObject({ refused: 'stale' });
    const otherKey = adapterWith({}, { apiV3Key: 'b'.repeat(32) });
    expect(await otherKey.readNotification({ rawBody, headers, sourceIp: '127.0.0.1' })).toMatchObject({ refused: 'malformed' });
    const otherMerchant = adapterWith({ mchId: '1230000109' });
    expect(await otherMerchant.readNotification({ rawBody, headers, sourceIp: '127.0.0.1' })).toMatchObject({ refused: 'malformed', message: expect.stringContaining('1230000109') });
  });
});

describe('the secret', () => {
  it('must hold a readable key, a 32-byte APIv3 key and a platform certificate or public key', async () => {
    const broken = (patch: Partial<WechatpaySecret>) =>
      adapterWith({}, patch).queryPayment({ paymentId: paymentId(1), ticketNumber: TICKET });
    await expect(broken({ apiV3Key: 'short' })).rejects.toThrow(/apiV3Key/);
    await expect(broken({ merchantPrivateKey: 'nope' })).rejects.toThrow(/merchantPrivateKey/);
    await expect(broken({ platformCertificates: [] })).rejects.toThrow(/platformCertificates/);
  });

  it('may name WeChat Pay\'s public key instead of platform certificates', async () => {
    const byPublicKey = adapterWith({}, { platformCertificates: [], wechatpayPublicKey: { keyId: certificate.serialNumber, publicKey: platform.publicKey } });
    expect(await byPublicKey.queryPayment({ paymentId: paymentId(5), ticketNumber: TICKET })).toBeUndefined();
  });
});

describe('the platform certificates', () => {
  it('match the secret the local runtime makes: the certificate of the serial, a 32-byte APIv3 key', () => {
    expect(new X509Certificate(certificate.certificate).serialNumber).toBe(certificate.serialNumber);
    expect(Buffer.byteLength(API_V3_KEY)).toBe(32);
  });

  it('are handed out by GET /v3/certificates, signed, and encrypted under the APIv3 key', async () => {
    // Prepare
    const path = '/simulators/wechatpay/v3/certificates';
    const authorization = authorizationHeader({ method: 'GET', url: path, body: '', mchid: MCH_ID, serialNo: secret.merchantSerialNumber, privateKey: merchant.privateKey, timestamp: nowSeconds(), nonce: newNonce() });

    // Act
    const response = await fetch(`${baseUrl}${path}`, { headers: { authorization } });
    const text = await response.text();

    // Assess
    const headers = Object.fromEntries(response.headers);
    expect(verifyWechatpaySignature(headers, text, new Map([[certificate.serialNumber, publicKeyOf(certificate.certificate)]]), nowSeconds())).toEqual({ ok: true });
    const { data } = JSON.parse(text) as { data: { serial_no: string; encrypt_certificate: Parameters<typeof aeadDecrypt>[1] }[] };
    expect(data.map((entry) => entry.serial_no)).toEqual([certificate.serialNumber]);
    expect(aeadDecrypt(API_V3_KEY, data[0]!.encrypt_certificate)).toBe(certificate.certificate);
  });
});

describe('acknowledging', () => {
  it('answers 204 when taken and 400 {code: FAIL} when not, as WeChat Pay expects', () => {
    expect(adapter.acknowledge(true)).toEqual({ statusCode: 204, headers: {}, body: '' });
    expect(adapter.acknowledge(false, '验签失败')).toEqual({ statusCode: 400, headers: { 'content-type': 'application/json' }, body: '{"code":"FAIL","message":"验签失败"}' });
  });
});
