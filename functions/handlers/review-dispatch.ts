/** Fans an accepted case out into one task per reviewing department. Idempotent: a replay finds the case dispatched. */
import { dispatchReview } from '../app/dispatch-review.js';
import { queueWorker } from '../lambda/worker.js';

export const handler = queueWorker(dispatchReview);
