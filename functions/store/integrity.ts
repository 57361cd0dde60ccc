/**
 * The daily integrity audit's alerts (docs/oversight.md): an `integrity.broken` event for a
 * case whose timeline does not verify, put in the outbox in a transaction of its own with a
 * mark per case and day. It never touches the case or its chain (the chain is what is
 * broken), and the mark makes a second run of the day raise nothing more.
 */
import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxEvent } from '../../contracts/events.js';
import { documentClient } from '../lambda/aws.js';
import { currentCorrelationId } from '../lambda/correlation.js';
import { dataTable, outboxItem, outboxTable } from './data-table.js';
import { integrityAlertKey } from './keys.js';

/** Alerts are kept a little over a year, as the refused callbacks' audit is. */
const ALERT_TTL_SECONDS = 400 * 24 * 3600;

export interface IntegrityAlert {
  day: string;
  caseId: string;
  receiptNumber: string;
  county: string;
  seq: number;
  problem: 'changed' | 'missing' | 'head';
}

/** Raises the alert unless it was raised already for that case that day; true when raised now. */
export async function raiseIntegrityAlert(alert: IntegrityAlert, now: Date): Promise<boolean> {
  const correlationId = currentCorrelationId();
  const event: OutboxEvent = {
    eventId: randomUUID(),
    type: 'integrity.broken',
    occurredAt: now.toISOString(),
    county: alert.county,
    caseId: alert.caseId,
    receiptNumber: alert.receiptNumber,
    data: { seq: alert.seq, problem: alert.problem },
    ...(correlationId ? { correlationId } : {}),
  };
  const nowSeconds = Math.floor(now.getTime() / 1000);
  try {
    await documentClient().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: dataTable(),
              Item: { ...integrityAlertKey(alert.day, alert.caseId), ...alert, raisedAt: event.occurredAt, eventId: event.eventId, expiresAt: nowSeconds + ALERT_TTL_SECONDS },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: outboxTable(), Item: outboxItem(event, nowSeconds) } },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
    throw error;
  }
}
