/**
 * Notification records (docs/notifications.md, access patterns M1–M5): each in its case's
 * partition, put once (`attribute_not_exists`: a redelivered event puts nothing twice),
 * claimed before it is sent (a conditional update, so two senders never both send it),
 * replaced only from the status it was read in; a waiting one on the `notification` timer;
 * a staff message on its recipients' queue; a sent one findable by its provider's message
 * id; and the SMS a phone was sent on a Shanghai day, for the daily cap.
 */
import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { NotificationStatus } from '../../contracts/notifications.js';
import type { NotificationRecord } from '../domain/notification-record.js';
import { isWaiting } from '../domain/notifications.js';
import type { TimelineInput } from '../domain/timeline.js';
import { documentClient } from '../lambda/aws.js';
import { commit, dataTable, getCase, strip, WriteConflictError } from './data-table.js';
import { notificationKey, providerMessageKey, smsCapKey, staffMessageQueue, timerAttributes, timerPartition } from './keys.js';
import { dueTimers } from './timers.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A cap day's count outlives its day by a little. */
const CAP_TTL_SECONDS = 3 * 24 * 3600;

export const NOTIFICATION_TIMER = timerPartition('notification');

/** A record as stored: waiting ones on the timer, staff messages on their queue. */
export function notificationItem(r: NotificationRecord): Record<string, unknown> {
  return {
    ...notificationKey(r.caseId, r.notificationId),
    ...r,
    ...(isWaiting(r) ? timerAttributes(NOTIFICATION_TIMER, r.sendAt, r.notificationId) : {}),
    ...(r.recipient.kind === 'staff' && r.channel === 'inapp' && r.status === 'delivered'
      ? { queuePk: staffMessageQueue(r.recipient.department, r.recipient.role), queueSk: `${r.createdAt}#${r.notificationId}` }
      : {}),
  };
}

/** Puts a new record; false when it exists already (a redelivered event). */
export async function putNotification(r: NotificationRecord): Promise<boolean> {
  try {
    await documentClient().send(new PutCommand({ TableName: dataTable(), Item: notificationItem(r), ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function getNotification(caseId: string, notificationId: string): Promise<NotificationRecord | undefined> {
  const out = await documentClient().send(new GetCommand({ TableName: dataTable(), Key: notificationKey(caseId, notificationId), ConsistentRead: true }));
  return strip<NotificationRecord & { claimedUntil?: string }>(out.Item);
}

/** The waiting records due by `now`, earliest first (Query `byWatch`, then the records). */
export async function dueNotifications(now: string, limit = 200): Promise<NotificationRecord[]> {
  return (await dueTimers(NOTIFICATION_TIMER, now, limit)).map((item) => strip<NotificationRecord>(item)!);
}

/**
 * Claims a waiting record for one attempt until `until`: its attempts counted, its first
 * attempt's instant kept. Undefined when another sender holds it, or it is no longer waiting.
 */
export async function claimNotification(r: NotificationRecord, now: string, until: string): Promise<NotificationRecord | undefined> {
  try {
    const out = await documentClient().send(
      new UpdateCommand({
        TableName: dataTable(),
        Key: notificationKey(r.caseId, r.notificationId),
        UpdateExpression: 'SET attempts = :next, firstAttemptAt = if_not_exists(firstAttemptAt, :now), claimedUntil = :until',
        ConditionExpression: '#s IN (:scheduled, :retrying) AND attempts = :attempts AND (attribute_not_exists(claimedUntil) OR claimedUntil < :now)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':next': r.attempts + 1, ':attempts': r.attempts, ':now': now, ':until': until, ':scheduled': 'scheduled', ':retrying': 'retrying' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const { claimedUntil: _c, ...record } = strip<NotificationRecord & { claimedUntil?: string }>(out.Attributes)!;
    return record;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** The write of a record's next state, only from the status (and attempt) it was read in. */
function replaceItem(next: NotificationRecord, from: { status: NotificationStatus; attempts: number }): TransactItem {
  return {
    Put: {
      TableName: dataTable(),
      Item: notificationItem(next),
      ConditionExpression: '#s = :from AND attempts = :attempts',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':from': from.status, ':attempts': from.attempts },
    },
  };
}

/** The lookup from a provider's message id to its record (to match delivery receipts). */
function providerLookupItem(r: NotificationRecord): TransactItem[] {
  if (!r.provider || !r.providerMessageId) return [];
  return [{ Put: { TableName: dataTable(), Item: { ...providerMessageKey(r.provider, r.providerMessageId), caseId: r.caseId, notificationId: r.notificationId } } }];
}

/**
 * Writes a record's next state — with its timeline entry in its case's transaction (the
 * hash chain), and with the provider lookup once sent — only from the state it was read
 * in. False when that state changed meanwhile (another sender or receipt won): nothing
 * written. A lost race on the case alone (another change of the case) is tried again.
 */
export async function replaceNotification(next: NotificationRecord, from: { status: NotificationStatus; attempts: number }, entry?: TimelineInput): Promise<boolean> {
  const items = [replaceItem(next, from), ...(next.status === 'sent' ? providerLookupItem(next) : [])];
  for (let attempt = 1; ; attempt++) {
    try {
      if (!entry) {
        await documentClient().send(new PutCommand(items[0]!.Put!));
        return true;
      }
      const before = await getCase(next.caseId);
      if (!before) return false;
      await commit(before, { tasks: [], timeline: [entry], events: [] }, next.county, items);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      if (!(error instanceof WriteConflictError)) throw error;
      // The first item is the record's: its condition failing means the record moved on.
      if (error.reasons[0] === 'ConditionalCheckFailed') return false;
      if (attempt >= 16) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(800, 10 * 2 ** attempt)));
    }
  }
}

/** The record a provider's message id names, if any. */
export async function notificationOfProviderMessage(provider: string, providerMessageId: string): Promise<NotificationRecord | undefined> {
  const out = await documentClient().send(new GetCommand({ TableName: dataTable(), Key: providerMessageKey(provider, providerMessageId), ConsistentRead: true }));
  return out.Item ? getNotification(String(out.Item.caseId), String(out.Item.notificationId)) : undefined;
}

/** Counts one more SMS to `phone` on `day`; false (nothing counted) when `cap` were sent already. */
export async function countSms(phone: string, day: string, cap: number): Promise<boolean> {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: dataTable(),
        Key: smsCapKey(createHash('sha256').update(phone).digest('hex'), day),
        UpdateExpression: 'ADD sent :one SET expiresAt = if_not_exists(expiresAt, :expires)',
        ConditionExpression: 'attribute_not_exists(sent) OR sent < :cap',
        ExpressionAttributeValues: { ':one': 1, ':cap': cap, ':expires': Math.floor(Date.now() / 1000) + CAP_TTL_SECONDS },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
