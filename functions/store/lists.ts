/**
 * One page of a staff list (docs/access-patterns.md, Q1–Q2): a Query of a queue partition on
 * the list index of the order asked for, its filters a FilterExpression. DynamoDB applies
 * `Limit` before the filter, so a filtered page may hold fewer rows than `limit` (even none)
 * while `next` is still given; the last page has no `next`.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../lambda/aws.js';
import { decodeCursor, encodeCursor } from '../lambda/cursor.js';
import { dataTable } from './data-table.js';
import { LIST_INDEXES, LIST_SORT_KEYS, type ListSort } from './keys.js';

/** Kept items have, for each condition, one of its attribute paths (`decision.signedBy`) equal to its value. */
export interface ListCondition {
  paths: readonly string[];
  value: string;
}

export interface ListQuery {
  queuePk: string;
  sort: ListSort;
  /** What every sort key of the list starts with (a task status's `pending#`); '' for none. */
  prefix: string;
  /** Only items due before this date (YYYY-MM-DD): a key condition when sorted by deadline, else a filter. */
  dueBefore?: string;
  conditions: readonly ListCondition[];
  limit: number;
  cursor?: string;
}

/** Which list a cursor was given by: the index and the partition, so another list's cursor is refused. */
const LIST_ATTRIBUTE = 'list';

export async function queryList(q: ListQuery): Promise<{ items: Record<string, unknown>[]; next?: string }> {
  const sortKey = LIST_SORT_KEYS[q.sort];
  const list = `${LIST_INDEXES[q.sort]}#${q.queuePk}`;
  const names: Record<string, string> = { '#q': 'queuePk' };
  const values: Record<string, unknown> = { ':q': q.queuePk };
  let keyCondition = '#q = :q';
  const filters: string[] = [];
  if (q.dueBefore !== undefined) {
    values[':due'] = `${q.prefix}${q.dueBefore}`;
    if (q.sort === 'deadline') {
      keyCondition += q.prefix ? ' AND #sk BETWEEN :p AND :due' : ' AND #sk < :due';
    } else {
      names['#deadline'] = LIST_SORT_KEYS.deadline;
      filters.push('#deadline < :due');
    }
  }
  if (q.prefix) {
    values[':p'] = q.prefix;
    if (!keyCondition.includes(':p')) keyCondition += ' AND begins_with(#sk, :p)';
  }
  if (keyCondition.includes('#sk')) names['#sk'] = sortKey;
  q.conditions.forEach((condition, i) => {
    values[`:v${i}`] = condition.value;
    const alternatives = condition.paths.map((path, j) => {
      const name = path.split('.').map((part, k) => {
        names[`#c${i}_${j}_${k}`] = part;
        return `#c${i}_${j}_${k}`;
      });
      return `${name.join('.')} = :v${i}`;
    });
    filters.push(alternatives.length > 1 ? `(${alternatives.join(' OR ')})` : alternatives[0]!);
  });
  const out = await documentClient().send(
    new QueryCommand({
      TableName: dataTable(),
      IndexName: LIST_INDEXES[q.sort],
      KeyConditionExpression: keyCondition,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      Limit: q.limit,
      ...(q.cursor !== undefined ? { ExclusiveStartKey: startKey(q.cursor, list, q.queuePk, sortKey) } : {}),
    }),
  );
  return { items: out.Items ?? [], ...(out.LastEvaluatedKey ? { next: encodeCursor({ ...out.LastEvaluatedKey, [LIST_ATTRIBUTE]: list }) } : {}) };
}

/** The key a page starts after: the cursor's, which must be this list's and hold every key attribute of its index. */
function startKey(cursor: string, list: string, queuePk: string, sortKey: string): Record<string, unknown> {
  const { pk, sk, [sortKey]: sortValue } = decodeCursor(cursor, LIST_ATTRIBUTE, list, ['pk', 'sk', sortKey]);
  return { pk, sk, queuePk, [sortKey]: sortValue };
}
