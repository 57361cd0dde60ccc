/**
 * Timers on the sparse `byWatch` index (functions/store/keys.ts): what is due by an
 * instant, and what stands in a timer partition. A Query on the index for the order, then
 * the items themselves, read consistently; an item that left the partition in between is
 * left out, so a timer handled meanwhile is not handled twice.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../lambda/aws.js';
import { batchGetItems, dataTable } from './data-table.js';
import { WATCH_INDEX } from './keys.js';

async function query(partition: string, dueBy: string | undefined, limit: number): Promise<Record<string, unknown>[]> {
  const keys: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const out = await documentClient().send(
      new QueryCommand({
        TableName: dataTable(),
        IndexName: WATCH_INDEX,
        KeyConditionExpression: dueBy ? 'watchPk = :p AND watchSk <= :due' : 'watchPk = :p',
        // `<dueAt>#<id>`: every id of an instant sorts before `<dueAt>~`.
        ExpressionAttributeValues: dueBy ? { ':p': partition, ':due': `${dueBy}~` } : { ':p': partition },
        Limit: limit - keys.length,
        ExclusiveStartKey,
      }),
    );
    keys.push(...(out.Items ?? []));
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey && keys.length < limit);
  return (await batchGetItems(keys)).filter((item) => item.watchPk === partition);
}

/** The items of a timer partition due at or before `now` (an ISO instant), earliest first, at most `limit`. */
export const dueTimers = (partition: string, now: string, limit = 500) => query(partition, now, limit);

/** Every item standing in a timer partition, earliest due first, at most `limit` (the board's red and severe tasks). */
export const timersIn = (partition: string, limit = 500) => query(partition, undefined, limit);
