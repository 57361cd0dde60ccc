// DynamoDB stream → function, with Lambda's semantics: per shard and in order, batch
// size and batching window, partial batch failures, bisect on error, retry and record
// age limits, an on-failure destination, children after their parents, and a
// checkpoint per shard in the data dir.
import { randomUUID } from 'node:crypto';
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
  type Shard,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Meter } from './meter.js';
import type { CheckpointStore, ShardCheckpoint } from './checkpoints.js';
import { FunctionError, FunctionTimeoutError } from './errors.js';
import { firstFailedIndex, type StreamMapping } from './event-sources.js';
import { passesFilters } from './filters.js';
import type { FunctionHost } from './functions.js';
import { delay } from './ports.js';
import type { Resolver } from './template.js';
import type { Log } from './types.js';

/** How long a caught-up shard waits before polling again. */
const IDLE_POLL_MS = 100;
const DISCOVERY_INTERVAL_MS = 2000;
const MAX_BACKOFF_MS = 2000;

export interface PollerContext {
  functions: FunctionHost;
  /** Counts the SQS requests Lambda's pollers would make (local/meter.ts), when the platform meters. */
  meter?: Meter;
  sqs: SQSClient;
  resolver: Resolver;
  region: string;
  log: Log;
}

interface ShardState {
  shardId: string;
  parentShardId?: string;
  started: boolean;
  finished: boolean;
  /** functions.epoch at the start of the last poll that found nothing to do. */
  cleanEpoch: number;
}

/** AttributeValues as Lambda puts them in the event JSON: binary as base64. */
function jsonAttributes(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(jsonAttributes);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined).map(([key, item]) => [key, jsonAttributes(item)]));
  }
  return value;
}

/**
 * The SDK's stream deserializer turns an empty map attribute (`{"M":{}}`) into `{}`;
 * Lambda receives the stream's JSON as DynamoDB wrote it, so restore the type tag.
 */
function imageAttributes(image: Record<string, unknown>): Record<string, unknown> {
  const restore = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return { M: {} };
    const [[tag, inner]] = entries as [[string, unknown]];
    if (tag === 'M' && inner && typeof inner === 'object') {
      return { M: Object.fromEntries(Object.entries(inner).map(([k, v]) => [k, restore(v)])) };
    }
    if (tag === 'L' && Array.isArray(inner)) return { L: inner.map(restore) };
    return value;
  };
  return Object.fromEntries(Object.entries(jsonAttributes(image) as Record<string, unknown>).map(([k, v]) => [k, restore(v)]));
}

function creationSeconds(record: StreamRecord): number {
  const at = record.dynamodb?.ApproximateCreationDateTime;
  return at instanceof Date ? Math.floor(at.getTime() / 1000) : Math.floor(Date.now() / 1000);
}

export class StreamPoller {
  private readonly shards = new Map<string, ShardState>();
  private checkpointShards: Record<string, ShardCheckpoint> = {};
  private stopped = false;
  private readonly abort = new AbortController();
  private readonly running = new Set<Promise<void>>();
  private discovery: Promise<void> | undefined;
  private firstDiscovery = true;

  constructor(
    readonly mapping: StreamMapping,
    private readonly client: DynamoDBStreamsClient,
    private readonly checkpoints: CheckpointStore,
    private readonly context: PollerContext,
  ) {}

  /** Resolves once every current shard has its iterator, so later writes are never missed. */
  async start(): Promise<void> {
    this.checkpointShards = this.checkpoints.shards(this.mapping.logicalId, this.mapping.sourceArn);
    const started = await this.discover();
    this.firstDiscovery = false;
    await Promise.all(started);
    this.discovery = (async () => {
      while (!this.stopped) {
        await delay(DISCOVERY_INTERVAL_MS, this.abort.signal);
        if (this.stopped) break;
        try {
          await Promise.all(await this.discover());
        } catch (error) {
          this.context.log(`${this.mapping.logicalId}: DescribeStream failed: ${(error as Error).message}`);
        }
      }
    })();
  }

  /** Every shard has been polled empty since `epoch` (or is finished). */
  caughtUp(epoch: number): boolean {
    return [...this.shards.values()].every((shard) => shard.finished || (shard.started && shard.cleanEpoch >= epoch));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await Promise.all([...this.running, this.discovery]);
  }

