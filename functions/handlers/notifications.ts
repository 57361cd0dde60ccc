/**
 * The notifications (docs/notifications.md), one function for both of their moments:
 * - as the `notifications` consumer, on each event that tells someone something: its
 *   notifications recorded once per recipient and channel, and those due now sent;
 *   idempotent, a redelivered event finds its records and sends nothing twice;
 * - every minute (EventBridge Scheduler; the local runtime fires the same schedule): the
 *   notifications whose time came — after the quiet hours, on a reminder's morning, after a
 *   retry's backoff — sent, each claimed first, so a run twice or late sends nothing twice.
 */
import type { Context, ScheduledEvent, SQSEvent } from 'aws-lambda';
import { notify } from '../app/notify.js';
import { sendDueNotifications } from '../app/send-notifications.js';
import { logger } from '../lambda/logger.js';
import { queueWorker } from '../lambda/worker.js';

const consume = queueWorker(notify);

export const handler = async (event: SQSEvent | Partial<ScheduledEvent>, context: Context) => {
  if ('Records' in event) return consume(event, context);
  const sent = await sendDueNotifications();
  logger.info('notifications due sent', { sent });
  return sent;
};
