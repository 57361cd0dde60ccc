/**
 * One ticket against the emulators: issued once at the fee point, paid once through the
 * sandbox payment provider (the case's result issued only then), settled to the
 * departments to the fen; callbacks that are
 * replayed, reordered, forged, stale or for the wrong amount change nothing.
 */
import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../contracts/dates.js';
import { signatureHeader } from '../../contracts/signature.js';
import { acceptedCase, decideStage, timelineOf, until, type SubmittedCase } from '../support/cases.js';
import { applicantCompany } from '../support/fixtures.js';
import { outboxEventsOf, redeliver } from '../support/outbox.js';
import { expectIssued, expectNotIssued, resultsRendered } from '../support/results.js';
import { extractText } from '../support/pdf.js';
import { forgeCheck, signedParts } from '../support/pdf-signature.js';
import { signingKeyFromP12 } from '../../functions/results/pdf-signing.js';
import forge from 'node-forge';
import { caseItems, startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
let supervisor: string;
const today = shanghaiDate(new Date());

beforeAll(async () => {
  t = await startTestPlatform();
  supervisor = await t.api.token('supervisor');
});
afterAll(async () => {
  await t?.stop();
});

/** The construction bundle's form, with every fee charged: the basement relocated, three lifts, not a small enterprise. */
const CONSTRUCTION_FORM = { floorArea: 1234.5, disturbedArea: 3000.25, wasteVolume: 500.7, relocation: true, equipmentCount: 3, smallMicroEnterprise: false };

const ticketOf = async (c: SubmittedCase) => (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body.ticket;
const caseRecord = async (caseId: string) => (await caseItems(t, caseId, 'CASE'))[0] as any;
const outboxOf = (caseId: string, type: string) => outboxEventsOf(t, caseId, type);

async function ledger(day = today): Promise<any[]> {
  const out = await t.dynamo.send(new QueryCommand({ TableName: t.dataTable, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `LEDGER#${day}` } }));
  return out.Items ?? [];
}

async function startPayment(c: SubmittedCase, ticketNumber: string) {
  const reply = await t.api.post(`/v1/tickets/${ticketNumber}/payments?queryCode=${c.queryCode}`, { returnUrl: `${t.platform.url}/track.html` });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as { paymentId: string; redirectUrl: string; amountFen: number };
}

/** The citizen on the sandbox provider's page presses pay (or decline). */
async function decideAtSandbox(redirectUrl: string, decision: 'pay' | 'decline') {
  const page = await fetch(redirectUrl);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('确认支付');
  const reply = await fetch(`${redirectUrl}/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ decision }).toString(),
    redirect: 'manual',
  });
  expect([200, 303]).toContain(reply.status);
}

/** A callback signed as the provider would, or with another secret, or at another time. */
function callback(body: Record<string, unknown>, options: { secret?: string; at?: number } = {}) {
  const raw = JSON.stringify(body);
  const at = options.at ?? Math.floor(Date.now() / 1000);
  return t.api.request('POST', '/v1/callbacks/payment', {
    body: raw,
    headers: { 'content-type': 'application/json', 'x-onetrip-signature': signatureHeader(options.secret ?? t.platform.secrets.payment, raw, at) },
  });
}

/** The citizen pays at the sandbox provider; resolves once the ticket is paid and everything has settled. */
async function pay(c: SubmittedCase, ticketNumber: string) {
  const started = await startPayment(c, ticketNumber);
  await decideAtSandbox(started.redirectUrl, 'pay');
  const ticket = await until(() => ticketOf(c), (x) => x.status === 'paid', 'the ticket paid');
  await t.platform.idle();
  return { started, ticket };
}

/** The construction bundle accepted with every fee charged: the case and its ticket, issued. */
async function constructionCase() {
  const c = await acceptedCase(t, { bundleCode: 'CONSTRUCTION-JOINT' }, { form: CONSTRUCTION_FORM });
  return { c, ticket: await ticketOf(c) };
}

/** The construction bundle's ticket, paid: the case, the ticket number and the payment. */
async function paidConstructionCase() {
  const { c, ticket } = await constructionCase();
  const { started } = await pay(c, ticket.ticketNumber);
  return { c, ticketNumber: ticket.ticketNumber as string, paymentId: started.paymentId };
}

async function settlementReport(day = today) {
  const reply = await t.api.get(`/v1/staff/settlement/${day}`, supervisor);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

describe('the construction bundle’s one ticket', () => {
  it('is issued once at acceptance, with the fees of seven departments adding up to the total', async () => {
    // Act
    const { c, ticket } = await constructionCase();

    // Assess
    const { ticketNumber } = ticket;
    expect(ticket.status).toBe('issued');
    expect(ticket.feePoint).toBe('acceptance');
    expect(ticket.departments).toHaveLength(7);
    expect(ticket.lines.reduce((sum: number, l: { amountFen: number }) => sum + l.amountFen, 0)).toBe(ticket.totalFen);
    expect(ticket.departments.reduce((sum: number, d: { amountFen: number }) => sum + d.amountFen, 0)).toBe(ticket.totalFen);
    expect(ticket.totalFen).toBe(14_697_140);
    expect(ticket.dueDate > today).toBe(true);
    expect((await t.api.get(`/v1/tickets/${ticketNumber}?queryCode=${c.queryCode}`)).body).toEqual({ ...ticket, paymentMethods: [{ provider: 'sandbox', channels: ['page', 'wap', 'native'] }] });
    expect((await t.api.get(`/v1/tickets/${ticketNumber}?queryCode=WRONGCODE`)).status).toBe(404);
    expect((await t.api.get(`/v1/tickets/T-nonsense?queryCode=${c.queryCode}`)).status).toBe(404);
    expect(await outboxOf(c.caseId, 'ticket.issued')).toHaveLength(1);
  });

  it('is paid once through the sandbox provider and split to the seven departments to the fen', async () => {
    // Prepare
    const { c, ticket: issued } = await constructionCase();
    const { ticketNumber } = issued;

    // Act
    const { started, ticket } = await pay(c, ticketNumber);
    const { paymentId } = started;

    // Assess
    expect(started.amountFen).toBe(14_697_140);
    expect(ticket.lines.every((l: { status: string }) => l.status === 'paid')).toBe(true);
    expect(ticket.payments).toEqual([expect.objectContaining({ paymentId, status: 'succeeded', amountFen: 14_697_140 })]);
    expect(await outboxOf(c.caseId, 'ticket.paid')).toHaveLength(1);
    const entries = (await ledger()).filter((e) => e.ticketNumber === ticketNumber);
    expect(entries.filter((e) => e.kind === 'PAY').map((e) => e.amountFen)).toEqual([14_697_140]);
    const splits = entries.filter((e) => e.kind === 'SPLIT');
    expect(new Set(splits.map((e) => e.department)).size).toBe(7);
    expect(splits.reduce((sum, e) => sum + e.amountFen, 0)).toBe(14_697_140);
    const report = await settlementReport();
    expect(report.reconciliation.ok).toBe(true);
    const tickets = report.departments.flatMap((d: { tickets: { ticketNumber: string }[] }) => d.tickets).filter((x: { ticketNumber: string }) => x.ticketNumber === ticketNumber);
    expect(tickets).toHaveLength(7);
  });

  it('has a signed payment receipt once paid, listing every department’s line and the total; none before', async () => {
    // Prepare
    const { c, ticket } = await constructionCase();
    const receiptPath = `/v1/tickets/${ticket.ticketNumber}/receipt`;

    // Act
    const early = await t.api.get(`${receiptPath}?queryCode=${c.queryCode}`);
    const { started } = await pay(c, ticket.ticketNumber);
    const receipt = await t.api.get<Buffer>(`${receiptPath}?queryCode=${c.queryCode}`);
    const again = await t.api.get<Buffer>(`${receiptPath}?queryCode=${c.queryCode}`);

    // Assess
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'TICKET_NOT_PAID' } } });
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-disposition')).toBe(`attachment; filename="receipt-${ticket.ticketNumber}.pdf"`);
    const check = forgeCheck(await signedParts(receipt.body));
    expect(check).toMatchObject({ digestMatches: true, signatureVerifies: true });
    expect(check.signerPem).toBe(forge.pki.certificateToPem(signingKeyFromP12(t.platform.secrets.get('signing')).certificate));
    const text = await extractText(new Uint8Array(receipt.body));
    for (const expected of ['缴费凭证', ticket.ticketNumber, c.receiptNumber, started.paymentId, '¥146,971.40', applicantCompany.name]) expect(text).toContain(expected);
    for (const department of ticket.departments) expect(text).toContain(department.departmentName.zh.replace(/\s+/g, ''));
    expect(again.body.equals(receipt.body)).toBe(true);
    expect((await t.api.get(`${receiptPath}?queryCode=WRONGCODE`)).status).toBe(404);
    expect((await t.api.get(receiptPath)).status).toBe(400);
  });

  it('changes nothing for a replayed, forged, stale, wrong-amount or out-of-order callback', async () => {
    // Prepare
    const { c, paymentId } = await paidConstructionCase();
    const before = await caseRecord(c.caseId);
    const ledgerBefore = await ledger();
    const delivered = (await t.api.get(`/sandbox/payments/${paymentId}/callbacks`)).body.callbacks[0];
    const body = JSON.parse(delivered.rawBody);
    const fresh = { ...body, eventId: randomUUID(), occurredAt: new Date().toISOString() };

    // Act
    const replayed = await t.api.request('POST', '/v1/callbacks/payment', {
      body: delivered.rawBody,
      headers: { 'content-type': 'application/json', 'x-onetrip-signature': delivered.header },
    });
    const resigned = await callback(body);
    const forged = await callback(fresh, { secret: 'not-the-provider' });
    const stale = await callback(fresh, { at: Math.floor(Date.now() / 1000) - 301 });
    const wrongAmount = await callback({ ...fresh, amountFen: body.amountFen - 1 });
    const lateFailure = await callback({ ...fresh, eventId: randomUUID(), status: 'failed' });
    const earlyRefund = await callback({ ...fresh, eventId: randomUUID(), status: 'refunded' });
    const unknown = await callback({ ...fresh, eventId: randomUUID(), paymentId: 'Pnosuchpayment' });
    await t.platform.idle();

    // Assess
    expect(replayed.status).toBe(409);
    expect(replayed.body.error.code).toBe('EVENT_ALREADY_SEEN');
    expect(resigned.status).toBe(409);
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('BAD_SIGNATURE');
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('STALE_SIGNATURE');
    expect(wrongAmount.status).toBe(422);
    expect(wrongAmount.body.error.code).toBe('AMOUNT_MISMATCH');
    expect(lateFailure.status).toBe(200);
    expect(lateFailure.body.applied).toBe(false);
    expect(earlyRefund.status).toBe(409);
    expect(earlyRefund.body.error.code).toBe('NOT_APPLICABLE_YET');
    expect(unknown.status).toBe(404);
    expect(await caseRecord(c.caseId)).toEqual(before);
    expect(await ledger()).toEqual(ledgerBefore);
    const audit = await t.dynamo.send(new QueryCommand({ TableName: t.dataTable, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `AUDIT#${today}` } }));
    const reasons = (audit.Items ?? []).map((i) => i.reason);
    expect(reasons).toEqual(expect.arrayContaining(['EVENT_ALREADY_SEEN', 'BAD_SIGNATURE', 'STALE_SIGNATURE', 'AMOUNT_MISMATCH', 'UNKNOWN_PAYMENT']));
  });

  it('refunds the fees in full when a department rejects, and reverses the splits', async () => {
    // Prepare
    const { c, ticketNumber } = await paidConstructionCase();

    // Act
    await decideStage(t, c.caseId, 1, (department) => (department === 'eco' ? 'reject' : 'approve'));
    const ticket = await until(() => ticketOf(c), (x) => x.status === 'refunded', 'the refund completed');
    await t.platform.idle();

    // Assess
    expect(ticket.refunds).toEqual([expect.objectContaining({ reason: 'case_rejected', status: 'completed', amountFen: 14_697_140 })]);
    const entries = (await ledger()).filter((e) => e.ticketNumber === ticketNumber);
    expect(entries.filter((e) => e.kind === 'REFUND').map((e) => e.amountFen)).toEqual([14_697_140]);
    expect(entries.filter((e) => e.kind === 'REVERSAL').reduce((sum, e) => sum + e.amountFen, 0)).toBe(14_697_140);
    expect((await settlementReport()).reconciliation.ok).toBe(true);
  });
});

