/**
 * The access log (docs/need-to-know.md): one item per unmasked read of a case's personal data,
 * in its Shanghai day's partition (`ACCESS#<day>`, sort key `<at>#<id>`), written once, never
 * changed; read back a day at a time, oldest first.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { shanghaiDate } from '../../contracts/dates.js';
import type { AccessEntry } from '../../contracts/staff.js';
import { documentClient } from '../lambda/aws.js';
import type { CursorKey } from '../lambda/cursor.js';
import { dataTable } from './data-table.js';

export const accessLogPartition = (day: string) => `ACCESS#${day}`;

export type { AccessEntry };

export async function putAccessEntry(entry: AccessEntry): Promise<void> {
  const at = new Date(entry.at);
  await documentClient().send(
    new PutCommand({
      TableName: dataTable(),
      Item: { pk: accessLogPartition(shanghaiDate(at)), sk: `${entry.at}#${randomUUID()}`, ...entry },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/**
 * Up to `limit` entries of a Shanghai day, oldest first, from after `start`; `last` is the
 * key to go on from, absent when the day has no more (one item more is read to know).
 */
export async function accessEntriesOf(day: string, limit: number, start?: CursorKey): Promise<{ entries: AccessEntry[]; last?: CursorKey }> {
  const out = await documentClient().send(
    new QueryCommand({
      TableName: dataTable(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': accessLogPartition(day) },
      Limit: limit + 1,
      ConsistentRead: true,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  const items = out.Items ?? [];
  const page = items.slice(0, limit);
  const end = page.at(-1);
  // A page cut short by DynamoDB's 1 MB goes on from where the read stopped.
  const last = items.length > limit && end ? { pk: String(end.pk), sk: String(end.sk) } : (out.LastEvaluatedKey as CursorKey | undefined);
  return { entries: page.map(({ pk: _pk, sk: _sk, ...entry }) => entry as AccessEntry), ...(last ? { last } : {}) };
}
