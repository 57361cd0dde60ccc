/**
 * The platform killed in the middle of a burst and restarted (issue 12, reliability suite).
 * The platform runs in its own process (platform-process.ts) on a data dir that persists;
 * a burst of submissions and acceptances is fired at it and the process is killed while
 * answers are still coming. After a restart on the same data: every request that got a
 * 2xx is there exactly once, its asynchronous work (the accepted case's review task)
 * completes, and retrying what got no answer with the same idempotency key makes no
 * duplicate. Figures: kills, cases, lost, duplicated.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../contracts/dates.js';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import { useLocalhostDns } from '../../local/fauxqs.js';
import { Api } from '../support/api.js';
import { until } from '../support/cases.js';
import { foodLicenceApplication } from '../support/fixtures.js';
import { sharedSynthesis } from '../support/synthesized.js';
import { pool, report, sized } from './scale.js';

const SCRIPT = fileURLToPath(new URL('./platform-process.ts', import.meta.url));
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

interface Running {
  child: ChildProcess;
  api: Api;
  dynamo: DynamoDBDocumentClient;
  sqs: SQSClient;
  table: string;
  outbox: string;
  /** The review-dispatch consumer's queue. */
  reviewQueue: string;
}

let dataDir: string;
let synthesizedFile: string;
let running: Running | undefined;
/** The queue URLs' `sqs.<region>.localhost` resolved in this process too (local/fauxqs.ts). */
let releaseDns: () => void = () => undefined;

async function start(fresh: boolean): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, dataDir, synthesizedFile, fresh ? 'fresh' : 'keep'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (l) => l.startsWith('{') && resolve(l));
    child.once('exit', (code) => reject(new Error(`platform process exited (${code}) before serving: ${stderr.slice(-2000)}`)));
  });
  const { url, endpoints, tables, queues } = JSON.parse(line) as { url: string; endpoints: { dynamodb: string; sqs: string }; tables: Record<string, string>; queues: Record<string, string> };
  const find = (all: Record<string, string>, prefix: string) => Object.entries(all).find(([id]) => id.startsWith(prefix))![1];
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: endpoints.dynamodb, region: 'us-east-1', credentials }));
  const sqs = new SQSClient({ endpoint: endpoints.sqs, region: 'us-east-1', credentials });
  return { child, api: new Api(url), dynamo, sqs, table: find(tables, 'Data'), outbox: find(tables, 'Outbox'), reviewQueue: find(queues, 'QueuereviewdispatchQueue') };
}

/** Kills the platform as a crash would: SIGKILL to its process group, and to DynamoDB Local's. */
async function kill(r: Running): Promise<void> {
  const exited = new Promise((resolve) => r.child.once('exit', resolve));
  const jvm = Number(readFileSync(join(dataDir, 'dynamodb-local.pid'), 'utf8'));
  process.kill(-r.child.pid!, 'SIGKILL');
  process.kill(-jvm, 'SIGKILL');
  await exited;
  r.dynamo.destroy();
  r.sqs.destroy();
}

