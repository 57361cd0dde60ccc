/**
 * The lookups from a ticket, payment or waybill number to its case, the provider callbacks
 * already applied, and the audit trail of refused callbacks (docs/fees.md, docs/results.md).
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { shanghaiDate } from '../../contracts/dates.js';
import { documentClient } from '../lambda/aws.js';
import { dataTable } from './data-table.js';
import { auditCountKey, auditKey, callbackEventKey, paymentKey, ticketKey, timerAttributes, timerPartition, waybillKey } from './keys.js';

/** Seen event ids are kept well beyond the 300 s signature window, so a replay is always caught. */
const SEEN_EVENT_TTL_SECONDS = 90 * 24 * 3600;
/** Refused callbacks are kept for supervision for a little over a year. */
const AUDIT_TTL_SECONDS = 400 * 24 * 3600;

export interface CaseRef {
  caseId: string;
  county: string;
}

async function lookup(key: { pk: string; sk: string }): Promise<CaseRef | undefined> {
  const out = await documentClient().send(new GetCommand({ TableName: dataTable(), Key: key, ConsistentRead: true }));
  return out.Item ? { caseId: String(out.Item.caseId), county: String(out.Item.county) } : undefined;
}

export const caseOfTicket = (ticketNumber: string) => lookup(ticketKey(ticketNumber));
export const caseOfPayment = (paymentId: string) => lookup(paymentKey(paymentId));
export const caseOfWaybill = (waybillNumber: string) => lookup(waybillKey(waybillNumber));

/** Hours between two route queries of a parcel on its way (app/courier-sweep.ts). */
export const SHIPMENT_CHECK_HOURS = 12;

/** When a parcel shipped (or checked) at `now` is checked next. */
export const shipmentCheckAt = (now: string): string => new Date(Date.parse(now) + SHIPMENT_CHECK_HOURS * 3600_000).toISOString();

/**
 * The lookup from a waybill number to its case; written in the transaction that records the
 * shipment at `now`. While the parcel is on its way it stands in the `shipment` timer
 * partition, due {@link SHIPMENT_CHECK_HOURS} later, when the deadline watch asks the courier
 * for its routes (app/courier-sweep.ts).
 */
export function waybillLookupItem(waybillNumber: string, ref: CaseRef & { attempt: number }, now: string) {
  return { Put: { TableName: dataTable(), Item: { ...waybillKey(waybillNumber), ...ref, waybillNumber, ...timerAttributes(timerPartition('shipment'), shipmentCheckAt(now), waybillNumber) } } };
}

/** Moves the waybill's route check to `checkAt`, or out of the timer partition (undefined): the parcel's journey ended. */
export async function rescheduleShipmentCheck(item: Record<string, unknown>, checkAt: string | undefined): Promise<void> {
  const { watchPk: _pk, watchSk: _sk, ...rest } = item;
  const waybillNumber = String(item.waybillNumber);
  await documentClient().send(new PutCommand({ TableName: dataTable(), Item: { ...rest, ...timerAttributes(timerPartition('shipment'), checkAt, waybillNumber) } }));
}

/** The item that marks a provider's event id as applied; written in the transaction that applies it. */
export function seenEventItem(source: 'payment' | 'courier', eventId: string, detail: Record<string, unknown>) {
  return {
    Put: {
      TableName: dataTable(),
      Item: { ...callbackEventKey(source, eventId), ...detail, seenAt: new Date().toISOString(), expiresAt: Math.floor(Date.now() / 1000) + SEEN_EVENT_TTL_SECONDS },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function eventSeen(source: 'payment' | 'courier', eventId: string): Promise<boolean> {
  const out = await documentClient().send(new GetCommand({ TableName: dataTable(), Key: callbackEventKey(source, eventId), ConsistentRead: true }));
  return out.Item !== undefined;
}

/** Marks an event id seen outside a change (a report the state had already passed); a race with another writer is harmless. */
export async function markEventSeen(source: 'payment' | 'courier', eventId: string, detail: Record<string, unknown>): Promise<void> {
  const { Put } = seenEventItem(source, eventId, detail);
  const { ConditionExpression: _onlyOnce, ...put } = Put;
  await documentClient().send(new PutCommand(put));
}

/**
 * Refusals kept in full per sender, provider, reason and minute; the ones after them are
 * only counted. Anyone can send a refused callback, so each one writing an item would let
 * a flood of forgeries write without bound (issue 12, hole 8).
 */
export const AUDIT_SAMPLE_SIZE = 3;

/**
 * A refused callback, kept for the supervision board (`AUDIT#<day>`): counted on one item
 * per sender, provider and minute (`refused`, and `refused:<reason>` per reason), and kept
 * in full only while its reason's count that minute is within {@link AUDIT_SAMPLE_SIZE}.
 * A flood thus writes at most one count and a few samples per reason, sender and minute.
 */
export async function recordRefusedCallback(source: 'payment' | 'courier' | 'notifications', reason: string, sender: string, detail: Record<string, unknown>): Promise<void> {
  const now = new Date();
  const at = now.toISOString();
  const day = shanghaiDate(now);
  const expiresAt = Math.floor(now.getTime() / 1000) + AUDIT_TTL_SECONDS;
  // The sender is the address API Gateway saw; capped all the same, as it ends up in a key.
  const from = sender.slice(0, 64);
  const reasonCount = `refused:${reason}`;
  const counted = await documentClient().send(
    new UpdateCommand({
      TableName: dataTable(),
      Key: auditCountKey(day, at.slice(0, 16), source, from),
      UpdateExpression: 'ADD #refused :one, #reason :one SET #kind = :kind, #source = :source, #sender = :sender, #firstAt = if_not_exists(#firstAt, :at), #lastAt = :at, #expiresAt = :expiresAt',
      ExpressionAttributeNames: {
        '#refused': 'refused', '#reason': reasonCount, '#kind': 'kind', '#source': 'source', '#sender': 'sender',
        '#firstAt': 'firstAt', '#lastAt': 'lastAt', '#expiresAt': 'expiresAt',
      },
      ExpressionAttributeValues: { ':one': 1, ':kind': 'callback.refused.count', ':source': source, ':sender': from, ':at': at, ':expiresAt': expiresAt },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  if (Number(counted.Attributes?.[reasonCount] ?? 0) > AUDIT_SAMPLE_SIZE) return;
  await documentClient().send(
    new PutCommand({
      TableName: dataTable(),
      Item: { ...auditKey(day, at, randomUUID()), ...detail, kind: 'callback.refused', source, sender: from, reason, at, expiresAt },
    }),
  );
}
