/**
 * Persistence of cases, tasks and timelines. A domain `Change` is written in one
 * TransactWriteItems: the case (optimistic lock on `version`), new or updated tasks,
 * the timeline entries (hash-chained from the case's head), and the outbox events.
 */
import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  type BatchGetCommandOutput,
  TransactWriteCommand,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { CaseRecord, Change, TaskRecord } from '../domain/records.js';
import { chain, type TimelineEntry } from '../domain/timeline.js';
import { shanghaiDate } from '../../contracts/dates.js';
import type { OutboxEvent } from '../../contracts/events.js';
import { documentClient } from '../lambda/aws.js';
import { currentCorrelationId } from '../lambda/correlation.js';
import { requireEnv } from '../lambda/env.js';
import { ConflictError, NotFoundError, type ErrorOptions } from '../domain/errors.js';
import { ticketLedgerEntries } from '../domain/settlement.js';
import { ratingTimer } from './rating-timer.js';
import { caseKey, caseQueue, certificateKey, commitmentQueue, deferredKey, ledgerKey, NEVER_DUE, paymentKey, QUEUE_INDEX, taskKey, taskQueue, ticketKey, timelineKey, timerAttributes, timerPartition } from './keys.js';
import { isOpenTask } from '../domain/supervision-clock.js';
import { defaultCalendar } from '../domain/calendar.js';
import { caseDueDate, taskListing } from '../domain/lists.js';
import { clock } from '../lambda/clock.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const OUTBOX_RETENTION_SECONDS = 7 * 24 * 3600;

export const dataTable = () => requireEnv('DATA_TABLE');
export const outboxTable = () => requireEnv('OUTBOX_TABLE');

export function caseItem(c: CaseRecord): Record<string, unknown> {
  const submitted = `${c.submittedAt}#${c.caseId}`;
  return {
    ...caseKey(c.caseId),
    ...c,
    queuePk: caseQueue(c.status),
    queueSk: submitted,
    // The staff list's orders (keys.ts, LIST_SORT_KEYS).
    submissionSk: submitted,
    deadlineSk: `${caseDueDate(c, defaultCalendar)}#${submitted}`,
    ...ratingTimer(c),
  };
}

/**
 * An open task's timer (docs/supervision.md): it stands in its level's partition, due at its
 * next threshold, or at `~` (never due, still listed) while suspended or once severe. A task
 * decided or withdrawn, or created before supervision (no level), has none.
 */
function taskTimer(t: TaskRecord): { watchPk?: string; watchSk?: string } {
  if (!t.level || !isOpenTask(t)) return {};
  const due = t.status === 'suspended' ? undefined : t.nextThresholdAt;
  return timerAttributes(timerPartition('task', t.level), due ?? NEVER_DUE, t.taskId);
}

/**
 * A task as stored, with what its list row shows of `c`, its case as this change leaves it
 * (`listing`, domain/lists.ts): rewritten with every change of the task, so it follows the case.
 */
export function taskItem(t: TaskRecord, c: CaseRecord): Record<string, unknown> {
  const deadline = `${t.status}#${t.deadline}#${t.taskId}`;
  return {
    ...taskKey(t.caseId, t.index),
    ...t,
    listing: taskListing(c),
    queuePk: taskQueue(t.department),
    queueSk: deadline,
    submissionSk: `${t.status}#${c.submittedAt}#${t.taskId}`,
    deadlineSk: deadline,
    ...taskTimer(t),
  };
}

/** An item without its table and index keys (and a task without its `listing`). */
export function strip<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, queuePk: _q, queueSk: _s, submissionSk: _ss, deadlineSk: _ds, listing: _l, watchPk: _wp, watchSk: _ws, ...rest } = item;
  return rest as T;
}

export function outboxItem(event: OutboxEvent, nowSeconds: number): Record<string, unknown> {
  return {
    ...event,
    day: shanghaiDate(new Date(event.occurredAt)),
    expiresAt: nowSeconds + OUTBOX_RETENTION_SECONDS,
  };
}

