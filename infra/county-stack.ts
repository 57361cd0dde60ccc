import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { CfnElement } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { consumers, queueUrlVariable } from '../contracts/events.js';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { allowedOriginsOf, edgeProblems, edgeUrl, EMAIL_SANDBOX, notificationRulesOf, signInDomainPrefixOf, stackName, supervisionThresholdsOf, type CountyConfig, type SmsConfig } from './config/counties.js';
import { NOTIFICATION_RULES_VARIABLE } from '../contracts/notification-rules.js';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as snsSubscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { THRESHOLDS_VARIABLE } from '../contracts/supervision.js';
import { accountProblems } from './config/validate.js';
import { refuseDeployment } from './constructs/deploy-gate.js';
import { onCall, retention, yearsInDays } from './config/operations.js';
import { BundledFunction } from './constructs/bundled-function.js';
import { Monitoring } from './constructs/monitoring.js';
import { DataTable } from './constructs/data-table.js';
import { Edge } from './constructs/edge.js';
import type { EdgeAssets } from './edge-assets.js';
import { webAclParameterName } from './firewall-stack.js';
import { OutboxRelay } from './constructs/outbox-relay.js';
import { PrivateBucket } from './constructs/private-bucket.js';
import { ProviderSecret, ProviderSecrets } from './constructs/provider-secret.js';
import { COURIER_PROVIDER_VARIABLE, PAYMENT_PROVIDERS_VARIABLE } from '../contracts/providers.js';
import { SigningSecret } from './constructs/signing-secret.js';
import { PublicApi } from './constructs/public-api.js';
import { ScheduledJob } from './constructs/scheduled-job.js';
import { StaffDirectory } from './constructs/staff-directory.js';
import { WorkerQueue } from './constructs/worker-queue.js';
import { functionSpecs } from './functions.js';
import { routes } from './routes.js';

export interface CountyStackProps extends StackProps {
  county: CountyConfig;
  /** Bundle folder of each function, by handler name (see infra/bundles.ts). */
  bundles: Record<string, string>;
  /**
   * The files the county's distribution serves (infra/edge-assets.ts). Without them the stack
   * has no edge: the local runtime serves the widgets itself and runs no CloudFront.
   */
  edgeAssets?: EdgeAssets;
}

/**
 * Grants on tables and buckets carry wildcards that cannot be narrowed: a table grant
 * covers its GSIs (table/index/*), KMS data-key actions come in families, and presigned
 * uploads and reads address objects by random keys. Each is acknowledged where it arises.
 */
function acknowledgeGrantWildcards(
  role: Construct,
  needs: Set<string>,
  resources: { data: dynamodb.Table; outbox: dynamodb.Table; materials: s3.Bucket; results: s3.Bucket; reports: s3.Bucket },
): void {
  const logicalId = (c: Construct) => Stack.of(c).getLogicalId(c.node.defaultChild as CfnElement);
  const findings: [string, string][] = [];
  const kms = () => {
    findings.push(['Action::kms:GenerateDataKey*', 'KMS data-key actions for the county key come as a family.']);
    findings.push(['Action::kms:ReEncrypt*', 'KMS re-encrypt actions for the county key come as a family.']);
  };
  if (needs.has('data')) {
    findings.push([`Resource::<${logicalId(resources.data)}.Arn>/index/*`, 'Queries on the data table use its GSIs.']);
    kms();
  }
  if (needs.has('outbox')) {
    findings.push([`Resource::<${logicalId(resources.outbox)}.Arn>/index/*`, 'Table write grants name the GSIs too; the outbox is only written.']);
    kms();
  }
  const bucket = (b: s3.Bucket, read: boolean, put: boolean, keys: string) => {
    if (!read && !put) return;
    findings.push([`Resource::<${logicalId(b)}.Arn>/*`, keys]);
    kms();
    if (read) {
      findings.push(['Action::s3:GetObject*', 'Reading an object needs GetObject and its version/ACL variants.']);
      findings.push(['Action::s3:GetBucket*', 'Read grants include bucket location lookups used by the SDK.']);
      findings.push(['Action::s3:List*', 'HeadObject on a missing key needs List to answer 404 rather than 403.']);
    }
    if (put) findings.push(['Action::s3:Abort*', 'Puts (presigned ones too) may be multipart and must be abortable.']);
  };
  bucket(resources.materials, needs.has('materials-read'), needs.has('materials-put'), 'Material objects have random keys, known only per request.');
  if (needs.has('materials-get')) {
    findings.push([`Resource::<${logicalId(resources.materials)}.Arn>/*`, 'Material objects have random keys, known only per request.']);
    kms();
  }
  bucket(resources.results, needs.has('results-read'), needs.has('results-put'), 'Result PDFs are keyed by case and verification code, known only per request.');
  bucket(resources.reports, needs.has('reports-read'), needs.has('reports-put'), 'Archived reports are keyed by period and their own SHA-256, known only per archive.');
  for (const [finding, reason] of new Map(findings)) {
    Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  }
}

