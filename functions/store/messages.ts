/**
 * The reads behind the message lists (docs/access-patterns.md, M5–M6): a case's notification
 * records (`NOTIFY#…` in its partition), and a staff queue of messages newest first on the
 * keys-only `byQueue` index, whose items are then read with BatchGetItem.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { NotificationRecord } from '../domain/notification-record.js';
import { documentClient } from '../lambda/aws.js';
import type { CursorKey } from '../lambda/cursor.js';
import { batchGetItems, dataTable, queryCase, strip } from './data-table.js';
import { QUEUE_INDEX } from './keys.js';

export async function notificationsOfCase(caseId: string): Promise<NotificationRecord[]> {
  return (await queryCase(caseId, 'NOTIFY#')).map((i) => strip<NotificationRecord>(i)!);
}

/**
 * Up to `limit` messages of a staff queue (`MSGS#<department|*>#<role>`), newest first, from
 * after `start`; `last` is the index key to go on from, absent when the queue has no more (one
 * key more is read to know). A message that left the queue between the two reads is left out.
 */
export async function queuedMessages(queue: string, limit: number, start?: CursorKey): Promise<{ records: NotificationRecord[]; last?: CursorKey }> {
  const out = await documentClient().send(
    new QueryCommand({
      TableName: dataTable(),
      IndexName: QUEUE_INDEX,
      KeyConditionExpression: 'queuePk = :q',
      ExpressionAttributeValues: { ':q': queue },
      ScanIndexForward: false,
      Limit: limit + 1,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  const keys = out.Items ?? [];
  const page = keys.slice(0, limit);
  const end = page.at(-1);
  // A page cut short by DynamoDB's 1 MB goes on from where the read stopped.
  const last = keys.length > limit && end
    ? { pk: String(end.pk), sk: String(end.sk), queuePk: String(end.queuePk), queueSk: String(end.queueSk) }
    : (out.LastEvaluatedKey as CursorKey | undefined);
  const items = (await batchGetItems(page)).filter((item) => item.queuePk === queue);
  return { records: items.map((i) => strip<NotificationRecord>(i)!), ...(last ? { last } : {}) };
}
