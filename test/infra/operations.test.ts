/**
 * Why this file exists: what operators of a county rely on, checked in the synthesized
 * template: alarms that reach the on-call, the dashboard, failures that are never silent
 * (relay, scheduled jobs, provider workers), retention, least privilege and cost.
 */
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consumers } from '../../contracts/events.js';
import { CASE_LIST_ATTRIBUTES, TASK_LIST_ATTRIBUTES } from '../../contracts/staff.js';
import { findCounty, type CountyConfig } from '../../infra/config/counties.js';
import { DEFAULT_RETENTION, operationsProblems } from '../../infra/config/operations.js';
import { functionSpecs } from '../../infra/functions.js';
import { addCountyStacks, countyApp } from '../../infra/synth.js';

type Resource = { Type: string; Properties?: any; Metadata?: any };
type Resources = Record<string, Resource>;

const ON_CALL = { emails: ['oncall@huarong.example.cn'], phones: ['+8613800000000'] };
const RETENTION = { materialsYears: 8, resultsYears: 25, reportsYears: 20, logsDays: 731 };
const county: CountyConfig = { ...findCounty('430623'), onCall: ON_CALL, retention: RETENTION };

let resources: Resources;

beforeAll(async () => {
  // Prepare: one county with an on-call and its own retention, synthesized once (without
  // cdk-nag, which test/infra/county-stack.cases.ts runs on the same constructs).
  const outdir = mkdtempSync(join(tmpdir(), 'onetrip-ops-'));
  const [stack] = (await addCountyStacks(countyApp({ outdir }), [county], { bundlesDir: join(outdir, 'bundles'), edge: false, nag: false })) as [Stack];
  resources = Template.fromStack(stack).toJSON().Resources as Resources;
}, 300_000);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
/** The alarm topic (the other is the notifications' delivery receipts topic). */
const alarmTopic = (): [string, Resource] => {
  const found = ofType('AWS::SNS::Topic').filter(([id]) => !id.startsWith('NotificationReceipts'));
  expect(found).toHaveLength(1);
  return found[0]!;
};
const only = (type: string): [string, Resource] => {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};
const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([id, a]) => ({ id, ...a.Properties }) as Record<string, any>);
const alarmsOn = (metricName: string) => alarms().filter((a) => a.MetricName === metricName);
/** The logical id of the function of infra/functions.ts named `name`. */
const functionId = (name: string): string => {
  const found = ofType('AWS::Lambda::Function').find(([, f]) => f.Properties.Description === functionSpecs[name]!.description);
  expect(found, name).toBeDefined();
  return found![0];
};
const dimension = (alarm: Record<string, any>, name: string) => alarm.Dimensions?.find((d: any) => d.Name === name)?.Value;
const refOf = (value: any): string | undefined => value?.Ref ?? value?.['Fn::GetAtt']?.[0];

describe('the on-call configuration', () => {
  it('has defaults that deploy, and names each bad value', () => {
    // Prepare, Act, Assess
    expect(operationsProblems({})).toEqual([]);
    expect(operationsProblems({ onCall: ON_CALL, retention: RETENTION })).toEqual([]);
    const problems = operationsProblems({
      onCall: { emails: ['not-an-address', 'a@b.cn', 'a@b.cn'], phones: ['13800000000'] },
      retention: { materialsYears: 0, resultsYears: 2.5, logsDays: 100 },
    });
    expect(problems).toEqual([
      'onCall.emails: "not-an-address" is not an email address',
      'onCall.phones: "13800000000" is not a mobile number in E.164 form (e.g. +8613800000000)',
      'onCall.emails names the same subscriber twice',
      'retention.materialsYears is 0: a whole number of years from 1 to 100',
      'retention.resultsYears is 2.5: a whole number of years from 1 to 100',
      expect.stringMatching(/^retention\.logsDays is 100: CloudWatch Logs keeps logs for one of 1, 3, .* 3653 days$/),
    ]);
  });

  it('refuses to synthesize a county whose settings are wrong', async () => {
    // Prepare
    const outdir = mkdtempSync(join(tmpdir(), 'onetrip-ops-bad-'));
    const bad = { ...county, onCall: { emails: ['nobody'], phones: [] } };

    // Act, Assess
    await expect(addCountyStacks(countyApp({ outdir }), [bad], { bundlesDir: join(outdir, 'bundles'), edge: false, nag: false })).rejects.toThrow(
      'onCall.emails: "nobody" is not an email address',
    );
  }, 120_000);
});

