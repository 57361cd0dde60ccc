import { Duration, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import type { Alarms } from './monitoring.js';
import { WorkerQueue } from './worker-queue.js';

export interface ScheduledJobProps {
  job: lambda.IFunction;
  /**
   * When it runs: an EventBridge rule's schedule, or an EventBridge Scheduler expression (its
   * own schedule group, so its alarms count its own failures only).
   */
  schedule: events.Schedule | scheduler.ScheduleExpression;
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

const RETRIES = 2;
const MAX_EVENT_AGE = Duration.hours(1);

/**
 * A function run on a schedule (an EventBridge rule or EventBridge Scheduler), never silently
 * failing: EventBridge retries twice and sends what it could not deliver to the failures
 * queue, the function's own asynchronous invocation retries twice and sends its failures
 * there too, and alarms fire on any failure and when the job has not run at all.
 */
export class ScheduledJob extends Construct {
  /** The rule, when the schedule is an EventBridge rule's. */
  readonly rule?: events.Rule;
  /** The schedule, when it is EventBridge Scheduler's. */
  readonly schedule?: scheduler.Schedule;
  /** Undeliverable schedule events and failed runs, kept 14 days for an operator. */
  readonly failures: WorkerQueue;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    this.failures = new WorkerQueue(this, 'Failures', { alarms: props.alarms, alarmOnAnyMessage: true, retentionPeriod: Duration.days(14) });
    props.job.configureAsyncInvoke({
      retryAttempts: RETRIES,
      maxEventAge: MAX_EVENT_AGE,
      onFailure: new destinations.SqsDestination(this.failures.queue),
    });
    let failedToStart: cloudwatch.IMetric;
    if (props.schedule instanceof scheduler.ScheduleExpression) {
      const group = new scheduler.ScheduleGroup(this, 'Group');
      const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
      this.schedule = new scheduler.Schedule(this, 'Schedule', {
        schedule: props.schedule,
        scheduleGroup: group,
        description: props.description,
        target: new schedulerTargets.LambdaInvoke(props.job, { role, retryAttempts: RETRIES, maxEventAge: MAX_EVENT_AGE, deadLetterQueue: this.failures.queue }),
      });
      const job = Stack.of(this).getLogicalId(props.job.node.defaultChild as CfnElement);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${job}.Arn>:*]`,
        reason: 'lambda:InvokeFunction is granted on the job and its versions (Arn:*); the schedule invokes the unqualified function only.',
      });
      // Scheduler counts a run it could not start as a target error, then drops it (or sends it to the failures queue).
      failedToStart = new cloudwatch.MathExpression({
        expression: 'errors + dropped',
        usingMetrics: { errors: group.metricTargetErrors({ period: Duration.minutes(5), statistic: 'Sum' }), dropped: group.metricDropped({ period: Duration.minutes(5), statistic: 'Sum' }) },
        period: Duration.minutes(5),
      });
    } else {
      this.rule = new events.Rule(this, 'Rule', { schedule: props.schedule, description: props.description });
      this.rule.addTarget(new targets.LambdaFunction(props.job, { retryAttempts: RETRIES, maxEventAge: MAX_EVENT_AGE, deadLetterQueue: this.failures.queue }));
      failedToStart = new cloudwatch.Metric({
        namespace: 'AWS/Events',
        metricName: 'FailedInvocations',
        dimensionsMap: { RuleName: this.rule.ruleName },
        statistic: 'Sum',
        period: Duration.minutes(5),
      });
    }
    props.alarms.alarm(this, 'FailedInvocationsAlarm', {
      description: `${props.description}: ${this.rule ? 'EventBridge' : 'EventBridge Scheduler'} could not start the job`,
      metric: failedToStart,
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
