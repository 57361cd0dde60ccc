// SQS queue → function, with Lambda's semantics: long-poll, batch, delete what
// succeeded, leave what failed (the whole batch on an error, or the reported
// batchItemFailures) for the visibility timeout; fauxqs then redrives messages past
// maxReceiveCount to the dead-letter queue, as SQS does.
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { FunctionError, FunctionTimeoutError } from './errors.js';
import { failedIdentifiers, type QueueMapping } from './event-sources.js';
import { passesFilters } from './filters.js';
import { delay } from './ports.js';
import type { PollerContext } from './streams.js';

const WAIT_SECONDS = 1;

export class QueuePoller {
  private stopped = false;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private busy = false;
  private readonly queueUrl: string;

  constructor(
    readonly mapping: QueueMapping,
    private readonly client: SQSClient,
    private readonly context: PollerContext,
  ) {
    this.queueUrl = context.resolver.physicalOf(mapping.sourceLogicalId)?.attributes.QueueUrl ?? '';
  }

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.loop;
  }

  /** Nothing waiting, delayed or in flight in the queue, and no batch being handled. */
  async drained(): Promise<boolean> {
    if (this.busy) return false;
    const { Attributes = {} } = await this.client.send(
      new GetQueueAttributesCommand({
        QueueUrl: this.queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
      }),
    );
    const waiting = Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) + Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0);
    return waiting === 0 && !this.busy;
  }

  private lambdaRecord(message: Message): Record<string, unknown> {
    return {
      messageId: message.MessageId,
      receiptHandle: message.ReceiptHandle,
      body: message.Body ?? '',
      attributes: message.Attributes ?? {},
      messageAttributes: Object.fromEntries(
        Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
          name,
          {
            ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
            ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
            stringListValues: value.StringListValues ?? [],
            binaryListValues: (value.BinaryListValues ?? []).map((item) => Buffer.from(item).toString('base64')),
            dataType: value.DataType,
          },
        ]),
      ),
      ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
      md5OfBody: message.MD5OfBody,
      eventSource: 'aws:sqs',
      eventSourceARN: this.mapping.sourceArn,
      awsRegion: this.context.region,
    };
  }

  private async receive(max: number, waitSeconds: number): Promise<Message[]> {
    const { Messages = [] } = await this.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: Math.min(max, 10),
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: this.abort.signal },
    );
    return Messages;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const messages = await this.receive(this.mapping.batchSize, WAIT_SECONDS);
        if (messages.length === 0) continue;
        this.busy = true;
        // Batch sizes above 10 (or a batching window) gather several receives, as Lambda does.
        const windowEnds = Date.now() + this.mapping.batchingWindowMs;
        while (messages.length < this.mapping.batchSize && !this.stopped) {
          const more = await this.receive(this.mapping.batchSize - messages.length, 0);
          if (more.length === 0 && Date.now() >= windowEnds) break;
          messages.push(...more);
          if (more.length === 0) await delay(Math.min(100, windowEnds - Date.now()), this.abort.signal);
        }
        await this.handle(messages);
      } catch (error) {
        if (this.stopped) return;
        this.context.log(`${this.mapping.logicalId}: ${(error as Error).message}`);
        await delay(1000, this.abort.signal);
      } finally {
        this.busy = false;
      }
    }
  }

  private async handle(messages: Message[]): Promise<void> {
    // Each message was one SendMessage; a batch, one receive and a delete per ten.
    this.context.meter?.sqs({ sends: messages.length, receives: 1 });
    const records = messages.map((message) => this.lambdaRecord(message));
    // Lambda deletes messages its filters reject.
    const delivered = messages.filter((_, index) => passesFilters(this.mapping.filters, records[index]!));
    let succeeded = messages.filter((message) => !delivered.includes(message));
    if (delivered.length > 0) {
      try {
        const response = await this.context.functions.invoke(this.mapping.functionName, {
          Records: delivered.map((message) => records[messages.indexOf(message)]),
        });
        const failed = this.mapping.reportBatchItemFailures ? failedIdentifiers(response, delivered.map((message) => message.MessageId ?? '')) : new Set<string>();
        if (failed !== 'all') succeeded = succeeded.concat(delivered.filter((message) => !failed.has(message.MessageId ?? '')));
      } catch (error) {
        if (!(error instanceof FunctionError || error instanceof FunctionTimeoutError)) throw error;
        this.context.log(`${this.mapping.logicalId}: ${error.message}`);
      }
    }
    for (let start = 0; start < succeeded.length; start += 10) {
      this.context.meter?.sqs({ deletes: 1 });
      await this.client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: succeeded.slice(start, start + 10).map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
        }),
      );
    }
  }
}
