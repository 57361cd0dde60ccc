import { afterEach, describe, expect, it, vi } from 'vitest';
import { PaymentProviderError } from '../../functions/payments/errors.js';
import { paymentMethods, paymentProvider, type PaymentMethod } from '../../functions/payments/index.js';
import { chooseMethod } from '../../functions/app/payments.js';
import { SandboxPaymentProvider } from '../../functions/payments/sandbox.js';
import { ConfigurationError } from '../../functions/domain/errors.js';
import { secretValue } from '../../functions/lambda/secrets.js';
import { ProviderError } from '../../functions/lambda/provider-http.js';
import { SIGNATURE_HEADER, signatureHeader, verifySignature } from '../../contracts/signature.js';

const ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:payment-abcdef';
const NOW = 1_795_000_000;

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A fetch that records its calls and answers `status` with `body`. */
function fakeFetch(status: number, body: unknown) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

const sandbox = (fetch: typeof globalThis.fetch, url = 'http://127.0.0.1:3000/sandbox/payments/') =>
  new SandboxPaymentProvider({ url, secret: async () => 'shared', fetch, nowSeconds: () => NOW });

describe('SandboxPaymentProvider', () => {
  it('posts the payment signed with the shared secret and returns the redirect URL', async () => {
    // Prepare
    const { calls, fetch } = fakeFetch(201, { redirectUrl: 'http://127.0.0.1:3000/sandbox/payments/P-1' });

    // Act
    const answer = await sandbox(fetch).createPayment({ paymentId: 'P-1', ticketNumber: 'T1', amountFen: 500, description: '许可', channel: 'page' });

    // Assess
    expect(answer).toEqual({ redirectUrl: 'http://127.0.0.1:3000/sandbox/payments/P-1' });
    const [call] = calls;
    expect(call!.url).toBe('http://127.0.0.1:3000/sandbox/payments');
    const headers = call!.init.headers as Record<string, string>;
    expect(JSON.parse(call!.init.body as string)).toEqual({ paymentId: 'P-1', ticketNumber: 'T1', amountFen: 500, description: '许可' });
    expect(verifySignature(headers[SIGNATURE_HEADER], call!.init.body as string, 'shared', NOW)).toEqual({ ok: true, timestamp: NOW });
    expect(call!.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('sends refunds beside the payments endpoint', async () => {
    const { calls, fetch } = fakeFetch(202, { refundId: 'R-1', status: 'accepted' });
    await sandbox(fetch).requestRefund({ refundId: 'R-1', paymentId: 'P-1', ticketNumber: 'T1', amountFen: 500 });
    expect(calls[0]!.url).toBe('http://127.0.0.1:3000/sandbox/refunds');
  });

  it('throws a PaymentProviderError with the status when the provider refuses', async () => {
    const { fetch } = fakeFetch(409, { error: { code: 'PAYMENT_ID_REUSED' } });
    const refused = sandbox(fetch).createPayment({ paymentId: 'P-1', ticketNumber: 'T1', amountFen: 500, description: 'x', channel: 'page' });
    await expect(refused).rejects.toBeInstanceOf(PaymentProviderError);
    await expect(refused).rejects.toMatchObject({ status: 409, message: expect.stringContaining('PAYMENT_ID_REUSED') });
  });

  it('throws a PaymentProviderError without a status when the provider cannot be reached', async () => {
    const fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof globalThis.fetch;
    const error = await sandbox(fetch).requestRefund({ refundId: 'R-1', paymentId: 'P-1', ticketNumber: 'T1', amountFen: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentProviderError);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as PaymentProviderError).status).toBeUndefined();
    expect((error as PaymentProviderError).cause).toBeInstanceOf(TypeError);
  });
});

describe('SandboxPaymentProvider notifications', () => {
  const body = JSON.stringify({ eventId: 'E-1', paymentId: 'P-1', ticketNumber: 'T1', status: 'succeeded', amountFen: 500, occurredAt: '2026-12-08T12:00:00+08:00' });
  const read = (signature: string, raw = body) => sandbox(fakeFetch(200, {}).fetch).readNotification({ rawBody: raw, headers: { [SIGNATURE_HEADER]: signature }, sourceIp: '127.0.0.1' });
  const now = () => Math.floor(Date.now() / 1000);

  it("reads a callback signed with the shared secret, and refuses another's, a stale one or one that is not JSON", async () => {
    await expect(read(signatureHeader('shared', body, now()))).resolves.toEqual({ callbacks: [JSON.parse(body)] });
    await expect(read(signatureHeader('other', body, now()))).resolves.toMatchObject({ refused: 'bad_signature' });
    await expect(read(signatureHeader('shared', body, now() - 3600))).resolves.toMatchObject({ refused: 'stale' });
    await expect(read(signatureHeader('shared', 'nope', now()), 'nope')).resolves.toMatchObject({ refused: 'malformed' });
  });

  it('is answered 200 when taken, 400 with a code when refused', () => {
    const provider = sandbox(fakeFetch(200, {}).fetch);
    expect(provider.acknowledge(true).statusCode).toBe(200);
    expect(provider.acknowledge(false, 'amount')).toMatchObject({ statusCode: 400, body: expect.stringContaining('CALLBACK_REFUSED') });
  });
});

describe('paymentProvider', () => {
  const sandboxEntry = { provider: 'sandbox', url: 'http://127.0.0.1:3000/sandbox/payments', secretArn: ARN };
  const alipayEntry = { provider: 'alipay', url: 'https://openapi.alipay.com/gateway.do', appId: '2021000000000001', secretArn: `${ARN}-alipay` };

  it('builds the configured adapters from the environment, the first by default, each loaded on first use', async () => {
    vi.stubEnv('PAYMENT_PROVIDERS', JSON.stringify([sandboxEntry, alipayEntry]));
    expect((await paymentProvider()).name).toBe('sandbox');
    expect((await paymentProvider('sandbox')).name).toBe('sandbox');
    expect((await paymentProvider('alipay')).name).toBe('alipay');
    expect(await paymentProvider('alipay')).toBe(await paymentProvider('alipay'));
  });

  it("lists the county's payment methods in its order, with each provider's channels", () => {
    vi.stubEnv('PAYMENT_PROVIDERS', JSON.stringify([alipayEntry, sandboxEntry]));
    expect(paymentMethods()).toEqual([
      { provider: 'alipay', channels: ['page', 'wap'] },
      { provider: 'sandbox', channels: ['page', 'wap', 'native'] },
    ]);
  });

  it('fails loudly on a missing or unknown provider', async () => {
    vi.stubEnv('PAYMENT_PROVIDERS', '');
    await expect(paymentProvider()).rejects.toThrow(ConfigurationError);
    vi.stubEnv('PAYMENT_PROVIDERS', JSON.stringify([{ ...sandboxEntry, provider: 'unionpay' }]));
    await expect(paymentProvider()).rejects.toThrow(/provider "unionpay" is not one OneTrip has an adapter for/);
    vi.stubEnv('PAYMENT_PROVIDERS', JSON.stringify([sandboxEntry]));
    await expect(paymentProvider('alipay')).rejects.toThrow(/no payment provider alipay/);
  });
});

describe('chooseMethod', () => {
  const methods: PaymentMethod[] = [
    { provider: 'alipay', channels: ['page', 'wap'] },
    { provider: 'wechatpay', channels: ['native', 'h5'] },
  ];
  const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148';

  it('takes the first provider and the channel that suits the device unless asked', () => {
    expect(chooseMethod(methods, {}, 'Mozilla/5.0 (Windows NT 10.0)')).toEqual({ provider: 'alipay', channel: 'page' });
    expect(chooseMethod(methods, {}, PHONE)).toEqual({ provider: 'alipay', channel: 'wap' });
    expect(chooseMethod(methods, { provider: 'wechatpay' }, PHONE)).toEqual({ provider: 'wechatpay', channel: 'h5' });
    expect(chooseMethod(methods, { provider: 'wechatpay' })).toEqual({ provider: 'wechatpay', channel: 'native' });
    expect(chooseMethod(methods, { provider: 'wechatpay', channel: 'h5' })).toEqual({ provider: 'wechatpay', channel: 'h5' });
  });

  it('refuses a provider the county does not offer, or a channel the provider does not, by code', () => {
    expect(() => chooseMethod(methods, { provider: 'unionpay' })).toThrow(expect.objectContaining({ code: 'PAYMENT_PROVIDER_NOT_OFFERED', kind: 'invalid', params: { provider: 'unionpay', offered: 'alipay, wechatpay' } }));
    expect(() => chooseMethod(methods, { provider: 'alipay', channel: 'native' })).toThrow(expect.objectContaining({ code: 'PAYMENT_CHANNEL_NOT_OFFERED', params: { provider: 'alipay', channel: 'native', offered: 'page, wap' } }));
  });
});

describe('secretValue', () => {
  it('reads the local runtime’s map when it is set', async () => {
    vi.stubEnv('PAYMENT_SECRET_ARN', ARN);
    vi.stubEnv('ONETRIP_LOCAL_SECRETS', JSON.stringify({ [ARN]: 'local-value' }));
    await expect(secretValue('PAYMENT_SECRET_ARN')).resolves.toBe('local-value');
  });

  it('throws a ConfigurationError when the variable or the secret is missing', async () => {
    vi.stubEnv('PAYMENT_SECRET_ARN', '');
    await expect(secretValue('PAYMENT_SECRET_ARN')).rejects.toBeInstanceOf(ConfigurationError);
    vi.stubEnv('PAYMENT_SECRET_ARN', ARN);
    vi.stubEnv('ONETRIP_LOCAL_SECRETS', '{}');
    await expect(secretValue('PAYMENT_SECRET_ARN')).rejects.toThrow(/no secret/);
  });
});
