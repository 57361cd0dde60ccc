import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OutboxRelayProps {
  outbox: dynamodb.ITable;
  relay: lambda.IFunction;
  /** Where stream batches go when retries are exhausted. */
  onFailure: sqs.IQueue;
}

/**
 * The outbox table's stream feeding the relay: partial batch failures reported, failing
 * batches bisected, bounded retries and record age, and an on-failure queue.
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
      }),
    );
  }
}
