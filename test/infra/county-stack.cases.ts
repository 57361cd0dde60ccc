import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { counties, findCounty } from '../../infra/config/counties.js';
import { functionSpecs } from '../../infra/functions.js';
import { routes as routeSpecs } from '../../infra/routes.js';
import { addCountyStacks, countyApp } from '../../infra/synth.js';
import { huarong, joinedJson, SYNTHESIS_MS } from './huarong.js';
import { ROLES } from '../../contracts/roles.js';
import { DEFAULT_THRESHOLDS, THRESHOLDS_VARIABLE } from '../../contracts/supervision.js';
import { LOCAL_CLOCK_VARIABLE } from '../../contracts/local-clock.js';

type Resources = Record<string, { Type: string; Properties?: any; Metadata?: any }>;

let stack: Stack;
let template: Template;
let resources: Resources;

beforeAll(async () => {
  // Prepare: one county's stack, with cdk-nag's AwsSolutions checks applied.
  ({ county: stack, template } = await huarong());
  resources = template.toJSON().Resources as Resources;
}, SYNTHESIS_MS);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

/** CDK's own deployment handlers (the edge's BucketDeployment and AwsCustomResource, test/infra/edge.cases.ts). */
const CDK_HANDLERS = /^(CustomCDKBucketDeployment|AWS679f53fac002430cb0da5b7982bd2287)/;
/** The functions of infra/functions.ts, and their policies. */
const ownFunctions = () => ofType('AWS::Lambda::Function').filter(([id]) => !CDK_HANDLERS.test(id));

