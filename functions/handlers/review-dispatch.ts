/** Fans an accepted case out into one task per reviewing department. Idempotent: a replay finds the case dispatched. */
import { dispatch } from '../domain/case.js';
import { clock } from '../lambda/clock.js';
import { updateCase } from '../store/data-table.js';
import { queueWorker } from '../lambda/worker.js';

export const handler = queueWorker(async (event) => {
  await updateCase(event.caseId, event.county, (c) => dispatch(c, clock()));
});
