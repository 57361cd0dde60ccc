/**
 * The `notifications` consumer's use case (docs/notifications.md): an event's notifications
 * planned from the event and what it names (its case, task, supervision order or
 * rectification), one record per recipient and channel, each put once — a redelivered event
 * puts nothing twice — and those due now sent at once; the rest wait on the `notification`
 * timer for the scheduled sender.
 */
import type { OutboxEvent } from '../../contracts/events.js';
import { defaultCalendar } from '../domain/calendar.js';
import { isWaiting, notificationsOn, recordsOf, type EventFacts, type NotifiedCase } from '../domain/notifications.js';
import { clock } from '../lambda/clock.js';
import { requireEnv } from '../lambda/env.js';
import { logger } from '../lambda/logger.js';
import { notificationRules } from '../lambda/notification-rules.js';
import { getCase, getTasks } from '../store/data-table.js';
import { putNotification } from '../store/notifications.js';
import { getOrder } from '../store/orders.js';
import { getRectification } from '../store/rectifications.js';
import { caseWords } from './case-words.js';
import { sendNotification } from './send-notifications.js';
import { servedCatalog } from './served-catalog.js';

/** The due date a staff notification names: a supervision order's reply date, a rectification's due date. */
async function dueDateOf(event: OutboxEvent): Promise<string | undefined> {
  if (event.type === 'supervision.ordered') return (await getOrder(event.caseId, String(event.data.orderId)))?.replyBy;
  if (event.type === 'rectification.opened' || event.type === 'rectification.reopened') return (await getRectification(String(event.data.rectificationId)))?.dueDate;
  return undefined;
}

async function factsOf(event: OutboxEvent, c: NotifiedCase): Promise<EventFacts> {
  const taskId = event.data.taskId;
  const task = typeof taskId === 'string' ? (await getTasks(c.caseId)).find((t) => t.taskId === taskId) : undefined;
  const dueDate = await dueDateOf(event);
  const hall = requireEnv('SERVICE_HALL_NAME');
  return { case: c, ...(task ? { task } : {}), ...(dueDate ? { dueDate } : {}), words: caseWords(c), hall: { zh: hall, en: hall }, rules: notificationRules() };
}

export async function notify(event: OutboxEvent): Promise<void> {
  const c = (await getCase(event.caseId)) as NotifiedCase | undefined;
  if (!c) return;
  const planned = notificationsOn(event, await factsOf(event, c), defaultCalendar);
  const now = clock().now;
  const catalogVersion = servedCatalog().source.manifest.version;
  for (const notification of planned) {
    for (const record of recordsOf(notification, c, notificationRules(), { now, catalogVersion })) {
      if (!(await putNotification(record)) || !isWaiting(record) || record.sendAt > now) continue;
      try {
        await sendNotification(record);
      } catch (error) {
        // Kept on its timer: the scheduled sender takes it up within the minute.
        logger.warn('notification not sent at once; the sender will', { notificationId: record.notificationId, error: error as Error });
      }
    }
  }
}