describe('CountyStack', () => {
  it('passes cdk-nag AwsSolutions with nothing unsuppressed', () => {
    const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    expect(errors.map((e) => `${e.id}: ${String(e.entry.data).slice(0, 160)}`)).toEqual([]);
    expect(warnings.map((e) => `${e.id}: ${String(e.entry.data).slice(0, 160)}`)).toEqual([]);
  });

  it('gives every nag suppression a reason', () => {
    const suppressions = Object.values(resources).flatMap(
      (r) => (r.Metadata?.cdk_nag?.rules_to_suppress ?? []) as { id: string; reason: string }[],
    );
    expect(suppressions.length).toBeGreaterThan(0);
    for (const s of suppressions) expect(s.reason.length, s.id).toBeGreaterThan(20);
  });

  it('gives every queue a DLQ with a maxReceiveCount', () => {
    const queues = ofType('AWS::SQS::Queue');
    const dlqIds = new Set(
      queues.flatMap(([, q]) => (q.Properties?.RedrivePolicy ? [q.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0]] : [])),
    );
    expect(queues.length).toBeGreaterThanOrEqual(6);
    for (const [id, q] of queues) {
      if (dlqIds.has(id)) continue;
      expect(q.Properties?.RedrivePolicy?.maxReceiveCount, id).toBeGreaterThan(0);
    }
    // and each DLQ is watched by an alarm (test/infra/operations.test.ts has the others)
    const watched = ofType('AWS::CloudWatch::Alarm').filter(([, a]) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible');
    for (const dlq of dlqIds) expect(watched.some(([, a]) => JSON.stringify(a.Properties.Dimensions).includes(`"${dlq}"`)), dlq).toBe(true);
  });

  it('tells each queue worker its queue and its maxReceiveCount, to retry a permanent failure soon and know its last receive', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => resources[m.Properties?.EventSourceArn?.['Fn::GetAtt']?.[0]]?.Type === 'AWS::SQS::Queue');
    expect(mappings.length).toBeGreaterThanOrEqual(6);
    for (const [id, m] of mappings) {
      const queueId = m.Properties.EventSourceArn['Fn::GetAtt'][0] as string;
      const variables = resources[m.Properties.FunctionName.Ref as string]?.Properties.Environment.Variables;
      expect(variables?.WORKER_QUEUE_URL, id).toEqual({ Ref: queueId });
      expect(variables?.WORKER_MAX_RECEIVE_COUNT, id).toBe(String(resources[queueId]?.Properties.RedrivePolicy.maxReceiveCount));
    }
  });

  it('gives every table point-in-time recovery, a stream and the county key', () => {
    const tables = ofType('AWS::DynamoDB::Table');
    expect(tables.length).toBe(2);
    for (const [id, t] of tables) {
      expect(t.Properties.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled, id).toBe(true);
      expect(t.Properties.StreamSpecification?.StreamViewType, id).toBe('NEW_AND_OLD_IMAGES');
      expect(t.Properties.SSESpecification?.SSEType, id).toBe('KMS');
    }
  });

  it('blocks public access to every bucket and refuses plain HTTP', () => {
    const buckets = ofType('AWS::S3::Bucket');
    expect(buckets.length).toBe(5); // access logs, materials, results, archived reports, the edge's files
    for (const [id, b] of buckets) {
      expect(b.Properties.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === id);
      expect(policy, `${id} has a bucket policy`).toBeDefined();
      expect(JSON.stringify(policy![1].Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('versions the results bucket', () => {
    const results = ofType('AWS::S3::Bucket').find(([id]) => id.startsWith('Results'));
    expect(results?.[1].Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  // X-Ray's trace actions and dynamodb:ListStreams (stream event sources) take no resource ARN.
  const RESOURCELESS = /^(xray:|dynamodb:ListStreams$)/;

  it('lets the staff-cases function read material objects by key (s3:GetObject on the objects) and nothing else of the materials bucket', () => {
    // Prepare
    const [fnId, fn] = ownFunctions().find(([, f]) => f.Properties.Description === functionSpecs['staff-cases']!.description)!;
    const role = fn.Properties.Role['Fn::GetAtt'][0] as string;
    const bucketId = ofType('AWS::S3::Bucket').find(([id]) => id.startsWith('Materials'))![0];

    // Act: every statement of the function's role that names the materials bucket
    const statements = ofType('AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[])
      .filter((st) => JSON.stringify(st.Resource).includes(bucketId));

    // Assess
    expect(statements, fnId).toEqual([{ Action: 's3:GetObject', Effect: 'Allow', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] } }]);
  });

  it('grants no function a wildcard resource beyond the actions that take none', () => {
    for (const [id, p] of ofType('AWS::IAM::Policy').filter(([policyId]) => !CDK_HANDLERS.test(policyId))) {
      for (const statement of p.Properties.PolicyDocument.Statement as any[]) {
        const resourcesOf = [statement.Resource].flat();
        if (resourcesOf.includes('*')) {
          const actions = [statement.Action].flat() as string[];
          expect(actions.every((a) => RESOURCELESS.test(a)), `${id}: ${actions.join(',')}`).toBe(true);
        }
      }
    }
  });

  it('runs every function on Node 22 or later, from a bundle, with tracing', () => {
    const fns = ownFunctions();
    expect(fns.length).toBe(Object.keys(functionSpecs).length); // one per function spec, no other
    expect(ofType('AWS::Lambda::Function').length - fns.length).toBe(2); // and CDK's two edge deployment handlers
    for (const [id, f] of fns) {
      expect(Number(/^nodejs(\d+)\.x$/.exec(f.Properties.Runtime)?.[1]), id).toBeGreaterThanOrEqual(22);
      expect(f.Properties.Handler).toBe('index.handler');
      expect(['Active', 'PassThrough'], id).toContain(f.Properties.TracingConfig?.Mode); // which one: test/infra/runtime.test.ts
    }
  });

  it('runs the deferred-materials watch daily at 09:00 Shanghai time', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 1 * * ? *)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Fndeferredwatch'), 'Arn'] } })],
    });
  });

  it('runs the deadline watch every 15 minutes on EventBridge Scheduler, with retries and the failures queue as its DLQ', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(15 minutes)',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Fndeadlinewatch'), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DeadlineWatchFailures'), 'Arn'] } },
      }),
    });
    const alarms = ofType('AWS::CloudWatch::Alarm').filter(([id]) => id.startsWith('DeadlineWatch'));
    expect(alarms.map(([id]) => id.replace(/[0-9A-F]{8}$/, ''))).toEqual(expect.arrayContaining(['DeadlineWatchFailedInvocationsAlarm', 'DeadlineWatchMissedRunAlarm']));
  });

  it('tells the functions the county’s warning thresholds, and nothing of the local virtual clock', () => {
    for (const [id, f] of ownFunctions()) {
      const variables = f.Properties.Environment?.Variables ?? {};
      expect(JSON.parse(variables[THRESHOLDS_VARIABLE]), id).toEqual(DEFAULT_THRESHOLDS);
      expect(Object.keys(variables), id).not.toContain(LOCAL_CLOCK_VARIABLE);
    }
    expect(JSON.stringify(template.toJSON())).not.toContain(LOCAL_CLOCK_VARIABLE);
    for (const [, route] of ofType('AWS::ApiGatewayV2::Route')) expect(route.Properties.RouteKey).not.toMatch(/ \/local(\/|$)/);
  });

  it('feeds the outbox relay from the stream with partial failures, bisection, bounds and an on-failure queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Outbox'), 'StreamArn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: Match.anyValue(),
      MaximumRecordAgeInSeconds: Match.anyValue(),
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('protects staff routes with the JWT authorizer and leaves citizen routes public', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    const staff = routes.filter((r) => r.RouteKey.includes('/v1/staff/'));
    // Every staff route of infra/routes.ts, and no other.
    expect(staff.map((r) => r.RouteKey).sort()).toEqual(routeSpecs.filter((r) => r.access === 'staff').map((r) => `${r.method} ${r.path}`).sort());
    for (const r of staff) expect(r.AuthorizationType, r.RouteKey).toBe('JWT');
    for (const r of routes.filter((x) => !x.RouteKey.includes('/v1/staff/'))) expect(r.AuthorizationType ?? 'NONE').toBe('NONE');
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', ROLES.length);
  });

  it('counts the broken timelines the daily integrity audit logs, and alarms on any', () => {
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.message = "timeline broken" }',
      MetricTransformations: [Match.objectLike({ MetricName: 'TimelinesBroken', MetricValue: '1' })],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'TimelinesBroken', Threshold: 1, AlarmActions: Match.anyValue() });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(0 18 * * ? *)' });
  });
});

