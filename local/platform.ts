// startPlatform: one county's synthesized template, run on this machine with the same
// code paths as in AWS: the ordinary SDK clients against DynamoDB Local and fauxqs. It
// runs the stages in platform-*.ts in order; each registers how to stop what it started,
// and stop() (or a failed start) undoes them in reverse.
import { join, resolve } from 'node:path';
import type { StaticRoot } from './http.js';
import { startEmulators } from './platform-emulators.js';
import { startEventSources } from './platform-events.js';
import { startFunctions } from './platform-functions.js';
import { openGateway, ownOrigins, seededCountyUsers, serveGateway } from './platform-gateway.js';
import { waitUntilIdle } from './platform-idle.js';
import { createResources } from './platform-resources.js';
import { startSandboxes } from './platform-sandboxes.js';
import { startSimulators } from './platform-simulators.js';
import { Teardown, dataPaths, prepareDataDir, type StageContext } from './platform-stage.js';
import type { StepInterval } from './sandbox-courier.js';
import { LOCAL_CREDENTIALS } from './dynamodb.js';
import { Meter } from './meter.js';
import type { Log, Platform, SharedDynamoDb, SynthesizedCounty } from './types.js';
import type { ProvidersMode } from '../infra/config/counties.js';

export type { Platform, SynthesizedCounty } from './types.js';

export interface PlatformOptions {
  /** County code. @default '430600' */
  county?: string;
  /**
   * A DynamoDB Local to use instead of starting one; the platform's tables go in the
   * database of its access key. For test runs, where one JVM serves every test file's platform.
   * @default start one (on `dynamodbPort`, its database in the data dir)
   */
  dynamodb?: SharedDynamoDb;
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
   * The browser origins the platform allows: `own`, the runtime's own (`http://localhost:<port>`
   * and `http://127.0.0.1:<port>`, where it serves the demo portal and the widgets), in place
   * of the county's agency sites in the template's API and bucket CORS and its functions'
   * ALLOWED_ORIGINS; or `template`, the template's as they are.
   * @default 'own'
   */
  allowedOrigins?: 'own' | 'template';
  /**
   * Milliseconds between two statuses of a sandbox courier shipment, or `manual` (only
   * `POST /sandbox/courier/shipments/{waybillNumber}/advance` moves it).
   * @default ONETRIP_SANDBOX_COURIER_STEP_MS, else 1500
   */
  sandboxCourierStepMs?: StepInterval;
  /**
   * Count what the platform would be billed for (local/meter.ts; `Platform.meter`): the
   * functions then reach DynamoDB Local through a pass-through that asks for consumed capacity.
   * @default false
   */
  meter?: boolean;
  /** Execution environments per function, at most (Lambda's concurrency). @default 4 */
  maxEnvironments?: number;
  /**
   * `sandbox`: the county's configured providers, played by the friendly sandboxes. `protocol`:
   * the county synthesized with Alipay, WeChat Pay and SF Express (PROTOCOL_PROVIDERS in
   * infra/config/counties.ts), each played by its protocol simulator (local/simulators/),
   * keys generated at start (`npm start -- --providers protocol`).
   * @default 'sandbox'
   */
  providers?: ProvidersMode;
}

async function synthesize(options: PlatformOptions, county: string, dataDir: string): Promise<SynthesizedCounty> {
  if (typeof options.synthesized === 'function') return options.synthesized();
  if (options.synthesized) return options.synthesized;
  const { synthCounty } = await import('../infra/synth.js');
  return synthCounty(county, { outdir: join(dataDir, 'cdk.out'), providers: options.providers });
}

function stageContext(options: PlatformOptions, county: string): StageContext {
  const dataDir = resolve(options.dataDir ?? join('.local', county));
  // ONETRIP_LOCAL_LOG=1 shows the runtime's and the functions' lines whatever `log` says
  // (handy when an integration test that passes `log: () => {}` fails).
  const log: Log = process.env.ONETRIP_LOCAL_LOG ? (line) => process.stderr.write(`[local] ${line}\n`) : (options.log ?? (() => undefined));
  const verbose: Log = options.verbose ? log : () => undefined;
  const credentials = options.dynamodb ? { accessKeyId: options.dynamodb.accessKeyId, secretAccessKey: 'local' } : LOCAL_CREDENTIALS;
  return { dataDir, paths: dataPaths(dataDir), region: options.region ?? 'us-east-1', credentials, log, verbose, teardown: new Teardown(log), ...(options.meter ? { meter: new Meter() } : {}) };
}

