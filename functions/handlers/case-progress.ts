/**
 * Fan-in: after a department's signed decision, completes stages, starts the next ones,
 * completes or ends the case (issuing the fee ticket when its fee point is the approval).
 * Idempotent: a replay finds the stage or case already moved on.
 */
import { progress } from '../domain/case.js';
import { withHandover } from '../domain/results.js';
import { clock } from '../lambda/clock.js';
import { feePlanOf } from '../app/fee-plans.js';
import { updateCase } from '../store/data-table.js';
import { queueWorker } from '../lambda/worker.js';

export const handler = queueWorker(async (event) => {
  await updateCase(event.caseId, event.county, (c, tasks) => {
    const now = clock();
    return withHandover(progress(c, tasks, now, feePlanOf(c)), tasks, now);
  });
});
