/**
 * The outbox and the consumer queues as tests see them: the events of a case read from the
 * outbox table itself (`/local/outbox` shows only the newest 100, so a test counting on it
 * could miss its own events once the file has written more), a redelivery to a consumer's
 * queue, the stream record the relay receives, and what a queue holds without consuming it.
 */
import { GetQueueAttributesCommand, PurgeQueueCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { ConsumerName, OutboxEvent } from '../../contracts/events.js';
import type { TestPlatform } from './platform.js';

/** An outbox item as stored: the event and the table's own `day` and `expiresAt`. */
export type OutboxItem = OutboxEvent & { day: string; expiresAt: number };

/**
 * Every event of a case in the outbox table, oldest first, optionally of one type. A Scan:
 * the test reads the emulator's whole (small) table, which no request path of OneTrip does.
 */
export async function outboxItemsOf(t: TestPlatform, caseId: string, type?: string): Promise<OutboxItem[]> {
  const items: OutboxItem[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await t.dynamo.send(
      new ScanCommand({ TableName: t.outboxTable, FilterExpression: 'caseId = :c', ExpressionAttributeValues: { ':c': caseId }, ExclusiveStartKey, ConsistentRead: true }),
    );
    items.push(...((page.Items ?? []) as OutboxItem[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.filter((i) => type === undefined || i.type === type).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
}

/** How many events the outbox table holds, all cases together. */
export async function outboxSize(t: TestPlatform): Promise<number> {
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await t.dynamo.send(new ScanCommand({ TableName: t.outboxTable, Select: 'COUNT', ExclusiveStartKey, ConsistentRead: true }));
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
}

/** The event as the relay publishes it: the item without the table's own attributes. */
export function published(item: OutboxItem): OutboxEvent {
  const { day: _day, expiresAt: _expires, ...event } = item;
  return event;
}

/** The events of a case as the relay published them, oldest first. */
export async function outboxEventsOf(t: TestPlatform, caseId: string, type?: string): Promise<OutboxEvent[]> {
  return (await outboxItemsOf(t, caseId, type)).map(published);
}

/** The URL of a consumer's queue (the CDK logical id drops the dash: `Queuecourierdispatch…`). */
export const consumerQueue = (t: TestPlatform, consumer: ConsumerName) => t.queue(`Queue${consumer.replace(/-/g, '')}Queue`);

/** Sends an event to a consumer's queue once more, as at-least-once delivery may. */
export async function redeliver(t: TestPlatform, consumer: ConsumerName, event: OutboxEvent): Promise<void> {
  await t.sqs.send(new SendMessageCommand({ QueueUrl: consumerQueue(t, consumer), MessageBody: JSON.stringify(event) }));
}

/** The DynamoDB stream record of an outbox item's INSERT, as the relay receives it. */
export function insertRecord(item: OutboxItem, sequenceNumber: string) {
  return {
    eventID: `test-${sequenceNumber}`,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    dynamodb: { Keys: marshall({ eventId: item.eventId }), NewImage: marshall(item), SequenceNumber: sequenceNumber, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}

/**
 * Holds every message sent to the queues for `seconds` (the queues' DelaySeconds), so a
 * test can count what was published before the consumers take it; `release` empties the
 * queues of what was held and restores their delay.
 */
export async function holdQueues(t: TestPlatform, queueUrls: string[], seconds = 900) {
  const before = await Promise.all(
    queueUrls.map(async (QueueUrl) => (await t.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['DelaySeconds'] }))).Attributes?.DelaySeconds ?? '0'),
  );
  await Promise.all(queueUrls.map((QueueUrl) => t.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { DelaySeconds: String(seconds) } }))));
  return {
    /** The bodies of the messages a queue holds (ready, delayed or in flight), parsed. */
    async held(queueUrl: string): Promise<OutboxEvent[]> {
      const name = new URL(queueUrl).pathname.split('/').at(-1)!;
      const response = await fetch(new URL(`/_fauxqs/queues/${name}`, `http://127.0.0.1:${new URL(t.platform.endpoints.sqs).port}`));
      const { messages } = (await response.json()) as { messages: { ready: { body: string }[]; delayed: { body: string }[]; inflight: { message: { body: string } }[] } };
      return [...messages.ready, ...messages.delayed, ...messages.inflight.map((i) => i.message)].map((m) => JSON.parse(m.body) as OutboxEvent);
    },
    async release(): Promise<void> {
      await Promise.all(queueUrls.map((QueueUrl) => t.sqs.send(new PurgeQueueCommand({ QueueUrl }))));
      await Promise.all(queueUrls.map((QueueUrl, i) => t.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { DelaySeconds: before[i]! } }))));
    },
  };
}
