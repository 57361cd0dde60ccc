/**
 * Settlement against the emulators: the settlement consumer writes each paid ticket's
 * splits and each refund's reversals once however often its events arrive, and the report
 * reconciles a day per department, in JSON and CSV. Each test settles a day of its own
 * (the same three tickets on another date), so no test depends on another's ledger.
 */
import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedCatalogs } from '../../catalog/index.js';
import type { Department } from '../../contracts/catalog.js';
import type { EventType, OutboxEvent } from '../../contracts/events.js';
import type { DepartmentSplit } from '../../functions/domain/fees.js';
import { outboxItem } from '../../functions/store/data-table.js';
import { ledgerKey, ledgerPartition } from '../../functions/store/keys.js';
import { findCounty } from '../../infra/config/counties.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { responseContract } from '../contract/response-contract.js';

let t: TestPlatform;
const COUNTY = findCounty('430600');
const DEPARTMENTS = publishedCatalogs[COUNTY.catalogVersion]!.departments;
const [A, B, C] = DEPARTMENTS as [Department, Department, Department];
/** A day no test settles anything on. */
const EMPTY_DAY = '2026-11-28';

beforeAll(async () => {
  t = await startTestPlatform(COUNTY.code);
});
afterAll(async () => {
  await t?.stop();
});

const share = (d: Department, amountFen: number): DepartmentSplit => ({ department: d.code, account: d.account, amountFen });

function event(type: EventType, data: Record<string, unknown>): OutboxEvent {
  return {
    eventId: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    county: COUNTY.code,
    caseId: `case-${String(data.ticketNumber)}`,
    receiptNumber: String(data.ticketNumber).slice(1),
    data,
  };
}

/** The PAY or REFUND item the lead's payment and refund transactions write. */
async function writeReceived(day: string, kind: 'PAY' | 'REFUND', ticketNumber: string, paymentId: string, amountFen: number, refundId?: string) {
  const item = { kind, day, ticketNumber, paymentId, ...(refundId ? { refundId } : {}), amountFen, at: `${day}T09:30:00+08:00` };
  await t.dynamo.send(new PutCommand({ TableName: t.dataTable, Item: { ...ledgerKey(day, kind, ticketNumber, refundId ?? paymentId), ...item } }));
}

/** Publishes through the real outbox: the relay reads the table's stream and delivers to the settlement queue. */
async function publish(e: OutboxEvent) {
  await t.dynamo.send(new PutCommand({ TableName: t.outboxTable, Item: outboxItem(e, Math.floor(Date.now() / 1000)) }));
}

/** Delivers an event straight into the settlement queue, as a redelivery would. */
async function redeliver(e: OutboxEvent) {
  await t.sqs.send(new SendMessageCommand({ QueueUrl: t.queue('QueuesettlementQueue'), MessageBody: JSON.stringify(e) }));
}

async function ledger(day: string, prefix = '') {
  const out = await t.dynamo.send(
    new QueryCommand({
      TableName: t.dataTable,
      KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
      ExpressionAttributeValues: prefix ? { ':pk': ledgerPartition(day), ':p': prefix } : { ':pk': ledgerPartition(day) },
      ConsistentRead: true,
    }),
  );
  return out.Items ?? [];
}

/** The report as raw bytes, so the BOM (which `Response.text()` drops) can be seen; checked against the API contract like every reply. */
async function csvReport(path: string, token: string) {
  const url = new URL(path, t.api.base);
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/csv' } });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  responseContract().check({ method: 'GET', path: url.pathname, status: res.status, contentType: res.headers.get('content-type'), body: text });
  return { status: res.status, headers: res.headers, bytes, text };
}

/**
 * The day's three tickets and their events:
 * T1: paid 350.00, split A 200.00 + B 150.00.
 * T2: paid twice (80.00 each); the first split to C, the second refunded as a double payment, unsplit.
 * T3: paid 120.00 (A 20.00 + C 100.00); the case rejected the same day, refunded with reversals.
 */