/** Index entries of the deferred materials that changed, so the daily watch can Query them by due date. */
function commitmentItems(table: string, before: CaseRecord | undefined, next: CaseRecord): TransactItem[] {
  const previous = new Map((before?.deferred ?? []).map((d) => [d.materialCode, JSON.stringify(d)]));
  return next.deferred
    .filter((d) => previous.get(d.materialCode) !== JSON.stringify(d))
    .map((d) => ({
      Put: {
        TableName: table,
        Item: {
          ...deferredKey(next.caseId, d.materialCode),
          caseId: next.caseId,
          county: next.county,
          receiptNumber: next.receiptNumber,
          ...d,
          queuePk: commitmentQueue(d),
          queueSk: `${d.dueDate}#${next.caseId}#${d.materialCode}`,
        },
      },
    }));
}

/**
 * What a change of the fee ticket writes beside the case: the lookup items of a new ticket
 * and of new payments (so a ticket or payment number finds its case), and the ledger
 * entries the domain says the change makes (docs/fees.md).
 */
function ticketItems(table: string, before: CaseRecord | undefined, next: CaseRecord): TransactItem[] {
  const ticket = next.ticket;
  if (!ticket) return [];
  const previous = before?.ticket;
  const create = (key: { pk: string; sk: string }, item: Record<string, unknown>): TransactItem => ({
    Put: { TableName: table, Item: { ...key, ...item, caseId: next.caseId }, ConditionExpression: 'attribute_not_exists(pk)' },
  });
  const items: TransactItem[] = [];
  if (!previous) items.push(create(ticketKey(ticket.ticketNumber), { county: next.county, ticketNumber: ticket.ticketNumber }));
  for (const payment of ticket.payments) {
    if (previous?.payments.some((p) => p.paymentId === payment.paymentId)) continue;
    items.push(create(paymentKey(payment.paymentId), { county: next.county, paymentId: payment.paymentId, ticketNumber: ticket.ticketNumber }));
  }
  for (const entry of ticketLedgerEntries(previous, ticket)) {
    items.push(create(ledgerKey(entry.day, entry.kind, entry.ticketNumber, entry.refundId ?? entry.paymentId ?? ''), { ...entry }));
  }
  return items;
}

/**
 * The certificates a change issues (pending → valid, docs/results.md): written with the
 * change that hands the case's results over, so none is valid before the case is complete.
 */
function issuedItems(table: string, codes: readonly string[]): TransactItem[] {
  return codes.map((code) => ({
    Update: {
      TableName: table,
      Key: certificateKey(code),
      UpdateExpression: 'SET #s = :valid',
      ConditionExpression: 'attribute_exists(pk) AND #s = :pending',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':valid': 'valid', ':pending': 'pending' },
    },
  }));
}

/** Every item a Query finds in the data table, across pages (the table name is filled in). */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const out = await documentClient().send(new QueryCommand({ ...input, TableName: dataTable(), ExclusiveStartKey }));
    items.push(...(out.Items ?? []));
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/**
 * The items at `keys` (`pk`, `sk`), read consistently, in the order of `keys`; keys without an
 * item are left out. BatchGetItem takes 100 keys a call and may leave some unprocessed.
 */
export async function batchGetItems(keys: readonly Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const found = new Map<string, Record<string, unknown>>();
  const id = (item: Record<string, unknown>) => `${String(item.pk)}\u0000${String(item.sk)}`;
  const unique = [...new Map(keys.map((k) => [id(k), { pk: k.pk, sk: k.sk }])).values()];
  for (let i = 0; i < unique.length; i += 100) {
    let batch: Record<string, unknown>[] | undefined = unique.slice(i, i + 100);
    while (batch?.length) {
      const out: BatchGetCommandOutput = await documentClient().send(
        new BatchGetCommand({ RequestItems: { [dataTable()]: { Keys: batch, ConsistentRead: true } } }),
      );
      for (const item of out.Responses?.[dataTable()] ?? []) found.set(id(item), item);
      batch = out.UnprocessedKeys?.[dataTable()]?.Keys;
    }
  }
  return keys.flatMap((k) => {
    const item = found.get(id(k));
    return item ? [item] : [];
  });
}

/**
 * The queue index projects keys only (a case change writes no copy of the case into it):
 * the queue's order comes from the index, the items from the table. An item that left the
 * queue between the two reads is left out.
 */
