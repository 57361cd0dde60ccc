/**
 * Every consumer under duplicate and reordered delivery (issue 12, reliability suite). A
 * case goes through every consumer of contracts/events.ts once, in order: review dispatch,
 * case progress and certificates on approval, settlement on payment, a refund of a second
 * payment, courier dispatch on completion. Then every event of the case is delivered again
 * to every consumer subscribed to it: newest first, then all at once, twice. The state
 * after must equal the state after the single in-order delivery: no item of the data
 * table added, changed or removed (no second task, ticket, refund, shipment or
 * certificate, no state moved back), and no new event in the outbox.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumers, subscribersOf, type ConsumerName } from '../../contracts/events.js';
import { acceptedCase, decideStage, until, type SubmittedCase } from '../support/cases.js';
import { courierDelivery } from '../support/fixtures.js';
import { outboxEventsOf, outboxSize, redeliver } from '../support/outbox.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { report, sized } from './scale.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.stop();
});

/** The citizen pays on the sandbox provider's page, which then calls back signed. */
async function payAtSandbox(redirectUrl: string) {
  const reply = await fetch(`${redirectUrl}/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ decision: 'pay' }).toString(),
    redirect: 'manual',
  });
  expect([200, 303]).toContain(reply.status);
}

/**
 * A case through every consumer: special equipment use registration (a fee) sent by
 * courier, paid twice (two tabs), so the second payment is refunded.
 */
async function throughEveryConsumer(): Promise<SubmittedCase> {
  const c = await acceptedCase(t, { itemCode: '000105004000' }, { delivery: courierDelivery });
  await decideStage(t, c.caseId, 1);
  const view = async () => (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;
  const { ticketNumber } = (await until(view, (v) => v.ticket?.status === 'issued', 'the ticket issued')).ticket;
  const start = async () => (await t.api.post(`/v1/tickets/${ticketNumber}/payments?queryCode=${c.queryCode}`, {})).body.redirectUrl as string;
  const [first, second] = [await start(), await start()];
  await payAtSandbox(first);
  await until(view, (v) => v.ticket.status === 'paid', 'the ticket paid');
  await payAtSandbox(second);
  await until(view, (v) => v.ticket.refunds?.some((r: { status: string }) => r.status === 'completed') && v.handover?.shipment?.waybillNumber !== undefined, 'the refund completed and the parcel dispatched', 30_000);
  await t.platform.idle();
  return c;
}

/** Every item of the data table, keyed by `pk|sk`, as JSON. */
async function dataTable(): Promise<Map<string, string>> {
  const items = new Map<string, string>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await t.dynamo.send(new ScanCommand({ TableName: t.dataTable, ExclusiveStartKey, ConsistentRead: true }));
    for (const item of page.Items ?? []) items.set(`${item.pk}|${item.sk}`, JSON.stringify(item, Object.keys(item).sort()));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** What changed between two reads of the data table. */
function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [key, value] of after) {
    if (!before.has(key)) out.push(`added ${key}: ${value.slice(0, 300)}`);
    else if (before.get(key) !== value) out.push(`changed ${key}: ${before.get(key)!.slice(0, 300)} → ${value.slice(0, 300)}`);
  }
  for (const key of before.keys()) if (!after.has(key)) out.push(`removed ${key}`);
  return out;
}

describe('every consumer under duplicate and reordered delivery', () => {
  it('ends in the state of the single in-order delivery', async () => {
    // Prepare: the cases, each through every consumer once, in order
    const cases: SubmittedCase[] = [];
    for (let i = 0; i < sized(1, 3); i += 1) cases.push(await throughEveryConsumer());
    const before = await dataTable();
    const outboxBefore = await outboxSize(t);
    const deliveries: { consumer: ConsumerName; event: Awaited<ReturnType<typeof outboxEventsOf>>[number] }[] = [];
    for (const c of cases) {
      for (const event of await outboxEventsOf(t, c.caseId)) for (const consumer of subscribersOf(event.type)) deliveries.push({ consumer, event });
    }
    const reached = new Set(deliveries.map((d) => d.consumer));

    // Act: every delivery again, newest first; then all of them at once, twice
    for (const d of [...deliveries].reverse()) await redeliver(t, d.consumer, d.event);
    await t.platform.idle();
    await Promise.all([...deliveries, ...deliveries].map((d) => redeliver(t, d.consumer, d.event)));
    await t.platform.idle();

    // Assess
    const after = await dataTable();
    const changed = changes(before, after);
    report('redelivery', { consumers: reached.size, cases: cases.length, redelivered: deliveries.length * 3, wrongStateChanges: changed.length, newOutboxEvents: (await outboxSize(t)) - outboxBefore });
    expect([...reached].sort()).toEqual(Object.keys(consumers).sort());
    expect(changed).toEqual([]);
    expect(await outboxSize(t)).toBe(outboxBefore);
  }, 600_000);
});
