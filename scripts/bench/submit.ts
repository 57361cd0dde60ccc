/**
 * The submit path: `POST /v1/applications` end to end through the local platform's HTTP
 * API, against the raw rate of DynamoDB Local's TransactWriteItems with a transaction of
 * about the same shape. The raw rate is the ceiling the submit path could reach if
 * everything around its one transaction (HTTP, routing, validation, catalog, the other
 * reads and writes, the function runtime) cost nothing; the ratio says how far below it
 * the platform runs. The platform gets as many execution environments per function as
 * requests in flight, as Lambda would give it, so both paths run at the same concurrency.
 * Goals (issue 16): throughput ≥ 0.5× raw, p99 ≤ 2.5× raw.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  TransactWriteItemsCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import { shanghaiDate } from '../../contracts/dates.js';
import { startPlatform, type Platform } from '../../local/platform.js';
import { Api } from '../../test/support/api.js';
import { foodLicenceApplication } from '../../test/support/fixtures.js';
import { fixed, measure, median, pool, ratio, recentLines, runPool, table, type Measurement } from './stats.js';
import { atLeast, atMost, metText, type Goal } from './goals.js';

export interface SubmitOptions {
  /** Requests in flight at once, for both paths. @default 8 */
  concurrency?: number;
  /** Timed operations per path, split over the rounds. @default 300 */
  count?: number;
  /** Untimed operations per path before the first round. @default 20 */
  warmup?: number;
  /**
   * Rounds alternate raw and submit batches so that drift of a noisy machine falls on
   * both paths alike. @default 3
   */
  rounds?: number;
}

export interface SubmitResult {
  concurrency: number;
  rounds: number;
  uploadsPerSubmit: number;
  /** Pre-creating the uploads, outside the timed figures. */
  uploadSetupMs: number;
  submit: Measurement;
  raw: Measurement;
  /** submit/raw throughput of each round, to show how stable the ratio is. */
  roundRatios: number[];
  ratio: { throughput: number; p50: number; p99: number };
  /** The issue's goals: submit/raw throughput (the median of the rounds') and p99. */
  goals: { throughput: Goal; p99: Goal };
}

type Body = Awaited<ReturnType<typeof foodLicenceApplication>>;

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function benchSubmit(options: SubmitOptions = {}): Promise<SubmitResult> {
  const concurrency = options.concurrency ?? 8;
  const count = options.count ?? 300;
  const warmup = options.warmup ?? 20;
  const rounds = options.rounds ?? 3;
  const perRound = Math.ceil(count / rounds);

  const dataDir = mkdtempSync(join(tmpdir(), 'onetrip-bench-'));
  // The platform's log stays quiet unless the run fails, when its last lines explain why.
  const { lines: recentLog, log } = recentLines();
  let platform: Platform | undefined;
  try {
    platform = await startPlatform({ port: 0, dataDir, fresh: true, log, maxEnvironments: concurrency });
    const api = new Api(platform.url);
    const dynamo = new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, region: 'us-east-1', credentials });

    // Every submit binds its own uploads, so they are all made before any timing starts.
    const dueDate = defaultCalendar.addWorkingDays(shanghaiDate(new Date()), 3);
    const bodies: Body[] = [];
    const setupStart = performance.now();
    await runPool(warmup + perRound * rounds, concurrency, async () => {
      bodies.push(await foodLicenceApplication((content, type) => api.upload(content, type), dueDate));
    });
    const uploadSetupMs = performance.now() - setupStart;
    let nextBody = 0;
    const submitOne = async () => {
      const reply = await api.submit(bodies[nextBody++]);
      if (reply.status !== 201) throw new Error(`submit: ${reply.status} ${JSON.stringify(reply.body)}`);
    };

    const raw = await scratchTable(dynamo);
    try {
      const rawOne = () => raw.transact(bodies[0]!);
      // Warm both paths up, then let the platform finish what the warm-up set off.
      await measure({ count: warmup, concurrency, op: rawOne });
      await measure({ count: warmup, concurrency, op: submitOne });
      const rawParts: Measurement[] = [];
      const submitParts: Measurement[] = [];
      for (let r = 0; r < rounds; r++) {
        // Submits set off stream, queue and worker traffic; drain it so it is not billed to the raw batch.
        await platform.idle();
        rawParts.push(await measure({ count: perRound, concurrency, op: rawOne }));
        await platform.idle();
        submitParts.push(await measure({ count: perRound, concurrency, op: submitOne }));
      }
      const submit = pool(submitParts);
      const rawAll = pool(rawParts);
      const roundRatios = submitParts.map((s, i) => s.perSecond / rawParts[i]!.perSecond);
      const p99 = submit.p99Ms / rawAll.p99Ms;
      return {
        concurrency,
        rounds,
        uploadsPerSubmit: bodies[0]!.materials.length,
        uploadSetupMs,
        submit,
        raw: rawAll,
        roundRatios,
        ratio: { throughput: submit.perSecond / rawAll.perSecond, p50: submit.p50Ms / rawAll.p50Ms, p99 },
        goals: { throughput: atLeast(median(roundRatios), 0.5, '0.5x'), p99: atMost(p99, 2.5, '2.5x') },
      };
    } finally {
      await raw.drop();
    }
  } catch (error) {
    throw new Error(`Submit benchmark failed; the platform's last log lines:\n${recentLog.join('\n')}`, { cause: error });
  } finally {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * A scratch table on the platform's DynamoDB Local and a transaction shaped like a
 * submit's: four conditional Puts (case, idempotency record, receipt lookup, timeline
 * entry) and one counter Update. The case item carries a real application body, so
 * item sizes are close to the real ones.
 */
