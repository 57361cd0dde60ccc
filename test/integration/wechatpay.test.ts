/**
 * The fee ticket paid through WeChat Pay: the real adapter (functions/payments/wechatpay.ts)
 * against the protocol simulator (local/simulators/wechatpay.ts) on the local platform
 * started with `providers: 'protocol'`. The citizen pays by the QR code's page; the
 * simulator's signed, encrypted notification completes the case; a forged one, one for
 * another amount and a replay change nothing; a second payment of the ticket is refunded
 * through WeChat Pay's refund API and its REFUND.SUCCESS notification.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../contracts/dates.js';
import { acceptedCase, decideStage, timelineOf, until, type SubmittedCase } from '../support/cases.js';
import { outboxEventsOf } from '../support/outbox.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform('430600', { providers: 'protocol' });
});
afterAll(async () => {
  await t?.stop();
});

/** What the simulator's test API answers of a notification it sent. */
interface SentNotification {
  id: string;
  event_type: string;
  attempts: { status?: number }[];
}

/** The refused callbacks kept in full for supervision today (`AUDIT#<day>`). */
async function refusedToday(): Promise<Record<string, any>[]> {
  const out = await t.dynamo.send(new QueryCommand({ TableName: t.dataTable, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `AUDIT#${shanghaiDate(new Date())}` }, ConsistentRead: true }));
  return (out.Items ?? []).filter((item) => item.kind === 'callback.refused' && item.source === 'payment');
}

