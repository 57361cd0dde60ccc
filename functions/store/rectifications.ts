/**
 * Rectifications (整改) as items of their case's partition (`RECT#<rectificationId>`), each
 * change written in its case's transaction (docs/ratings.md, docs/access-patterns.md):
 * - an open one stands in the timer partition `WATCH#rectification` due at the end of its due
 *   date; once the watch found it past due, in `WATCH#rectification#overdue`; answered or
 *   closed, in neither;
 * - every one stands in its department's queue `RECTS#<department>` by status and due instant.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../domain/errors.js';
import type { Rectification, RectificationChange } from '../domain/ratings.js';
import { caseIdOfRectification } from '../domain/ratings.js';
import type { CaseRecord } from '../domain/records.js';
import type { RectificationStatus } from '../../contracts/ratings.js';
import { documentClient } from '../lambda/aws.js';
import { caseAfter, commit, dataTable, getCase, queryAll, queryQueue, strip, WriteConflictError } from './data-table.js';
import { caseKey, rectificationKey, rectificationQueue, timerAttributes, timerPartition } from './keys.js';
import { timersIn } from './timers.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The timer partition an open rectification stands in: due, or overdue once the watch found it so. */
export const rectificationTimer = (r: Rectification) =>
  r.status === 'open' ? timerAttributes(timerPartition('rectification', r.overdueAt ? 'overdue' : undefined), r.dueAt, r.rectificationId) : {};

export function rectificationItem(r: Rectification): Record<string, unknown> {
  return {
    ...rectificationKey(r.caseId, r.rectificationId),
    ...r,
    queuePk: rectificationQueue(r.department),
    queueSk: `${r.status}#${r.dueAt}#${r.rectificationId}`,
    ...rectificationTimer(r),
  };
}

function put(r: Rectification, expectedVersion: number | null): TransactItem {
  return {
    Put: {
      TableName: dataTable(),
      Item: rectificationItem(r),
      ...(expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
    },
  };
}

export async function getRectifications(caseId: string): Promise<Rectification[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':p': 'RECT#' },
    ConsistentRead: true,
  });
  return items.map((i) => strip<Rectification>(i)!);
}

export async function getRectification(id: string): Promise<Rectification | undefined> {
  const caseId = caseIdOfRectification(id);
  if (!caseId) return undefined;
  const out = await documentClient().send(new GetCommand({ TableName: dataTable(), Key: rectificationKey(caseId, id), ConsistentRead: true }));
  return strip<Rectification>(out.Item);
}

/**
 * Read-modify-write of a case and its rectifications, as `updateCase` does for a case and its
 * tasks: the case is read first, then its rectifications, and the case's version is checked
 * on writing. Every change of a rectification extends the case's timeline (so bumps its
 * version), hence what was decided on is still current when the write succeeds; otherwise it
 * is read and decided again.
 */
export async function updateRectifications(
  caseId: string,
  decide: (c: CaseRecord, rectifications: Rectification[]) => RectificationChange | null,
  attempts = 16,
): Promise<{ before: CaseRecord; decided: RectificationChange | null; after: CaseRecord }> {
  for (let attempt = 1; ; attempt++) {
    const before = await getCase(caseId);
    if (!before) throw new NotFoundError(`No case ${caseId}`, 'CASE_NOT_FOUND', { params: { caseId } });
    const decided = decide(before, await getRectifications(caseId));
    if (!decided) return { before, decided, after: before };
    try {
      await commit(before, decided.change, before.county, decided.rectifications.map((r) => put(r.next, r.expectedVersion)));
      return { before, decided, after: caseAfter(before, decided.change) };
    } catch (error) {
      if (!(error instanceof WriteConflictError) || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(800, 10 * 2 ** attempt)));
    }
  }
}

/** The open rectifications, earliest due first: those not yet due and (or only, `overdueOnly`) the overdue ones, from their timer partitions. */
export async function openRectifications(overdueOnly: boolean, limit = 500): Promise<Rectification[]> {
  const overdue = await timersIn(timerPartition('rectification', 'overdue'), limit);
  const due = overdueOnly ? [] : await timersIn(timerPartition('rectification'), limit);
  return [...overdue, ...due].map((i) => strip<Rectification>(i)!);
}

/** A department's rectifications in one status, earliest due first. */
export const departmentRectifications = (department: string, status: RectificationStatus, limit = 100) =>
  queryQueue<Rectification>(rectificationQueue(department), `${status}#`, limit);
