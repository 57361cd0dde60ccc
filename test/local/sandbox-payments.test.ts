// The sandbox payment provider of the local runtime: its signed API, its page (in a real
// Chromium, with axe), the signed callbacks it sends and how it retries them. The
// callback route itself is OneTrip's; these tests only read what the sandbox sent.
import { randomUUID } from 'node:crypto';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { paymentProvider } from '../../functions/payments/index.js';
import { verifySignature } from '../../contracts/signature.js';
import { deliverSignedCallback, type CallbackAttempt } from '../../local/sandbox-shared.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { nowSeconds, SHANGHAI_ISO, signedPost, startCallbackReceiver, type CallbackReceiver } from '../support/sandbox.js';
import { CHROMIUM, axeViolations, describeViolations } from '../widgets/harness.js';

describe('deliverSignedCallback', () => {
  let receiver: CallbackReceiver;
  let url: string;

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    url = `${receiver.url}/v1/callbacks/payment`;
  });
  afterAll(async () => {
    await receiver.close();
  });

  async function deliver(statuses: number[], to = url) {
    receiver.answer(statuses);
    const attempts: CallbackAttempt[] = [];
    const outcome = await deliverSignedCallback(to, '{"eventId":"e-1"}', { secret: 's3cret', delaysMs: [5, 5, 5, 5, 5], onAttempt: (attempt) => attempts.push(attempt) });
    return { outcome, attempts };
  }

  it('retries 5xx and 409, and stops at the first 2xx', async () => {
    const { outcome, attempts } = await deliver([503, 409, 500, 200]);
    expect(outcome).toBe('delivered');
    expect(attempts.map((attempt) => attempt.status)).toEqual([503, 409, 500, 200]);
    // each attempt is signed, and the signature covers the body as sent
    for (const { signature, body } of receiver.received) expect(verifySignature(signature, body, 's3cret', nowSeconds()).ok).toBe(true);
  });

  it('stops at a 4xx other than 409 without retrying', async () => {
    const { outcome, attempts } = await deliver([422]);
    expect(outcome).toBe('refused');
    expect(attempts.map((attempt) => attempt.status)).toEqual([422]);
  });

  it('gives up after six attempts', async () => {
    const { outcome, attempts } = await deliver([502]);
    expect(outcome).toBe('gave_up');
    expect(attempts).toHaveLength(6);
  });

  it('retries when the receiver cannot be reached, recording the error', async () => {
    const { outcome, attempts } = await deliver([200], 'http://127.0.0.1:1/v1/callbacks/payment');
    expect(outcome).toBe('gave_up');
    expect(attempts).toHaveLength(6);
    expect(attempts[0]!.status).toBeUndefined();
    expect(attempts[0]!.error).toBeTruthy();
  });
});

