// The meter (local/meter.ts): its DynamoDB pass-through asks each call for its consumed
// capacity and adds up the answer per table and index, leaving the answer as it came; usage
// is told since a point.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Meter } from '../../local/meter.js';

/** A stand-in for DynamoDB Local: answers each call with what it was asked and a fixed consumption. */
let dynamo: Server;
const seen: Record<string, unknown>[] = [];

beforeAll(async () => {
  dynamo = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      seen.push(body);
      const consumed = { TableName: 'Data', CapacityUnits: 6, Table: { CapacityUnits: 2 }, GlobalSecondaryIndexes: { byDeadline: { CapacityUnits: 4 } } };
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify({ ConsumedCapacity: request.headers['x-amz-target'] === 'DynamoDB_20120810.TransactWriteItems' ? [consumed] : consumed }));
    });
  });
  await new Promise<void>((resolve) => dynamo.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => dynamo.close(() => resolve())));

async function call(endpoint: string, operation: string, body: Record<string, unknown>) {
  const reply = await fetch(endpoint, { method: 'POST', headers: { 'x-amz-target': `DynamoDB_20120810.${operation}`, 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify(body) });
  return reply.json() as Promise<Record<string, unknown>>;
}

describe('the meter', () => {
  it('asks every capacity-bearing call for its consumption by index and adds it up per table and index', async () => {
    // Prepare
    const meter = new Meter();
    const front = await meter.dynamodbFront(`http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`);
    try {
      // Act
      const answer = await call(front.endpoint, 'UpdateItem', { TableName: 'Data', Key: {} });
      await call(front.endpoint, 'TransactWriteItems', { TransactItems: [] });
      await call(front.endpoint, 'GetItem', { TableName: 'Data', Key: {} });
      await call(front.endpoint, 'DescribeTable', { TableName: 'Data' });

      // Assess
      expect(answer.ConsumedCapacity).toMatchObject({ CapacityUnits: 6 });
      expect(seen.slice(-4).map((b) => b.ReturnConsumedCapacity)).toEqual(['INDEXES', 'INDEXES', 'INDEXES', undefined]);
      expect(meter.usage().dynamodb).toEqual({
        Data: { requests: 3, writeUnits: 12, readUnits: 6 },
        'Data/byDeadline': { requests: 0, writeUnits: 8, readUnits: 4 },
      });
    } finally {
      await front.stop();
    }
  });

  it('tells the usage since a point, and sorts S3 requests as S3 prices them', () => {
    // Prepare
    const meter = new Meter();
    meter.invocation('applications', 512, 10.2);
    meter.s3('PUT', '');
    const before = meter.usage();

    // Act
    meter.invocation('applications', 512, 20);
    meter.log('applications', 512, 100);
    meter.invocation('relay', 256, 5);
    meter.sqs({ sends: 2, receives: 1, deletes: 1 });
    meter.s3('GET', 'list-type=2&prefix=a');
    meter.s3('HEAD', '');
    meter.http();

    // Assess
    expect(meter.since(before)).toEqual({
      dynamodb: {},
      lambda: {
        applications: { invocations: 1, milliseconds: 20, memoryMb: 512, logBytes: 100 },
        relay: { invocations: 1, milliseconds: 5, memoryMb: 256, logBytes: 0 },
      },
      sqs: { sends: 2, receives: 1, deletes: 1 },
      s3: { writes: 1, reads: 1 },
      http: { requests: 1 },
    });
    expect(before.lambda.applications).toEqual({ invocations: 1, milliseconds: 11, memoryMb: 512, logBytes: 0 });
  });
});