describe('alarms reach someone', () => {
  it("lets CloudWatch use the county key and publish to the alarm topic, for this account's alarms only", () => {
    // Prepare
    const [, key] = only('AWS::KMS::Key');
    const [topicId] = alarmTopic();
    const [, topicPolicy] = ofType('AWS::SNS::TopicPolicy').find(([, p]) => JSON.stringify(p.Properties.Topics).includes(topicId))!;
    const byCloudWatch = (statements: any[]) => statements.filter((s) => s.Effect === 'Allow' && s.Principal?.Service === 'cloudwatch.amazonaws.com');

    // Assess
    const [keyGrant] = byCloudWatch(key.Properties.KeyPolicy.Statement);
    expect(keyGrant).toBeDefined();
    expect([keyGrant.Action].flat().sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(keyGrant.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': expect.anything() } });
    const [publish] = byCloudWatch(topicPolicy.Properties.PolicyDocument.Statement);
    expect(publish).toMatchObject({ Action: 'sns:Publish', Resource: { Ref: topicId }, Condition: { StringEquals: { 'aws:SourceAccount': expect.anything() } } });
    expect(resources[topicId]!.Properties.KmsMasterKeyId).toBeDefined();
  });

  it("subscribes the county's on-call: each email and each phone", () => {
    // Prepare
    const [topicId] = alarmTopic();

    // Assess
    const subscriptions = ofType('AWS::SNS::Subscription').map(([, s]) => s.Properties).filter((s) => s.Protocol !== 'lambda');
    expect(subscriptions.map((s) => [s.Protocol, s.Endpoint]).sort()).toEqual([['email', ON_CALL.emails[0]], ['sms', ON_CALL.phones[0]]]);
    for (const s of subscriptions) expect(s.TopicArn).toEqual({ Ref: topicId });
  });

  it('sends every alarm to the topic and shows each on the dashboard', () => {
    // Prepare
    const [topicId] = alarmTopic();
    const [, dashboard] = only('AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard.Properties.DashboardBody);

    // Assess
    // errors and throttles per function; per consumer queue a DLQ and an age alarm; the relay's
    // and each scheduled job's failure queues a DLQ and a depth alarm each; 5xx, iterator age;
    // each job's failed invocations and its missed run; broken timelines (docs/oversight.md)
    const consumerCount = Object.keys(consumers).length;
    const jobs = ofType('AWS::Events::Rule').length + ofType('AWS::Scheduler::Schedule').length;
    expect(jobs).toBeGreaterThanOrEqual(3);
    expect(alarms()).toHaveLength(Object.keys(functionSpecs).length + 2 * consumerCount + 2 * (1 + jobs) + 2 + 2 * jobs + 1);
    for (const alarm of alarms()) {
      expect(alarm.AlarmActions, alarm.id).toEqual([{ Ref: topicId }]);
      expect(body, alarm.id).toContain(`"${alarm.id}"`);
    }
    expect(dashboard.Properties.DashboardName).toBe('OneTrip-430623');
  });
});

describe('alarms and the dashboard', () => {
  it('watches every function for errors and throttles, in one alarm on their sum', () => {
    const summed = (metric: string, id: string | undefined) =>
      alarms().filter((a) => (a.Metrics ?? []).some((m: any) => m.MetricStat?.Metric?.MetricName === metric && refOf(dimension(m.MetricStat.Metric, 'FunctionName')) === id));
    for (const name of Object.keys(functionSpecs)) {
      const id = functionId(name);
      const [alarm] = summed('Errors', id);
      expect(summed('Errors', id), name).toHaveLength(1);
      expect(summed('Throttles', id).map((a) => a.id), name).toEqual([alarm!.id]);
      expect(alarm!.Metrics.find((m: any) => m.Expression).Expression).toBe('errors + throttles');
    }
  });

  it("watches each consumer queue's oldest message and each DLQ's depth", () => {
    // Prepare
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties.EventSourceArn).includes('Queue'));
    expect(mappings).toHaveLength(Object.keys(consumers).length);

    // Assess
    for (const [, mapping] of mappings) {
      const queueId = refOf(mapping.Properties.EventSourceArn)!;
      const age = alarmsOn('ApproximateAgeOfOldestMessage').filter((a) => refOf(dimension(a, 'QueueName')) === queueId);
      expect(age, queueId).toHaveLength(1);
      expect(age[0]!.Threshold).toBe(900);
    }
    const dlqs = ofType('AWS::SQS::Queue').flatMap(([, q]) => (q.Properties.RedrivePolicy ? [refOf(q.Properties.RedrivePolicy.deadLetterTargetArn)] : []));
    for (const dlq of dlqs) expect(alarmsOn('ApproximateNumberOfMessagesVisible').some((a) => refOf(dimension(a, 'QueueName')) === dlq), dlq).toBe(true);
  });

  it("watches the API's 5xx and the outbox stream's iterator age", () => {
    // Prepare
    const [apiId] = only('AWS::ApiGatewayV2::Api');

    // Assess
    const serverErrors = alarmsOn('5xx');
    expect(serverErrors).toHaveLength(1);
    expect(serverErrors[0]).toMatchObject({ Namespace: 'AWS/ApiGateway', Statistic: 'Sum', Threshold: 1 });
    expect(refOf(dimension(serverErrors[0]!, 'ApiId'))).toBe(apiId);
    const iterator = alarmsOn('IteratorAge');
    expect(iterator).toHaveLength(1);
    expect(iterator[0]).toMatchObject({ Namespace: 'AWS/Lambda', Statistic: 'Maximum', Threshold: 300_000 });
    expect(refOf(dimension(iterator[0]!, 'FunctionName'))).toBe(functionId('outbox-relay'));
  });
});

describe('a failed outbox relay', () => {
  it('lands in a queue kept 14 days whose every message raises an alarm', () => {
    // Prepare
    const [, mapping] = ofType('AWS::Lambda::EventSourceMapping').find(([, m]) => m.Properties.DestinationConfig)!;
    const failuresId = refOf(mapping.Properties.DestinationConfig.OnFailure.Destination)!;

    // Assess
    expect(resources[failuresId]!.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    const depth = alarmsOn('ApproximateNumberOfMessagesVisible').filter((a) => refOf(dimension(a, 'QueueName')) === failuresId);
    expect(depth).toHaveLength(1);
    expect(depth[0]).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1 });
  });
});

