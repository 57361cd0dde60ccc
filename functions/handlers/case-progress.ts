/**
 * Fan-in: after a department's signed decision, completes stages, starts the next ones,
 * completes or ends the case (issuing the fee ticket when its fee point is the approval).
 * Idempotent: a replay finds the stage or case already moved on.
 */
import { progressCase } from '../app/progress-case.js';
import { queueWorker } from '../lambda/worker.js';

export const handler = queueWorker(progressCase);