function dayOfTickets(day: string) {
  const ticket = (n: number) => `T430600-${day.replace(/-/g, '')}-${String(n).padStart(6, '0')}`;
  const paidT1 = event('ticket.paid', { ticketNumber: ticket(1), paymentId: 'P1', amountFen: 35000, paidOn: day, splits: [share(A, 20000), share(B, 15000)] });
  const paidT2 = event('ticket.paid', { ticketNumber: ticket(2), paymentId: 'P2a', amountFen: 8000, paidOn: day, splits: [share(C, 8000)] });
  const refundT2 = event('refund.requested', { ticketNumber: ticket(2), refundId: 'R2', paymentId: 'P2b', amountFen: 8000, reason: 'double_payment', requestedOn: day });
  const paidT3 = event('ticket.paid', { ticketNumber: ticket(3), paymentId: 'P3', amountFen: 12000, paidOn: day, splits: [share(A, 2000), share(C, 10000)] });
  const refundT3 = event('refund.requested', {
    ticketNumber: ticket(3),
    refundId: 'R3',
    paymentId: 'P3',
    amountFen: 12000,
    reason: 'case_rejected',
    requestedOn: day,
    splits: [share(A, 2000), share(C, 10000)],
  });
  return { day, ticket, paidT1, paidT2, refundT2, paidT3, refundT3 };
}

/**
 * What the payment and refund transactions wrote on `day`, and its events delivered once:
 * the payments through the outbox; the refunds straight to the settlement queue, since
 * through the outbox they would also reach the `refunds` consumer and the payment provider.
 */
async function settledDay(day: string) {
  const d = dayOfTickets(day);
  await writeReceived(day, 'PAY', d.ticket(1), 'P1', 35000);
  await writeReceived(day, 'PAY', d.ticket(2), 'P2a', 8000);
  await writeReceived(day, 'PAY', d.ticket(2), 'P2b', 8000);
  await writeReceived(day, 'REFUND', d.ticket(2), 'P2b', 8000, 'R2');
  await writeReceived(day, 'PAY', d.ticket(3), 'P3', 12000);
  await writeReceived(day, 'REFUND', d.ticket(3), 'P3', 12000, 'R3');
  for (const e of [d.paidT1, d.paidT2, d.paidT3]) await publish(e);
  for (const e of [d.refundT2, d.refundT3]) await redeliver(e);
  await t.platform.idle();
  return d;
}

