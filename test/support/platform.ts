/**
 * One local platform per test file: fresh data, random port, the same runtime as `npm start`,
 * its tables in a database of its own in the run's DynamoDB Local (global-setup.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { inject } from 'vitest';
import { startPlatform, type Platform } from '../../local/platform.js';
import type { StaticRoot } from '../../local/http.js';
import { Api } from './api.js';
import { sharedSynthesis } from './synthesized.js';
import type { ProvidersMode } from '../../infra/config/counties.js';


export interface TestPlatform {
  platform: Platform;
  api: Api;
  dynamo: DynamoDBDocumentClient;
  sqs: SQSClient;
  dataTable: string;
  outboxTable: string;
  /** Queue URL by a logical-id prefix, e.g. `Queuereviewdispatch` + `Queue` or `Dlq`. */
  queue(prefix: string): string;
  stop(): Promise<void>;
}

/**
 * `log` receives the runtime's and the functions' lines (each function's as `[LogicalId] line`),
 * for a test that reads what the functions logged. @default drop them. `providers: 'protocol'`
 * runs the county with Alipay, WeChat Pay and SF Express against their protocol simulators
 * (local/simulators/; PlatformOptions.providers), stepped by hand like the sandbox courier.
 */
export async function startTestPlatform(county = '430600', options: { staticRoots?: StaticRoot[]; log?: (line: string) => void; providers?: ProvidersMode } = {}): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onetrip-it-'));
  // ONETRIP_TEST_LOG=1 shows the runtime's and the functions' logs.
  const log = process.env.ONETRIP_TEST_LOG ? (line: string) => console.log(line) : (options.log ?? (() => {}));
  // The sandbox courier moves only when a test advances it (or sets ONETRIP_SANDBOX_COURIER_STEP_MS),
  // so no parcel reports in the background of an unrelated test.
  const sandboxCourierStepMs = process.env.ONETRIP_SANDBOX_COURIER_STEP_MS ? undefined : 'manual';
  const platform = await startPlatform({
    county,
    port: 0,
    dataDir,
    fresh: true,
    log,
    staticRoots: options.staticRoots,
    sandboxCourierStepMs,
    // Synthesized once per run for all test files.
    synthesized: () => sharedSynthesis(county, options.providers),
    providers: options.providers,
    // The run's one DynamoDB Local; the key names this platform's own database in it.
    dynamodb: { endpoint: inject('dynamodbEndpoint'), accessKeyId: `test${randomBytes(6).toString('hex')}` },
  });
  const { credentials } = platform;
  const tables = platform.resources.tables;
  const find = (prefix: string) => {
    const id = Object.keys(tables).find((k) => k.startsWith(prefix));
    if (!id) throw new Error(`No table ${prefix}*`);
    return tables[id]!;
  };
  return {
    platform,
    api: new Api(platform.url),
    dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, region: 'us-east-1', credentials })),
    sqs: new SQSClient({ endpoint: platform.endpoints.sqs, region: 'us-east-1', credentials }),
    dataTable: find('Data'),
    outboxTable: find('Outbox'),
    queue(prefix: string) {
      const id = Object.keys(platform.resources.queues).find((k) => k.startsWith(prefix));
      if (!id) throw new Error(`No queue ${prefix}* in ${Object.keys(platform.resources.queues).join(', ')}`);
      return platform.resources.queues[id]!.url;
    },
    async stop() {
      await platform.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every item of a case partition, read straight from DynamoDB Local. */
export async function caseItems(t: TestPlatform, caseId: string, prefix: string) {
  const out = await t.dynamo.send(
    new QueryCommand({
      TableName: t.dataTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': `CASE#${caseId}`, ':p': prefix },
      ConsistentRead: true,
    }),
  );
  return out.Items ?? [];
}