/** The metering pass-through before DynamoDB Local, stopped with the platform. */
async function meteredDynamoDb(meter: Meter, target: string, { teardown }: StageContext): Promise<string> {
  const front = await meter.dynamodbFront(target);
  teardown.add(() => front.stop());
  return front.endpoint;
}

export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const county = options.county ?? '430600';
  const context = stageContext(options, county);
  const { verbose, teardown } = context;
  const startedAt = Date.now();
  await prepareDataDir(context, options.fresh ?? false);

  try {
    // The JVM boots in its own process while this one starts fauxqs and synthesizes.
    const booting = await startEmulators({ dynamodb: options.dynamodbPort, aws: options.awsPort, s3: options.s3Port }, context, options.dynamodb);
    const gateway = await openGateway(options.port ?? 0, context);
    if ((options.allowedOrigins ?? 'own') === 'own') context.allowedOrigins = ownOrigins(gateway.url);
    const synthesized = await synthesize(options, county, context.dataDir);
    verbose(`template ready after ${Date.now() - startedAt} ms`);
    const emulators = await booting.ready();
    const { endpoints } = emulators;
    verbose(`emulators ready after ${Date.now() - startedAt} ms`);

    const resources = await createResources(synthesized, gateway.url, emulators, context);
    const users = seededCountyUsers(county, options.departments, context.log);
    const functionEndpoints = context.meter ? { ...endpoints, dynamodb: await meteredDynamoDb(context.meter, endpoints.dynamodb, context) } : endpoints;
    const simulators = options.providers === 'protocol' ? startSimulators(gateway.url, resources, { courierStepMs: options.sandboxCourierStepMs }, context) : undefined;
    const functions = startFunctions(synthesized, resources, { url: gateway.url, endpoints: functionEndpoints, users, maxEnvironments: options.maxEnvironments, providerVariables: simulators?.variables }, context);
    const sandboxes = startSandboxes(gateway.url, resources.secrets, { courierStepMs: options.sandboxCourierStepMs }, context, simulators);
    const events = await startEventSources(resources, functions, { schedules: options.schedules }, context);
    const backends = { stackName: synthesized.stackName, endpoints, resources, functions, events, sandboxes };
    const index = await serveGateway(gateway, backends, { users, staticRoots: options.staticRoots }, context);
    sandboxes.resume();
    verbose(`platform ready after ${Date.now() - startedAt} ms`);
    if (resources.resolver.unresolved.size > 0) verbose(`unresolved in the template (placeholders used): ${[...resources.resolver.unresolved].join(', ')}`);

    let stopping: Promise<void> | undefined;
    return {
      url: gateway.url,
      endpoints,
      credentials: context.credentials,
      resources: {
        tables: resources.tables,
        queues: Object.fromEntries(resources.queues.map((queue) => [queue.logicalId, { url: queue.url, arn: queue.arn }])),
        buckets: resources.buckets,
        functions: functions.all.map((fn) => fn.logicalId),
      },
      secrets: resources.secretValues,
      index,
      ...(context.meter ? { meter: context.meter } : {}),
      invoke: (nameOrId, event) => functions.invoke(nameOrId, event),
      runSchedule: (logicalId) => events.scheduler.fire(logicalId),
      idle: (idleOptions) => waitUntilIdle(functions, events, sandboxes, idleOptions),
      stop() {
        // No new requests first; then, newest first: schedules, pollers, sandboxes,
        // functions, snapshots, clients, emulators.
        stopping ??= gateway.http.close().then(() => teardown.run());
        return stopping;
      },
    };
  } catch (error) {
    await teardown.run();
    throw error;
  }
}