describe('the daily jobs', () => {
  const DAILY = ['deferred-watch', 'supervision-archive', 'integrity-audit'] as const;

  it('sends undeliverable schedule events and failed runs to a failures queue, after retries', () => {
    for (const name of DAILY) {
      // Prepare
      const jobId = functionId(name);
      const [ruleId, rule] = ofType('AWS::Events::Rule').find(([, r]) => refOf(r.Properties.Targets[0].Arn) === jobId)!;
      const [target] = rule.Properties.Targets;
      const [, invokeConfig] = ofType('AWS::Lambda::EventInvokeConfig').find(([, c]) => c.Properties.FunctionName.Ref === jobId)!;

      // Assess
      expect(target.RetryPolicy, name).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 });
      const failuresId = refOf(target.DeadLetterConfig.Arn)!;
      expect(resources[failuresId]!.Type).toBe('AWS::SQS::Queue');
      expect(invokeConfig.Properties).toMatchObject({ FunctionName: { Ref: jobId }, MaximumRetryAttempts: 2 });
      expect(refOf(invokeConfig.Properties.DestinationConfig.OnFailure.Destination)).toBe(failuresId);
      expect(alarmsOn('ApproximateNumberOfMessagesVisible').some((a) => refOf(dimension(a, 'QueueName')) === failuresId)).toBe(true);
      expect(alarmsOn('FailedInvocations').filter((a) => refOf(dimension(a, 'RuleName')) === ruleId), name).toHaveLength(1);
    }
  });

  it('raises an alarm when one has not run for 25 hours', () => {
    for (const name of DAILY) {
      // Prepare
      const missed = alarmsOn('Invocations').filter((a) => refOf(dimension(a, 'FunctionName')) === functionId(name));

      // Assess: an hourly sum below 1 in each of 25 hours, no data counting as none
      expect(missed, name).toHaveLength(1);
      expect(missed[0]).toMatchObject({
        Statistic: 'Sum',
        Period: 3600,
        EvaluationPeriods: 25,
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'breaching',
      });
      expect(missed[0]!.DatapointsToAlarm ?? 25).toBe(25);
    }
  });
});

