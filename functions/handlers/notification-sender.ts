/**
 * Every minute (EventBridge Scheduler; the local runtime fires the same schedule): sends the
 * notifications whose time has come — after the quiet hours, on a reminder's morning, after
 * a retry's backoff (functions/app/send-notifications.ts). Safe to run twice or late: each
 * record is claimed before it is sent, and a run decides by the clock.
 */
import { sendDueNotifications } from '../app/send-notifications.js';
import { logger } from '../lambda/logger.js';

export const handler = async (): Promise<Record<string, number>> => {
  const sent = await sendDueNotifications();
  logger.info('notifications due sent', { sent });
  return sent;
};
