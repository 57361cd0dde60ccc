/**
 * Supervision orders (functions/domain/supervision-orders.ts) as items of their case's
 * partition (`ORDER#<orderId>`), written in the case's own transaction. While unanswered an
 * order stands in a timer partition of the `byWatch` index: `WATCH#order` due at its reply
 * deadline, then `WATCH#order#escalated` once it escalated; a replied order leaves the index.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SupervisionOrder } from '../domain/supervision-orders.js';
import { documentClient } from '../lambda/aws.js';
import { caseKey, orderKey, timerAttributes, timerPartition } from './keys.js';
import { dataTable, queryAll, strip } from './data-table.js';

/** Where an order stands on the timer index: none once replied. */
export function orderPartition(o: SupervisionOrder): string | undefined {
  if (o.status !== 'open') return undefined;
  return o.escalatedAt ? timerPartition('order', 'escalated') : timerPartition('order');
}

export function orderItem(o: SupervisionOrder): Record<string, unknown> {
  const partition = orderPartition(o);
  return { ...orderKey(o.caseId, o.orderId), ...o, ...(partition ? timerAttributes(partition, o.replyDueAt, o.orderId) : {}) };
}

/** The transaction item that writes `next`: created new, or replacing exactly the version read. */
export function orderWrite(next: SupervisionOrder, previous: SupervisionOrder | undefined) {
  return {
    Put: {
      TableName: dataTable(),
      Item: orderItem(next),
      ...(previous
        ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': previous.version } }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
}

export async function getOrder(caseId: string, orderId: string): Promise<SupervisionOrder | undefined> {
  const out = await documentClient().send(new GetCommand({ TableName: dataTable(), Key: orderKey(caseId, orderId), ConsistentRead: true }));
  return strip<SupervisionOrder>(out.Item);
}

/** A case's orders, oldest id first. */
export async function ordersOf(caseId: string): Promise<SupervisionOrder[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':p': 'ORDER#' },
    ConsistentRead: true,
  });
  return items.map((i) => strip<SupervisionOrder>(i)!).sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
}