  /** Lists the shards; starts those whose parent is done. Resolves to their "iterator acquired" promises. */
  private async discover(): Promise<Promise<void>[]> {
    const listed: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.client.send(
        new DescribeStreamCommand({ StreamArn: this.mapping.sourceArn, ExclusiveStartShardId: exclusiveStartShardId }),
      );
      listed.push(...(StreamDescription?.Shards ?? []));
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    const listedIds = new Set(listed.map((shard) => shard.ShardId));
    const acquired: Promise<void>[] = [];
    for (const shard of listed) {
      const shardId = shard.ShardId ?? '';
      if (!this.shards.has(shardId)) {
        this.shards.set(shardId, {
          shardId,
          parentShardId: shard.ParentShardId,
          started: false,
          finished: this.checkpointShards[shardId]?.finished === true,
          cleanEpoch: -1,
        });
      }
    }
    for (const state of this.shards.values()) {
      if (state.started || state.finished) continue;
      const parent = state.parentShardId ? this.shards.get(state.parentShardId) : undefined;
      const parentDone = !state.parentShardId || !listedIds.has(state.parentShardId) || parent?.finished === true;
      if (!parentDone) continue;
      state.started = true;
      let signal!: () => void;
      acquired.push(new Promise<void>((resolve) => (signal = resolve)));
      const task = this.runShard(state, this.firstDiscovery && !state.parentShardId, signal).catch((error: unknown) => {
        if (this.stopped) return;
        this.context.log(`${this.mapping.logicalId}: shard ${state.shardId} stopped: ${(error as Error).message}`);
      });
      this.running.add(task);
      void task.finally(() => this.running.delete(task));
    }
    return acquired;
  }

  private async iterator(state: ShardState, initial: boolean): Promise<string | undefined> {
    const saved = this.checkpointShards[state.shardId];
    const base = { StreamArn: this.mapping.sourceArn, ShardId: state.shardId };
    if (saved?.sequenceNumber) {
      try {
        const { ShardIterator } = await this.client.send(
          new GetShardIteratorCommand({ ...base, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: saved.sequenceNumber }),
        );
        return ShardIterator;
      } catch (error) {
        if (!(error instanceof TrimmedDataAccessException)) throw error;
        this.context.log(`${this.mapping.logicalId}: checkpoint of ${state.shardId} was trimmed; reading from the oldest record`);
      }
    }
    // A shard seen before, or a child of a shard we read, is read from its start;
    // StartingPosition applies to the shards present when the mapping first starts.
    const type = saved || !initial ? 'TRIM_HORIZON' : this.mapping.startingPosition;
    const { ShardIterator } = await this.client.send(new GetShardIteratorCommand({ ...base, ShardIteratorType: type }));
    if (!saved) this.checkpoints.update(this.mapping.logicalId, state.shardId, {});
    return ShardIterator;
  }

