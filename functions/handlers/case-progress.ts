/**
 * Fan-in: after a department's signed decision, completes stages, starts the next ones,
 * completes or ends the case. Idempotent: a replay finds the stage or case already moved on.
 */
import { progress } from '../domain/case.js';
import { clock } from '../shared/clock.js';
import { updateCase } from '../store/data-table.js';
import { queueWorker } from '../shared/worker.js';

export const handler = queueWorker(async (event) => {
  await updateCase(event.caseId, event.county, (c, tasks) => progress(c, tasks, clock()));
});
