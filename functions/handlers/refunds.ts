/**
 * Asks the payment provider to pay back a refund the case asked for (a second payment of a
 * paid ticket, a rejected case). The provider is idempotent on the refund id, so a
 * redelivered message asks again harmlessly; it confirms with a `refunded` callback.
 */
import { requestRefund } from '../app/request-refund.js';
import { queueWorker } from '../lambda/worker.js';

export const handler = queueWorker(requestRefund);
