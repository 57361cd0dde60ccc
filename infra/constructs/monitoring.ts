import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { OnCallConfig } from '../config/operations.js';

/**
 * Why this file exists: an alarm nobody hears is no alarm. This construct is the county's one
 * place where alarms meet people: the alarm topic (encrypted with the county key, which lets
 * CloudWatch use it), its subscriptions (the county's on-call, infra/config/operations.ts),
 * every alarm's action, and the dashboard that shows them all.
 */

export interface AlarmSpec {
  metric: cloudwatch.IMetric;
  /** What went wrong, for the person the alarm reaches. */
  description: string;
  /** @default 1 */
  threshold?: number;
  /** @default 1 */
  evaluationPeriods?: number;
  /** @default GREATER_THAN_OR_EQUAL_TO_THRESHOLD */
  comparisonOperator?: cloudwatch.ComparisonOperator;
  /** @default NOT_BREACHING: no data means nothing happened */
  treatMissingData?: cloudwatch.TreatMissingData;
}

/** What constructs that raise alarms are given: the one way to raise them. */
export interface Alarms {
  /** An alarm in `scope`, notifying the on-call and shown on the dashboard. */
  alarm(scope: Construct, id: string, spec: AlarmSpec): cloudwatch.Alarm;
}

export interface MonitoringProps {
  /** The county key: the topic is encrypted with it, and CloudWatch is let use it. */
  encryptionKey: kms.Key;
  onCall: OnCallConfig;
  /** The dashboard's name, unique in the account and region. */
  dashboardName: string;
}

/** The alarm topic with its subscribers, and the dashboard of every alarm raised through it. */
export class Monitoring extends Construct implements Alarms {
  readonly topic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];
  /** One widget per alarm, three abreast (a row wraps when full); laid out when the dashboard renders. */
  private readonly grid = new cloudwatch.Row();

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { account } = Stack.of(this);
    this.topic = new sns.Topic(this, 'Topic', { masterKey: props.encryptionKey, enforceSSL: true, displayName: 'OneTrip alarms' });
    // CloudWatch publishes alarm notifications as its service principal: it needs the topic's
    // leave to publish and the key's to encrypt for it, for this account's alarms only.
    const cloudWatch = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
    const thisAccount = { StringEquals: { 'aws:SourceAccount': account } };
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({ principals: [cloudWatch], actions: ['sns:Publish'], resources: [this.topic.topicArn], conditions: thisAccount }),
    );
    props.encryptionKey.addToResourcePolicy(
      new iam.PolicyStatement({ principals: [cloudWatch], actions: ['kms:Decrypt', 'kms:GenerateDataKey*'], resources: ['*'], conditions: thisAccount }),
    );
    for (const email of props.onCall.emails) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    for (const phone of props.onCall.phones) this.topic.addSubscription(new subscriptions.SmsSubscription(phone));
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(1),
    });
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Every alarm', alarms: this.alarms, width: 24, height: 8 }),
    );
    this.dashboard.addWidgets(this.grid);
  }

  alarm(scope: Construct, id: string, spec: AlarmSpec): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(scope, id, {
      alarmDescription: spec.description,
      metric: spec.metric,
      threshold: spec.threshold ?? 1,
      evaluationPeriods: spec.evaluationPeriods ?? 1,
      comparisonOperator: spec.comparisonOperator ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: spec.treatMissingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    // AlarmStatusWidget reads its list when the dashboard renders, after every alarm is in.
    this.alarms.push(alarm);
    this.grid.addWidget(new cloudwatch.AlarmWidget({ alarm, title: spec.description, width: 8 }));
    return alarm;
  }

  /**
   * A function's errors and throttles: any, in five minutes. One alarm on their sum, so each
   * function costs the stack one alarm (a CloudFormation stack holds at most 500 resources).
   */
  watchFunction(name: string, fn: lambda.IFunction): void {
    const period = Duration.minutes(5);
    this.alarm(fn, 'ErrorsAlarm', {
      description: `${name}: the function failed, or invocations were throttled`,
      metric: new cloudwatch.MathExpression({
        expression: 'errors + throttles',
        usingMetrics: { errors: fn.metricErrors({ period, statistic: 'Sum' }), throttles: fn.metricThrottles({ period, statistic: 'Sum' }) },
        period,
      }),
    });
  }
}