describe('the sandbox payment provider in the local runtime', () => {
  let t: TestPlatform;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([
      startTestPlatform('430600'),
      chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  /** A POST as the payment adapter sends it, signed with `secret` (the platform's payment secret). */
  const post = (path: string, body: unknown, secret = t.platform.secrets.payment) => signedPost(`${t.platform.url}${path}`, body, secret);

  function decide(paymentId: string, decision: string) {
    return fetch(`${t.platform.url}/sandbox/payments/${paymentId}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ decision }),
      redirect: 'manual',
    });
  }

  async function callbacksOf(paymentId: string) {
    const response = await fetch(`${t.platform.url}/sandbox/payments/${paymentId}/callbacks`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { callbacks: any[] }).callbacks;
  }

  const payment = (overrides: Record<string, unknown> = {}) => ({
    paymentId: `PAY-${randomUUID()}`,
    ticketNumber: 'T430600-20261128-000042',
    amountFen: 1_234_505,
    description: '食品经营许可 <核发>',
    ...overrides,
  });

  it('lists its routes in the platform index', () => {
    expect(t.platform.index.local).toEqual(expect.arrayContaining(['POST /sandbox/payments', 'POST /sandbox/refunds']));
  });

  it('registers a signed payment, idempotently, and refuses unsigned or wrongly signed ones', async () => {
    // Prepare
    const request = payment();

    // Act
    const created = await post('/sandbox/payments', request);
    const again = await post('/sandbox/payments', request);
    const changed = await post('/sandbox/payments', { ...request, amountFen: 1 });
    const unsigned = await fetch(`${t.platform.url}/sandbox/payments`, { method: 'POST', body: JSON.stringify(payment()) });
    const wrongSecret = await post('/sandbox/payments', payment(), 'not-the-secret');
    const unknownMember = await post('/sandbox/payments', { ...payment(), currency: 'CNY' });

    // Assess
    expect(created.status).toBe(201);
    const { redirectUrl } = (await created.json()) as { redirectUrl: string };
    expect(redirectUrl).toBe(`${t.platform.url}/sandbox/payments/${request.paymentId}`);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ redirectUrl });
    expect(changed.status).toBe(409);
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as any).error.code).toBe('BAD_SIGNATURE');
    expect(wrongSecret.status).toBe(401);
    expect(unknownMember.status).toBe(400);
    expect(((await unknownMember.json()) as any).error.fields).toEqual([{ path: '/currency', message: 'not allowed' }]);
  });

  it('shows an accessible Chinese payment page; paying sends the person back and a signed succeeded callback to OneTrip', async () => {
    // Prepare
    const returnUrl = `${t.platform.url}/health`;
    const request = payment({ returnUrl });
    expect((await post('/sandbox/payments', request)).status).toBe(201);
    const page = await browser.newPage();

    // Act: the page as the citizen sees it
    await page.goto(`${t.platform.url}/sandbox/payments/${request.paymentId}`);

    // Assess
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toBe('模拟支付（沙箱）');
    const main = await page.locator('main').innerText();
    expect(main).toContain('T430600-20261128-000042');
    expect(main).toContain('¥12,345.05');
    expect(main).toContain('食品经营许可 <核发>');
    expect(await page.locator('button[name=decision][value=pay]').textContent()).toBe('确认支付');
    expect(await page.locator('button[name=decision][value=decline]').textContent()).toBe('拒绝支付');
    expect(await page.locator('script, link, img, iframe, [src]').count(), 'no external resources').toBe(0);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    // Act: pay
    await Promise.all([page.waitForURL(returnUrl), page.getByRole('button', { name: '确认支付' }).click()]);
    await t.platform.idle();

    // Assess: the callback as sent
    const callbacks = await callbacksOf(request.paymentId);
    expect(callbacks).toHaveLength(1);
    const [callback] = callbacks;
    expect(callback.url).toBe(`${t.platform.url}/v1/callbacks/payment`);
    expect(callback.body).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      paymentId: request.paymentId,
      ticketNumber: request.ticketNumber,
      status: 'succeeded',
      amountFen: request.amountFen,
      occurredAt: expect.stringMatching(SHANGHAI_ISO),
    });
    expect(JSON.parse(callback.rawBody)).toEqual(callback.body);
    expect(verifySignature(callback.header, callback.rawBody, t.platform.secrets.payment, nowSeconds())).toMatchObject({ ok: true });
    // OneTrip was asked once and answered: it knows no such payment (404), so the sandbox stops
    expect(callback.attempts.map((attempt: { status?: number; error?: string }) => ({ status: attempt.status, error: attempt.error }))).toEqual([{ status: 404, error: undefined }]);
    expect(callback.outcome).toBe('refused');

    // and it cannot be paid twice
    const twice = await decide(request.paymentId, 'pay');
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('该笔支付已处理');
    await page.goto(`${t.platform.url}/sandbox/payments/${request.paymentId}`);
    expect(await page.locator('[role=status]').innerText()).toContain('已确认支付');
    expect(await page.locator('form').count()).toBe(0);
    const after = await axeViolations(page);
    expect(after, describeViolations(after)).toEqual([]);
    await page.close();
  });

  it('declining sends a failed callback and, without a returnUrl, shows the result', async () => {
    // Prepare
    const request = payment();
    expect((await post('/sandbox/payments', request)).status).toBe(201);

    // Act
    const declined = await decide(request.paymentId, 'decline');
    await t.platform.idle();

    // Assess
    expect(declined.status).toBe(200);
    expect(await declined.text()).toContain('已拒绝支付');
    const [callback, ...more] = await callbacksOf(request.paymentId);
    expect(more).toEqual([]);
    expect(callback.body).toMatchObject({ status: 'failed', amountFen: request.amountFen });
    expect(verifySignature(callback.header, callback.rawBody, t.platform.secrets.payment, nowSeconds()).ok).toBe(true);
    expect((await decide(request.paymentId, 'maybe')).status).toBe(400);
  });

  it('is what the functions’ sandbox adapter talks to, with the secret the runtime hands them', async () => {
    // Prepare: the environment the runtime gives a function with the payment-secret need
    const [arn] = Object.entries(t.platform.secrets.byArn).find(([, value]) => value === t.platform.secrets.payment)!;
    vi.stubEnv('PAYMENT_PROVIDERS', JSON.stringify([{ provider: 'sandbox', url: `${t.platform.url}/sandbox/payments`, secretArn: arn }]));
    vi.stubEnv('ONETRIP_LOCAL_SECRETS', JSON.stringify(t.platform.secrets.byArn));
    const request = payment();

    try {
      // Act
      const answer = await (await paymentProvider()).createPayment({ ...request, channel: 'page' });
      const declinedRefund = (await paymentProvider()).requestRefund({ refundId: `REF-${randomUUID()}`, paymentId: request.paymentId, ticketNumber: request.ticketNumber, amountFen: 1 });

      // Assess
      expect(answer).toEqual({ redirectUrl: `${t.platform.url}/sandbox/payments/${request.paymentId}` });
      await expect(declinedRefund).rejects.toMatchObject({ name: 'PaymentProviderError', status: 409 });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('accepts a signed refund of a paid payment, once per refund id, and sends a refunded callback shortly after', async () => {
    // Prepare: a paid payment and a declined one
    const paid = payment();
    const declined = payment();
    for (const request of [paid, declined]) expect((await post('/sandbox/payments', request)).status).toBe(201);
    expect((await decide(paid.paymentId, 'pay')).status).toBe(200);
    expect((await decide(declined.paymentId, 'decline')).status).toBe(200);
    const refund = { refundId: `REF-${randomUUID()}`, paymentId: paid.paymentId, ticketNumber: paid.ticketNumber, amountFen: 5 };

    // Act
    const accepted = await post('/sandbox/refunds', refund);
    const replayed = await post('/sandbox/refunds', refund);
    await t.platform.idle();

    // Assess
    expect(accepted.status).toBe(202);
    expect(replayed.status).toBe(202);
    const refunded = (await callbacksOf(paid.paymentId)).filter((callback) => callback.status === 'refunded');
    expect(refunded).toHaveLength(1);
    expect(refunded[0].refundId).toBe(refund.refundId);
    expect(refunded[0].body).toMatchObject({ paymentId: paid.paymentId, ticketNumber: paid.ticketNumber, status: 'refunded', amountFen: 5 });
    expect(verifySignature(refunded[0].header, refunded[0].rawBody, t.platform.secrets.payment, nowSeconds()).ok).toBe(true);

    // and what a provider would refuse
    const unsigned = await fetch(`${t.platform.url}/sandbox/refunds`, { method: 'POST', body: JSON.stringify({ ...refund, refundId: 'R-2' }) });
    expect(unsigned.status).toBe(401);
    expect((await post('/sandbox/refunds', { ...refund, refundId: 'R-3', amountFen: paid.amountFen })).status).toBe(422);
    expect((await post('/sandbox/refunds', { ...refund, refundId: 'R-4', paymentId: declined.paymentId })).status).toBe(409);
    expect((await post('/sandbox/refunds', { ...refund, amountFen: 6 })).status).toBe(409);
  });
});
