/**
 * Once per test run: one DynamoDB Local for every test file's platform (each platform's
 * tables in the database of its own access key: test/support/platform.ts), which saves
 * each file a JVM's start and lets the JVM's compiled code serve them all; and, when the
 * run ends, remove the stacks synthesized for it (synthesized.ts), which every platform shared.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb.js';
import { portOrFree } from '../../local/ports.js';
import { runSynthesisPrefix } from './synthesized.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's DynamoDB Local, started with a database per access key. */
    dynamodbEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'onetrip-ddb-'));
  const dynamodb = startDynamoDbLocal({ dbPath: join(dir, 'db'), port: await portOrFree(0), pidFile: join(dir, 'pid'), log: () => {}, databasePerKey: true });
  await dynamodb.ready;
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return async () => {
    await dynamodb.stop();
    rmSync(dir, { recursive: true, force: true });
    const prefix = runSynthesisPrefix(process.pid);
    for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(prefix))) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  };
}
