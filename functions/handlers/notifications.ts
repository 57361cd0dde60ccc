/**
 * The notifications consumer (docs/notifications.md): on each event that tells someone
 * something, its notifications recorded once per recipient and channel, and those due now
 * sent. Idempotent: a redelivered event finds its records and sends nothing twice.
 */
import { notify } from '../app/notify.js';
import { queueWorker } from '../lambda/worker.js';

export const handler = queueWorker(notify);
