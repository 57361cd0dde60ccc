/** Fan-in: after a department's signed decision, completes or ends the case. Idempotent: a replay finds it concluded. */
import { progress } from '../domain/case.js';
import { updateCase } from '../store/data-table.js';
import { queueWorker } from '../shared/worker.js';

export const handler = queueWorker(async (event) => {
  await updateCase(event.caseId, event.county, (c, tasks) => progress(c, tasks, new Date().toISOString()));
});
