// startPlatform: one county's synthesized template, run on this machine with the same
// code paths as in AWS: the ordinary SDK clients against DynamoDB Local and fauxqs.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { publishedCatalogs } from '../catalog/index.js';
import { findCounty } from '../infra/config/counties.js';
import { readHttpApis, tokenAuthorizer } from './api-routes.js';
import { LocalIssuer, seededUsers } from './auth.js';
import { CheckpointStore } from './checkpoints.js';
import { LOCAL_CREDENTIALS, createTables, dynamoDbPaths, killStaleDynamoDbLocal, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb.js';
import { PlatformBusyError } from './errors.js';
import { readEventSourceMappings } from './event-sources.js';
import { sqsOrigin, startAwsEmulator, useLocalhostDns, type FauxqsServer } from './fauxqs.js';
import { FunctionHost, functionSpecs } from './functions.js';
import { LocalHttpServer, createGateway, type StaticRoot } from './http.js';
import { findOutboxTable, recentOutboxEvents } from './outbox.js';
import { portOrFree, delay } from './ports.js';
import { QueuePoller } from './queue-source.js';
import { jsonResponse } from './api-gateway.js';
import { SANDBOX_COURIER_ROUTES, SandboxCourier, isSandboxCourierPath, stepIntervalFromEnv, type StepInterval } from './sandbox-courier.js';
import { SANDBOX_ROUTES, SandboxPayments } from './sandbox-payments.js';
import { loadSecrets, platformSecrets } from './secrets.js';
import { createBuckets, restoreBucketObjects, saveBucketObjects } from './s3.js';
import { bucketCorsRules, startS3CorsFront, type CorsRule } from './s3-cors.js';
import { Scheduler, readSchedules } from './schedules.js';
import { createQueues, restoreQueueMessages, saveQueueMessages } from './sqs.js';
import { StreamPoller, type PollerContext } from './streams.js';
import { Resolver, defineStaticResources } from './template.js';
import type { Log, Platform, PlatformIndex, SynthesizedCounty } from './types.js';

export type { Platform, SynthesizedCounty } from './types.js';

export interface PlatformOptions {
  /** County code. @default '430600' */
  county?: string;
  /** HTTP port; 0 picks a free one. @default 0 */
  port?: number;
  /** DynamoDB Local's port; 0 picks a free one. @default 0 */
  dynamodbPort?: number;
  /** fauxqs's (SQS and S3) port; 0 picks a free one. @default 0 */
  awsPort?: number;
  /** Port of the S3 endpoint functions and browsers use (fauxqs behind the buckets' CORS rules). @default 0 */
  s3Port?: number;
  /** Where data survive restarts. @default `.local/<county>` */
  dataDir?: string;
  /** Start from empty tables, queues and buckets. @default false */
  fresh?: boolean;
  /** Where the runtime's and the functions' log lines go. @default drop them (unless ONETRIP_LOCAL_LOG is set) */
  log?: Log;
  /** Also report unresolved template references and other details. @default false */
  verbose?: boolean;
  /** The county's synthesized template (or a function producing it, run while the emulators boot). @default synthCounty(county) */
  synthesized?: SynthesizedCounty | (() => SynthesizedCounty | Promise<SynthesizedCounty>);
  /** Department codes for the seeded reviewer-D / chief-D users. @default the county's catalog version's departments */
  departments?: string[];
  /** Folders served before the API routes. @default [] */
  staticRoots?: StaticRoot[];
  /** Run scheduled rules on their schedules (`runSchedule` works either way). @default true */
  schedules?: boolean;
  /** @default 'us-east-1' */
  region?: string;
  /**
   * Milliseconds between two statuses of a sandbox courier shipment, or `manual` (only
   * `POST /sandbox/courier/shipments/{waybillNumber}/advance` moves it).
   * @default ONETRIP_SANDBOX_COURIER_STEP_MS, else 1500
   */
  sandboxCourierStepMs?: StepInterval;
}

const ACCOUNT_ID = '000000000000';

function departmentsOf(countyCode: string, log: Log): string[] {
  try {
    const county = findCounty(countyCode);
    return (publishedCatalogs[county.catalogVersion]?.departments ?? []).map((department) => department.code);
  } catch {
    log(`county ${countyCode} is not configured; only the center's staff users are seeded`);
    return [];
  }
}

async function synthesize(options: PlatformOptions, county: string, dataDir: string): Promise<SynthesizedCounty> {
  if (typeof options.synthesized === 'function') return options.synthesized();
  if (options.synthesized) return options.synthesized;
  const { synthCounty } = await import('../infra/synth.js');
  return synthCounty(county, { outdir: join(dataDir, 'cdk.out') });
}

/** Removes everything in the data dir (keeping the dir itself). */
function emptyDir(dir: string): void {
  for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
}

export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const county = options.county ?? '430600';
  const dataDir = resolve(options.dataDir ?? join('.local', county));
  // ONETRIP_LOCAL_LOG=1 shows the runtime's and the functions' lines whatever `log` says
  // (handy when an integration test that passes `log: () => {}` fails).
  const log: Log = process.env.ONETRIP_LOCAL_LOG ? (line) => process.stderr.write(`[local] ${line}\n`) : (options.log ?? (() => undefined));
  const verbose: Log = options.verbose ? log : () => undefined;
  const region = options.region ?? 'us-east-1';
  const cleanups: Array<() => Promise<void> | void> = [];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        log(`while stopping: ${(error as Error).message}`);
      }
    }
  };

  const startedAt = Date.now();
  mkdirSync(dataDir, { recursive: true });
  const paths = {
    ...dynamoDbPaths(dataDir),
    checkpoints: join(dataDir, 'stream-checkpoints.json'),
    sqs: join(dataDir, 'sqs-messages.json'),
    s3: join(dataDir, 's3'),
    secrets: join(dataDir, 'secrets.json'),
    sandboxPayments: join(dataDir, 'sandbox-payments.json'),
    sandboxCourier: join(dataDir, 'sandbox-courier.json'),
  };
  await killStaleDynamoDbLocal(paths, log);
  if (options.fresh) emptyDir(dataDir);

  try {
    const [dynamodbPort, awsPort, s3Port] = await Promise.all([
      portOrFree(options.dynamodbPort ?? 0),
      portOrFree(options.awsPort ?? 0),
      portOrFree(options.s3Port ?? 0),
    ]);
    // The JVM boots in its own process while this one starts fauxqs and synthesizes.
    const dynamodb: DynamoDbLocal = startDynamoDbLocal({ dbPath: paths.dbPath, port: dynamodbPort, pidFile: paths.pidFile, log });
    cleanups.push(() => dynamodb.stop());
    cleanups.push(useLocalhostDns());
    const fauxqsStarting = startAwsEmulator({ port: awsPort, region });
    cleanups.push(async () => (await fauxqsStarting.catch(() => undefined))?.stop());
    const http = new LocalHttpServer();
    const httpPort = await http.listen(options.port ?? 0);
    cleanups.push(() => http.close());
    const url = `http://127.0.0.1:${httpPort}`;
    const synthesized = await synthesize(options, county, dataDir);
    verbose(`template ready after ${Date.now() - startedAt} ms`);
    const fauxqs: FauxqsServer = await fauxqsStarting;
    let corsRules: Record<string, CorsRule[]> = {};
    const s3Front = await startS3CorsFront({ port: s3Port, targetPort: fauxqs.port, rules: () => corsRules });
    cleanups.push(() => s3Front.stop());
    await dynamodb.ready;
    verbose(`emulators ready after ${Date.now() - startedAt} ms`);

    const endpoints = { dynamodb: dynamodb.endpoint, sqs: sqsOrigin(region, fauxqs.port), s3: s3Front.endpoint };
    const clientConfig = { region, credentials: LOCAL_CREDENTIALS };
    const ddbClient = new DynamoDBClient({ ...clientConfig, endpoint: endpoints.dynamodb });
    const streamsClient = new DynamoDBStreamsClient({ ...clientConfig, endpoint: endpoints.dynamodb });
    const sqsClient = new SQSClient({ ...clientConfig, endpoint: endpoints.sqs });
    const s3Client = new S3Client({ ...clientConfig, endpoint: `http://127.0.0.1:${fauxqs.port}`, forcePathStyle: true });
    cleanups.push(() => [ddbClient, streamsClient, sqsClient, s3Client].forEach((client) => client.destroy()));

    const resolver = new Resolver(synthesized.template, {
      region,
      accountId: ACCOUNT_ID,
      partition: 'aws',
      urlSuffix: 'amazonaws.com',
      stackName: synthesized.stackName,
    });
    defineStaticResources(resolver, url);
    const secrets = loadSecrets(resolver, paths.secrets);
    const [tables, queues, buckets] = await Promise.all([
      createTables(ddbClient, resolver, log),
      createQueues(sqsClient, resolver),
      createBuckets(s3Client, resolver),
    ]);
    corsRules = bucketCorsRules(resolver, buckets);
    const restoredObjects = await restoreBucketObjects(s3Client, buckets, paths.s3);
    const restoredMessages = await restoreQueueMessages(sqsClient, queues, paths.sqs, log);
    if (restoredObjects + restoredMessages > 0) log(`restored ${restoredObjects} S3 object(s) and ${restoredMessages} SQS message(s) from ${dataDir}`);
    cleanups.push(async () => {
      const saved = saveQueueMessages(fauxqs, queues, paths.sqs);
      const objects = await saveBucketObjects(s3Client, buckets, paths.s3);
      verbose(`kept ${objects} S3 object(s) and ${saved} SQS message(s) in ${dataDir}`);
    });

    const secretValues = platformSecrets(secrets);
    // Whatever providers the county is configured with, locally it pays and ships at the sandboxes.
    const replaced = {
      PAYMENT_PROVIDER: 'sandbox',
      PAYMENT_PROVIDER_URL: `${url}/sandbox/payments`,
      COURIER_PROVIDER: 'sandbox',
      COURIER_PROVIDER_URL: `${url}/sandbox/courier`,
    };
    const functions = new FunctionHost(functionSpecs(resolver, synthesized.assemblyDir, { region, endpoints, secrets: secretValues.byArn, replaced }), log);
    cleanups.push(() => functions.stop());
    const paymentSecret = secrets.find((secret) => secret.purpose === 'payment');
    const sandbox = paymentSecret ? new SandboxPayments({ baseUrl: url, secret: paymentSecret.value, stateFile: paths.sandboxPayments, log }) : undefined;
    if (!paymentSecret) verbose('no secret tagged onetrip:purpose=payment in the template: the sandbox payment provider is off');
    cleanups.push(() => sandbox?.stop());
    const courierSecret = secrets.find((secret) => secret.purpose === 'courier');
    const courier = courierSecret
      ? new SandboxCourier({ baseUrl: url, secret: courierSecret.value, stepMs: options.sandboxCourierStepMs ?? stepIntervalFromEnv(), stateFile: paths.sandboxCourier, log })
      : undefined;
    if (!courierSecret) verbose('no secret tagged onetrip:purpose=courier in the template: the sandbox courier is off');
    cleanups.push(() => courier?.stop());

    const pollerContext: PollerContext = { functions, sqs: sqsClient, resolver, region, log };
    const { mappings, unsupported } = readEventSourceMappings(resolver);
    for (const mapping of unsupported) log(`event source ${mapping.logicalId} not run: ${mapping.reason}`);
    const checkpoints = new CheckpointStore(paths.checkpoints);
    const streamPollers = mappings.flatMap((mapping) => (mapping.kind === 'dynamodb-stream' ? [new StreamPoller(mapping, streamsClient, checkpoints, pollerContext)] : []));
    const queuePollers = mappings.flatMap((mapping) => (mapping.kind === 'sqs' ? [new QueuePoller(mapping, sqsClient, pollerContext)] : []));
    cleanups.push(() => Promise.all([...streamPollers, ...queuePollers].map((poller) => poller.stop())).then(() => undefined));
    await Promise.all(streamPollers.map((poller) => poller.start()));
    queuePollers.forEach((poller) => poller.start());

    const scheduler = new Scheduler(readSchedules(resolver, functions, log), functions, { region, accountId: ACCOUNT_ID, log });
    if (options.schedules !== false) scheduler.start();
    cleanups.push(() => scheduler.stop());

    const apis = readHttpApis(resolver, functions);
    if (apis.length > 1) log(`note: ${apis.length} HTTP APIs in the template; their routes share ${url}`);
    const issuer = await LocalIssuer.load(dataDir);
    const outboxTable = findOutboxTable(resolver, tables);
    const index: PlatformIndex = {
      stack: synthesized.stackName,
      api: url,
      endpoints,
      tables,
      queues: Object.fromEntries(queues.map((queue) => [queue.logicalId, queue.url])),
      buckets,
      functions: functions.all.map((spec) => spec.logicalId),
      routes: apis.flatMap((api) => api.routes.map((route) => ({ route: route.routeKey, function: route.functionId ?? route.problem, auth: route.authorization.type }))),
      eventSources: mappings.map((mapping) => ({ id: mapping.logicalId, kind: mapping.kind, source: mapping.sourceLogicalId, function: functions.find(mapping.functionName)?.logicalId })),
      schedules: scheduler.rules.map((rule) => ({ id: rule.logicalId, expression: rule.expression })),
      local: [
        'POST /local/token',
        'GET /local/outbox',
        'GET /local/users',
        'GET /local/jwks.json',
        'POST /local/schedules/{ruleLogicalId}',
        ...(sandbox ? SANDBOX_ROUTES : []),
        ...(courier ? SANDBOX_COURIER_ROUTES : []),
      ],
    };
    http.setHandler(
      createGateway({
        apis,
        functions,
        issuer,
        users: seededUsers(options.departments ?? departmentsOf(county, log)),
        tokenAuthorizer: tokenAuthorizer(resolver, `${url}/local`),
        staticRoots: options.staticRoots ?? [],
        accountId: ACCOUNT_ID,
        log,
        outbox: async () => (outboxTable ? recentOutboxEvents(ddbClient, outboxTable) : undefined),
        index: () => index,
        runSchedule: (logicalId) => scheduler.fire(logicalId),
        sandbox: async (request, path, body) => {
          const provider = isSandboxCourierPath(path) ? courier : sandbox;
          return provider ? provider.handle(request, path, body) : jsonResponse(404, { message: 'Not Found' });
        },
      }),
    );
    sandbox?.resume();
    courier?.resume();
    verbose(`platform ready after ${Date.now() - startedAt} ms`);
    if (resolver.unresolved.size > 0) verbose(`unresolved in the template (placeholders used): ${[...resolver.unresolved].join(', ')}`);

    let stopping: Promise<void> | undefined;
    const platform: Platform = {
      url,
      endpoints,
      resources: {
        tables,
        queues: Object.fromEntries(queues.map((queue) => [queue.logicalId, { url: queue.url, arn: queue.arn }])),
        buckets,
        functions: functions.all.map((spec) => spec.logicalId),
      },
      secrets: secretValues,
      index,
      invoke: (nameOrId, event) => functions.invoke(nameOrId, event),
      runSchedule: (logicalId) => scheduler.fire(logicalId),
      async idle({ timeoutMs = 30_000 } = {}) {
        const deadline = Date.now() + timeoutMs;
        functions.epoch += 1;
        for (;;) {
          const epoch = functions.epoch;
          const streamsDone = streamPollers.every((poller) => poller.caughtUp(epoch));
          const queuesDone = streamsDone && functions.inflight === 0 && (await Promise.all(queuePollers.map((poller) => poller.drained()))).every(Boolean);
          const sandboxDone = !sandbox?.busy && !courier?.busy;
          if (streamsDone && queuesDone && sandboxDone && functions.inflight === 0 && functions.epoch === epoch) return;
          if (Date.now() > deadline) {
            const busy = [
              ...streamPollers.filter((poller) => !poller.caughtUp(epoch)).map((poller) => `stream ${poller.mapping.logicalId}`),
              ...(functions.inflight > 0 ? [`${functions.inflight} invocation(s)`] : []),
              ...(queuesDone ? [] : ['queues not drained']),
              ...(sandboxDone ? [] : ['sandbox callbacks']),
            ];
            throw new PlatformBusyError(`still busy after ${timeoutMs} ms: ${busy.join(', ')}`);
          }
          await delay(25);
        }
      },
      stop() {
        // No new requests first; then schedules, pollers, functions, snapshots, emulators.
        stopping ??= http.close().then(cleanup);
        return stopping;
      },
    };
    return platform;
  } catch (error) {
    await cleanup();
    throw error;
  }
}