describe('provider workers', () => {
  for (const name of ['courier-dispatch', 'refunds'] as const) {
    it(`${name} rides out an hour of provider outage, two workers at most`, () => {
      // Prepare
      const [, mapping] = ofType('AWS::Lambda::EventSourceMapping').find(([, m]) => refOf(m.Properties.FunctionName) === functionId(name))!;
      const queue = resources[refOf(mapping.Properties.EventSourceArn)!]!.Properties;
      const timeout = resources[functionId(name)]!.Properties.Timeout as number;

      // Assess: receives × visibility (the pause between tries) span more than an hour
      expect(mapping.Properties.ScalingConfig).toEqual({ MaximumConcurrency: 2 });
      expect(queue.RedrivePolicy.maxReceiveCount * queue.VisibilityTimeout).toBeGreaterThanOrEqual(3600);
      expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
    });
  }

  it('leaves the internal workers quick: 5 receives, no concurrency limit', () => {
    const [, mapping] = ofType('AWS::Lambda::EventSourceMapping').find(([, m]) => refOf(m.Properties.FunctionName) === functionId('case-progress'))!;
    expect(mapping.Properties.ScalingConfig).toBeUndefined();
    expect(resources[refOf(mapping.Properties.EventSourceArn)!]!.Properties.RedrivePolicy.maxReceiveCount).toBe(5);
  });
});


