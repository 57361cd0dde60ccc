/**
 * The fee ticket paid through Alipay, on the local platform in protocol mode: the real
 * adapter (functions/payments/alipay.ts, the official SDK) against the protocol simulator
 * (local/simulators/alipay.ts), which checks its RSA2 signatures and signs its answers and
 * notifications with its own key. A payment completes its case; a second payment is refunded
 * (Alipay's answer and its notification one event); a notification with a bad signature, a
 * wrong amount or a replay changes nothing and is kept for supervision.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../contracts/dates.js';
import { acceptedCase, decideStage, timelineOf, until, type SubmittedCase } from '../support/cases.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform('430600', { providers: 'protocol' });
});
afterAll(async () => {
  await t?.stop();
});

interface TradeView {
  trade: { status: string; totalAmount: string };
  refunds: { outRequestNo: string; refundAmount: string }[];
  notifications: { rawBody: string; fields: Record<string, string>; attempts: { status?: number; answer?: string }[] }[];
}

const simulator = (path: string) => `${t.platform.url}/simulators/alipay${path}`;
const ticketOf = async (c: SubmittedCase) => (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body.ticket;

/** The construction permit, approved: its ticket (due after approval) issued, the case awaiting payment. */
async function awaitingPayment() {
  const c = await acceptedCase(t, { itemCode: '000110001000' }, { form: { floorArea: 100.01 } });
  await decideStage(t, c.caseId, 1);
  return { c, ticket: await ticketOf(c) };
}

/** The applicant chooses Alipay, and opens its cashier page. */
async function startAlipay(c: SubmittedCase, ticketNumber: string) {
  const reply = await t.api.post(`/v1/tickets/${ticketNumber}/payments?queryCode=${c.queryCode}`, { provider: 'alipay', returnUrl: `${t.platform.url}/track.html` });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  const { paymentId, redirectUrl, channel } = reply.body as { paymentId: string; redirectUrl: string; channel: string };
  const page = await fetch(redirectUrl);
  expect(page.status).toBe(200);
  return { paymentId, redirectUrl, channel, page: await page.text() };
}

/** Drives the simulator's test API (`pay`, `decline`, `notify`); its answer once the notification's first attempt is over. */
async function atAlipay(paymentId: string, action: 'pay' | 'decline' | 'notify', body?: unknown): Promise<TradeView> {
  const reply = await fetch(simulator(`/trades/${paymentId}/${action}`), {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(reply.status).toBe(200);
  return (await reply.json()) as TradeView;
}

/** Posts a notification's form as Alipay does. */
async function notifyRaw(rawBody: string): Promise<string> {
  const reply = await fetch(`${t.platform.url}/v1/callbacks/payment/alipay`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: rawBody });
  expect(reply.status).toBe(200);
  return reply.text();
}

/** The refused callbacks kept for supervision today (and a minute ago), in full. */
async function refusals(): Promise<Record<string, any>[]> {
  const days = [...new Set([shanghaiDate(new Date(Date.now() - 120_000)), shanghaiDate(new Date())])];
  const items: Record<string, any>[] = [];
  for (const day of days) {
    const out = await t.dynamo.send(new QueryCommand({ TableName: t.dataTable, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `AUDIT#${day}` }, ConsistentRead: true }));
    items.push(...(out.Items ?? []).filter((i) => i.kind === 'callback.refused' && i.source === 'payment'));
  }
  return items;
}

