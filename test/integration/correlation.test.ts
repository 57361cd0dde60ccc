/**
 * One correlation id through every hop (docs/operations.md): the API answers with it, writes it
 * on the outbox events of its transaction, the relay carries it to the queues, and the worker
 * logs with it and writes it on the events it emits in turn. Read from the outbox table and
 * from the JSON lines the functions logged on the local platform.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedCase } from '../support/cases.js';
import { FOOD_LICENCE } from '../support/fixtures.js';
import { outboxEventsOf } from '../support/outbox.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
const lines: string[] = [];

beforeAll(async () => {
  t = await startTestPlatform('430600', { log: (line) => lines.push(line) });
}, 180_000);
afterAll(async () => {
  await t?.stop();
});

/** The JSON log lines of the functions (`[LogicalId] {…}`) that name `correlationId`, by function. */
function loggedWith(correlationId: string): Map<string, Record<string, unknown>[]> {
  const byFunction = new Map<string, Record<string, unknown>[]>();
  for (const line of lines) {
    const match = /^\[(\w+)\] (\{.*\})$/.exec(line);
    if (!match) continue;
    const entry = JSON.parse(match[2]!) as Record<string, unknown>;
    if (entry.correlation_id !== correlationId) continue;
    byFunction.set(match[1]!, [...(byFunction.get(match[1]!) ?? []), entry]);
  }
  return byFunction;
}

describe('the correlation id', () => {
  it('follows an acceptance from the API through the relay and the review-dispatch worker, in the events and the logs', async () => {
    // Prepare: a submitted case, and the id the clerk's workbench sends
    const submitted = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { accept: false });
    const correlationId = `it-accept-${randomUUID()}`;

    // Act: the clerk accepts, and the case goes through its queues
    const accepted = await t.api.request('POST', `/v1/staff/cases/${submitted.caseId}/pre-review`, {
      body: { decision: 'accept' },
      headers: { 'x-correlation-id': correlationId },
      token: await t.api.token('clerk'),
    });
    await t.platform.idle();

    // Assess: the answer, the events of the request and of the worker, the log lines of three hops
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('x-correlation-id')).toBe(correlationId);
    const events = await outboxEventsOf(t, submitted.caseId);
    const carrying = events.filter((e) => e.correlationId === correlationId).map((e) => e.type);
    expect(carrying).toContain('case.accepted');
    expect(carrying).toContain('task.created'); // written by the review-dispatch worker
    expect(events.find((e) => e.type === 'case.submitted')?.correlationId).not.toBe(correlationId);
    const hops = loggedWith(correlationId);
    const functions = [...hops.keys()];
    expect(functions.some((f) => f.startsWith('Fnstaffcases'))).toBe(true);
    expect(functions.some((f) => f.startsWith('Fnoutboxrelay'))).toBe(true);
    expect(functions.some((f) => f.startsWith('Fnreviewdispatch'))).toBe(true);
    const handled = [...hops.entries()].find(([f]) => f.startsWith('Fnreviewdispatch'))![1];
    expect(handled.some((entry) => entry.message === 'event handled' && entry.caseId === submitted.caseId)).toBe(true);
  });

  it('is the gateway request id when the caller sends none or an ill-formed one, and the submission’s events carry it', async () => {
    // Prepare: an id with spaces and a slash, which the API does not take
    const sent = 'not a / valid id';

    // Act
    const reply = await t.api.request('GET', '/v1/catalog', { headers: { 'x-correlation-id': sent } });
    const submitted = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { accept: false });

    // Assess
    const answered = reply.headers.get('x-correlation-id');
    expect(answered).toBeTruthy();
    expect(answered).not.toBe(sent);
    expect(loggedWith(answered!).size).toBe(1);
    const [event] = await outboxEventsOf(t, submitted.caseId, 'case.submitted');
    expect(event?.correlationId).toMatch(/^[\w.:-]{1,128}$/);
  });
});
