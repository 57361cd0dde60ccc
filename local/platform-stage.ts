// What the stages of startPlatform (platform.ts, platform-*.ts) share: the files in the
// data dir, the region, the log, and the teardown. Each stage registers how to stop what
// it starts the moment it starts it, so that `stop()`, and a start failing half-way,
// stop exactly what was started, newest first.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { dynamoDbPaths, killStaleDynamoDbLocal } from './dynamodb.js';
import type { Meter } from './meter.js';
import type { LocalCredentials, Log } from './types.js';

/** The account of every ARN the runtime makes up. */
export const ACCOUNT_ID = '000000000000';

/** Where in the data dir each part keeps what survives a restart. */
export function dataPaths(dataDir: string) {
  return {
    ...dynamoDbPaths(dataDir),
    checkpoints: join(dataDir, 'stream-checkpoints.json'),
    sqs: join(dataDir, 'sqs-messages.json'),
    s3: join(dataDir, 's3'),
    secrets: join(dataDir, 'secrets.json'),
    /** The protocol simulators' keys (local/simulators/index.ts), with `--providers protocol`. */
    protocolKeys: join(dataDir, 'protocol-keys.json'),
    sandboxPayments: join(dataDir, 'sandbox-payments.json'),
    sandboxCourier: join(dataDir, 'sandbox-courier.json'),
    sandboxMessages: join(dataDir, 'sandbox-messages.json'),
    clock: join(dataDir, 'clock.json'),
  };
}

export type DataPaths = ReturnType<typeof dataPaths>;

/** How to stop what has been started, run newest first. */
export class Teardown {
  private readonly steps: Array<() => Promise<void> | void> = [];

  constructor(private readonly log: Log) {}

  add(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }

  /** Runs every step once, newest first; one that fails is logged and the others still run. */
  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        this.log(`while stopping: ${(error as Error).message}`);
      }
    }
  }
}

export interface StageContext {
  /** Absolute path of the data dir. */
  dataDir: string;
  paths: DataPaths;
  region: string;
  /** What every client of the platform signs with (LOCAL_CREDENTIALS unless a shared DynamoDB Local names another key). */
  credentials: LocalCredentials;
  log: Log;
  /** `log` when the platform is verbose, else nothing. */
  verbose: Log;
  teardown: Teardown;
  /**
   * The browser origins that replace the template's (its HTTP APIs' and buckets' CORS, its
   * functions' ALLOWED_ORIGINS), or undefined to keep the template's (see PlatformOptions).
   */
  allowedOrigins?: string[];
  /** Counts what the platform would be billed for (PlatformOptions.meter). */
  meter?: Meter;
}

/**
 * Creates the data dir; a DynamoDB Local a crashed run left serving it is killed first,
 * then, when `fresh`, everything in it is removed (the dir itself stays).
 */
export async function prepareDataDir({ dataDir, paths, log }: StageContext, fresh: boolean): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  await killStaleDynamoDbLocal(paths, log);
  if (fresh) for (const entry of readdirSync(dataDir)) rmSync(join(dataDir, entry), { recursive: true, force: true });
}