describe('a ticket paid through Alipay', () => {
  it('is offered, paid on the cashier page, notified signed, and completes its case; a replay or a forged copy of the notification changes nothing', async () => {
    // Prepare
    const { c, ticket } = await awaitingPayment();
    const offered = (await t.api.get(`/v1/tickets/${ticket.ticketNumber}?queryCode=${c.queryCode}`)).body.paymentMethods;

    // Act
    const started = await startAlipay(c, ticket.ticketNumber);
    const trade = await atAlipay(started.paymentId, 'pay');
    const paid = await until(() => ticketOf(c), (x) => x.status === 'paid', 'the ticket paid');
    await t.platform.idle();
    const [notification] = trade.notifications;
    const replayed = await notifyRaw(notification!.rawBody);
    const forged = new URLSearchParams(notification!.rawBody);
    forged.set('total_amount', '0.01');
    const forgedAnswer = await notifyRaw(forged.toString());
    await t.platform.idle();

    // Assess
    expect(offered).toContainEqual({ provider: 'alipay', channels: ['page', 'wap'] });
    expect(started.channel).toBe('page');
    expect(new URL(started.redirectUrl).searchParams.get('method')).toBe('alipay.trade.page.pay');
    expect(started.page).toContain('¥9,090.00');
    expect(notification!.fields).toMatchObject({ trade_status: 'TRADE_SUCCESS', total_amount: '9090.00', out_trade_no: started.paymentId, sign_type: 'RSA2' });
    expect(notification!.attempts[0]).toMatchObject({ status: 200, answer: 'success' });
    expect(paid.payments).toEqual([expect.objectContaining({ paymentId: started.paymentId, status: 'succeeded', amountFen: 909_000 })]);
    const view = (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;
    expect(view.status).toBe('completed');
    // The replay is taken as already taken; the forged copy is refused, for Alipay to send again.
    expect(replayed).toBe('success');
    expect(forgedAnswer).toBe('fail');
    expect((await timelineOf(t, c.caseId)).filter((e) => e.action === 'ticket.paid')).toHaveLength(1);
    expect((await ticketOf(c)).payments).toEqual(paid.payments);
    const kept = await refusals();
    expect(kept).toContainEqual(expect.objectContaining({ reason: 'BAD_SIGNATURE', provider: 'alipay' }));
    expect(kept).toContainEqual(expect.objectContaining({ reason: 'EVENT_ALREADY_SEEN', eventId: `alipay:${started.paymentId}:succeeded` }));
  });

  it('refunds a second payment of the paid ticket through Alipay, once, its answer and its notification one event', async () => {
    // Prepare: two tabs start a payment each
    const { c, ticket } = await awaitingPayment();
    const first = await startAlipay(c, ticket.ticketNumber);
    const second = await startAlipay(c, ticket.ticketNumber);
    await atAlipay(first.paymentId, 'pay');
    await until(() => ticketOf(c), (x) => x.status === 'paid', 'the ticket paid');

    // Act: the second tab pays too
    await atAlipay(second.paymentId, 'pay');
    const refunded = await until(() => ticketOf(c), (x) => x.refunds.some((r: { status: string }) => r.status === 'completed'), 'the second payment refunded');
    await t.platform.idle();

    // Assess
    expect(refunded.status).toBe('paid');
    expect(refunded.refunds).toEqual([expect.objectContaining({ refundId: `${second.paymentId}-r`, reason: 'double_payment', amountFen: 909_000, status: 'completed' })]);
    expect(refunded.payments.map((p: { status: string }) => p.status)).toEqual(['succeeded', 'refunded']);
    const trade = (await (await fetch(simulator(`/trades/${second.paymentId}`))).json()) as TradeView;
    expect(trade.refunds).toEqual([expect.objectContaining({ outRequestNo: `${second.paymentId}-r`, refundAmount: '9090.00' })]);
    expect(trade.trade.status).toBe('TRADE_CLOSED');
    // Alipay's refund notification came too: the same event as its answer, taken already.
    const refundNotice = trade.notifications.find((n) => n.fields.out_biz_no === `${second.paymentId}-r`)!;
    expect(refundNotice.attempts.at(-1)).toMatchObject({ answer: 'success' });
    expect((await timelineOf(t, c.caseId)).filter((e) => e.action === 'refund.completed')).toHaveLength(1);
  });

  it('asks Alipay about a payment whose notification was lost when the ticket is read, and applies its answer once', async () => {
    // Prepare: paid at Alipay, but its notification never arrives
    const { c, ticket } = await awaitingPayment();
    const started = await startAlipay(c, ticket.ticketNumber);
    const trade = await atAlipay(started.paymentId, 'pay', { notify: false });
    const before = await ticketOf(c);

    // Act: the applicant is back on the ticket; later the notification comes after all
    const read = (await t.api.get(`/v1/tickets/${ticket.ticketNumber}?queryCode=${c.queryCode}`)).body;
    await t.platform.idle();
    const late = await atAlipay(started.paymentId, 'notify');

    // Assess
    expect(trade.notifications).toEqual([]);
    expect(before.status).toBe('issued');
    expect(read.status).toBe('paid');
    expect(read.payments).toEqual([expect.objectContaining({ paymentId: started.paymentId, status: 'succeeded' })]);
    expect((await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body.status).toBe('completed');
    expect(late.notifications[0]!.attempts[0]).toMatchObject({ answer: 'success' });
    expect((await timelineOf(t, c.caseId)).filter((e) => e.action === 'ticket.paid')).toHaveLength(1);
  });

  it('refuses a signed notification of another amount: the payment stays pending, the refusal kept', async () => {
    // Prepare: the applicant is on the cashier page, not paid yet
    const { c, ticket } = await awaitingPayment();
    const started = await startAlipay(c, ticket.ticketNumber);

    // Act: a notification says it was paid, for 0.01 yuan
    const trade = await atAlipay(started.paymentId, 'notify', { fields: { trade_status: 'TRADE_SUCCESS', total_amount: '0.01' } });

    // Assess
    expect(trade.notifications[0]!.attempts[0]).toMatchObject({ status: 200, answer: 'fail' });
    const after = await ticketOf(c);
    expect(after.status).toBe('issued');
    expect(after.payments).toEqual([expect.objectContaining({ paymentId: started.paymentId, status: 'pending' })]);
    expect(await refusals()).toContainEqual(expect.objectContaining({ reason: 'AMOUNT_MISMATCH', paymentId: started.paymentId }));
  });
});
