/**
 * The Alipay adapter (functions/payments/alipay.ts, the official SDK) against the protocol
 * simulator (local/simulators/alipay.ts) on a bare HTTP server: the simulator holds to
 * Alipay's documented signing, and the adapter's payments, queries, refunds and
 * notifications read into OneTrip's callbacks with one event id per provider event.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlipayPaymentProvider, fenOf } from '../../functions/payments/alipay.js';
import { PaymentProviderError } from '../../functions/payments/errors.js';
import { AlipaySimulator, rsa2Sign, rsa2Verify, signedAnswer, signingString } from '../../local/simulators/alipay.js';

const pem = () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
};
const app = pem();
const alipay = pem();
const APP_ID = '2021000000000001';

let server: Server;
let base: string;
let simulator: AlipaySimulator;
/** The notifications the "platform" received, raw. */
const received: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url!, 'http://x').pathname;
      const body = Buffer.concat(chunks);
      if (path === '/v1/callbacks/payment/alipay') {
        received.push(body.toString('utf8'));
        response.end('success');
        return;
      }
      void simulator.handle(request, path, body).then((answer) => {
        response.writeHead(answer.statusCode, answer.headers);
        response.end(answer.body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  simulator = new AlipaySimulator({ baseUrl: base, keys: { provider: { privateKey: alipay.privateKey }, merchant: { publicKey: app.publicKey } }, settings: { appId: APP_ID }, log: () => undefined, retryDelaysMs: [] });
});

afterAll(async () => {
  simulator.stop();
  await new Promise((resolve) => server.close(resolve));
});

const adapter = (keys = { appPrivateKey: app.privateKey, alipayPublicKey: alipay.publicKey }) =>
  new AlipayPaymentProvider({ url: `${base}/simulators/alipay/gateway.do`, appId: APP_ID, keys: async () => keys, notifyUrl: `${base}/v1/callbacks/payment/alipay` });

const payment = (amountFen = 2350) => ({ paymentId: `P${crypto.randomUUID().replaceAll('-', '')}`, ticketNumber: 'T430602-20261128-000042', amountFen, description: '食品经营许可（R1）', channel: 'page' as const });

async function pay(paymentId: string, decision: 'pay' | 'decline' = 'pay') {
  const response = await fetch(`${base}/simulators/alipay/trades/${paymentId}/${decision}`, { method: 'POST', headers: { accept: 'application/json' } });
  expect(response.status).toBe(200);
  return (await response.json()) as { notifications: { rawBody: string }[] };
}

describe('Alipay signing, as the open platform documents it', () => {
  it('reproduces the documented string to sign (自行实现签名: sorted k=v&…, raw values, sign left out)', () => {
    // Prepare: the request of Alipay's example
    const biz =
      '{"button":[{"actionParam":"ZFB_HFCZ","actionType":"out","name":"话费充值"},{"name":"查询","subButton":[{"actionParam":"ZFB_YECX","actionType":"out","name":"余额查询"},{"actionParam":"ZFB_LLCX","actionType":"out","name":"流量查询"},{"actionParam":"ZFB_HFCX","actionType":"out","name":"话费查询"}]},{"actionParam":"http://m.alipay.com","actionType":"link","name":"最新优惠"}]}';
    const params = { app_id: '2014072300007148', method: 'alipay.mobile.public.menu.add', charset: 'GBK', sign_type: 'RSA2', timestamp: '2014-07-24 03:07:50', biz_content: biz, sign: 'e9zEAe4T…', version: '1.0' };

    // Act
    const content = signingString(params);

    // Assess
    expect(content).toBe(`app_id=2014072300007148&biz_content=${biz}&charset=GBK&method=alipay.mobile.public.menu.add&sign_type=RSA2&timestamp=2014-07-24 03:07:50&version=1.0`);
    expect(rsa2Verify(content, rsa2Sign(content, app.privateKey), app.publicKey)).toBe(true);
  });

  it('signs an answer over the exact text of its *_response object, which the SDK accepts', async () => {
    const answer = signedAnswer('alipay.trade.query', { code: '10000', msg: 'Success' }, alipay.privateKey);
    const text = answer.body.toString('utf8');
    const { sign } = JSON.parse(text) as { sign: string };
    expect(rsa2Verify('{"code":"10000","msg":"Success"}', sign, alipay.publicKey)).toBe(true);
  });

  it('reads yuan strings into whole fen without floating point', () => {
    expect([fenOf('0.01'), fenOf('23.5'), fenOf('1234.56'), fenOf('1.234'), fenOf(12)]).toEqual([1, 2350, 123456, undefined, undefined]);
  });
});

describe('AlipayPaymentProvider against the simulator', () => {
  it('sends the citizen to a signed cashier page, and a payment made there is notified, verified and read as succeeded', async () => {
    // Prepare
    const request = payment();

    // Act
    const action = await adapter().createPayment({ ...request, returnUrl: 'https://portal.example.gov.cn/pay' });
    const page = await fetch((action as { redirectUrl: string }).redirectUrl);
    const { notifications } = await pay(request.paymentId);
    const reading = await adapter().readNotification({ rawBody: notifications[0]!.rawBody, headers: {}, sourceIp: '127.0.0.1' });

    // Assess
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('¥23.50');
    expect(received).toContain(notifications[0]!.rawBody);
    expect(reading).toEqual({ callbacks: [{ eventId: `alipay:${request.paymentId}:succeeded`, paymentId: request.paymentId, ticketNumber: request.ticketNumber, status: 'succeeded', amountFen: 2350, occurredAt: expect.stringMatching(/\+08:00$/) }] });
    // The query when a notification is missing gives the same event.
    const queried = await adapter().queryPayment(request);
    expect(queried?.eventId).toBe(`alipay:${request.paymentId}:succeeded`);
  });

  it('uses WAP payment for mobile', async () => {
    const action = (await adapter().createPayment({ ...payment(), channel: 'wap' })) as { redirectUrl: string };
    expect(new URL(action.redirectUrl).searchParams.get('method')).toBe('alipay.trade.wap.pay');
    expect((await fetch(action.redirectUrl)).status).toBe(200);
  });

  it('answers "still open" for a trade not paid yet, or never opened', async () => {
    const request = payment();
    expect(await adapter().queryPayment(request)).toBeUndefined();
    await adapter().createPayment(request).then((action) => fetch((action as { redirectUrl: string }).redirectUrl));
    expect(await adapter().queryPayment(request)).toBeUndefined();
  });

  it('reads a declined trade as failed', async () => {
    const request = payment();
    await adapter().createPayment(request).then((action) => fetch((action as { redirectUrl: string }).redirectUrl));
    const { notifications } = await pay(request.paymentId, 'decline');
    const reading = await adapter().readNotification({ rawBody: notifications[0]!.rawBody, headers: {}, sourceIp: '127.0.0.1' });
    expect(reading).toMatchObject({ callbacks: [{ eventId: `alipay:${request.paymentId}:failed`, status: 'failed' }] });
  });

  it('refunds at once, and the answer, a repeated request and the notification are one event', async () => {
    // Prepare: a paid trade
    const request = payment(990);
    await adapter().createPayment(request).then((action) => fetch((action as { redirectUrl: string }).redirectUrl));
    await pay(request.paymentId);
    const refund = { refundId: `${request.paymentId}-r`, paymentId: request.paymentId, ticketNumber: request.ticketNumber, amountFen: 990 };

    // Act
    const first = await adapter().requestRefund(refund);
    const again = await adapter().requestRefund(refund);
    const trade = (await (await fetch(`${base}/simulators/alipay/trades/${request.paymentId}`)).json()) as { notifications: { rawBody: string; fields: Record<string, string> }[] };
    const notified = trade.notifications.find((n) => n.fields.out_biz_no === refund.refundId)!;
    const reading = await adapter().readNotification({ rawBody: notified.rawBody, headers: {}, sourceIp: '127.0.0.1' });

    // Assess
    const eventId = `alipay:${request.paymentId}:refund:${refund.refundId}`;
    expect(first).toMatchObject({ eventId, status: 'refunded', amountFen: 990 });
    expect(again).toMatchObject({ eventId, status: 'refunded', amountFen: 990 });
    expect(reading).toMatchObject({ callbacks: [{ eventId, status: 'refunded', amountFen: 990, ticketNumber: request.ticketNumber }] });
  });

  it('refuses a notification whose signature does not verify, or that names another app', async () => {
    // Prepare
    const request = payment();
    await adapter().createPayment(request).then((action) => fetch((action as { redirectUrl: string }).redirectUrl));
    const { notifications } = await pay(request.paymentId);
    const fields = new URLSearchParams(notifications[0]!.rawBody);
    const tampered = new URLSearchParams(fields);
    tampered.set('total_amount', '0.01');
    const forged = new URLSearchParams(fields);
    forged.set('app_id', '2021999999999999');
    forged.set('sign', rsa2Sign(signingString(Object.fromEntries(forged), ['sign', 'sign_type']), alipay.privateKey));

    // Act
    const read = (body: URLSearchParams) => adapter().readNotification({ rawBody: body.toString(), headers: {}, sourceIp: '127.0.0.1' });

    // Assess
    await expect(read(tampered)).resolves.toMatchObject({ refused: 'bad_signature' });
    await expect(read(forged)).resolves.toMatchObject({ refused: 'malformed' });
    await expect(adapter().readNotification({ rawBody: 'hello=1', headers: {}, sourceIp: '127.0.0.1' })).resolves.toMatchObject({ refused: 'malformed' });
    expect(adapter().acknowledge(true).body).toBe('success');
  });

  it('is refused by the gateway when it signs with another key, and fails loudly', async () => {
    const stranger = pem();
    const refused = adapter({ appPrivateKey: stranger.privateKey, alipayPublicKey: alipay.publicKey }).queryPayment(payment());
    await expect(refused).rejects.toBeInstanceOf(PaymentProviderError);
    await expect(refused).rejects.toThrow(/isv.invalid-signature/);
  });

  it('refuses an answer not signed with Alipay\'s key', async () => {
    const stranger = pem();
    await expect(adapter({ appPrivateKey: app.privateKey, alipayPublicKey: stranger.publicKey }).queryPayment(payment())).rejects.toBeInstanceOf(PaymentProviderError);
  });
});
