import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Alarms } from './monitoring.js';

export interface OutboxRelayProps {
  outbox: dynamodb.ITable;
  relay: lambda.IFunction;
  /** Where stream batches go when retries are exhausted. */
  onFailure: sqs.IQueue;
  /** Where the alarm on the stream's backlog goes (infra/constructs/monitoring.ts). */
  alarms: Alarms;
  /** Alarm when the newest record the relay took was this old: it is falling behind. @default 5 minutes */
  maxIteratorAge?: Duration;
}

/**
 * The outbox table's stream feeding the relay: partial batch failures reported, failing
 * batches bisected, bounded retries and record age, and an on-failure queue. Only new
 * items (INSERT) reach the relay: an event is written once and never changed, and TTL's
 * deletions of old events must not cost an invocation each. An alarm watches the iterator age.
 */
export class OutboxRelay extends Construct {
  constructor(scope: Construct, id: string, props: OutboxRelayProps) {
    super(scope, id);
    props.relay.addEventSource(
      new DynamoEventSource(props.outbox, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.millis(0),
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(24),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(props.onFailure),
        filters: [lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.isEqual('INSERT') })],
      }),
    );
    const maxAge = props.maxIteratorAge ?? Duration.minutes(5);
    props.alarms.alarm(this, 'IteratorAgeAlarm', {
      description: `The outbox relay is more than ${maxAge.toHumanString()} behind the outbox stream`,
      metric: props.relay.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: maxAge.toMilliseconds(),
    });
  }
}