async function scratchTable(dynamo: DynamoDBClient) {
  const TableName = `bench-raw-${randomUUID().slice(0, 8)}`;
  await dynamo.send(
    new CreateTableCommand({
      TableName,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await waitUntilTableExists({ client: dynamo, maxWaitTime: 30 }, { TableName });
  const put = (item: Record<string, unknown>) => ({
    Put: { TableName, Item: marshall(item, { removeUndefinedValues: true }), ConditionExpression: 'attribute_not_exists(pk)' },
  });
  return {
    async transact(body: Body): Promise<void> {
      const caseId = randomUUID();
      const receiptNumber = `430600-20261127-${caseId.slice(0, 6)}`;
      await dynamo.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            put({ pk: `CASE#${caseId}`, sk: 'CASE', caseId, receiptNumber, status: 'submitted', version: 1, ...body }),
            put({ pk: `IDEMPOTENCY#${randomUUID()}`, sk: 'IDEMPOTENCY', caseId, requestHash: 'x'.repeat(64), response: { caseId, receiptNumber } }),
            put({ pk: `RECEIPT#${receiptNumber}`, sk: 'RECEIPT', caseId }),
            put({ pk: `CASE#${caseId}`, sk: 'TL#000001', seq: 1, type: 'submitted', at: new Date().toISOString(), hash: 'x'.repeat(64) }),
            {
              Update: {
                TableName,
                Key: marshall({ pk: 'COUNTER#receipt#430600#2026-11-27', sk: 'COUNTER' }),
                UpdateExpression: 'ADD #v :one',
                ExpressionAttributeNames: { '#v': 'value' },
                ExpressionAttributeValues: marshall({ ':one': 1 }),
              },
            },
          ],
        }),
      );
    },
    async drop(): Promise<void> {
      await dynamo.send(new DeleteTableCommand({ TableName }));
    },
  };
}

export function submitTable(r: SubmitResult): string {
  const row = (label: string, m: Measurement) => [label, fixed(m.perSecond), fixed(m.p50Ms), fixed(m.p99Ms)];
  return [
    table(
      ['path', 'ops/s', 'p50 ms', 'p99 ms'],
      [
        row('POST /v1/applications (end to end)', r.submit),
        row('raw TransactWriteItems (4 Put + 1 Update)', r.raw),
        ['submit / raw', ratio(r.ratio.throughput), ratio(r.ratio.p50), ratio(r.ratio.p99)],
      ],
    ),
    `${r.submit.count} timed ops per path at concurrency ${r.concurrency}, in ${r.rounds} interleaved rounds;` +
      ` throughput ratio per round: ${r.roundRatios.map((x) => x.toFixed(3)).join(', ')}` +
      ` (median ${ratio(median(r.roundRatios))})`,
    `(uploads pre-created before timing: ${r.uploadsPerSubmit} per submit, took ${fixed(r.uploadSetupMs / 1000)} s)`,
    `goal: throughput ≥ 0.5x raw (median of the rounds ${ratio(r.goals.throughput.value)}: ${metText(r.goals.throughput)}); p99 ≤ 2.5x raw (${ratio(r.goals.p99.value)}: ${metText(r.goals.p99)})`,
  ].join('\n');
}