describe('paying twice', () => {
  it('marks the ticket paid once under concurrent duplicate callbacks, and refunds a second payment', async () => {
    // Prepare: a real-estate transfer (fixed fee, due at acceptance); two payments started in two tabs
    const c = await acceptedCase(t, { itemCode: '000108005000' });
    const { ticketNumber, totalFen } = await ticketOf(c);
    const first = await startPayment(c, ticketNumber);
    const second = await startPayment(c, ticketNumber);
    const success = { paymentId: first.paymentId, ticketNumber, status: 'succeeded', amountFen: totalFen, occurredAt: new Date().toISOString() };
    const sameEvent = randomUUID();

    // Act: the provider's success arrives ten times at once, five of them the very same event
    const replies = await Promise.all([
      ...Array.from({ length: 5 }, () => callback({ ...success, eventId: sameEvent })),
      ...Array.from({ length: 5 }, () => callback({ ...success, eventId: randomUUID() })),
    ]);
    await t.platform.idle();

    // Assess
    expect(replies.filter((r) => r.status === 200 && r.body.applied === true)).toHaveLength(1);
    expect(replies.every((r) => r.status === 200 || (r.status === 409 && r.body.error.code === 'EVENT_ALREADY_SEEN'))).toBe(true);
    const paid = await ticketOf(c);
    expect(paid.status).toBe('paid');
    expect(await outboxOf(c.caseId, 'ticket.paid')).toHaveLength(1);
    expect((await timelineOf(t, c.caseId)).filter((e) => e.action === 'ticket.paid')).toHaveLength(1);
    expect((await ledger()).filter((e) => e.ticketNumber === ticketNumber && e.kind === 'PAY')).toHaveLength(1);

    // Act: the second tab pays too
    await decideAtSandbox(second.redirectUrl, 'pay');
    const refunded = await until(() => ticketOf(c), (x) => x.refunds.some((r: { status: string }) => r.status === 'completed'), 'the double payment refunded');
    await t.platform.idle();

    // Assess: kept once, the second payment back, the day still reconciles
    expect(refunded.status).toBe('paid');
    expect(refunded.refunds).toEqual([expect.objectContaining({ reason: 'double_payment', amountFen: totalFen, status: 'completed' })]);
    expect(refunded.payments.map((p: { status: string }) => p.status)).toEqual(['succeeded', 'refunded']);
    const entries = (await ledger()).filter((e) => e.ticketNumber === ticketNumber);
    expect(entries.filter((e) => e.kind === 'PAY')).toHaveLength(2);
    expect(entries.filter((e) => e.kind === 'SPLIT').reduce((sum, e) => sum + e.amountFen, 0)).toBe(totalFen);
    expect((await settlementReport()).reconciliation.ok).toBe(true);
  });
});

