/**
 * The audit trail of refused provider callbacks is bounded (issue 12, hole 8): anyone can
 * post a forged callback, and each used to write its own `AUDIT#<day>` item. A flood now
 * writes one count per sender, provider and minute, and keeps only the first few refusals
 * of each reason in full, while every refusal is still counted.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../contracts/dates.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.stop();
});

/** What the sample size is: the first refusals of a reason per sender and minute kept in full (functions/store/lookups.ts). */
const SAMPLE = 3;

async function auditItems(): Promise<Record<string, any>[]> {
  const days = [...new Set([shanghaiDate(new Date(Date.now() - 120_000)), shanghaiDate(new Date())])];
  const items: Record<string, any>[] = [];
  for (const day of days) {
    const out = await t.dynamo.send(new QueryCommand({ TableName: t.dataTable, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `AUDIT#${day}` }, ConsistentRead: true }));
    items.push(...(out.Items ?? []));
  }
  return items;
}

/** A callback with a signature no provider made. */
const forged = (provider: 'payment' | 'courier', i: number) =>
  t.api.request('POST', `/v1/callbacks/${provider}`, {
    body: JSON.stringify({ eventId: `forged-${i}` }),
    headers: { 'content-type': 'application/json', 'x-onetrip-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
  });

describe('a flood of forged callbacks', () => {
  it('writes a bounded number of audit items, and counts every refusal', async () => {
    // Prepare
    const flood = 40;

    // Act
    const replies = [];
    for (let i = 0; i < flood; i++) replies.push(await forged('payment', i));
    const courier = await forged('courier', 0);

    // Assess
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 401));
    expect(courier.status).toBe(401);
    const items = await auditItems();
    const counts = items.filter((i) => i.kind === 'callback.refused.count');
    const samples = items.filter((i) => i.kind === 'callback.refused');
    const paymentCounts = counts.filter((c) => c.source === 'payment');
    // The flood may straddle a minute: then two counts, each with its own sample.
    expect(paymentCounts.length).toBeGreaterThanOrEqual(1);
    expect(paymentCounts.length).toBeLessThanOrEqual(2);
    expect(paymentCounts.reduce((sum, c) => sum + Number(c.refused), 0)).toBe(flood);
    expect(paymentCounts.reduce((sum, c) => sum + Number(c['refused:BAD_SIGNATURE']), 0)).toBe(flood);
    expect(paymentCounts.every((c) => c.sender === '127.0.0.1')).toBe(true);
    const paymentSamples = samples.filter((s) => s.source === 'payment');
    expect(paymentSamples.length).toBeGreaterThanOrEqual(SAMPLE);
    expect(paymentSamples.length).toBeLessThanOrEqual(SAMPLE * paymentCounts.length);
    expect(paymentSamples[0]).toMatchObject({ reason: 'BAD_SIGNATURE', sender: '127.0.0.1', signature: 'mismatch' });
    expect(counts.filter((c) => c.source === 'courier').map((c) => c.refused)).toEqual([1]);
    expect(items.length).toBeLessThan(flood);
  });
});
