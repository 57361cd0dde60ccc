// Event sources with Lambda's semantics, against the fixture stack and the real
// emulators: a table stream with partial batch failures, bisect and an on-failure queue;
// an SQS queue whose poison message fauxqs redrives to the DLQ; a schedule.
import { GetItemCommand, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixturePlatform, type FixturePlatform } from './fixture/platform.js';

let t: FixturePlatform;

beforeAll(async () => {
  t = await startFixturePlatform();
});
afterAll(async () => {
  await t?.stop();
});

async function deliveries(key: string): Promise<number> {
  const { Item } = await t.dynamodb.send(new GetItemCommand({ TableName: t.table('LedgerTable'), Key: { pk: { S: key } }, ConsistentRead: true }));
  return Number(Item?.deliveries?.N ?? 0);
}

/** The size of the batch each delivery of a stream record came in, in order. */
async function batchesOf(key: string): Promise<number[]> {
  const { Item } = await t.dynamodb.send(new GetItemCommand({ TableName: t.table('LedgerTable'), Key: { pk: { S: key } }, ConsistentRead: true }));
  return (Item?.batches?.L ?? []).map((size) => Number(size.N));
}

async function drain(queueUrl: string): Promise<Array<{ body: string; receiveCount: number }>> {
  const { Messages = [] } = await t.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['All'] }),
  );
  return Messages.map((message) => ({ body: message.Body ?? '', receiveCount: Number(message.Attributes?.ApproximateReceiveCount) }));
}

describe('a table stream mapping', () => {
  it('retries from the first failed item, loses no later item, and sends exhausted records to the on-failure queue', async () => {
    // Prepare: written in order, so they reach the function in this order
    const items = [['s-ok-1'], ['s-once', 'once'], ['s-ok-2'], ['s-always', 'always']] as const;
    for (const [id, fail] of items) {
      await t.dynamodb.send(new PutItemCommand({ TableName: t.table('ItemsTable'), Item: { pk: { S: id }, ...(fail ? { fail: { S: fail } } : {}) } }));
    }

    // Act
    await t.platform.idle();

    // Assess
    expect(await deliveries('stream#s-ok-1')).toBe(1);
    expect(await deliveries('stream#s-once')).toBe(2);
    expect(await deliveries('stream#s-ok-2')).toBeGreaterThanOrEqual(1);
    expect(await deliveries('stream#s-always')).toBe(3); // first delivery + MaximumRetryAttempts 2
    const failures = await drain(t.queueUrl('StreamFailures'));
    expect(failures).toHaveLength(1);
    const record = JSON.parse(failures[0]!.body);
    expect(record.requestContext.condition).toBe('RetryAttemptsExhausted');
    expect(record.requestContext.functionArn).toMatch(/:function:OneTripFixture-StreamConsumerFunction/);
    expect(record.DDBStreamBatchInfo).toMatchObject({ batchSize: 1, streamArn: expect.stringContaining('/stream/') });
    expect(record.DDBStreamBatchInfo.startSequenceNumber).toBe(record.DDBStreamBatchInfo.endSequenceNumber);
  });

  it('bisects a batch whose invocation throws, halving it until the record that throws is alone, and delivers each record', async () => {
    // Prepare: three records in one transaction, so that they reach the function as one batch;
    // b-throw makes every invocation that carries another record with it throw
    const put = (pk: string, fail?: string) => ({ Put: { TableName: t.table('ItemsTable'), Item: { pk: { S: pk }, ...(fail ? { fail: { S: fail } } : {}) } } });
    await t.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: [put('b-1'), put('b-throw', 'throw-unless-alone'), put('b-2')] }));

    // Act
    await t.platform.idle();

    // Assess: retrying the whole batch (or halving it less) would have thrown until the
    // retries ran out and sent it to the on-failure queue
    const batches = await batchesOf('stream#b-throw');
    expect(batches[0]).toBe(3);
    expect(batches.at(-1)).toBe(1);
    expect(batches.every((size, i) => i === 0 || size <= Math.ceil(batches[i - 1]! / 2))).toBe(true);
    expect(await deliveries('stream#b-1')).toBeGreaterThanOrEqual(1);
    expect(await deliveries('stream#b-2')).toBeGreaterThanOrEqual(1);
    expect(await drain(t.queueUrl('StreamFailures'))).toHaveLength(0);
  });
});

describe('an SQS mapping', () => {
  it('deletes what succeeded and leaves a poison message for fauxqs to redrive to the DLQ after maxReceiveCount', async () => {
    // Prepare
    const queueUrl = t.queueUrl('WorkQueue');
    for (const body of [{ id: 'q-ok-1' }, { id: 'q-poison', poison: true }, { id: 'q-ok-2' }]) {
      await t.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body), MessageAttributes: { kind: { DataType: 'String', StringValue: 'test' } } }));
    }

    // Act: the poison message comes back twice (VisibilityTimeout 2 s), then moves
    await t.platform.idle();

    // Assess
    expect(await deliveries('queue#q-ok-1')).toBe(1);
    expect(await deliveries('queue#q-ok-2')).toBe(1);
    expect(await deliveries('queue#q-poison')).toBe(2);
    const { Attributes } = await t.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }));
    expect(Number(Attributes?.ApproximateNumberOfMessages) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible)).toBe(0);
    const dead = await drain(t.queueUrl('WorkDlq'));
    expect(dead.map((message) => JSON.parse(message.body).id)).toEqual(['q-poison']);
  });

  it('gives the function Lambda-shaped SQS records', async () => {
    const event = {
      Records: [{ messageId: 'm1', receiptHandle: 'r', body: JSON.stringify({ id: 'direct' }), attributes: { ApproximateReceiveCount: '1' } }],
    };
    expect(await t.platform.invoke('WorkerFunctionACE6A4B0', event)).toEqual({ batchItemFailures: [] });
    expect(await deliveries('queue#direct')).toBe(1);
  });
});

describe('a schedule', () => {
  it('invokes its target with a Scheduled Event', async () => {
    await t.platform.runSchedule('TickRule0B52B327');
    const { Item } = await t.dynamodb.send(new GetItemCommand({ TableName: t.table('LedgerTable'), Key: { pk: { S: 'tick' } }, ConsistentRead: true }));
    expect(Item?.detailType?.S).toBe('Scheduled Event');
    expect(Item?.time?.S).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});
