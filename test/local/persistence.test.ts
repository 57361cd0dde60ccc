// Restarts with the same data dir keep DynamoDB items, S3 objects, undelivered SQS
// messages and stream positions; stopping leaves no DynamoDB Local (JVM) behind.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { startFixturePlatform, type FixturePlatform } from './fixture/platform.js';

const started: FixturePlatform[] = [];
afterAll(async () => {
  for (const platform of started) await platform.stop({ keepData: true }).catch(() => undefined);
  for (const platform of started) rmSync(platform.dataDir, { recursive: true, force: true });
});

async function start(options: Parameters<typeof startFixturePlatform>[0] = {}): Promise<FixturePlatform> {
  const platform = await startFixturePlatform(options);
  started.push(platform);
  return platform;
}

/** Pids of DynamoDB Local processes whose database lives in `dataDir`. */
function dynamoDbLocalPids(dataDir: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', `DynamoDBLocal.*${dataDir}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

async function deliveries(t: FixturePlatform, key: string): Promise<number> {
  const { Item } = await t.dynamodb.send(new GetItemCommand({ TableName: t.table('LedgerTable'), Key: { pk: { S: key } }, ConsistentRead: true }));
  return Number(Item?.deliveries?.N ?? 0);
}

describe('a restart with the same data dir', () => {
  it('keeps items, objects, undelivered messages and stream positions', async () => {
    // Prepare
    const first = await start();
    await first.dynamodb.send(new PutItemCommand({ TableName: first.table('ItemsTable'), Item: { pk: { S: 'before' } } }));
    await first.s3.send(new PutObjectCommand({ Bucket: first.bucket('FilesBucket'), Key: 'dir/a.pdf', Body: Buffer.from('%PDF-1.7'), ContentType: 'application/pdf' }));
    await first.sqs.send(new SendMessageCommand({ QueueUrl: first.queueUrl('StreamFailures'), MessageBody: 'kept' }));
    await first.platform.idle();
    expect(await deliveries(first, 'stream#before')).toBe(1);
    const dataDir = first.dataDir;
    await first.stop({ keepData: true });
    expect(dynamoDbLocalPids(dataDir)).toEqual([]);

    // Act
    const second = await start({ dataDir, fresh: false, synthesized: first.synthesized });
    await second.platform.idle();

    // Assess
    const { Item } = await second.dynamodb.send(new GetItemCommand({ TableName: second.table('ItemsTable'), Key: { pk: { S: 'before' } } }));
    expect(Item?.pk?.S).toBe('before');
    const object = await second.s3.send(new GetObjectCommand({ Bucket: second.bucket('FilesBucket'), Key: 'dir/a.pdf' }));
    expect(object.ContentType).toBe('application/pdf');
    expect(await object.Body?.transformToString()).toBe('%PDF-1.7');
    const { Messages = [] } = await second.sqs.send(new ReceiveMessageCommand({ QueueUrl: second.queueUrl('StreamFailures'), WaitTimeSeconds: 1 }));
    expect(Messages.map((message) => message.Body)).toEqual(['kept']);
    // The stream resumes after its checkpoint: nothing replayed, nothing skipped.
    expect(await deliveries(second, 'stream#before')).toBe(1);
    await second.dynamodb.send(new PutItemCommand({ TableName: second.table('ItemsTable'), Item: { pk: { S: 'after' } } }));
    await second.platform.idle();
    expect(await deliveries(second, 'stream#after')).toBe(1);
    expect(await deliveries(second, 'stream#before')).toBe(1);

    await second.stop({ keepData: true });
    expect(dynamoDbLocalPids(dataDir)).toEqual([]);
  });

  it('starts fresh when asked, and kills a DynamoDB Local left behind by a crashed run', async () => {
    // Prepare: a run that never stops, as if its process had died
    const crashed = await start();
    const stalePid = Number(readFileSync(`${crashed.dataDir}/dynamodb-local.pid`, 'utf8'));
    await crashed.dynamodb.send(new PutItemCommand({ TableName: crashed.table('ItemsTable'), Item: { pk: { S: 'old' } } }));

    // Act
    const next = await start({ dataDir: crashed.dataDir, fresh: true, synthesized: crashed.synthesized });

    // Assess
    expect(dynamoDbLocalPids(crashed.dataDir)).not.toContain(stalePid);
    const { Item } = await next.dynamodb.send(new GetItemCommand({ TableName: next.table('ItemsTable'), Key: { pk: { S: 'old' } } }));
    expect(Item).toBeUndefined();
    await next.stop({ keepData: true });
    await crashed.stop({ keepData: true });
    expect(dynamoDbLocalPids(crashed.dataDir)).toEqual([]);
  });
});
