// The emulators stage of startPlatform (platform.ts): DynamoDB Local, a JVM that boots in
// its own process, and fauxqs (SQS and S3, in this process) start while the caller goes on
// (synthesizing the template); `ready()` then puts the CORS front before fauxqs's S3
// (s3-cors.ts) and waits for the JVM.
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb.js';
import { sqsOrigin, startAwsEmulator, useLocalhostDns, type FauxqsServer } from './fauxqs.js';
import type { StageContext } from './platform-stage.js';
import { portOrFree } from './ports.js';
import { startS3CorsFront, type CorsRule } from './s3-cors.js';
import type { PlatformEndpoints, SharedDynamoDb } from './types.js';

export interface EmulatorPorts {
  /** DynamoDB Local's port; 0 (or a busy one) picks a free one. @default 0 */
  dynamodb?: number;
  /** fauxqs's (SQS and S3) port; 0 (or a busy one) picks a free one. @default 0 */
  aws?: number;
  /** The S3 CORS front's port; 0 (or a busy one) picks a free one. @default 0 */
  s3?: number;
}

export interface Emulators {
  dynamodb: Pick<DynamoDbLocal, 'endpoint' | 'ready'>;
  fauxqs: FauxqsServer;
  /** What functions and tests use: DynamoDB Local, fauxqs's SQS origin, the S3 CORS front. */
  endpoints: PlatformEndpoints;
  /** Hands the S3 front the buckets' CORS rules, known once the buckets exist. */
  useCorsRules(rules: Record<string, CorsRule[]>): void;
}

export interface BootingEmulators {
  /** Call once: resolves when fauxqs, the S3 CORS front and DynamoDB Local all answer. */
  ready(): Promise<Emulators>;
}

/** A DynamoDB Local someone else runs: nothing to start or stop. */
const sharedDynamoDbLocal = (shared: SharedDynamoDb): Pick<DynamoDbLocal, 'endpoint' | 'ready'> => ({ endpoint: shared.endpoint, ready: Promise.resolve() });

/** `shared`: use that DynamoDB Local instead of starting one (`ports.dynamodb` is then unused). */
export async function startEmulators(ports: EmulatorPorts, { paths, region, log, teardown, meter }: StageContext, shared?: SharedDynamoDb): Promise<BootingEmulators> {
  const [dynamodbPort, awsPort, s3Port] = await Promise.all([shared ? 0 : portOrFree(ports.dynamodb ?? 0), portOrFree(ports.aws ?? 0), portOrFree(ports.s3 ?? 0)]);
  let dynamodb: Pick<DynamoDbLocal, 'endpoint' | 'ready'>;
  if (shared) dynamodb = sharedDynamoDbLocal(shared);
  else {
    const own = startDynamoDbLocal({ dbPath: paths.dbPath, port: dynamodbPort, pidFile: paths.pidFile, log });
    teardown.add(() => own.stop());
    dynamodb = own;
  }
  teardown.add(useLocalhostDns());
  const fauxqsStarting = startAwsEmulator({ port: awsPort, region });
  teardown.add(async () => (await fauxqsStarting.catch(() => undefined))?.stop());
  return {
    async ready() {
      const fauxqs = await fauxqsStarting;
      let corsRules: Record<string, CorsRule[]> = {};
      const s3Front = await startS3CorsFront({ port: s3Port, targetPort: fauxqs.port, rules: () => corsRules, meter });
      teardown.add(() => s3Front.stop());
      await dynamodb.ready;
      return {
        dynamodb,
        fauxqs,
        endpoints: { dynamodb: dynamodb.endpoint, sqs: sqsOrigin(region, fauxqs.port), s3: s3Front.endpoint },
        useCorsRules: (rules) => {
          corsRules = rules;
        },
      };
    },
  };
}
