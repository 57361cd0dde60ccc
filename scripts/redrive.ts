/**
 * `npm run redrive -- --county 430600 --queue certificates [--local [url]]`: moves the messages
 * of a queue's dead-letter queue back to the queue, and says what it moved. Against AWS it finds
 * the queues in the stack `OneTrip-<code>`; with `--local`, in a running `npm start`.
 *
 * One message at a time: received from the DLQ, sent to the queue with its body and attributes,
 * and only then deleted from the DLQ, so a failure between the two leaves a duplicate (which the
 * idempotent consumers absorb) and never a loss. It receives rather than using SQS's
 * StartMessageMoveTask because the local emulator has no move task, and so that it can report
 * each message it moved. docs/operations.md says when to use it.
 */
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, type Message, type MessageAttributeValue, type SQSClient } from '@aws-sdk/client-sqs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { COUNTY_OPTIONS, QUEUE_NAMES, UsageError, countyResources, queuePair, runScript, withLocalDefault } from './operations/county.js';

export interface Moved {
  /** The message's id in the dead-letter queue. */
  from: string;
  /** Its id in the queue it was sent back to. */
  to: string;
}

/**
 * How long a received message stays hidden in the DLQ while it is sent on: long enough that
 * this run does not receive it twice, short enough that it is back soon if the run dies.
 */
const IN_FLIGHT_SECONDS = 60;

/** The attributes of a received message, as SendMessage takes them (strings and numbers; binary as given). */
function attributesOf(message: Message): Record<string, MessageAttributeValue> | undefined {
  const attributes = message.MessageAttributes;
  if (!attributes || Object.keys(attributes).length === 0) return undefined;
  return Object.fromEntries(Object.entries(attributes).map(([name, v]) => [name, { DataType: v.DataType, StringValue: v.StringValue, BinaryValue: v.BinaryValue }]));
}

/**
 * Moves every message of `dlq` to `queue`, one at a time, until a receive finds none; stops after
 * `limit` messages. Resolves to the messages moved, in order.
 */
export async function redrive(sqs: SQSClient, { dlq, queue }: { dlq: string; queue: string }, limit = Infinity): Promise<Moved[]> {
  const moved: Moved[] = [];
  while (moved.length < limit) {
    const { Messages: [message] = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 1, WaitTimeSeconds: 1, VisibilityTimeout: IN_FLIGHT_SECONDS, MessageAttributeNames: ['All'] }),
    );
    if (!message?.ReceiptHandle || message.Body === undefined) break;
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: message.Body, MessageAttributes: attributesOf(message) }));
    await sqs.send(new DeleteMessageCommand({ QueueUrl: dlq, ReceiptHandle: message.ReceiptHandle }));
    moved.push({ from: message.MessageId ?? '?', to: sent.MessageId ?? '?' });
  }
  return moved;
}

/** The report a run prints: how many, and each message's ids. */
export function report(queueName: string, source: string, moved: readonly Moved[]): string {
  const head = `${moved.length} message${moved.length === 1 ? '' : 's'} moved from the dead-letter queue of ${queueName} back to its queue (${source})`;
  return [head, ...moved.map((m) => `  ${m.from} -> ${m.to}`)].join('\n');
}

const USAGE = `npm run redrive -- --county <code> --queue <${QUEUE_NAMES.join('|')}> [--local [url]] [--max <n>]`;

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: withLocalDefault(argv), options: { ...COUNTY_OPTIONS, queue: { type: 'string' }, max: { type: 'string' } } });
  if (values.help) return console.log(USAGE);
  if (!values.county || !values.queue) throw new UsageError(`--county and --queue are required\n${USAGE}`);
  const max = values.max === undefined ? Infinity : Number(values.max);
  if (!(Number.isInteger(max) || max === Infinity) || max < 1) throw new UsageError(`--max must be a positive whole number; got "${values.max}"`);
  const resources = await countyResources(values.county, values.local);
  const moved = await redrive(resources.sqs, queuePair(resources.queues, values.queue), max);
  console.log(report(values.queue, resources.source, moved));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) runScript(() => main(process.argv.slice(2)));