describe('the payment provider secret', () => {
  it('is kept in Secrets Manager with the county key, tagged for its purpose', () => {
    const secrets = ofType('AWS::SecretsManager::Secret').filter(([id]) => id.startsWith('PaymentProviderSecret'));
    expect(secrets).toHaveLength(1);
    const [, secret] = secrets[0]!;
    expect(secret.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Key/), 'Arn'] });
    expect(secret.Properties.Tags).toContainEqual({ Key: 'onetrip:purpose', Value: 'payment' });
  });

  it('is readable by the functions with the payment-secret need, which get the provider settings, and by no other', () => {
    // Prepare
    const county = findCounty('430623');
    const secretId = ofType('AWS::SecretsManager::Secret').find(([id]) => id.startsWith('PaymentProviderSecret'))?.[0];
    const needing = new Set(Object.values(functionSpecs).filter((spec) => spec.needs.includes('payment-secret')).map((spec) => spec.description));
    expect(needing.size).toBeGreaterThan(0);

    for (const [id, fn] of ownFunctions()) {
      const variables = fn.Properties.Environment.Variables;
      const role = fn.Properties.Role['Fn::GetAtt'][0] as string;
      const reads = ofType('AWS::IAM::Policy').some(
        ([, p]) =>
          p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role) &&
          (p.Properties.PolicyDocument.Statement as any[]).some(
            (s) => [s.Action].flat().includes('secretsmanager:GetSecretValue') && [s.Resource].flat().some((r: { Ref?: string } | undefined) => r?.Ref === secretId),
          ),
      );
      if (needing.has(fn.Properties.Description)) {
        // The county's entries, the sandbox's secretArn its stack-created secret.
        expect(joinedJson(variables.PAYMENT_PROVIDERS), id).toEqual(county.payments.providers.map((entry) => ({ ...entry, secretArn: `<${secretId}>` })));
        expect(reads, `${id} reads the secret`).toBe(true);
      } else {
        expect(variables.PAYMENT_PROVIDERS, id).toBeUndefined();
        expect(reads, `${id} reads the secret`).toBe(false);
      }
      expect(variables.PAYMENT_SECRET_ARN, id).toBeUndefined();
    }
  });
});

describe('the signing secret', () => {
  const signingSecrets = () => ofType('AWS::SecretsManager::Secret').filter(([id]) => id.startsWith('SigningSecret'));

  it('holds the county signing key, with the county key, tagged signing and the county name, kept when the stack goes, and is an output', () => {
    const secrets = signingSecrets();
    expect(secrets).toHaveLength(1);
    const [id, secret] = secrets[0]!;
    expect(secret.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Key/), 'Arn'] });
    expect(secret.Properties.Tags).toContainEqual({ Key: 'onetrip:purpose', Value: 'signing' });
    expect(secret.Properties.Tags).toContainEqual({ Key: 'onetrip:signer', Value: findCounty('430623').name.zh });
    expect((secret as { DeletionPolicy?: string }).DeletionPolicy).toBe('Retain');
    expect(template.toJSON().Outputs.SigningSecretArn.Value).toEqual({ Ref: id });
  });

  it('is readable only by the functions with the signing-key need, which get its ARN', () => {
    const [[secretId]] = signingSecrets() as [[string, unknown]];
    const needing = new Set(Object.values(functionSpecs).filter((spec) => spec.needs.includes('signing-key')).map((spec) => spec.description));
    expect(needing.size).toBeGreaterThan(1);
    for (const [id, fn] of ownFunctions()) {
      const role = fn.Properties.Role['Fn::GetAtt'][0] as string;
      const reads = ofType('AWS::IAM::Policy').some(
        ([, p]) =>
          p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role) &&
          (p.Properties.PolicyDocument.Statement as any[]).some((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue') && [s.Resource].flat().some((r: { Ref?: string } | undefined) => r?.Ref === secretId)),
      );
      const variables = fn.Properties.Environment.Variables;
      if (needing.has(fn.Properties.Description)) {
        expect(variables.SIGNING_SECRET_ARN, id).toEqual({ Ref: secretId });
        expect(reads, `${id} reads the secret`).toBe(true);
      } else {
        expect(variables.SIGNING_SECRET_ARN, id).toBeUndefined();
        expect(reads, `${id} reads the secret`).toBe(false);
      }
    }
  });
});

