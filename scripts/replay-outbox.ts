/**
 * `npm run replay-outbox -- --county 430600 --day 2026-12-07 [--local [url]]`: publishes a day's
 * outbox events again, to the same queues and in the same shape as the outbox relay
 * (functions/lambda/relay.ts), for when the relay failed and its failure queue holds only stream
 * positions (docs/operations.md). Safe to run more than once: every consumer recognises an event
 * it has handled by its id and does nothing the second time.
 *
 * The events are found through the outbox's `byDay` index (paged), then read whole from the
 * table by key (BatchGetItem), so the index may project only keys.
 */
import { BatchGetCommand, QueryCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { ConsumerName, OutboxEvent } from '../contracts/events.js';
import { eventOfOutboxItem, relayMessages } from '../functions/lambda/relay.js';
import { COUNTY_OPTIONS, UsageError, countyResources, outboxTableOf, queuePair, runScript, withLocalDefault } from './operations/county.js';

/** The outbox's index by Shanghai day (infra/county-stack.ts). */
const BY_DAY = 'byDay';
/** BatchGetItem reads at most this many keys a request. */
const BATCH = 100;

/** The ids of a day's events, oldest first, across pages. */
async function eventIdsOf(dynamo: DynamoDBDocumentClient, table: string, day: string): Promise<string[]> {
  const ids: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({ TableName: table, IndexName: BY_DAY, KeyConditionExpression: '#d = :d', ExpressionAttributeNames: { '#d': 'day' }, ExpressionAttributeValues: { ':d': day }, ExclusiveStartKey }),
    );
    ids.push(...(page.Items ?? []).map((item) => String(item.eventId)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return ids;
}

/** The whole items of `ids`, in the order of `ids` (those expired meanwhile left out). */
async function itemsOf(dynamo: DynamoDBDocumentClient, table: string, ids: readonly string[]): Promise<Record<string, unknown>[]> {
  const byId = new Map<string, Record<string, unknown>>();
  for (let start = 0; start < ids.length; start += BATCH) {
    let keys: Record<string, unknown>[] | undefined = ids.slice(start, start + BATCH).map((eventId) => ({ eventId }));
    for (let attempt = 0; keys && keys.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
      const out: BatchGetCommandOutput = await dynamo.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }));
      for (const item of out.Responses?.[table] ?? []) byId.set(String(item.eventId), item);
      keys = out.UnprocessedKeys?.[table]?.Keys;
    }
  }
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

export interface Replayed {
  /** Events of the day found in the outbox. */
  events: number;
  /** Messages sent: one per event and subscribed consumer (events no consumer subscribes to send none). */
  messages: number;
  /** Messages sent, by consumer. */
  byConsumer: Partial<Record<ConsumerName, number>>;
}

/** Publishes every outbox event of `day` again, through the relay's routing. */
export async function replayDay(
  clients: { dynamo: DynamoDBDocumentClient; sqs: SQSClient },
  { table, day, queueUrlOf }: { table: string; day: string; queueUrlOf: (consumer: ConsumerName) => string },
): Promise<Replayed> {
  const events: OutboxEvent[] = (await itemsOf(clients.dynamo, table, await eventIdsOf(clients.dynamo, table, day))).map(eventOfOutboxItem);
  const byConsumer: Partial<Record<ConsumerName, number>> = {};
  let messages = 0;
  for (const event of events) {
    for (const { consumer, input } of relayMessages(event, queueUrlOf)) {
      await clients.sqs.send(new SendMessageCommand(input));
      byConsumer[consumer] = (byConsumer[consumer] ?? 0) + 1;
      messages += 1;
    }
  }
  return { events: events.length, messages, byConsumer };
}

/** A real calendar date written `YYYY-MM-DD`. */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The report a run prints. */
export function report(day: string, source: string, replayed: Replayed): string {
  const counts = Object.entries(replayed.byConsumer).map(([consumer, n]) => `  ${consumer}: ${n}`);
  return [`${replayed.events} events of ${day} republished as ${replayed.messages} messages (${source})`, ...counts].join('\n');
}

const USAGE = 'npm run replay-outbox -- --county <code> --day <YYYY-MM-DD> [--local [url]]';

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: withLocalDefault(argv), options: { ...COUNTY_OPTIONS, day: { type: 'string' } } });
  if (values.help) return console.log(USAGE);
  if (!values.county || !values.day) throw new UsageError(`--county and --day are required\n${USAGE}`);
  if (!isDay(values.day)) throw new UsageError(`--day must be a date written YYYY-MM-DD (the Shanghai day the events occurred); got "${values.day}"`);
  const resources = await countyResources(values.county, values.local);
  const replayed = await replayDay(resources, {
    table: outboxTableOf(resources.tables),
    day: values.day,
    queueUrlOf: (consumer) => queuePair(resources.queues, consumer).queue,
  });
  console.log(report(values.day, resources.source, replayed));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) runScript(() => main(process.argv.slice(2)));
