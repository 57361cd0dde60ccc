// Shapes the local runtime reads and hands out. The CloudFormation types are the
// structural subset of a synthesized template the runtime relies on; they match
// `infra/synth.ts`'s `SynthesizedCounty` structurally, so either can be passed in.

import type { Meter } from './meter.js';

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  DependsOn?: unknown;
  Condition?: unknown;
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown }>;
  Parameters?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
}

export interface SynthesizedCounty {
  stackName: string;
  template: CfnTemplate;
  /** cdk.out-like directory holding the function assets named by `aws:asset:path`. */
  assemblyDir: string;
}

export interface PlatformEndpoints {
  dynamodb: string;
  /** Origin of the queue URLs fauxqs hands out (`http://sqs.<region>.localhost:<port>`). */
  sqs: string;
  s3: string;
}

export interface PlatformResources {
  tables: Record<string, string>;
  queues: Record<string, { url: string; arn: string }>;
  buckets: Record<string, string>;
  /** Logical ids of the functions. */
  functions: string[];
}

/** What runs where, as `GET /` and `npm start` show it. */
export interface PlatformIndex {
  stack: string;
  api: string;
  endpoints: PlatformEndpoints;
  /** The access key to sign with: DynamoDB Local keeps the platform's tables in that key's database. */
  accessKeyId: string;
  tables: Record<string, string>;
  queues: Record<string, string>;
  buckets: Record<string, string>;
  functions: string[];
  routes: Array<{ route: string; function: string | undefined; auth: string }>;
  eventSources: Array<{ id: string; kind: string; source: string; function: string | undefined }>;
  schedules: Array<{ id: string; expression: string }>;
  local: string[];
}

/**
 * The values of the template's Secrets Manager secrets (local/secrets.ts), for tests that
 * sign as a provider would.
 */
export interface PlatformSecrets {
  /** The payment provider's shared secret (tagged `onetrip:purpose=payment`). Throws when the template has none. */
  readonly payment: string;
  /** The courier's shared secret (tagged `onetrip:purpose=courier`). Throws when the template has none. */
  readonly courier: string;
  /** A secret by its `onetrip:purpose` tag, else by logical-id prefix. Throws when none matches. */
  get(purposeOrLogicalIdPrefix: string): string;
  /** ARN → value: what functions receive in ONETRIP_LOCAL_SECRETS. */
  readonly byArn: Record<string, string>;
}

/** The access key the platform's clients sign with; DynamoDB Local keeps one database per key and region. */
export interface LocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * A DynamoDB Local already running without `-sharedDb` (test/support/global-setup.ts starts
 * one per test run): a platform given one starts no JVM of its own, and its tables live in
 * the database its `accessKeyId` names, apart from every other platform's.
 */
export interface SharedDynamoDb {
  endpoint: string;
  accessKeyId: string;
}

export interface Platform {
  url: string;
  index: PlatformIndex;
  endpoints: PlatformEndpoints;
  credentials: LocalCredentials;
  resources: PlatformResources;
  secrets: PlatformSecrets;
  /** Invokes a function synchronously (RequestResponse) by logical id or local name. */
  invoke(functionLogicalIdOrName: string, event: unknown): Promise<unknown>;
  /**
   * Resolves when every mapped queue is empty, every stream shard is caught up and no
   * invocation is running. Rejects with `PlatformBusyError` after `timeoutMs`.
   */
  idle(options?: { timeoutMs?: number }): Promise<void>;
  /** Fires a schedule rule now (logical id of the AWS::Events::Rule). */
  runSchedule(ruleLogicalId: string): Promise<unknown>;
  /** What the platform would be billed for so far, when started with `meter: true`. */
  meter?: Meter;
  stop(): Promise<void>;
}

export type Log = (line: string) => void;
