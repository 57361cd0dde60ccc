/**
 * AWS SDK v3 clients, created once per execution environment. Endpoints come from the
 * SDK's own configuration (in the local runtime, AWS_ENDPOINT_URL_<SERVICE>), so the
 * same code talks to AWS and to the local emulators.
 *
 * Each client goes through the Powertools Tracer, so an API function's trace shows its
 * DynamoDB, S3 and SQS calls. The stack turns the Tracer on for API functions only
 * (POWERTOOLS_TRACE_ENABLED, infra/constructs/bundled-function.ts); on workers and in the
 * local runtime it is off, and the Tracer (with the X-Ray SDK under it, about 120 KB) is not
 * even loaded: a bundle keeps it in a chunk of its own, read only where tracing is on.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

/** The Tracer where tracing is on: off only when POWERTOOLS_TRACE_ENABLED says `false`, as the Tracer itself reads it. */
const tracer = process.env.POWERTOOLS_TRACE_ENABLED === 'false'
  ? undefined
  : new (await import('@aws-lambda-powertools/tracer')).Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'onetrip' });

/** A client whose calls the Tracer records, when it is on. */
const traced = <T>(client: T): T => (tracer ? tracer.captureAWSv3Client(client) : client);

let dynamo: DynamoDBDocumentClient | undefined;
let s3: S3Client | undefined;
let sqs: SQSClient | undefined;

export function documentClient(): DynamoDBDocumentClient {
  dynamo ??= DynamoDBDocumentClient.from(traced(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return dynamo;
}

export function s3Client(): S3Client {
  // Emulators serve buckets by path; real S3 by virtual host.
  s3 ??= traced(new S3Client({ forcePathStyle: process.env.ONETRIP_S3_FORCE_PATH_STYLE === 'true' }));
  return s3;
}

export function sqsClient(): SQSClient {
  sqs ??= traced(new SQSClient({}));
  return sqs;
}
