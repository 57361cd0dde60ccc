// The template's SQS queues, created in fauxqs through the ordinary SDK, and their
// undelivered messages kept across restarts (fauxqs itself is in-memory).
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SendMessageBatchCommand,
  type MessageAttributeValue,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { FauxqsServer } from './fauxqs.js';
import { localNames, type Resolver } from './template.js';
import type { Log } from './types.js';

export interface LocalQueue {
  logicalId: string;
  name: string;
  url: string;
  arn: string;
}

const ATTRIBUTES = [
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'MaximumMessageSize',
  'ReceiveMessageWaitTimeSeconds',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

/** Logical ids a raw template value refers to through Ref / Fn::GetAtt. */
function referencedIds(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => referencedIds(item, into));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'Ref' && typeof item === 'string') into.add(item);
      else if (key === 'Fn::GetAtt') into.add(Array.isArray(item) ? String(item[0]) : String(item).split('.')[0] ?? '');
      else referencedIds(item, into);
    }
  }
  return into;
}

/**
 * Creates the queues in dependency order (a dead-letter queue before the queues that
 * redrive to it), so each RedrivePolicy names the DLQ's real fauxqs ARN and fauxqs does
 * the redrive after maxReceiveCount.
 */
export async function createQueues(client: SQSClient, resolver: Resolver): Promise<LocalQueue[]> {
  const pending = new Map(resolver.resources('AWS::SQS::Queue'));
  const created: LocalQueue[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter(([logicalId, resource]) =>
      [...referencedIds(resource.Properties?.RedrivePolicy)].every((id) => id === logicalId || !pending.has(id)),
    );
    const batch = ready.length > 0 ? ready : [...pending];
    await Promise.all(
      batch.map(async ([logicalId]) => {
        pending.delete(logicalId);
        const props = resolver.properties(logicalId);
        const fifo = props.FifoQueue === true || props.FifoQueue === 'true';
        const name = typeof props.QueueName === 'string' ? props.QueueName : localNames.queue(resolver.pseudo.stackName, logicalId, fifo);
        const attributes: Record<string, string> = {};
        for (const attribute of ATTRIBUTES) {
          if (props[attribute] !== undefined) attributes[attribute] = String(props[attribute]);
        }
        if (props.RedrivePolicy !== undefined) {
          attributes.RedrivePolicy = typeof props.RedrivePolicy === 'string' ? props.RedrivePolicy : JSON.stringify(props.RedrivePolicy);
        }
        const { QueueUrl: url = '' } = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
        const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
        const arn = Attributes?.QueueArn ?? '';
        resolver.define(logicalId, url, { Arn: arn, QueueUrl: url, QueueName: name });
        created.push({ logicalId, name, url, arn });
      }),
    );
  }
  return created;
}

interface SavedMessage {
  body: string;
  messageAttributes: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
}

/**
 * Writes every message still in the queues (ready, delayed or in flight) to `file`.
 * fauxqs's inspection is read-only, unlike ReceiveMessage, which would bump receive
 * counts and miss messages in flight.
 */
export function saveQueueMessages(server: FauxqsServer, queues: LocalQueue[], file: string): number {
  const saved: Record<string, SavedMessage[]> = {};
  let count = 0;
  for (const queue of queues) {
    const state = server.inspectQueue(queue.name);
    if (!state) continue;
    const messages = [...state.messages.inflight.map((entry) => entry.message), ...state.messages.ready, ...state.messages.delayed].sort(
      (a, b) => a.sentTimestamp - b.sentTimestamp,
    );
    if (messages.length === 0) continue;
    saved[queue.logicalId] = messages.map((message) => ({
      body: message.body,
      messageAttributes: message.messageAttributes,
      messageGroupId: message.messageGroupId,
      messageDeduplicationId: message.messageDeduplicationId,
    }));
    count += messages.length;
  }
  rmSync(file, { force: true });
  if (count > 0) {
    writeFileSync(`${file}.tmp`, JSON.stringify(saved));
    renameSync(`${file}.tmp`, file);
  }
  return count;
}

/** Sends the messages saved by `saveQueueMessages` back, then forgets the file. */
export async function restoreQueueMessages(client: SQSClient, queues: LocalQueue[], file: string, log: Log): Promise<number> {
  if (!existsSync(file)) return 0;
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, SavedMessage[]>;
  let count = 0;
  for (const queue of queues) {
    const messages = saved[queue.logicalId] ?? [];
    for (let start = 0; start < messages.length; start += 10) {
      const entries = messages.slice(start, start + 10).map((message, index) => ({
        Id: String(index),
        MessageBody: message.body,
        MessageAttributes: Object.fromEntries(
          Object.entries(message.messageAttributes ?? {}).map(([name, value]): [string, MessageAttributeValue] => [
            name,
            {
              DataType: value.DataType,
              ...(value.StringValue !== undefined ? { StringValue: value.StringValue } : {}),
              ...(value.BinaryValue !== undefined ? { BinaryValue: Buffer.from(value.BinaryValue, 'base64') } : {}),
            },
          ]),
        ),
        ...(message.messageGroupId ? { MessageGroupId: message.messageGroupId } : {}),
        ...(message.messageDeduplicationId ? { MessageDeduplicationId: message.messageDeduplicationId } : {}),
      }));
      const result = await client.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: entries }));
      count += result.Successful?.length ?? 0;
      for (const failure of result.Failed ?? []) log(`could not restore a message of ${queue.name}: ${failure.Message}`);
    }
  }
  rmSync(file, { force: true });
  return count;
}
