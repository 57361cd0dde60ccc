/**
 * Writing the statistics (docs/statistics.md): one event's increments in one
 * TransactWriteItems — a Put of the event's applied marker that must not exist yet, and an
 * UpdateItem ADD per row and gauge. A redelivered event finds its marker and the whole
 * transaction is cancelled: nothing is counted twice. ADD is commutative, so events applied
 * in any order end in the same counters.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Increments } from '../domain/statistics.js';
import { documentClient } from '../lambda/aws.js';
import { dataTable } from './data-table.js';
import { appliedEventKey, gaugeKey, statsKey } from './keys.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** How long an applied marker is kept: longer than any redelivery (the queue keeps a message 14 days, the outbox 7). */
const APPLIED_RETENTION_SECONDS = 35 * 24 * 3600;

function addItem(table: string, key: { pk: string; sk: string }, add: Readonly<Record<string, number | undefined>>): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const clauses = Object.entries(add).flatMap(([name, n], i) => {
    if (n === undefined) return [];
    names[`#c${i}`] = name;
    values[`:c${i}`] = n;
    return [`#c${i} :c${i}`];
  });
  return { Update: { TableName: table, Key: key, UpdateExpression: `ADD ${clauses.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values } };
}

/**
 * Applies `increments` of the event `eventId` for `consumer`, once: `applied` the first
 * time, `duplicate` when its marker shows it was applied before (nothing is written).
 */
export async function applyOnce(consumer: string, eventId: string, increments: Increments, now: Date): Promise<'applied' | 'duplicate'> {
  const table = dataTable();
  const marker: TransactItem = {
    Put: {
      TableName: table,
      Item: { ...appliedEventKey(consumer, eventId), appliedAt: now.toISOString(), expiresAt: Math.floor(now.getTime() / 1000) + APPLIED_RETENTION_SECONDS },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  const TransactItems = [
    marker,
    ...increments.rows.map((r) => addItem(table, statsKey(r.day, r.scope), r.add)),
    ...increments.gauges.map((g) => addItem(table, gaugeKey(g.scope), g.add)),
  ];
  if (TransactItems.length > 100) throw new RangeError(`An event may add to at most 99 rows, not ${TransactItems.length - 1}`);
  for (let attempt = 1; ; attempt++) {
    try {
      await documentClient().send(new TransactWriteCommand({ TransactItems }));
      return 'applied';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
      // Only the marker has a condition: its failure is the redelivery.
      if (reasons[0] === 'ConditionalCheckFailed') return 'duplicate';
      // Every event of the day adds to the county's row: concurrent workers meet there. Wait a moment and try again.
      if (!reasons.includes('TransactionConflict') || attempt >= CONFLICT_ATTEMPTS) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(800, 10 * 2 ** attempt)));
    }
  }
}

/** Attempts when a concurrent transaction on the same rows cancels ours; then SQS redelivers. */
const CONFLICT_ATTEMPTS = 10;
