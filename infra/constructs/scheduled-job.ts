import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface ScheduledJobProps {
  job: lambda.IFunction;
  schedule: events.Schedule;
  description: string;
}

/** A function run on a schedule (EventBridge), retried twice and never run on stale events. */
export class ScheduledJob extends Construct {
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    this.rule = new events.Rule(this, 'Rule', { schedule: props.schedule, description: props.description });
    this.rule.addTarget(new targets.LambdaFunction(props.job, { retryAttempts: 2 }));
  }
}