async function queuedItems(found: readonly Record<string, unknown>[], queuePk: string): Promise<Record<string, unknown>[]> {
  return (await batchGetItems(found)).filter((item) => item.queuePk === queuePk);
}

/** Open commitments due on or before `horizon`, earliest first, across pages. */
export async function openCommitmentsDueBy(horizon: string): Promise<{ caseId: string; county: string; materialCode: string; dueDate: string }[]> {
  const queue = 'DEFERRED#open';
  const keys = await queryAll({
    IndexName: QUEUE_INDEX,
    KeyConditionExpression: 'queuePk = :q AND queueSk <= :h',
    ExpressionAttributeValues: { ':q': queue, ':h': `${horizon}~` },
  });
  const items = await queuedItems(keys, queue);
  return items.map((i) => ({ caseId: String(i.caseId), county: String(i.county), materialCode: String(i.materialCode), dueDate: String(i.dueDate) }));
}

/** A put that creates (expected version null) or replaces exactly the version it read. */
function versionedPut(table: string, item: Record<string, unknown>, expectedVersion: number | null): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: item,
      ...(expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
    },
  };
}

/**
 * The case record a change leaves behind: the decided case (or the same case, when only its
 * timeline grew) with the head of its extended hash chain; undefined when the case is not touched.
 */
function caseWritten(before: CaseRecord, change: Change, entries: readonly TimelineEntry[]): CaseRecord | undefined {
  const head = entries.at(-1);
  if (!change.case && !head) return undefined;
  const next = change.case ? change.case.next : { ...before, version: before.version + 1 };
  return head ? { ...next, timeline: { seq: head.seq, hash: head.hash } } : next;
}

/** The case as it stands once a change is written. */
export function caseAfter(before: CaseRecord, change: Change): CaseRecord {
  return caseWritten(before, change, chain(before.timeline, change.timeline)) ?? before;
}