describe('settlement of paid tickets', () => {
  it('writes each split and reversal once however often the events arrive', async () => {
    // Act: every event delivered once
    const { day: DAY, ticket, paidT1, paidT2, refundT2, paidT3, refundT3 } = await settledDay('2026-11-21');
    const first = await ledger(DAY, 'SPLIT#');

    // Act again: every event delivered once more, T3's twice at the same time
    for (const e of [paidT1, paidT2, refundT2]) await redeliver(e);
    await Promise.all([paidT3, paidT3, refundT3, refundT3].map(redeliver));
    await t.platform.idle();

    // Assess
    const splits = await ledger(DAY, 'SPLIT#');
    expect(splits.map((i) => [i.sk, i.amountFen, i.account])).toEqual(
      [
        [`SPLIT#${A.code}#${ticket(1)}#P1`, 20000, A.account],
        [`SPLIT#${B.code}#${ticket(1)}#P1`, 15000, B.account],
        [`SPLIT#${C.code}#${ticket(2)}#P2a`, 8000, C.account],
        [`SPLIT#${A.code}#${ticket(3)}#P3`, 2000, A.account],
        [`SPLIT#${C.code}#${ticket(3)}#P3`, 10000, C.account],
      ].sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1)),
    );
    expect(splits.map((i) => i.at)).toEqual(first.map((i) => i.at));
    expect(splits[0]).toMatchObject({ kind: 'SPLIT', day: DAY, ticketNumber: expect.any(String), paymentId: expect.any(String), department: expect.any(String) });
    const reversals = await ledger(DAY, 'REVERSAL#');
    expect(reversals.map((i) => [i.sk, i.amountFen, i.refundId, i.paymentId])).toEqual([
      [`REVERSAL#${A.code}#${ticket(3)}#R3`, 2000, 'R3', 'P3'],
      [`REVERSAL#${C.code}#${ticket(3)}#R3`, 10000, 'R3', 'P3'],
    ]);
  });

  it('reports the day to a supervisor, every department, reconciled', async () => {
    // Prepare
    const { day: DAY, ticket } = await settledDay('2026-11-22');

    // Act
    const token = await t.api.token('supervisor');
    const reply = await t.api.get(`/v1/staff/settlement/${DAY}`, token);

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    const r = reply.body;
    expect(r.day).toBe(DAY);
    expect(r.department).toBeUndefined();
    expect(r.reconciliation).toEqual({ ok: true, discrepancies: [] });
    expect(r.totals).toEqual({ paidFen: 63000, refundedFen: 20000, netReceivedFen: 43000, splitFen: 55000, reversedFen: 12000, netSettledFen: 43000 });
    const rows = Object.fromEntries(r.departments.map((d: any) => [d.department, d]));
    expect(Object.keys(rows).sort()).toEqual([A.code, B.code, C.code].sort());
    expect(rows[A.code]).toMatchObject({ departmentName: A.name, account: A.account, splitFen: 22000, reversalFen: 2000, netFen: 20000 });
    expect(rows[B.code]).toMatchObject({ splitFen: 15000, reversalFen: 0, netFen: 15000 });
    expect(rows[C.code]).toMatchObject({ splitFen: 18000, reversalFen: 10000, netFen: 8000 });
    expect(rows[A.code].tickets).toEqual([
      { ticketNumber: ticket(1), kind: 'SPLIT', paymentId: 'P1', amountFen: 20000 },
      { ticketNumber: ticket(3), kind: 'SPLIT', paymentId: 'P3', amountFen: 2000 },
      { ticketNumber: ticket(3), kind: 'REVERSAL', paymentId: 'P3', refundId: 'R3', amountFen: 2000 },
    ]);
  });

  it('reports a chief their own department only', async () => {
    // Prepare
    const { day: DAY } = await settledDay('2026-11-23');
    const chief = await t.api.token(`chief-${A.code}`);

    // Act
    const own = await t.api.get(`/v1/staff/settlement/${DAY}`, chief);
    const asked = await t.api.get(`/v1/staff/settlement/${DAY}?department=${A.code}`, chief);
    const other = await t.api.get(`/v1/staff/settlement/${DAY}?department=${B.code}`, chief);

    // Assess
    expect(own.status).toBe(200);
    expect(own.body.department).toBe(A.code);
    expect(own.body.departments.map((d: any) => d.department)).toEqual([A.code]);
    expect(own.body.reconciliation.ok).toBe(true);
    // T1 and T3 touch A: their whole receipts, and A's own share
    expect(own.body.totals).toEqual({ paidFen: 47000, refundedFen: 12000, netReceivedFen: 35000, splitFen: 22000, reversedFen: 2000, netSettledFen: 20000 });
    expect(asked.body).toEqual({ ...own.body, generatedAt: asked.body.generatedAt });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('OTHER_DEPARTMENT');
  });

  it('refuses other roles, a malformed day and an unknown department', async () => {
    const DAY = EMPTY_DAY;
    const reviewer = await t.api.token(`reviewer-${A.code}`);
    const clerk = await t.api.token('clerk');
    const supervisor = await t.api.token('supervisor');
    for (const token of [reviewer, clerk]) {
      const reply = await t.api.get(`/v1/staff/settlement/${DAY}`, token);
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('ROLE_REQUIRED');
    }
    expect((await t.api.get(`/v1/staff/settlement/${DAY}`)).status).toBe(401);
    for (const day of ['2026-11-31', '20261128', 'today']) {
      const reply = await t.api.get(`/v1/staff/settlement/${day}`, supervisor);
      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('YYYY-MM-DD'), fields: [{ path: 'path:day', message: expect.any(String) }] });
    }
    const unknown = await t.api.get(`/v1/staff/settlement/${DAY}?department=nowhere`, supervisor);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].path).toBe('query:department');
  });

  it('serves CSV for Excel: BOM, CRLF, amounts in yuan and fen', async () => {
    // Prepare
    const { day: DAY, ticket } = await settledDay('2026-11-25');

    // Act
    const all = await csvReport(`/v1/staff/settlement/${DAY}`, await t.api.token('supervisor'));
    const own = await csvReport(`/v1/staff/settlement/${DAY}`, await t.api.token(`chief-${B.code}`));

    // Assess
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(all.headers.get('content-disposition')).toBe(`attachment; filename="settlement-${DAY}.csv"`);
    expect([...all.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(all.text.endsWith('\r\n')).toBe(true);
    const records = all.text.slice(0, -2).split('\r\n').map((line) => line.split(','));
    expect(records[0]![0]).toBe('day 日期');
    expect(records.every((r) => r.length === records[0]!.length)).toBe(true);
    expect(records).toContainEqual([DAY, 'line', A.code, A.name.zh, A.account, ticket(1), 'SPLIT', 'P1', '', '200.00', '20000']);
    expect(records).toContainEqual([DAY, 'department', C.code, C.name.zh, C.account, '', 'NET', '', '', '80.00', '8000']);
    expect(records).toContainEqual([DAY, 'total', '', '', '', '', 'NET_SETTLED', '', '', '430.00', '43000']);
    expect(records.some((r) => r[1] === 'discrepancy')).toBe(false);
    expect(own.headers.get('content-disposition')).toBe(`attachment; filename="settlement-${DAY}-${B.code}.csv"`);
    expect(new Set(own.text.split('\r\n').slice(1, -1).map((line) => line.split(',')[2]))).toEqual(new Set([B.code, '']));
  });

  it('shows a lost split as a discrepancy of its ticket', async () => {
    // Prepare: B's split of T1 disappears
    const { day: DAY, ticket } = await settledDay('2026-11-26');
    await t.dynamo.send(new DeleteCommand({ TableName: t.dataTable, Key: ledgerKey(DAY, 'SPLIT', B.code, ticket(1), 'P1') }));

    // Act
    const all = await t.api.get(`/v1/staff/settlement/${DAY}`, await t.api.token('supervisor'));
    const chiefA = await t.api.get(`/v1/staff/settlement/${DAY}`, await t.api.token(`chief-${A.code}`));
    const csv = await csvReport(`/v1/staff/settlement/${DAY}`, await t.api.token('supervisor'));

    // Assess
    const discrepancy = { ticketNumber: ticket(1), receivedFen: 35000, settledFen: 20000, differenceFen: -15000 };
    expect(all.body.reconciliation).toEqual({ ok: false, discrepancies: [discrepancy] });
    expect(all.body.totals.netSettledFen).toBe(28000);
    expect(chiefA.body.reconciliation).toEqual({ ok: false, discrepancies: [discrepancy] });
    expect(csv.text).toContain(`\r\n${DAY},discrepancy,,,,${ticket(1)},DIFFERENCE,,,-150.00,-15000\r\n`);
  });

  it('sends a different settlement under the same payment to the DLQ and keeps the ledger', async () => {
    // Prepare: T3 settled; the queue's visibility shortened on the emulator so retries are quick
    const { day: DAY, ticket } = await settledDay('2026-11-27');
    const QueueUrl = t.queue('QueuesettlementQueue');
    const dlq = t.queue('QueuesettlementDlq');
    await t.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: '1' } }));
    const before = await ledger(DAY);
    const forged = event('ticket.paid', { ticketNumber: ticket(3), paymentId: 'P3', amountFen: 12000, paidOn: DAY, splits: [share(A, 12000), share(C, 0)] });

    // Act
    await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(forged) }));
    const deadline = Date.now() + 45_000;
    let inDlq = 0;
    while (Date.now() < deadline && inDlq === 0) {
      await new Promise((r) => setTimeout(r, 500));
      const attrs = await t.sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['ApproximateNumberOfMessages'] }));
      inDlq = Number(attrs.Attributes?.ApproximateNumberOfMessages ?? 0);
    }

    // Assess
    expect(inDlq).toBe(1);
    const message = await t.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 1 }));
    expect(JSON.parse(message.Messages?.[0]?.Body ?? '{}').eventId).toBe(forged.eventId);
    expect(await ledger(DAY)).toEqual(before);
  });
});
