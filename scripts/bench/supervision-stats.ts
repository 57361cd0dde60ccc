/**
 * `npm run bench -- stats`: the `supervision-stats` consumer's throughput against the outbox
 * relay's, in the same run on the same local platform. The relay's figure: events written to
 * the outbox until all of them wait in the consumer's queue (held there by a delay, so the
 * consumer does not take them yet). The consumer's: the same number of events sent to its
 * queue until the platform is idle and every one is counted (its marker and ADDs in one
 * transaction each). Rounds alternate the two; the ratio of the medians says whether the
 * statistics keep up with what the relay publishes (≥ 1: they do).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { PurgeQueueCommand, SendMessageBatchCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { shanghaiDate } from '../../contracts/dates.js';
import type { OutboxEvent } from '../../contracts/events.js';
import { startPlatform, type Platform } from '../../local/platform.js';
import { fixed, median, ratio, table } from './stats.js';

export interface StatsBenchOptions {
  /** Events per path and round. @default 200 */
  events?: number;
  /** Rounds, alternating the relay and the consumer. @default 3 */
  rounds?: number;
}

export interface StatsBenchResult {
  events: number;
  rounds: number;
  /** Events per second of each round. */
  relayPerSecond: number[];
  consumerPerSecond: number[];
  /** Median consumer rate over median relay rate. */
  ratio: number;
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const SERVICE = 'BENCH-STATS';

/** A counted event that touches the county's row, its service's row: what a visit adds. */
function visitEvent(): OutboxEvent {
  return {
    eventId: randomUUID(),
    type: 'case.visited',
    occurredAt: new Date().toISOString(),
    county: '430600',
    caseId: randomUUID(),
    receiptNumber: '430600-20261207-000001',
    data: { reason: 'verify_originals', service: SERVICE, first: true },
  };
}

export async function benchStats(options: StatsBenchOptions = {}): Promise<StatsBenchResult> {
  const events = options.events ?? 200;
  const rounds = options.rounds ?? 3;
  const dataDir = mkdtempSync(join(tmpdir(), 'onetrip-bench-'));
  let platform: Platform | undefined;
  try {
    platform = await startPlatform({ port: 0, dataDir, fresh: true, log: () => {} });
    const p = platform;
    const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: p.endpoints.dynamodb, region: 'us-east-1', credentials }));
    const sqs = new SQSClient({ endpoint: p.endpoints.sqs, region: 'us-east-1', credentials });
    const find = <T>(all: Record<string, T>, prefix: string): T => {
      const id = Object.keys(all).find((k) => k.startsWith(prefix));
      if (!id) throw new Error(`No ${prefix}* on the platform`);
      return all[id]!;
    };
    const outboxTable = find(p.resources.tables, 'Outbox');
    const dataTable = find(p.resources.tables, 'Data');
    const QueueUrl = find(p.resources.queues, 'QueuesupervisionstatsQueue').url;
    const queueName = new URL(QueueUrl).pathname.split('/').at(-1)!;

    /** Messages the queue holds, ready, delayed or in flight (fauxqs' own view, as test/support/outbox.ts reads it). */
    const held = async (): Promise<number> => {
      const response = await fetch(new URL(`/_fauxqs/queues/${queueName}`, `http://127.0.0.1:${new URL(p.endpoints.sqs).port}`));
      const { messages } = (await response.json()) as { messages: { ready: unknown[]; delayed: unknown[]; inflight: unknown[] } };
      return messages.ready.length + messages.delayed.length + messages.inflight.length;
    };
    const trips = async (): Promise<number> => {
      const out = await dynamo.send(new GetCommand({ TableName: dataTable, Key: { pk: `STATS#${shanghaiDate(new Date())}`, sk: `ITEM#${SERVICE}` }, ConsistentRead: true }));
      return Number(out.Item?.trips ?? 0);
    };

    const relayRound = async (): Promise<number> => {
      await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { DelaySeconds: '900' } }));
      const batch = Array.from({ length: events }, visitEvent);
      const start = performance.now();
      for (let i = 0; i < batch.length; i += 25) {
        const nowSeconds = Math.floor(Date.now() / 1000);
        const items = batch.slice(i, i + 25).map((e) => ({ PutRequest: { Item: { ...e, day: shanghaiDate(new Date(e.occurredAt)), expiresAt: nowSeconds + 3600 } } }));
        await dynamo.send(new BatchWriteCommand({ RequestItems: { [outboxTable]: items } }));
      }
      const deadline = Date.now() + 120_000;
      while ((await held()) < events) {
        if (Date.now() > deadline) throw new Error(`the relay published ${await held()} of ${events} events in 120 s`);
        await new Promise((r) => setTimeout(r, 10));
      }
      const elapsed = performance.now() - start;
      await sqs.send(new PurgeQueueCommand({ QueueUrl }));
      await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { DelaySeconds: '0' } }));
      await p.idle();
      return events / (elapsed / 1000);
    };

    const consumerRound = async (): Promise<number> => {
      const before = await trips();
      const batch = Array.from({ length: events }, visitEvent);
      const start = performance.now();
      for (let i = 0; i < batch.length; i += 10) {
        const entries = batch.slice(i, i + 10).map((e, j) => ({ Id: String(j), MessageBody: JSON.stringify(e) }));
        await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries }));
      }
      await p.idle({ timeoutMs: 120_000 });
      const elapsed = performance.now() - start;
      const counted = (await trips()) - before;
      if (counted !== events) throw new Error(`the consumer counted ${counted} of ${events} events`);
      return events / (elapsed / 1000);
    };

    // Warm both paths up (JIT, connections, the functions' first invocations).
    await relayRound();
    await consumerRound();
    const relayPerSecond: number[] = [];
    const consumerPerSecond: number[] = [];
    for (let r = 0; r < rounds; r++) {
      relayPerSecond.push(await relayRound());
      consumerPerSecond.push(await consumerRound());
    }
    return { events, rounds, relayPerSecond, consumerPerSecond, ratio: median(consumerPerSecond) / median(relayPerSecond) };
  } finally {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function statsTable(r: StatsBenchResult): string {
  return [
    table(
      ['path', 'events/s (median)', ...r.relayPerSecond.map((_, i) => `round ${i + 1}`)],
      [
        ['outbox relay: outbox → queue', fixed(median(r.relayPerSecond)), ...r.relayPerSecond.map((n) => fixed(n))],
        ['supervision-stats: queue → counters', fixed(median(r.consumerPerSecond)), ...r.consumerPerSecond.map((n) => fixed(n))],
      ],
    ),
    `consumer / relay: ${ratio(r.ratio)} (${r.events} events a round; ≥ 1 means the statistics keep up with what the relay publishes)`,
  ].join('\n');
}
