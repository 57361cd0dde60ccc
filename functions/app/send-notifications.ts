/**
 * Sending a notification whose time has come (docs/notifications.md, "Delivery receipts and
 * retries"): claimed first, so two senders never both send it; checked against the case
 * (a paid ticket's reminder is skipped, an opted-out applicant is not texted); an SMS counted
 * against its phone's daily cap; handed to the provider; its new status written from the
 * state it was claimed in, with the case's timeline entry. A temporary failure is retried
 * with backoff for 24 hours, then the record is undeliverable and goes to the notifications
 * DLQ; a permanent one (or the cap) falls back to email where the applicant gave one.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { shanghaiDate } from '../../contracts/dates.js';
import { redactedError } from '../domain/masking.js';
import type { NotificationRecord } from '../domain/notification-record.js';
import { afterFailure, decideSend, fallbackEmail, isWaiting, timelineEntryOf, type NotifiedCase } from '../domain/notifications.js';
import { sqsClient } from '../lambda/aws.js';
import { clock } from '../lambda/clock.js';
import { logger } from '../lambda/logger.js';
import { notificationRules } from '../lambda/notification-rules.js';
import { getCase } from '../store/data-table.js';
import { claimNotification, countSms, dueNotifications, putNotification, replaceNotification } from '../store/notifications.js';
import { handOver, MessageSendError } from './notification-channels.js';

/** How long a claim holds: longer than a send takes, short enough that a crashed sender's record is soon taken up again. */
const CLAIM_MS = 5 * 60_000;

/** The notifications consumer's DLQ (`NOTIFICATIONS_DLQ_URL`), where records undeliverable after 24 hours of retries go. */
async function toDeadLetters(r: NotificationRecord): Promise<void> {
  const queueUrl = process.env.NOTIFICATIONS_DLQ_URL;
  if (!queueUrl) return logger.error('notification undeliverable; no NOTIFICATIONS_DLQ_URL to send it to', { notificationId: r.notificationId });
  await sqsClient().send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ kind: 'notification.undeliverable', record: r }) }));
}

/** The email instead of an SMS that could not be sent (refused, capped, failed for good), put once and sent when due. */
export async function fallBack(sms: NotificationRecord, c: NotifiedCase, now: string): Promise<void> {
  const email = fallbackEmail(sms, c, notificationRules(), now);
  if (email && (await putNotification(email)) && email.sendAt <= now) await sendNotification(email);
}

/**
 * Sends one waiting record now, if it is still waiting and no other sender holds it.
 * Returns the status it was left in (undefined: not ours to send).
 */
export async function sendNotification(record: NotificationRecord): Promise<NotificationRecord['status'] | undefined> {
  const now = clock().now;
  const claimed = await claimNotification(record, now, new Date(Date.parse(now) + CLAIM_MS).toISOString());
  if (!claimed) return undefined;
  const from = { status: claimed.status, attempts: claimed.attempts };
  const settle = async (next: NotificationRecord) => ((await replaceNotification(next, from, timelineEntryOf(next, now))) ? next.status : undefined);
  const c = (await getCase(claimed.caseId)) as NotifiedCase | undefined;
  if (!c) return settle({ ...claimed, status: 'skipped', settledAt: now, error: 'the case is gone' });
  const decision = decideSend(claimed, c);
  if (!decision.send) return settle({ ...claimed, status: decision.status, settledAt: now, error: decision.reason });
  if (claimed.channel === 'inapp') return settle({ ...claimed, status: 'delivered', settledAt: now });

  const rules = notificationRules();
  if (claimed.channel === 'sms' && claimed.attempts === 1 && claimed.recipient.kind === 'applicant' && claimed.recipient.address) {
    if (!(await countSms(claimed.recipient.address, shanghaiDate(new Date(now)), rules.smsDailyCap))) {
      const capped = await settle({ ...claimed, status: 'capped', settledAt: now, error: `the phone's ${rules.smsDailyCap} SMS of the day were sent` });
      if (capped) await fallBack(claimed, c, now);
      return capped;
    }
  }
  let next: NotificationRecord;
  let permanent = false;
  try {
    const handed = await handOver(claimed);
    next = { ...claimed, status: 'sent', sentAt: now, ...handed };
  } catch (error) {
    permanent = error instanceof MessageSendError && error.permanent;
    // The provider's words may quote the phone or the address: masked before they are logged or kept.
    const logged = redactedError(error);
    logger.warn('notification not sent', { notificationId: claimed.notificationId, channel: claimed.channel, attempts: claimed.attempts, permanent, error: logged });
    next = afterFailure(claimed, { permanent, message: logged.message }, now);
  }
  const status = await settle(next);
  if (status === 'undeliverable') {
    // Refused for good: an SMS becomes an email. 24 hours of temporary failures: the DLQ (alarmed), for an operator.
    if (!permanent) await toDeadLetters(next);
    else if (next.channel === 'sms') await fallBack(next, c, now);
  }
  return status;
}

/** Every waiting record due by now, each sent once (the scheduled sender, every minute). */
export async function sendDueNotifications(): Promise<Record<string, number>> {
  const due = await dueNotifications(clock().now);
  const counts: Record<string, number> = {};
  for (const record of due) {
    if (!isWaiting(record)) continue;
    const status = (await sendNotification(record)) ?? 'taken';
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}