beforeAll(async () => {
  releaseDns = useLocalhostDns();
  dataDir = mkdtempSync(join(tmpdir(), 'onetrip-kill-'));
  synthesizedFile = join(mkdtempSync(join(tmpdir(), 'onetrip-kill-synth-')), 'synthesized.json');
  writeFileSync(synthesizedFile, JSON.stringify(await sharedSynthesis('430600')));
  running = await start(true);
}, 240_000);
afterAll(async () => {
  if (running) {
    const exited = new Promise((resolve) => running!.child.once('exit', resolve));
    running.child.kill('SIGTERM');
    await Promise.race([exited, sleep(20_000)]);
  }
  // A DynamoDB Local the kill left behind is stopped by the next start; stop the last one here.
  try {
    process.kill(-Number(readFileSync(join(dataDir, 'dynamodb-local.pid'), 'utf8')), 'SIGKILL');
  } catch {
    // none left
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(synthesizedFile, { force: true });
  releaseDns();
});

/** Every case item of the table, by the marker each submission of this test carries in its form. */
async function casesByMarker(r: Running): Promise<Map<string, { caseId: string; receiptNumber: string }[]>> {
  const found = new Map<string, { caseId: string; receiptNumber: string }[]>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await r.dynamo.send(new ScanCommand({ TableName: r.table, FilterExpression: 'sk = :case', ExpressionAttributeValues: { ':case': 'CASE' }, ExclusiveStartKey, ConsistentRead: true }));
    for (const item of page.Items ?? []) {
      const marker = String(item.form?.premisesAddress ?? '');
      found.set(marker, [...(found.get(marker) ?? []), { caseId: item.caseId as string, receiptNumber: item.receiptNumber as string }]);
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return found;
}

/** The `case.accepted` event of a case in the outbox, as the relay publishes it, if the outbox has it. */
async function acceptedEvent(r: Running, caseId: string): Promise<Record<string, unknown> | undefined> {
  const page = await r.dynamo.send(new ScanCommand({ TableName: r.outbox, FilterExpression: 'caseId = :c AND #type = :t', ExpressionAttributeNames: { '#type': 'type' }, ExpressionAttributeValues: { ':c': caseId, ':t': 'case.accepted' }, ConsistentRead: true }));
  const item = page.Items?.[0];
  if (!item) return undefined;
  const { day: _day, expiresAt: _expires, ...event } = item;
  return event;
}

async function tasksOf(r: Running, caseId: string): Promise<number> {
  const page = await r.dynamo.send(new ScanCommand({ TableName: r.table, FilterExpression: 'pk = :pk AND begins_with(sk, :t)', ExpressionAttributeValues: { ':pk': `CASE#${caseId}`, ':t': 'TASK#' }, ConsistentRead: true }));
  return page.Items?.length ?? 0;
}

interface Submission {
  key: string;
  marker: string;
  body: Record<string, unknown>;
  receipt?: { caseId: string; receiptNumber: string; queryCode: string };
}

/** A food-licence application carrying `marker` as its premises address. */
async function application(api: Api, marker: string): Promise<Record<string, unknown>> {
  const body = await foodLicenceApplication((content, type) => api.upload(content, type), defaultCalendar.addWorkingDays(shanghaiDate(new Date()), 2));
  return { ...body, form: { ...(body.form as object), premisesAddress: marker } };
}

describe('the platform killed in the middle of a burst', () => {
  it('keeps every acknowledged request exactly once, and finishes its work after the restart', async () => {
    const kills = sized(1, 3);
    const burst = sized(8, 24);
    let cases = 0;
    let lost = 0;
    let duplicated = 0;
    let acknowledged = 0;
    let retried = 0;
    let tasksChecked = 0;
    let lostInLocalQueues = 0;
    const problems: string[] = [];
    /** Acknowledged acceptances whose review task must exist, exactly once, after the restart. */
    const accepted: string[] = [];

    for (let round = 0; round < kills; round += 1) {
      // Prepare: cases to accept in the burst, and the burst's applications with their uploads
      const r = running!;
      const clerk = await r.api.token('clerk');
      const toAccept: Submission[] = [];
      for (let i = 0; i < Math.ceil(burst / 2); i += 1) {
        const marker = `湖南省岳阳市岳阳楼区巴陵中路${round}-${i}号受理`;
        const s: Submission = { key: `kill-${randomUUID()}`, marker, body: await application(r.api, marker) };
        const reply = await r.api.submit(s.body, s.key);
        expect(reply.status).toBe(201);
        toAccept.push({ ...s, receipt: reply.body });
      }
      const submissions: Submission[] = [];
      for (let i = 0; i < burst; i += 1) {
        const marker = `湖南省岳阳市岳阳楼区巴陵中路${round}-${i}号`;
        submissions.push({ key: `kill-${randomUUID()}`, marker, body: await application(r.api, marker) });
      }
      cases += toAccept.length + submissions.length;

      // Act: the burst, staggered, and the kill once a third of it is answered
      const total = toAccept.length + submissions.length;
      let answered = 0;
      let killed: Promise<void> | undefined;
      const fire = async (work: () => Promise<{ status: number; body: any }>, index: number) => {
        await sleep(index * 15);
        try {
          const reply = await work();
          answered += 1;
          if (answered >= Math.ceil(total / 3)) killed ??= kill(r);
          return reply;
        } catch {
          return undefined;
        }
      };
      const acceptances = toAccept.map((s, i) => fire(() => r.api.post(`/v1/staff/cases/${s.receipt!.caseId}/pre-review`, { decision: 'accept' }, { token: clerk }), i * 2));
      const submits = submissions.map((s, i) => fire(() => r.api.submit(s.body, s.key), i * 2 + 1));
      const [acceptReplies, submitReplies] = await Promise.all([Promise.all(acceptances), Promise.all(submits)]);
      await (killed ?? kill(r));
      const unanswered = [...acceptReplies, ...submitReplies].filter((x) => x === undefined).length;
      running = await start(false);
      const after = running;

      // Act: what got no answer is retried, as a client would, with the same key
      for (const [i, s] of submissions.entries()) {
        const reply = submitReplies[i];
        if (reply && reply.status >= 200 && reply.status < 300) {
          s.receipt = reply.body;
          acknowledged += 1;
        } else if (!reply) {
          const again = await after.api.submit(s.body, s.key);
          if (again.status < 300) {
            s.receipt = again.body;
            retried += 1;
          }
        }
      }
      const clerkAfter = await after.api.token('clerk');
      for (const [i, s] of toAccept.entries()) {
        const reply = acceptReplies[i];
        if (reply && reply.status === 200) {
          acknowledged += 1;
          accepted.push(s.receipt!.caseId);
        } else if (!reply) {
          const again = await after.api.post(`/v1/staff/cases/${s.receipt!.caseId}/pre-review`, { decision: 'accept' }, { token: clerkAfter });
          if (again.status === 200 || again.status === 409) {
            accepted.push(s.receipt!.caseId);
            retried += 1;
          }
        }
      }

      // Assess: every acknowledged case there, once; every acceptance's task made, once
      const stored = await casesByMarker(after);
      for (const s of [...toAccept, ...submissions]) {
        const copies = stored.get(s.marker) ?? [];
        if (copies.length > 1) {
          duplicated += copies.length - 1;
          problems.push(`${s.marker}: ${copies.length} cases`);
        }
        if (s.receipt) {
          const view = await after.api.get(`/v1/applications/${s.receipt.receiptNumber}?queryCode=${s.receipt.queryCode}`);
          if (view.status !== 200 || copies.length === 0) {
            lost += 1;
            problems.push(`${s.marker} (${s.receipt.receiptNumber}) acknowledged, then ${view.status}`);
          }
        }
      }
      const tasks = await pool(accepted, 4, (caseId) => until(() => tasksOf(after, caseId), (n) => n >= 1, `the review task of ${caseId}`, 60_000).catch(() => 0));
      await sleep(500);
      for (const [i, caseId] of accepted.entries()) {
        tasksChecked += 1;
        const n = await tasksOf(after, caseId);
        if (tasks[i] === 0) {
          // Known bug of the local runtime, found by this test (reported in issue 12's closing
          // note): fauxqs keeps its queues in memory and local/platform-resources.ts saves them
          // only on a graceful stop, so a kill loses the messages the relay had already
          // published (its stream checkpoint is past them). The state change and its event are
          // safe in the outbox: the event, published again as `replay-outbox` would, must
          // then do its work once. Anything else is a loss.
          const event = await acceptedEvent(after, caseId);
          if (!event) {
            lost += 1;
            problems.push(`${caseId}: accepted, no review task after the restart and no case.accepted in the outbox`);
            continue;
          }
          lostInLocalQueues += 1;
          await after.sqs.send(new SendMessageCommand({ QueueUrl: after.reviewQueue, MessageBody: JSON.stringify(event) }));
          const made = await until(() => tasksOf(after, caseId), (count) => count >= 1, `the review task of ${caseId} after the event was published again`, 60_000).catch(() => 0);
          await sleep(500);
          const count = await tasksOf(after, caseId);
          if (made === 0 || count !== 1) {
            lost += 1;
            problems.push(`${caseId}: case.accepted published again, then ${count} review tasks`);
          }
        } else if (n > 1) {
          duplicated += n - 1;
          problems.push(`${caseId}: ${n} review tasks`);
        }
      }
      report('kill and restart (round)', { round: round + 1, burst: total, answeredBeforeKill: total - unanswered, unanswered });
      accepted.length = 0;
    }

    report('kill and restart', { kills, cases, acknowledged, retriedAfterRestart: retried, reviewTasksChecked: tasksChecked, lostInLocalQueues, lost, duplicated });
    expect(problems).toEqual([]);
    expect(acknowledged).toBeGreaterThan(0);
    expect(tasksChecked).toBeGreaterThan(0);
    expect([lost, duplicated]).toEqual([0, 0]);
  }, 900_000);
});