/**
 * What a function that sends text messages gets: the sandbox's root, or the origination
 * identity and the right to send from it alone (SendTextMessage names it as its resource).
 */
function grantSms(fn: lambda.Function, sms: SmsConfig): void {
  fn.addEnvironment('SMS_PROVIDER', sms.provider);
  if (sms.provider === 'sandbox') {
    fn.addEnvironment('SMS_PROVIDER_URL', sms.url);
    return;
  }
  fn.addEnvironment('SMS_ORIGINATION_IDENTITY', sms.originationIdentity);
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sms-voice:SendTextMessage'], resources: [sms.originationIdentity] }));
}

/**
 * What a function that emails applicants gets: the sandbox's root, or SES from the county's
 * address (an identity verified in its SES region) with its configuration set, and the right
 * to send from that identity alone.
 */
function grantEmail(fn: lambda.Function, county: CountyConfig): void {
  const email = county.notifications?.email ?? EMAIL_SANDBOX;
  fn.addEnvironment('EMAIL_PROVIDER', email.provider);
  fn.addEnvironment('EMAIL_FROM', county.email.from);
  if (email.provider === 'sandbox') {
    fn.addEnvironment('EMAIL_PROVIDER_URL', email.url);
    return;
  }
  const stack = Stack.of(fn);
  const region = county.email.sesRegion ?? county.region;
  const identity = (name: string) => stack.formatArn({ service: 'ses', region, resource: 'identity', resourceName: name });
  const resources = [identity(county.email.from), identity(county.email.from.split('@')[1]!)];
  if (email.configurationSet) {
    fn.addEnvironment('EMAIL_CONFIGURATION_SET', email.configurationSet);
    resources.push(stack.formatArn({ service: 'ses', region, resource: 'configuration-set', resourceName: email.configurationSet }));
  }
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources }));
}

/**
 * What the functions do to the data table (functions/store/): no Scan, no batch writes. A
 * TransactWriteItems call needs, per item, the action of its kind (PutItem, UpdateItem,
 * DeleteItem), and nothing of its own.
 */
const DATA_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];