describe('the courier secret', () => {
  const courierSecrets = () => ofType('AWS::SecretsManager::Secret').filter(([id]) => id.startsWith('CourierProviderSecret'));

  it('is a second provider secret, with the county key, tagged courier', () => {
    const secrets = courierSecrets();
    expect(secrets).toHaveLength(1);
    const [, secret] = secrets[0]!;
    expect(secret.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Key/), 'Arn'] });
    expect(secret.Properties.Tags).toContainEqual({ Key: 'onetrip:purpose', Value: 'courier' });
    // The signing secret, the payment provider's, the courier's and the SMS provider's.
    expect(ofType('AWS::SecretsManager::Secret')).toHaveLength(4);
  });

  it('is readable only by the functions with the courier-secret need, which get the courier settings', () => {
    // Prepare
    const county = findCounty('430623');
    const [[secretId]] = courierSecrets() as [[string, unknown]];
    const needing = new Set(Object.values(functionSpecs).filter((spec) => spec.needs.includes('courier-secret')).map((spec) => spec.description));
    const readsSecret = (role: string) =>
      ofType('AWS::IAM::Policy').some(
        ([, p]) =>
          p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role) &&
          (p.Properties.PolicyDocument.Statement as any[]).some((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue') && [s.Resource].flat().some((r: { Ref?: string } | undefined) => r?.Ref === secretId)),
      );

    for (const [id, fn] of ownFunctions()) {
      // Assess
      const variables = fn.Properties.Environment.Variables;
      const reads = readsSecret(fn.Properties.Role['Fn::GetAtt'][0] as string);
      if (needing.has(fn.Properties.Description)) {
        expect(joinedJson(variables.COURIER_PROVIDER_CONFIG), id).toEqual({ ...county.courier, secretArn: `<${secretId}>` });
        expect(reads, `${id} reads the courier secret`).toBe(true);
      } else {
        expect(variables.COURIER_PROVIDER_CONFIG, id).toBeUndefined();
        expect(reads, `${id} reads the courier secret`).toBe(false);
      }
    }
  });
});

describe('the SMS sender', () => {
  const smsFunctions = () => Object.values(functionSpecs).filter((spec) => spec.needs.includes('sms')).map((spec) => spec.description);

  it('is configured only for the functions with the sms need: the sandbox, and no right to send', () => {
    // Prepare
    const county = findCounty('430623');
    const needing = new Set(smsFunctions());
    expect(county.sms.provider).toBe('sandbox');
    expect(needing.size).toBeGreaterThan(0);

    for (const [id, fn] of ownFunctions()) {
      // Assess
      const variables = fn.Properties.Environment.Variables;
      if (needing.has(fn.Properties.Description)) expect(variables, id).toMatchObject({ SMS_PROVIDER: 'sandbox', SMS_PROVIDER_URL: county.sms.provider === 'sandbox' ? county.sms.url : '' });
      else expect([variables.SMS_PROVIDER, variables.SMS_PROVIDER_URL], id).toEqual([undefined, undefined]);
    }
    const sends = ofType('AWS::IAM::Policy').filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes('sms-voice:'));
    expect(sends).toEqual([]);
  });

  it('on End User Messaging SMS, may send from the county’s origination identity only', async () => {
    // Prepare: the county with a registered number
    const identity = 'arn:aws:sms-voice:cn-north-1:111122223333:phone-number/phone-0123456789abcdef';
    const outdir = mkdtempSync(join(tmpdir(), 'onetrip-infra-sms-'));
    const [smsStack] = (await addCountyStacks(countyApp({ outdir }), [{ ...findCounty('430623'), sms: { provider: 'end-user-messaging', originationIdentity: identity } }], {
      bundlesDir: join(outdir, 'bundles'),
      nag: false,
    })) as [Stack];
    const smsResources = Template.fromStack(smsStack).toJSON().Resources as Resources;

    // Assess
    const needing = new Set(smsFunctions());
    const functions = Object.entries(smsResources).filter(([, r]) => r.Type === 'AWS::Lambda::Function' && needing.has(r.Properties.Description));
    expect(functions.length).toBe(needing.size);
    for (const [id, fn] of functions) {
      expect(fn.Properties.Environment.Variables, id).toMatchObject({ SMS_PROVIDER: 'end-user-messaging', SMS_ORIGINATION_IDENTITY: identity });
    }
    const statements = Object.values(smsResources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
      .filter((st) => [st.Action].flat().some((a) => a.startsWith('sms-voice:')));
    expect(statements).toHaveLength(needing.size);
    for (const statement of statements) expect(statement).toMatchObject({ Action: 'sms-voice:SendTextMessage', Resource: identity });
  }, 180_000);
});