describe('a fee point after approval', () => {
  it('issues the ticket when the department signs, holds the case and its result until it is paid, then completes it', async () => {
    // Prepare: the construction permit (urban infrastructure fee on floor area, due after approval)
    const c = await acceptedCase(t, { itemCode: '000110001000' }, { form: { floorArea: 100.01 } });
    expect(await ticketOf(c)).toBeNull();

    // Act
    await decideStage(t, c.caseId, 1);
    // The permit is rendered, but not issued while its fee is unpaid
    const codes = await resultsRendered(t, c.caseId, 1);
    await expectNotIssued(t, c, codes, applicantCompany);
    const view = (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;
    const started = await startPayment(c, view.ticket.ticketNumber);
    const refusedEarly = await t.api.post(`/v1/tickets/${view.ticket.ticketNumber}/payments?queryCode=${c.queryCode}`, { returnUrl: 'javascript:alert(1)//' });
    await decideAtSandbox(started.redirectUrl, 'pay');
    await until(() => ticketOf(c), (x) => x.status === 'paid', 'the ticket paid');
    await t.platform.idle();

    // Assess
    expect(view.status).toBe('awaiting_payment');
    expect(view.ticket.totalFen).toBe(101 * 9000); // 100.01 m² rounded up
    expect(refusedEarly.status).toBe(400);
    const done = (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;
    expect(done.status).toBe('completed');
    expect(await outboxOf(c.caseId, 'case.completed')).toHaveLength(1);
    await expectIssued(t, c, codes);
  });
});

describe('a refund', () => {
  it('is asked of the provider once when its request is delivered again, at once and after it was paid back', async () => {
    // Prepare: a real-estate transfer paid in two tabs; the second payment is to be refunded
    const c = await acceptedCase(t, { itemCode: '000108005000' });
    const { ticketNumber } = await ticketOf(c);
    const first = await startPayment(c, ticketNumber);
    const second = await startPayment(c, ticketNumber);
    await decideAtSandbox(first.redirectUrl, 'pay');
    await until(() => ticketOf(c), (x) => x.status === 'paid', 'the ticket paid');
    await decideAtSandbox(second.redirectUrl, 'pay');
    const [requested, ...more] = await until(() => outboxOf(c.caseId, 'refund.requested'), (events) => events.length > 0, 'the refund requested');
    expect(more).toEqual([]);

    // Act: the request twice more at once, while the first is handled; then once more after the refund completed
    await Promise.all([redeliver(t, 'refunds', requested!), redeliver(t, 'refunds', requested!)]);
    await until(() => ticketOf(c), (x) => x.refunds.some((r: { status: string }) => r.status === 'completed'), 'the refund completed');
    await t.platform.idle();
    const completed = await caseRecord(c.caseId);
    await redeliver(t, 'refunds', requested!);
    await t.platform.idle();

    // Assess: one refund at the provider, paid back once, nothing left undelivered
    const callbacks = (await t.api.get(`/sandbox/payments/${second.paymentId}/callbacks`)).body.callbacks as { status: string; outcome: string }[];
    expect(callbacks.map((x) => [x.status, x.outcome])).toEqual([['succeeded', 'delivered'], ['refunded', 'delivered']]);
    const ticket = await ticketOf(c);
    expect(ticket.refunds).toEqual([expect.objectContaining({ reason: 'double_payment', status: 'completed' })]);
    expect((await ledger()).filter((e) => e.ticketNumber === ticketNumber && e.kind === 'REFUND')).toHaveLength(1);
    expect(await caseRecord(c.caseId)).toEqual(completed);
    expect(await outboxOf(c.caseId, 'refund.requested')).toHaveLength(1);
    const dlq = await t.sqs.send(new GetQueueAttributesCommand({ QueueUrl: t.queue('QueuerefundsDlq'), AttributeNames: ['ApproximateNumberOfMessages'] }));
    expect(dlq.Attributes?.ApproximateNumberOfMessages).toBe('0');
  });
});
