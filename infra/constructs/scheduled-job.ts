import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import { Construct } from 'constructs';
import type { Alarms } from './monitoring.js';
import { WorkerQueue } from './worker-queue.js';

export interface ScheduledJobProps {
  job: lambda.IFunction;
  schedule: events.Schedule;
  description: string;
  /** Where the job's alarms go (infra/constructs/monitoring.ts). */
  alarms: Alarms;
  /**
   * How often the schedule fires: the job is missed when it has not run for this long plus
   * an hour. Whole hours, at most 167 (CloudWatch evaluates an alarm over at most 7 days).
   * @default 24 hours
   */
  runsEvery?: Duration;
}

/**
 * A function run on a schedule (EventBridge), never silently failing: EventBridge retries
 * twice and sends what it could not deliver to the failures queue, the function's own
 * asynchronous invocation retries twice and sends its failures there too, and alarms fire on
 * any failure and when the job has not run at all.
 */
export class ScheduledJob extends Construct {
  readonly rule: events.Rule;
  /** Undeliverable schedule events and failed runs, kept 14 days for an operator. */
  readonly failures: WorkerQueue;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    this.failures = new WorkerQueue(this, 'Failures', { alarms: props.alarms, alarmOnAnyMessage: true, retentionPeriod: Duration.days(14) });
    props.job.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      onFailure: new destinations.SqsDestination(this.failures.queue),
    });
    this.rule = new events.Rule(this, 'Rule', { schedule: props.schedule, description: props.description });
    this.rule.addTarget(
      new targets.LambdaFunction(props.job, { retryAttempts: 2, maxEventAge: Duration.hours(1), deadLetterQueue: this.failures.queue }),
    );
    props.alarms.alarm(this, 'FailedInvocationsAlarm', {
      description: `${props.description}: EventBridge could not start the job`,
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Events',
        metricName: 'FailedInvocations',
        dimensionsMap: { RuleName: this.rule.ruleName },
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
    });
    // "Fewer than one invocation in 25 hours": an hourly sum, below 1 in each of the last 25
    // hours, where an hour without data (the job did not run) counts as below.
    const hours = (props.runsEvery ?? Duration.hours(24)).toHours() + 1;
    props.alarms.alarm(this, 'MissedRunAlarm', {
      description: `${props.description}: the job has not run for ${hours} hours`,
      metric: props.job.metricInvocations({ period: Duration.hours(1), statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: hours,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
  }
}