describe("the certificates' verification page", () => {
  it("is on the county's stable domain: only the functions that render certificates, show cases or start payments (a provider's notify_url) are told it, and no API address", () => {
    // Prepare
    const county = findCounty('430623');
    const told = [functionSpecs.certificates!.description, functionSpecs.applications!.description, functionSpecs.tickets!.description];

    for (const [id, fn] of ownFunctions()) {
      // Assess
      const variables = fn.Properties.Environment.Variables;
      expect(variables.PUBLIC_PORTAL_URL, id).toBe(told.includes(fn.Properties.Description) ? 'https://430623.onetrip.yueyang.gov.cn' : undefined);
      expect(variables.PUBLIC_API_URL, id).toBeUndefined();
      expect(JSON.stringify(variables), id).not.toContain('execute-api');
    }
    expect(county.domain.name).toBe('430623.onetrip.yueyang.gov.cn');
  });

  it('is an https URL without a trailing slash for every county, each its own', () => {
    for (const county of counties) expect(county.publicUrl, county.code).toMatch(/^https:\/\/[^\s]+[^/]$/);
    expect(new Set(counties.map((c) => c.publicUrl)).size).toBe(counties.length);
  });
});

describe('the notifications', () => {
  const fnId = (name: string) => ownFunctions().find(([id]) => id.startsWith(`Fn${name.replaceAll('-', '')}Function`))![0];

  it('sends every minute from the consumer’s function, which may put what it gives up on in its DLQ', () => {
    const [, schedule] = ofType('AWS::Scheduler::Schedule').find(([id]) => id.startsWith('NotificationSender'))!;
    expect(schedule.Properties.ScheduleExpression).toBe('rate(1 minute)');
    expect(schedule.Properties.Target.Arn).toEqual({ 'Fn::GetAtt': [fnId('notifications'), 'Arn'] });
    const variables = resources[fnId('notifications')]!.Properties.Environment.Variables;
    expect(variables.NOTIFICATIONS_DLQ_URL).toEqual({ Ref: expect.stringMatching(/^QueuenotificationsDlq/) });
    expect(JSON.parse(variables.NOTIFICATION_RULES)).toEqual({ channels: ['sms', 'email'], quietHours: { start: '22:00', end: '08:00' }, smsDailyCap: 50, courier: { zh: '中国邮政', en: 'China Post' } });
    expect(variables).toMatchObject({ EMAIL_PROVIDER: 'sandbox', SMS_PROVIDER: 'sandbox', SMS_SECRET_ARN: { Ref: expect.stringMatching(/^SmsProviderSecret/) } });
  });

  it('takes AWS’s delivery receipts from an encrypted topic End User Messaging SMS and SES may publish to', () => {
    const [topicId, topic] = ofType('AWS::SNS::Topic').find(([id]) => id.startsWith('NotificationReceipts'))!;
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    const subscriptions = ofType('AWS::SNS::Subscription').map(([, s]) => s.Properties).filter((s) => s.Protocol === 'lambda');
    expect(subscriptions).toEqual([expect.objectContaining({ TopicArn: { Ref: topicId }, Endpoint: { 'Fn::GetAtt': [fnId('notification-receipts'), 'Arn'] } })]);
    const [, policy] = ofType('AWS::SNS::TopicPolicy').find(([, p]) => JSON.stringify(p.Properties.Topics).includes(topicId))!;
    // Besides the enforce-SSL denial: one grant for both services.
    const publishers = (policy.Properties.PolicyDocument.Statement as any[]).filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Principal.Service].flat()).sort();
    expect(publishers).toEqual(['ses.amazonaws.com', 'sms-voice.amazonaws.com']);
  });
});