/** One county's OneTrip: its own key, tables, queues, buckets, staff directory and API. */
export class CountyStack extends Stack {
  constructor(scope: Construct, id: string, props: CountyStackProps) {
    super(scope, id, props);
    const { county } = props;
    // The agency sites that embed the widgets: the API's CORS, the uploads' CORS and payment returnUrls.
    const origins = allowedOriginsOf(county);
    refuseDeployment(this, 'AccountSet', accountProblems(county));

    const key = new kms.Key(this, 'Key', {
      description: `OneTrip ${county.code}: data at rest`,
      enableKeyRotation: true,
      alias: `alias/onetrip-${county.code}`,
    });
    const keep = retention(county);
    // CloudWatch Logs encrypts the functions' log groups with the county key: for log groups
    // of this account and region only (docs/deploy.md, "Alarms, dashboard and retention").
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:*` } },
      }),
    );
    const alarms = new Monitoring(this, 'Alarms', { encryptionKey: key, onCall: onCall(county), dashboardName: stackName(county) });

    const data = new DataTable(this, 'Data', {
      partitionKey: 'pk',
      sortKey: 'sk',
      indexes: [
        { name: 'byQueue', partitionKey: 'queuePk', sortKey: 'queueSk' },
        // The staff lists, paged in either order with filters on any attribute (functions/store/keys.ts,
        // LIST_INDEXES). Only cases and tasks carry these sort keys; a full copy spares each page a BatchGet.
        { name: 'bySubmission', partitionKey: 'queuePk', sortKey: 'submissionSk', projection: 'all' },
        { name: 'byDeadline', partitionKey: 'queuePk', sortKey: 'deadlineSk', projection: 'all' },
        // Sparse: only items with something due (functions/store/keys.ts, timerAttributes).
        { name: 'byWatch', partitionKey: 'watchPk', sortKey: 'watchSk' },
      ],
      timeToLiveAttribute: 'expiresAt',
      encryptionKey: key,
    }).table;
    const outbox = new DataTable(this, 'Outbox', {
      partitionKey: 'eventId',
      // An event is written once and never changed, and its readers (the replay, /local/outbox)
      // want all of it: a full copy costs one index write per event.
      indexes: [{ name: 'byDay', partitionKey: 'day', sortKey: 'occurredAt', projection: 'all' }],
      timeToLiveAttribute: 'expiresAt',
      encryptionKey: key,
    }).table;

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(keep.logsDays) }],
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket; logging it into itself would loop.',
    });
    const materials = new PrivateBucket(this, 'Materials', {
      encryptionKey: key,
      accessLogs,
      logPrefix: 'materials/',
      uploadOrigins: origins,
      // From the upload, which comes before the case closes: one more year covers the time a
      // case stays open, so a material is kept at least `materialsYears` after its case closes.
      expireAfter: Duration.days(yearsInDays(keep.materialsYears + 1)),
    }).bucket;
    // A result is written when its case completes: its retention runs from there.
    const results = new PrivateBucket(this, 'Results', { encryptionKey: key, accessLogs, logPrefix: 'results/', expireAfter: Duration.days(yearsInDays(keep.resultsYears)) }).bucket;

    // Archived supervision reports (docs/reports.md): written once per closed period, kept as the county's archive rules say.
    const reports = new PrivateBucket(this, 'Reports', { encryptionKey: key, accessLogs, logPrefix: 'reports/', expireAfter: Duration.days(yearsInDays(keep.reportsYears)) }).bucket;

    const staff = new StaffDirectory(this, 'Staff', {
      email: county.email,
      workbenchUrl: `${edgeUrl(county.domain)}/workbench/`,
      domainPrefix: signInDomainPrefixOf(county),
    });
    const paymentSecrets = new ProviderSecrets(this, 'PaymentProvider', {
      purpose: 'payment',
      description: `OneTrip ${county.code}: the secret shared with the payment provider that signs requests and callbacks`,
      encryptionKey: key,
      entries: county.payments.providers,
    });
    const courierSecrets = new ProviderSecrets(this, 'CourierProvider', {
      purpose: 'courier',
      description: `OneTrip ${county.code}: the secret shared with the courier that signs requests and callbacks`,
      encryptionKey: key,
      entries: [county.courier],
      single: true,
    });
    // The SMS provider's secret (docs/deploy.md): the gateway's keys and its receipts' callback key; the sandbox signs its receipts with it.
    const smsSecret = new ProviderSecret(this, 'SmsProvider', {
      purpose: 'sms',
      description: `OneTrip ${county.code}: the SMS provider's (${county.sms.provider}) keys, and the key its delivery receipts are signed with`,
      encryptionKey: key,
    });
    const signingSecret = new SigningSecret(this, 'Signing', { signerName: county.name.zh, encryptionKey: key });

    const environment = {
      COUNTY_CODE: county.code,
      REGION_CODE: county.regionCode,
      COUNTY_LEVEL: county.level,
      CATALOG_VERSION: county.catalogVersion,
      DATA_TABLE: data.tableName,
      OUTBOX_TABLE: outbox.tableName,
      MATERIALS_BUCKET: materials.bucketName,
      RESULTS_BUCKET: results.bucketName,
      REPORTS_BUCKET: reports.bucketName,
      /** The county's name, as its official notices print it (docs/notices.md). */
      COUNTY_NAME: county.name.zh,
      /** The comprehensive window that ships results (the courier's sender) and issues the window's notices. */
      SERVICE_HALL_NAME: `${county.name.zh}政务服务中心`,
      /** Where the citizen may be sent back to after paying: the agency sites that embed the widgets. */
      ALLOWED_ORIGINS: origins.join(' '),
      /** When tasks turn yellow (functions/lambda/thresholds.ts). */
      [THRESHOLDS_VARIABLE]: JSON.stringify(supervisionThresholdsOf(county)),
      /** Who is told on which channel, and when (functions/lambda/notification-rules.ts). */
      [NOTIFICATION_RULES_VARIABLE]: JSON.stringify(notificationRulesOf(county)),
    };

    const functions: Record<string, BundledFunction> = {};
    for (const [name, dir] of Object.entries(props.bundles)) {
      const spec = functionSpecs[name];
      if (!spec) throw new Error(`functions/handlers/${name}.ts has no entry in infra/functions.ts`);
      const fn = new BundledFunction(this, `Fn-${name}`, {
        name,
        bundleDir: dir,
        description: spec.description,
        environment,
        timeout: spec.timeout ? Duration.seconds(spec.timeout) : undefined,
        logsKey: key,
        logsDays: keep.logsDays,
        kind: routes.some((r) => r.function === name) ? 'api' : 'worker',
        logLevel: county.logLevel,
      });
      functions[name] = fn;
      alarms.watchFunction(name, fn.function);
      const needs = new Set(spec.needs);
      if (needs.has('data')) data.grant(fn.function, ...DATA_ACTIONS);
      // Events are only ever put (in the case's transaction), never read, changed or removed.
      if (needs.has('outbox')) outbox.grant(fn.function, 'dynamodb:PutItem');
      if (needs.has('data') || needs.has('outbox')) key.grantEncryptDecrypt(fn.function);
      if (needs.has('materials-read')) materials.grantRead(fn.function);
      if (needs.has('materials-put')) materials.grantPut(fn.function);
      if (needs.has('materials-get')) {
        fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [materials.arnForObjects('*')] }));
        key.grantDecrypt(fn.function);
      }
      if (needs.has('results-read')) results.grantRead(fn.function);
      if (needs.has('results-put')) results.grantPut(fn.function);
      if (needs.has('reports-read')) reports.grantRead(fn.function);
      if (needs.has('reports-put')) reports.grantPut(fn.function);
      if (needs.has('payment-secret')) paymentSecrets.grantTo(fn.function, PAYMENT_PROVIDERS_VARIABLE);
      if (needs.has('courier-secret')) courierSecrets.grantTo(fn.function, COURIER_PROVIDER_VARIABLE);
      if (needs.has('sms')) {
        grantSms(fn.function, county.sms);
        smsSecret.grantTo(fn.function, 'SMS_SECRET_ARN');
      }
      if (needs.has('email')) grantEmail(fn.function, county);
      if (needs.has('signing-key')) signingSecret.grantTo(fn.function);
      if (needs.has('staff-directory')) staff.grantLookup(fn.function);
      acknowledgeGrantWildcards(fn.role, needs, { data, outbox, materials, results, reports });
    }
    const fn = (name: string) => {
      const found = functions[name];
      if (!found) throw new Error(`No function ${name}`);
      return found.function;
    };

    const workers: Record<string, WorkerQueue> = {};
    for (const consumer of Object.keys(consumers)) {
      const spec = functionSpecs[consumer];
      const worker = (workers[consumer] = new WorkerQueue(this, `Queue-${consumer}`, {
        alarms,
        consumer: fn(consumer),
        visibilityTimeout: Duration.seconds(spec?.delivery?.visibilityTimeoutSeconds ?? 6 * (spec?.timeout ?? 10)),
        maxReceiveCount: spec?.delivery?.maxReceiveCount,
        maxConcurrency: spec?.delivery?.maxConcurrency,
      }));
      // Lets the worker bring a permanently failing message back in seconds, and know its last receive (functions/lambda/retries.ts).
      fn(consumer).addEnvironment('WORKER_QUEUE_URL', worker.queue.queueUrl);
      fn(consumer).addEnvironment('WORKER_MAX_RECEIVE_COUNT', String(worker.queue.deadLetterQueue?.maxReceiveCount ?? 5));
      worker.queue.grantSendMessages(fn('outbox-relay'));
      fn('outbox-relay').addEnvironment(queueUrlVariable(consumer), worker.queue.queueUrl);
    }
    new ScheduledJob(this, 'DeferredWatch', {
      job: fn('deferred-watch'),
      // 09:00 in Asia/Shanghai (UTC+8, no daylight saving)
      schedule: events.Schedule.cron({ minute: '0', hour: '1' }),
      description: 'Deferred materials: reminders and late flags',
      alarms,
    });
    new ScheduledJob(this, 'DeadlineWatch', {
      job: fn('deadline-watch'),
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(15)),
      description: 'Deadlines: warnings, overdue and severe tasks, supervision orders, rectifications, rating invitations',
      alarms,
      runsEvery: Duration.hours(1),
    });
    // Notifications (docs/notifications.md): the consumer's function also sends, every minute, what
    // fell due; a record undeliverable after 24 hours of retries goes to its DLQ, alarmed like every DLQ.
    new ScheduledJob(this, 'NotificationSender', {
      job: fn('notifications'),
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(1)),
      description: 'Notifications: sends those whose time came (after quiet hours, a reminder’s day, a retry’s backoff)',
      alarms,
      runsEvery: Duration.hours(1),
    });
    const notificationDeadLetters = workers.notifications?.queue.deadLetterQueue?.queue;
    if (!notificationDeadLetters) throw new Error('The notifications consumer has no DLQ');
    notificationDeadLetters.grantSendMessages(fn('notifications'));
    fn('notifications').addEnvironment('NOTIFICATIONS_DLQ_URL', notificationDeadLetters.queueUrl);
    // AWS's delivery receipts: End User Messaging SMS's and SES's event destinations publish here (docs/deploy.md).
    const receipts = new sns.Topic(this, 'NotificationReceipts', { masterKey: key, enforceSSL: true, displayName: `OneTrip ${county.code}: SMS and email delivery receipts` });
    for (const service of ['sms-voice.amazonaws.com', 'ses.amazonaws.com']) {
      const publisher = new iam.ServicePrincipal(service);
      receipts.grantPublish(publisher);
      key.grant(publisher, 'kms:GenerateDataKey*', 'kms:Decrypt');
    }
    receipts.addSubscription(new snsSubscriptions.LambdaSubscription(fn('notification-receipts')));
    new CfnOutput(this, 'NotificationReceiptsTopicArn', { value: receipts.topicArn, description: 'The event destination of the SMS origination identity and the SES configuration set (docs/deploy.md)' });
    new ScheduledJob(this, 'IntegrityAudit', {
      job: fn('integrity-audit'),
      // 02:00 in Asia/Shanghai: yesterday's cases, once their day is over
      schedule: events.Schedule.cron({ minute: '0', hour: '18' }),
      description: 'Timelines: a daily sample verified',
      alarms,
    });
    // Each broken timeline the audit finds is an error line `timeline broken` (functions/app/integrity.ts): counted, and any is an alarm.
    const brokenTimelines = new logs.MetricFilter(this, 'TimelinesBrokenFilter', {
      logGroup: fn('integrity-audit').logGroup,
      filterPattern: logs.FilterPattern.stringValue('$.message', '=', 'timeline broken'),
      metricNamespace: `OneTrip/${county.code}`,
      metricName: 'TimelinesBroken',
      metricValue: '1',
    });
    alarms.alarm(this, 'TimelinesBrokenAlarm', {
      description: 'Integrity: a case timeline does not verify (changed or missing records); see the integrity.broken events',
      metric: brokenTimelines.metric({ period: Duration.hours(1), statistic: 'Sum' }),
    });
    new ScheduledJob(this, 'SupervisionArchive', {
      job: fn('supervision-archive'),
      // 00:30 in Asia/Shanghai (UTC+8, no daylight saving): the periods that closed at midnight
      schedule: events.Schedule.cron({ minute: '30', hour: '16' }),
      description: 'Supervision reports: archives the periods that closed at midnight',
      alarms,
    });
    // Nothing consumes the relay's failures: any message in it is an event not yet published
    // (npm run replay-outbox republishes the day from the outbox), kept for two weeks.
    const relayFailures = new WorkerQueue(this, 'RelayFailures', { alarms, alarmOnAnyMessage: true, retentionPeriod: Duration.days(14) });
    new OutboxRelay(this, 'Relay', { outbox, relay: fn('outbox-relay'), onFailure: relayFailures.queue, alarms });

    const api = new PublicApi(this, 'Http', {
      routes,
      functions: Object.fromEntries(Object.entries(functions).map(([n, f]) => [n, f.function])),
      userPool: staff.userPool,
      userPoolClient: staff.client,
      allowedOrigins: origins,
      logsKey: key,
      logsDays: keep.logsDays,
    });

    alarms.alarm(api, 'ServerErrorsAlarm', {
      description: 'The API answered 5xx',
      metric: api.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
    });

    if (props.edgeAssets) {
      new Edge(this, 'Edge', {
        domain: county.domain,
        problems: edgeProblems(county),
        api: api.api,
        assets: props.edgeAssets,
        accessLogs,
        webAclArnParameter: webAclParameterName(county),
        // The workbench fetches the pool's discovery document and keys (cognito-idp) and its tokens (the hosted UI's domain).
        connectSources: [materials, results].map((b) => `https://${b.bucketRegionalDomainName}`).concat(`https://cognito-idp.${this.region}.amazonaws.com`, staff.domain.baseUrl()),
        workbenchSignIn: staff.workbenchSignIn(),
      });
    }

    // Certificates carry the citizen page that verifies them (in their QR code), on the county's
    // stable domain (never the API's own endpoint, which changes when the API is replaced), and
    // the applicant's case view links to it; a real payment provider notifies the tickets
    // function's payments at `/v1/callbacks/payment/{provider}` on it (its `notify_url`).
    for (const name of ['certificates', 'applications', 'tickets'] as const) fn(name).addEnvironment('PUBLIC_PORTAL_URL', edgeUrl(county.domain));

    new CfnOutput(this, 'ApiUrl', { value: api.api.apiEndpoint });
    new CfnOutput(this, 'DataTableName', { value: data.tableName });
    new CfnOutput(this, 'OutboxTableName', { value: outbox.tableName });
    new CfnOutput(this, 'UserPoolId', { value: staff.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: staff.client.userPoolClientId });
    new CfnOutput(this, 'SigningSecretArn', { value: signingSecret.secret.secretArn, description: 'Put the county signing P12 here (README, "Deploying one county")' });
  }
}