/** The transaction items that write a change; `extra` joins other writes into the same transaction. */
export function changeItems(before: CaseRecord, change: Change, county: string, extra: TransactItem[] = []): TransactItem[] {
  const table = dataTable();
  const items: TransactItem[] = [...extra];
  const entries = chain(before.timeline, change.timeline);
  const written = caseWritten(before, change, entries);
  if (written) items.push(versionedPut(table, caseItem(written), change.case ? change.case.expectedVersion : before.version));
  for (const { next: task, expectedVersion } of change.tasks) {
    items.push(versionedPut(table, taskItem(task, written ?? before), expectedVersion));
  }
  if (change.case) {
    const previous = change.case.expectedVersion === null ? undefined : before;
    items.push(...commitmentItems(table, previous, change.case.next), ...ticketItems(table, previous, change.case.next));
  }
  // A certificate this transaction also writes whole (its `extra`) is written there, issued or not.
  const writtenWhole = new Set(extra.flatMap((item) => (item.Put ? [String(item.Put.Item?.pk)] : [])));
  items.push(...issuedItems(table, (change.issued ?? []).filter((code) => !writtenWhole.has(certificateKey(code).pk))));
  for (const entry of entries) {
    items.push({
      Put: {
        TableName: table,
        Item: { ...timelineKey(before.caseId, entry.seq), ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  const nowSeconds = Math.floor(Date.now() / 1000);
  const correlationId = currentCorrelationId();
  for (const e of change.events) {
    const event: OutboxEvent = {
      eventId: randomUUID(),
      type: e.type,
      occurredAt: clock().now,
      county,
      caseId: before.caseId,
      receiptNumber: before.receiptNumber,
      data: e.data,
      ...(correlationId ? { correlationId } : {}),
    };
    items.push({ Put: { TableName: outboxTable(), Item: outboxItem(event, nowSeconds) } });
  }
  return items;
}

/**
 * A transaction refused because another writer got there first: a condition of one of its
 * items did not hold, or DynamoDB saw a concurrent transaction on the same item. `reasons`
 * are the cancellation codes, one per item in the order written (`None` for the items that
 * were fine), so a caller that joined items of its own can tell which one lost.
 */
export class WriteConflictError extends ConflictError {
  override name = 'WriteConflictError';
  constructor(message: string, readonly reasons: readonly string[], options?: ErrorOptions) {
    super('CONCURRENT_UPDATE', message, options);
  }
}

const LOST_RACE = new Set(['ConditionalCheckFailed', 'TransactionConflict']);

/** Writes a change in one transaction; a lost race is a {@link WriteConflictError}, anything else is thrown as it came. */
export async function commit(before: CaseRecord, change: Change, county: string, extra: TransactItem[] = []): Promise<void> {
  const TransactItems = changeItems(before, change, county, extra);
  if (TransactItems.length > 100) throw new RangeError('A change may write at most 100 items');
  try {
    await documentClient().send(new TransactWriteCommand({ TransactItems }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
    if (!reasons.some((code) => LOST_RACE.has(code)) || reasons.some((code) => code !== 'None' && !LOST_RACE.has(code))) throw error;
    throw new WriteConflictError(`Case ${before.receiptNumber} changed meanwhile; try again`, reasons, { cause: error, params: { receiptNumber: before.receiptNumber } });
  }
}

/**
 * Read-modify-write with optimistic locking: re-reads and re-decides when another writer
 * got there first, with exponential backoff and full jitter, then gives up with a 409.
 * Every change of a case extends its hash chain, so writers of one case serialize here;
 * each round at least one of them wins, so a stage of a dozen departments signing at once
 * settles well within the attempts.
 */
export async function updateCase(
  caseId: string,
  county: string,
  decide: (c: CaseRecord, tasks: TaskRecord[]) => Change | null,
  options: {
    attempts?: number;
    /** More items for the same transaction; a function when they depend on the change decided. */
    extra?: TransactItem[] | ((change: Change) => TransactItem[]);
  } = {},
): Promise<{ before: CaseRecord; change: Change | null; after: CaseRecord }> {
  const attempts = options.attempts ?? 16;
  for (let attempt = 1; ; attempt++) {
    const before = await getCase(caseId);
    if (!before) throw new NotFoundError(`No case ${caseId}`, 'CASE_NOT_FOUND', { params: { caseId } });
    const tasks = await getTasks(caseId);
    const change = decide(before, tasks);
    if (!change) return { before, change, after: before };
    try {
      const { extra } = options;
      await commit(before, change, county, typeof extra === 'function' ? extra(change) : extra);
      return { before, change, after: caseAfter(before, change) };
    } catch (error) {
      if (!(error instanceof WriteConflictError) || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(800, 10 * 2 ** attempt)));
    }
  }
}

export async function getCase(caseId: string): Promise<CaseRecord | undefined> {
  const out = await documentClient().send(
    new GetCommand({ TableName: dataTable(), Key: caseKey(caseId), ConsistentRead: true }),
  );
  return strip<CaseRecord>(out.Item);
}

/** Every item of a case partition with a sort-key prefix, consistently, across pages. */
export function queryCase(caseId: string, prefix: string): Promise<Record<string, unknown>[]> {
  return queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':p': prefix },
    ConsistentRead: true,
  });
}

export async function getTasks(caseId: string): Promise<TaskRecord[]> {
  return (await queryCase(caseId, 'TASK#')).map((i) => strip<TaskRecord>(i)!);
}

export async function getTimeline(caseId: string) {
  return (await queryCase(caseId, 'TL#')).map((i) => strip<TimelineEntry>(i)!);
}

/** A work queue on the `byQueue` index, oldest first (cases) or earliest deadline first (tasks). */
export async function queryQueue<T>(queuePk: string, skPrefix: string | undefined, limit: number): Promise<T[]> {
  const out = await documentClient().send(
    new QueryCommand({
      TableName: dataTable(),
      IndexName: QUEUE_INDEX,
      KeyConditionExpression: skPrefix ? 'queuePk = :q AND begins_with(queueSk, :p)' : 'queuePk = :q',
      ExpressionAttributeValues: skPrefix ? { ':q': queuePk, ':p': skPrefix } : { ':q': queuePk },
      Limit: limit,
    }),
  );
  return (await queuedItems(out.Items ?? [], queuePk)).map((i) => strip<T>(i)!);
}