const ticketOf = async (c: SubmittedCase) => (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body.ticket;

/** The citizen chooses WeChat Pay's QR code for the ticket. */
async function startWechatPayment(c: SubmittedCase, ticketNumber: string): Promise<{ paymentId: string; qrCode: string }> {
  const reply = await t.api.post(`/v1/tickets/${ticketNumber}/payments?queryCode=${c.queryCode}`, { provider: 'wechatpay', channel: 'native' });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  expect(reply.body).toMatchObject({ provider: 'wechatpay', channel: 'native', qrCode: expect.stringContaining('/simulators/wechatpay/pay/') });
  return reply.body;
}

/** The simulator's test API: `POST /simulators/wechatpay{path}`. */
async function simulator(path: string, body?: unknown): Promise<any> {
  const reply = await fetch(`${t.platform.url}/simulators/wechatpay${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? '' : JSON.stringify(body) });
  expect(reply.status, path).toBe(200);
  return reply.json();
}

/** The person scans the QR code and pays; resolves with the notification once the ticket is paid and all has settled. */
async function payByQrCode(c: SubmittedCase, started: { paymentId: string; qrCode: string }): Promise<SentNotification> {
  const page = await fetch(started.qrCode);
  expect(await page.text()).toContain('确认支付');
  const { notification } = await simulator(`/transactions/${started.paymentId.slice(1)}/pay`);
  await until(() => ticketOf(c), (ticket) => ticket.payments.some((p: { paymentId: string; status: string }) => p.paymentId === started.paymentId && p.status === 'succeeded'), 'the payment succeeded');
  await t.platform.idle();
  return notification;
}

describe('a ticket paid through WeChat Pay', () => {
  it('completes its case once the signed, encrypted notification arrives', async () => {
    // Prepare: the construction permit, whose fee is due when the department signs
    const c = await acceptedCase(t, { itemCode: '000110001000' }, { form: { floorArea: 100.01 } });
    await decideStage(t, c.caseId, 1);
    const { ticketNumber, totalFen } = await ticketOf(c);
    const methods = (await t.api.get(`/v1/tickets/${ticketNumber}?queryCode=${c.queryCode}`)).body.paymentMethods;

    // Act
    const started = await startWechatPayment(c, ticketNumber);
    const notification = await payByQrCode(c, started);

    // Assess
    expect(methods).toContainEqual({ provider: 'wechatpay', channels: ['native', 'h5'] });
    expect(notification).toMatchObject({ event_type: 'TRANSACTION.SUCCESS', attempts: [{ status: 204 }] });
    const ticket = await ticketOf(c);
    expect(ticket.status).toBe('paid');
    expect(ticket.payments).toEqual([expect.objectContaining({ paymentId: started.paymentId, status: 'succeeded', amountFen: totalFen })]);
    const done = (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;
    expect(done.status).toBe('completed');
    expect(await outboxEventsOf(t, c.caseId, 'case.completed')).toHaveLength(1);
  });
});

describe('notifications that change nothing', () => {
  it('refuses a forged signature and another amount, and takes a replay as already taken', async () => {
    // Prepare: a real-estate transfer (a fixed fee due at acceptance)
    const c = await acceptedCase(t, { itemCode: '000108005000' });
    const { ticketNumber, totalFen } = await ticketOf(c);
    const started = await startWechatPayment(c, ticketNumber);
    const outTradeNo = started.paymentId.slice(1);

    // Act: a notification signed by nobody, then one signed by WeChat Pay for another amount
    const forged = (await simulator(`/transactions/${outTradeNo}/notifications`, { signature: 'bad' })).notification as SentNotification;
    const otherAmount = (await simulator(`/transactions/${outTradeNo}/notifications`, { total: totalFen - 1 })).notification as SentNotification;
    await t.platform.idle();
    const untouched = await ticketOf(c);

    // Assess: refused, WeChat Pay told to send again, the ticket as it was, both kept for supervision
    expect(forged.attempts.map((a) => a.status)).toEqual([400]);
    expect(otherAmount.attempts.map((a) => a.status)).toEqual([400]);
    expect(untouched.status).toBe('issued');
    expect(untouched.payments).toEqual([expect.objectContaining({ paymentId: started.paymentId, status: 'pending' })]);
    const kept = (await refusedToday()).filter((item) => item.provider === 'wechatpay' || item.paymentId === started.paymentId);
    expect(kept.map((item) => item.reason).sort()).toEqual(['AMOUNT_MISMATCH', 'BAD_SIGNATURE']);

    // Act: the real payment, then its notification again, byte for byte
    const paid = await payByQrCode(c, started);
    const { attempt } = await simulator(`/notifications/${paid.id}/replay`);
    await t.platform.idle();

    // Assess: taken once
    expect(attempt.status).toBe(204);
    expect((await ticketOf(c)).status).toBe('paid');
    expect(await outboxEventsOf(t, c.caseId, 'ticket.paid')).toHaveLength(1);
    expect((await timelineOf(t, c.caseId)).filter((e) => e.action === 'ticket.paid')).toHaveLength(1);
  });
});

describe('a second payment of the ticket', () => {
  it('is refunded through WeChat Pay, confirmed by its REFUND.SUCCESS notification', async () => {
    // Prepare: the same ticket paid in two tabs
    const c = await acceptedCase(t, { itemCode: '000108005000' });
    const { ticketNumber, totalFen } = await ticketOf(c);
    const first = await startWechatPayment(c, ticketNumber);
    const second = await startWechatPayment(c, ticketNumber);
    await payByQrCode(c, first);

    // Act
    await payByQrCode(c, second);
    const refunded = await until(() => ticketOf(c), (ticket) => ticket.refunds.some((r: { status: string }) => r.status === 'completed'), 'the second payment refunded');
    await t.platform.idle();

    // Assess
    expect(refunded.status).toBe('paid');
    expect(refunded.refunds).toEqual([expect.objectContaining({ reason: 'double_payment', amountFen: totalFen, status: 'completed' })]);
    expect(refunded.payments.map((p: { status: string }) => p.status)).toEqual(['succeeded', 'refunded']);
    const { notifications } = await (await fetch(`${t.platform.url}/simulators/wechatpay/notifications?out_trade_no=${second.paymentId.slice(1)}`)).json();
    expect(notifications.map((n: SentNotification) => [n.event_type, n.attempts.at(-1)?.status])).toEqual([
      ['TRANSACTION.SUCCESS', 204],
      ['REFUND.SUCCESS', 204],
    ]);
  });
});
