/**
 * The operators' scripts against the local platform (docs/operations.md): `npm run redrive`
 * moves a dead-letter queue's messages back to its queue, one at a time, and a second run moves
 * nothing; `npm run replay-outbox` republishes a day's events through the relay's routing, and
 * the idempotent consumers change nothing in a case that had already completed.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../contracts/dates.js';
import { consumers, subscribersOf, type OutboxEvent } from '../../contracts/events.js';
import { countyResources, outboxTableOf, queuePair } from '../../scripts/operations/county.js';
import { redrive } from '../../scripts/redrive.js';
import { replayDay } from '../../scripts/replay-outbox.js';
import { acceptedCase, decideStage } from '../support/cases.js';
import { FOOD_LICENCE } from '../support/fixtures.js';
import { holdQueues, outboxItemsOf, outboxSize } from '../support/outbox.js';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform();
}, 180_000);
afterAll(async () => {
  await t?.stop();
});

/** Runs an operators' script as `npm run` would, against this platform. */
async function script(name: string, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args, '--local', t.platform.url], { timeout: 60_000 });
  return stdout;
}

/** Every item of a case's partition: the case, its tasks, its timeline, its commitments. */
const partition = async (caseId: string) =>
  (await t.dynamo.send(new QueryCommand({ TableName: t.dataTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CASE#${caseId}` }, ConsistentRead: true }))).Items ?? [];

/** The messages a queue holds, visible or in flight (a message received but not deleted is in flight). */
const held = async (queueUrl: string) => {
  const { Attributes = {} } = await t.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
};

describe('npm run redrive', () => {
  it('moves a dead-letter queue’s messages back to its queue with their attributes, and a second run moves nothing', async () => {
    // Prepare: three events in the certificates DLQ; the queue holds what reaches it (no consumer takes it)
    const { queues, sqs, source } = await countyResources('430600', t.platform.url);
    const pair = queuePair(queues, 'certificates');
    expect(source).toBe(t.platform.url);
    const events = [1, 2, 3].map((n) => ({ eventId: randomUUID(), type: 'task.approved', caseId: `redrive-${n}`, correlationId: `redrive-${n}` }));
    for (const event of events) {
      await sqs.send(new SendMessageCommand({
        QueueUrl: pair.dlq,
        MessageBody: JSON.stringify(event),
        MessageAttributes: { correlationId: { DataType: 'String', StringValue: event.correlationId } },
      }));
    }
    const hold = await holdQueues(t, [pair.queue]);

    try {
      // Act
      const moved = await redrive(sqs, pair);
      const again = await script('redrive', ['--county', '430600', '--queue', 'certificates']);

      // Assess: all three in the queue, none left in the DLQ, the second run reports none
      expect(moved).toHaveLength(3);
      expect(new Set(moved.map((m) => m.from)).size).toBe(3);
      const inQueue = await hold.held(pair.queue);
      expect(inQueue.map((e) => e.eventId).sort()).toEqual(events.map((e) => e.eventId).sort());
      expect(await held(pair.dlq)).toBe(0);
      expect((await t.sqs.send(new ReceiveMessageCommand({ QueueUrl: pair.dlq, WaitTimeSeconds: 1 }))).Messages ?? []).toEqual([]);
      expect(again).toMatch(/^0 messages moved from the dead-letter queue of certificates back to its queue/);
    } finally {
      await hold.release();
    }
  });

  it('refuses a queue it does not know, naming the ones it does', async () => {
    // Act
    const failed = await script('redrive', ['--county', '430600', '--queue', 'nope']).then(() => undefined, (error: { code: number; stderr: string }) => error);

    // Assess
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain(`--queue must be one of ${[...Object.keys(consumers), 'relay-failures'].join(', ')}`);
  });
});

describe('npm run replay-outbox', () => {
  it('republishes a day’s events through the relay’s routing, and a completed case stays as it was', async () => {
    // Prepare: a case accepted, reviewed, signed and completed, all its work done
    const c = await acceptedCase(t, { itemCode: FOOD_LICENCE });
    await decideStage(t, c.caseId, 1);
    await t.platform.idle();
    const before = await partition(c.caseId);
    expect(before.find((i) => i.sk === 'CASE')?.status).toBe('completed');
    const events = (await outboxItemsOf(t, c.caseId)) as OutboxEvent[];
    const outboxBefore = await outboxSize(t);
    const day = shanghaiDate(new Date());

    // Act: replay the day, let the consumers take it all, then once more through the script
    const replayed = await replayDay(t, { table: t.outboxTable, day, queueUrlOf: (consumer) => queuePair(t.platform.index.queues, consumer).queue });
    await t.platform.idle();
    const printed = await script('replay-outbox', ['--county', '430600', '--day', day]);
    await t.platform.idle();

    // Assess: every event of the day republished once per subscriber; nothing of the case changed, no new event
    expect(replayed.events).toBe(outboxBefore);
    const ofCase = events.reduce((n, e) => n + subscribersOf(e.type).length, 0);
    expect(ofCase).toBeGreaterThan(0);
    expect(replayed.messages).toBeGreaterThanOrEqual(ofCase);
    expect(replayed.byConsumer['review-dispatch']).toBeGreaterThanOrEqual(1);
    expect(printed).toContain(`${outboxBefore} events of ${day} republished as ${replayed.messages} messages`);
    expect(await partition(c.caseId)).toEqual(before);
    expect(await outboxSize(t)).toBe(outboxBefore);
    expect(outboxTableOf(t.platform.index.tables)).toBe(t.outboxTable);
  });

  it('refuses a day that is not a date', async () => {
    // Act
    const failed = await script('replay-outbox', ['--county', '430600', '--day', '2026-02-30']).then(() => undefined, (error: { code: number; stderr: string }) => error);

    // Assess
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain('--day must be a date written YYYY-MM-DD');
  });
});