  private async runShard(state: ShardState, initial: boolean, acquired: () => void): Promise<void> {
    let iterator: string | undefined;
    try {
      iterator = await this.iterator(state, initial);
    } finally {
      acquired();
    }
    const limit = Math.min(this.mapping.batchSize, 1000);
    while (!this.stopped && iterator) {
      const epoch = this.context.functions.epoch;
      let records: StreamRecord[];
      try {
        const result = await this.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
        records = result.Records ?? [];
        iterator = result.NextShardIterator;
        if (records.length > 0 && this.mapping.batchingWindowMs > 0) {
          const windowEnds = Date.now() + this.mapping.batchingWindowMs;
          while (iterator && records.length < this.mapping.batchSize && Date.now() < windowEnds && !this.stopped) {
            await delay(Math.min(IDLE_POLL_MS, windowEnds - Date.now()), this.abort.signal);
            const more = await this.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: Math.min(limit, this.mapping.batchSize - records.length) }));
            records.push(...(more.Records ?? []));
            iterator = more.NextShardIterator;
          }
        }
      } catch (error) {
        if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) {
          iterator = await this.iterator(state, false);
          continue;
        }
        if (this.stopped) return;
        this.context.log(`${this.mapping.logicalId}: GetRecords on ${state.shardId} failed: ${(error as Error).message}`);
        await delay(1000, this.abort.signal);
        continue;
      }
      for (let start = 0; start < records.length && !this.stopped; start += this.mapping.batchSize) {
        await this.deliver(state, records.slice(start, start + this.mapping.batchSize));
      }
      if (records.length === 0) {
        state.cleanEpoch = epoch;
        if (iterator) await delay(IDLE_POLL_MS, this.abort.signal);
      }
    }
    if (!this.stopped && !iterator) {
      state.finished = true;
      this.checkpoints.update(this.mapping.logicalId, state.shardId, { finished: true });
      await this.discover().catch(() => undefined);
    }
  }

  private checkpoint(state: ShardState, record: StreamRecord | undefined): void {
    const sequenceNumber = record?.dynamodb?.SequenceNumber;
    if (sequenceNumber) this.checkpoints.update(this.mapping.logicalId, state.shardId, { sequenceNumber });
  }

  private lambdaRecord(record: StreamRecord): Record<string, unknown> {
    const data = record.dynamodb ?? {};
    return {
      eventID: record.eventID,
      eventName: record.eventName,
      eventVersion: record.eventVersion ?? '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: this.context.region,
      dynamodb: {
        ApproximateCreationDateTime: creationSeconds(record),
        Keys: jsonAttributes(data.Keys),
        ...(data.NewImage ? { NewImage: imageAttributes(data.NewImage) } : {}),
        ...(data.OldImage ? { OldImage: imageAttributes(data.OldImage) } : {}),
        SequenceNumber: data.SequenceNumber,
        SizeBytes: data.SizeBytes,
        StreamViewType: data.StreamViewType,
      },
      ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
      eventSourceARN: this.mapping.sourceArn,
    };
  }

  /** Delivers `records` (in order) until each succeeded or went to the on-failure destination. */
  private async deliver(state: ShardState, records: StreamRecord[]): Promise<void> {
    let batch = records.filter((record) => passesFilters(this.mapping.filters, this.lambdaRecord(record)));
    if (batch.length === 0) {
      this.checkpoint(state, records.at(-1));
      return;
    }
    // Records filtered out before the first delivered one are done with.
    const firstIndex = records.indexOf(batch[0]!);
    if (firstIndex > 0) this.checkpoint(state, records[firstIndex - 1]);
    // Retries count per batch, partial progress or not: a batch that keeps reporting
    // failures ends at the on-failure destination after MaximumRetryAttempts.
    let attempts = 0;
    while (batch.length > 0 && !this.stopped) {
      if (this.mapping.maxRecordAgeSeconds >= 0) {
        // DynamoDB Local truncates ApproximateCreationDateTime to the minute: allow for it.
        const oldest = Date.now() / 1000 - this.mapping.maxRecordAgeSeconds - 59;
        const expired = batch.filter((record) => creationSeconds(record) < oldest);
        if (expired.length > 0) {
          await this.sendOnFailure(state, expired, 'RecordAgeExceeded', attempts, false);
          this.checkpoint(state, expired.at(-1));
          batch = batch.filter((record) => !expired.includes(record));
          continue;
        }
      }
      let failedAt: number;
      let functionError = false;
      try {
        const response = await this.context.functions.invoke(this.mapping.functionName, { Records: batch.map((record) => this.lambdaRecord(record)) });
        failedAt = this.mapping.reportBatchItemFailures
          ? firstFailedIndex(response, batch.map((record) => record.dynamodb?.SequenceNumber ?? ''))
          : -1;
      } catch (error) {
        if (!(error instanceof FunctionError || error instanceof FunctionTimeoutError)) throw error;
        this.context.log(`${this.mapping.logicalId}: ${error.message}`);
        functionError = true;
        failedAt = 0;
        if (this.mapping.bisectOnError && batch.length > 1) {
          // Lambda splits a failing batch and retries the halves; splitting is not a retry.
          const half = Math.ceil(batch.length / 2);
          await this.deliver(state, batch.slice(0, half));
          await this.deliver(state, batch.slice(half));
          return;
        }
      }
      if (failedAt < 0) {
        this.checkpoint(state, batch.at(-1));
        return;
      }
      if (failedAt > 0) this.checkpoint(state, batch[failedAt - 1]);
      batch = batch.slice(failedAt);
      attempts += 1;
      if (this.mapping.maxRetryAttempts >= 0 && attempts > this.mapping.maxRetryAttempts) {
        await this.sendOnFailure(state, batch, 'RetryAttemptsExhausted', attempts, functionError);
        this.checkpoint(state, batch.at(-1));
        return;
      }
      await delay(Math.min(MAX_BACKOFF_MS, 100 * 2 ** (attempts - 1)), this.abort.signal);
    }
  }

  /** Sends Lambda's on-failure record (batch info, not the records) to the SQS destination. */
  private async sendOnFailure(state: ShardState, batch: StreamRecord[], condition: string, attempts: number, functionError: boolean): Promise<void> {
    const first = batch[0];
    const last = batch.at(-1);
    const destination = this.mapping.onFailureArn;
    const description = `${batch.length} record(s) ${first?.dynamodb?.SequenceNumber}..${last?.dynamodb?.SequenceNumber} of ${state.shardId}`;
    if (!destination) {
      this.context.log(`${this.mapping.logicalId}: dropped ${description} (${condition})`);
      return;
    }
    const queueId = this.context.resolver.logicalIdFor(destination);
    const queueUrl = queueId ? this.context.resolver.physicalOf(queueId)?.attributes.QueueUrl : undefined;
    if (!queueUrl) {
      this.context.log(`${this.mapping.logicalId}: on-failure destination ${destination} is not a local queue; dropped ${description}`);
      return;
    }
    const functionArn = this.context.functions.find(this.mapping.functionName)?.arn ?? this.mapping.functionName;
    const arrival = (record: StreamRecord | undefined) => new Date(creationSeconds(record ?? {}) * 1000).toISOString();
    const body = {
      requestContext: { requestId: randomUUID(), functionArn, condition, approximateInvokeCount: attempts },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', ...(functionError ? { functionError: 'Unhandled' } : {}) },
      version: '1.0',
      timestamp: new Date().toISOString(),
      DDBStreamBatchInfo: {
        shardId: state.shardId,
        startSequenceNumber: first?.dynamodb?.SequenceNumber,
        endSequenceNumber: last?.dynamodb?.SequenceNumber,
        approximateArrivalOfFirstRecord: arrival(first),
        approximateArrivalOfLastRecord: arrival(last),
        batchSize: batch.length,
        streamArn: this.mapping.sourceArn,
      },
    };
    await this.context.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body) }));
    this.context.log(`${this.mapping.logicalId}: sent ${description} to the on-failure queue (${condition})`);
  }
}
