import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Alarms } from './monitoring.js';

/** How a consumer takes its messages: what differs between a quick internal worker and one that calls a provider. */
export interface DeliveryOptions {
  /** Receives before a message is moved to the DLQ. @default 5 */
  maxReceiveCount?: number;
  /**
   * Long enough for the consumer's timeout several times over; it is also the pause before
   * a failed message is tried again. @default 60 seconds
   */
  visibilityTimeout?: Duration;
  /** At most this many concurrent invocations of the consumer (2 to 1000). @default no limit but the account's */
  maxConcurrency?: number;
  /** @default 10 */
  batchSize?: number;
  /** Alarm when a message has waited this long. @default 15 minutes */
  maxMessageAge?: Duration;
}

export interface WorkerQueueProps extends DeliveryOptions {
  /** Where the DLQ and message-age alarms go (infra/constructs/monitoring.ts). */
  alarms: Alarms;
  /** The consuming function, if this queue feeds one. */
  consumer?: lambda.IFunction;
  /**
   * A queue no function consumes (failures kept for an operator to replay): alarm as soon as
   * one message is in it, rather than on its age. @default false
   */
  alarmOnAnyMessage?: boolean;
  /** How long a message is kept. @default 4 days */
  retentionPeriod?: Duration;
}

/**
 * A queue with its DLQ, an alarm on anything reaching the DLQ and on messages waiting too
 * long, and optionally its consumer.
 */
export class WorkerQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: WorkerQueueProps) {
    super(scope, id);
    const common = { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true } as const;
    this.deadLetterQueue = new sqs.Queue(this, 'Dlq', { ...common, retentionPeriod: Duration.days(14) });
    this.queue = new sqs.Queue(this, 'Queue', {
      ...common,
      visibilityTimeout: props.visibilityTimeout ?? Duration.seconds(60),
      retentionPeriod: props.retentionPeriod ?? Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 5 },
    });
    const depth = { period: Duration.minutes(1), statistic: 'Maximum' };
    props.alarms.alarm(this, 'DlqAlarm', {
      description: `Messages reached the dead-letter queue of ${id}`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible(depth),
    });
    if (props.alarmOnAnyMessage) {
      props.alarms.alarm(this, 'DepthAlarm', {
        description: `${id} holds messages: each is a failure for an operator to look at`,
        metric: this.queue.metricApproximateNumberOfMessagesVisible(depth),
      });
    } else {
      const maxAge = props.maxMessageAge ?? Duration.minutes(15);
      props.alarms.alarm(this, 'OldestMessageAlarm', {
        description: `${id}: a message has waited more than ${maxAge.toHumanString()}`,
        metric: this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: maxAge.toSeconds(),
      });
    }
    props.consumer?.addEventSource(
      new SqsEventSource(this.queue, { batchSize: props.batchSize ?? 10, reportBatchItemFailures: true, maxConcurrency: props.maxConcurrency }),
    );
  }
}
