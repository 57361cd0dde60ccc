/**
 * Seeds what the supervision board and reports read, straight into DynamoDB Local, for tests
 * and the bench only: statistics rows and gauges as `supervision-stats` keeps them
 * (functions/store/keys.ts, CONTRACT.md), and open tasks, orders and rectifications standing
 * in their timer partitions as A's, D1's and D2's items do. Never used by the platform.
 */
import { BatchWriteCommand, type BatchWriteCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Level } from '../../contracts/supervision.js';
import { gaugeKey, statsKey, taskKey, timerAttributes, timerPartition } from '../../functions/store/keys.js';

export interface Seeder {
  dynamo: DynamoDBDocumentClient;
  dataTable: string;
}

async function putAll(s: Seeder, items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let requests: any[] | undefined = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests?.length) {
      const out: BatchWriteCommandOutput = await s.dynamo.send(new BatchWriteCommand({ RequestItems: { [s.dataTable]: requests } }));
      requests = out.UnprocessedItems?.[s.dataTable];
    }
  }
}

/** Statistics rows: `{day, scope, counters}` each written as the row of that day and scope. */
export function seedStats(s: Seeder, rows: ReadonlyArray<{ day: string; scope: string; counters: Record<string, number> }>): Promise<void> {
  return putAll(s, rows.map((r) => ({ ...statsKey(r.day, r.scope as 'ALL'), ...r.counters })));
}

export function seedGauges(s: Seeder, rows: ReadonlyArray<{ scope: string; normal?: number; yellow?: number; red?: number; severe?: number }>): Promise<void> {
  return putAll(s, rows.map((r) => ({ ...gaugeKey(r.scope as 'ALL'), open_normal: r.normal ?? 0, open_yellow: r.yellow ?? 0, open_red: r.red ?? 0, open_severe: r.severe ?? 0 })));
}

export interface SeedTask {
  taskId: string;
  caseId: string;
  department: string;
  level: Level;
  itemCode?: string;
  deadline: string;
  legalDeadline?: string;
  /** The next threshold, ISO; `~` sorts after every instant (severe: none due). */
  dueAt: string;
}

/** Open tasks in their level's timer partition, as A's task items stand there. */
export function seedTasks(s: Seeder, tasks: readonly SeedTask[]): Promise<void> {
  return putAll(s, tasks.map((t, i) => ({
    ...taskKey(t.caseId, i % 10),
    taskId: t.taskId,
    caseId: t.caseId,
    receiptNumber: `R-${t.caseId}`,
    index: i % 10,
    department: t.department,
    itemCode: t.itemCode ?? '000105002000',
    itemName: { zh: '食品经营许可', en: 'Food business licence' },
    stage: 1,
    status: 'pending',
    createdAt: '2026-11-02T02:00:00.000Z',
    deadline: t.deadline,
    ...(t.legalDeadline ? { legalDeadline: t.legalDeadline } : {}),
    level: t.level,
    suspendedDays: 0,
    version: 1,
    ...timerAttributes(timerPartition('task', t.level), t.dueAt, t.taskId),
  })));
}

/** Open supervision orders (D1's items); escalated ones in `WATCH#order#escalated`. */
export function seedOrders(s: Seeder, orders: ReadonlyArray<{ orderId: string; caseId: string; department: string; replyBy: string; escalated: boolean }>): Promise<void> {
  return putAll(s, orders.map((o) => ({
    pk: `CASE#${o.caseId}`, sk: `ORDER#${o.orderId}`, orderId: o.orderId, caseId: o.caseId, receiptNumber: `R-${o.caseId}`, county: '430600',
    department: o.department, reason: 'slow', issuedBy: 'supervisor', issuedAt: '2026-11-20T02:00:00.000Z', replyBy: o.replyBy,
    replyDueAt: `${o.replyBy}T15:59:59.999Z`, status: 'open', ...(o.escalated ? { escalatedAt: '2026-11-25T02:00:00.000Z' } : {}),
    ...timerAttributes(timerPartition('order', o.escalated ? 'escalated' : undefined), `${o.replyBy}T15:59:59.999Z`, o.orderId),
  })));
}

/** Open rectifications (D2's items); past due ones in `WATCH#rectification#overdue`. */
export function seedRectifications(s: Seeder, rectifications: ReadonlyArray<{ rectificationId: string; caseId: string; department: string; dueDate: string; overdue: boolean }>): Promise<void> {
  return putAll(s, rectifications.map((r) => ({
    pk: `CASE#${r.caseId}`, sk: `RECT#${r.rectificationId}`, rectificationId: r.rectificationId, caseId: r.caseId, receiptNumber: `R-${r.caseId}`, county: '430600',
    department: r.department, round: 1, grade: 'dissatisfied', openedAt: '2026-11-20T02:00:00.000Z', dueDate: r.dueDate, dueAt: `${r.dueDate}T15:59:59.999Z`, status: 'open',
    ...timerAttributes(timerPartition('rectification', r.overdue ? 'overdue' : undefined), `${r.dueDate}T15:59:59.999Z`, r.rectificationId),
  })));
}
