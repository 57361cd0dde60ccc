/**
 * AWS SDK v3 clients, created once per execution environment. Endpoints come from the
 * SDK's own configuration (in the local runtime, AWS_ENDPOINT_URL_<SERVICE>), so the
 * same code talks to AWS and to the local emulators.
 *
 * Each client goes through the Powertools Tracer, so an API function's trace shows its
 * DynamoDB, S3 and SQS calls. The stack turns the Tracer on for API functions only
 * (POWERTOOLS_TRACE_ENABLED, infra/constructs/bundled-function.ts); on workers and in the
 * local runtime it is off, and capturing a client does nothing.
 */
import { Tracer } from '@aws-lambda-powertools/tracer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'onetrip' });

let dynamo: DynamoDBDocumentClient | undefined;
let s3: S3Client | undefined;
let sqs: SQSClient | undefined;

export function documentClient(): DynamoDBDocumentClient {
  dynamo ??= DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return dynamo;
}

export function s3Client(): S3Client {
  // Emulators serve buckets by path; real S3 by virtual host.
  s3 ??= tracer.captureAWSv3Client(new S3Client({ forcePathStyle: process.env.ONETRIP_S3_FORCE_PATH_STYLE === 'true' }));
  return s3;
}

export function sqsClient(): SQSClient {
  sqs ??= tracer.captureAWSv3Client(new SQSClient({}));
  return sqs;
}
