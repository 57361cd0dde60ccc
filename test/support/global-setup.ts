/**
 * Once per test run: one DynamoDB Local for every test file's platform (each platform's
 * tables in the database of its own access key: test/support/platform.ts), which saves
 * each file a JVM's start and lets the JVM's compiled code serve them all. Every temporary
 * directory of the run (the synthesized stacks, the platforms' data, the infra tests' cloud
 * assemblies) is made under one root, `TMPDIR` for the test files, removed when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb.js';
import { portOrFree } from '../../local/ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's DynamoDB Local, started with a database per access key. */
    dynamodbEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = mkdtempSync(join(tmpdir(), 'onetrip-run-'));
  // Read by os.tmpdir() in the test files' processes, which start after this.
  process.env.TMPDIR = root;
  const dir = join(root, 'dynamodb');
  const dynamodb = startDynamoDbLocal({ dbPath: join(dir, 'db'), port: await portOrFree(0), pidFile: join(dir, 'pid'), log: () => {}, databasePerKey: true });
  await dynamodb.ready;
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return async () => {
    await dynamodb.stop();
    rmSync(root, { recursive: true, force: true });
  };
}