describe('retention, from the county configuration', () => {
  const bucket = (prefix: string) => {
    const found = ofType('AWS::S3::Bucket').find(([id]) => id.startsWith(prefix));
    expect(found, prefix).toBeDefined();
    return found![1].Properties;
  };

  it('expires materials (a year for the open case, then materialsYears), results and archived reports, their old versions and their markers', () => {
    for (const [prefix, years] of [['Materials', RETENTION.materialsYears + 1], ['Results', RETENTION.resultsYears], ['Reports', RETENTION.reportsYears]] as const) {
      // Prepare
      const rules = bucket(prefix).LifecycleConfiguration.Rules as any[];

      // Assess
      expect(rules, prefix).toEqual([
        {
          Id: 'Retention',
          Status: 'Enabled',
          ExpirationInDays: Math.ceil(years * 365.25),
          NoncurrentVersionExpiration: { NoncurrentDays: 90 },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
        },
        { Id: 'ExpiredDeleteMarkers', Status: 'Enabled', ExpiredObjectDeleteMarker: true },
      ]);
    }
  });

  it('keeps the access logs logsDays', () => {
    expect(bucket('AccessLogs').LifecycleConfiguration.Rules).toEqual([{ Status: 'Enabled', ExpirationInDays: RETENTION.logsDays }]);
  });

  it("encrypts every function's log group with the county key and keeps it logsDays", () => {
    // Prepare
    const [keyId] = only('AWS::KMS::Key');
    const groups = new Map(ofType('AWS::Logs::LogGroup'));

    for (const name of Object.keys(functionSpecs)) {
      // Act
      const fn = resources[functionId(name)]!.Properties;
      const group = groups.get(refOf(fn.LoggingConfig?.LogGroup)!);

      // Assess
      expect(group, name).toBeDefined();
      expect(group!.Properties, name).toMatchObject({ RetentionInDays: RETENTION.logsDays, KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    }
  });

  it("lets CloudWatch Logs use the key for this account's log groups only", () => {
    // Prepare
    const [, key] = only('AWS::KMS::Key');

    // Assess
    const grant = (key.Properties.KeyPolicy.Statement as any[]).find((s) => JSON.stringify(s.Principal).includes('logs.'));
    expect(grant).toBeDefined();
    expect(grant.Action).toEqual(expect.arrayContaining(['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*']));
    expect(JSON.stringify(grant.Condition.ArnLike['kms:EncryptionContext:aws:logs:arn'])).toContain(':log-group:*');
  });

  it('has defaults when the county sets none', () => {
    expect(DEFAULT_RETENTION).toEqual({ materialsYears: 10, resultsYears: 30, reportsYears: 30, logsDays: 400 });
    expect(operationsProblems({ retention: DEFAULT_RETENTION })).toEqual([]);
  });
});

describe('least privilege and cost', () => {
  const tableId = (prefix: string) => ofType('AWS::DynamoDB::Table').find(([id]) => id.startsWith(prefix))![0];
  /** Every DynamoDB action granted on `table`, by policy. */
  const dynamoActionsOn = (table: string) =>
    ofType('AWS::IAM::Policy').map(([id, p]) => [
      id,
      (p.Properties.PolicyDocument.Statement as any[])
        .filter((s) => JSON.stringify(s.Resource).includes(`"${table}"`))
        .flatMap((s) => [s.Action].flat() as string[])
        .filter((a) => a.startsWith('dynamodb:') && a !== 'dynamodb:ListStreams' && !a.startsWith('dynamodb:GetShardIterator') && !a.startsWith('dynamodb:DescribeStream') && !a.startsWith('dynamodb:GetRecords')),
    ] as const).filter(([, actions]) => actions.length > 0);

  it('lets no function Scan the data table or batch-write it', () => {
    const grants = dynamoActionsOn(tableId('Data'));
    expect(grants.length).toBeGreaterThan(5);
    for (const [id, actions] of grants) {
      expect([...actions].sort(), id).toEqual(['dynamodb:BatchGetItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    }
  });

  it('lets outbox writers only put events: no read, update, delete or scan', () => {
    // Prepare: the functions with the outbox need
    const writers = Object.values(functionSpecs).filter((spec) => spec.needs.includes('outbox'));

    // Assess (the relay's stream actions are not on the table itself)
    const grants = dynamoActionsOn(tableId('Outbox'));
    expect(grants).toHaveLength(writers.length);
    for (const [id, actions] of grants) expect(actions, id).toEqual(['dynamodb:PutItem']);
  });

  it('projects keys only into the queue and timer indexes, what a list row reads of a case or task into the list indexes, all of an event into the outbox day index', () => {
    const projection = (table: string) =>
      Object.fromEntries((resources[tableId(table)]!.Properties.GlobalSecondaryIndexes as any[]).map((i) => [i.IndexName, i.Projection.ProjectionType]));
    expect(projection('Data')).toEqual({ byQueue: 'KEYS_ONLY', bySubmission: 'INCLUDE', byDeadline: 'INCLUDE', byWatch: 'KEYS_ONLY' });
    expect(projection('Outbox')).toEqual({ byDay: 'ALL' });
    const listed = [...CASE_LIST_ATTRIBUTES, ...TASK_LIST_ATTRIBUTES];
    const included = Object.fromEntries(
      (resources[tableId('Data')]!.Properties.GlobalSecondaryIndexes as any[]).filter((i) => i.Projection.ProjectionType === 'INCLUDE').map((i) => [i.IndexName, new Set(i.Projection.NonKeyAttributes)]),
    );
    // By submission, `dueBefore` filters on the deadline order's key.
    expect(included).toEqual({ bySubmission: new Set([...listed, 'deadlineSk']), byDeadline: new Set(listed) });
  });

  it('invokes the outbox relay for new events only, not for TTL deletions', () => {
    const [, mapping] = ofType('AWS::Lambda::EventSourceMapping').find(([, m]) => JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'))!;
    expect(mapping.Properties.FilterCriteria).toEqual({ Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'] }) }] });
  });
});
