// The resources stage of startPlatform (platform.ts): the template read with the local
// pseudo parameters, its tables created in DynamoDB Local and its queues and buckets in
// fauxqs through the ordinary SDK clients, its secrets given their local values, and the
// queue messages and S3 objects a clean stop kept in the data dir sent back (and kept
// again on stop, fauxqs being in-memory).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createTables } from './dynamodb.js';
import type { Emulators } from './platform-emulators.js';
import { ACCOUNT_ID, type StageContext } from './platform-stage.js';
import { createBuckets, restoreBucketObjects, saveBucketObjects } from './s3.js';
import { bucketCorsRules } from './s3-cors.js';
import { loadSecrets, platformSecrets, type LocalSecret } from './secrets.js';
import { createQueues, restoreQueueMessages, saveQueueMessages, type LocalQueue } from './sqs.js';
import { Resolver, defineStaticResources } from './template.js';
import type { PlatformSecrets, SynthesizedCounty } from './types.js';

/** The runtime's own SDK clients; S3 goes to fauxqs directly, not through the CORS front. */
export interface AwsClients {
  dynamodb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  sqs: SQSClient;
  s3: S3Client;
}

export interface Resources {
  resolver: Resolver;
  clients: AwsClients;
  /** Logical id → table name. */
  tables: Record<string, string>;
  queues: LocalQueue[];
  /** Logical id → bucket name. */
  buckets: Record<string, string>;
  secrets: LocalSecret[];
  /** The same secrets, as `Platform.secrets` hands them out. */
  secretValues: PlatformSecrets;
}

function createClients({ endpoints, fauxqs }: Emulators, { region, credentials, teardown }: StageContext): AwsClients {
  const clientConfig = { region, credentials };
  const clients = {
    dynamodb: new DynamoDBClient({ ...clientConfig, endpoint: endpoints.dynamodb }),
    streams: new DynamoDBStreamsClient({ ...clientConfig, endpoint: endpoints.dynamodb }),
    sqs: new SQSClient({ ...clientConfig, endpoint: endpoints.sqs }),
    s3: new S3Client({ ...clientConfig, endpoint: `http://127.0.0.1:${fauxqs.port}`, forcePathStyle: true }),
  };
  teardown.add(() => Object.values(clients).forEach((client) => client.destroy()));
  return clients;
}

/** `url` is the platform's: the template's API resolves to it. */
export async function createResources(synthesized: SynthesizedCounty, url: string, emulators: Emulators, context: StageContext): Promise<Resources> {
  const { dataDir, paths, region, log, verbose, teardown } = context;
  const clients = createClients(emulators, context);
  const resolver = new Resolver(synthesized.template, { region, accountId: ACCOUNT_ID, partition: 'aws', urlSuffix: 'amazonaws.com', stackName: synthesized.stackName });
  defineStaticResources(resolver, url);
  const secrets = loadSecrets(resolver, paths.secrets);
  const [tables, queues, buckets] = await Promise.all([createTables(clients.dynamodb, resolver, log), createQueues(clients.sqs, resolver), createBuckets(clients.s3, resolver)]);
  const corsRules = bucketCorsRules(resolver, buckets);
  const { allowedOrigins } = context;
  emulators.useCorsRules(allowedOrigins ? Object.fromEntries(Object.entries(corsRules).map(([bucket, rules]) => [bucket, rules.map((rule) => ({ ...rule, AllowedOrigins: allowedOrigins }))])) : corsRules);
  const restoredObjects = await restoreBucketObjects(clients.s3, buckets, paths.s3);
  const restoredMessages = await restoreQueueMessages(clients.sqs, queues, paths.sqs, log);
  if (restoredObjects + restoredMessages > 0) log(`restored ${restoredObjects} S3 object(s) and ${restoredMessages} SQS message(s) from ${dataDir}`);
  teardown.add(async () => {
    const saved = saveQueueMessages(emulators.fauxqs, queues, paths.sqs);
    const objects = await saveBucketObjects(clients.s3, buckets, paths.s3);
    verbose(`kept ${objects} S3 object(s) and ${saved} SQS message(s) in ${dataDir}`);
  });
  return { resolver, clients, tables, queues, buckets, secrets, secretValues: platformSecrets(secrets) };
}
