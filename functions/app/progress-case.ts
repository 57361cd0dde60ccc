/**
 * The fan-in: after a department's signed decision, completes stages, starts the next ones,
 * completes or ends the case (issuing the fee ticket when its fee point is the approval).
 * Idempotent: a replay finds the stage or case already moved on.
 */
import type { OutboxEvent } from '../../contracts/events.js';
import { progress } from '../domain/case.js';
import { withHandover } from '../domain/results.js';
import { clock } from '../lambda/clock.js';
import { updateCase } from '../store/data-table.js';
import { clockRulesOf } from './deadlines.js';
import { feePlanOf } from './fee-plans.js';

/** After a signed decision: stages, the next stages, the case's end (and its handover, when every result is in). */
export async function progressCase(event: OutboxEvent): Promise<void> {
  await updateCase(event.caseId, event.county, (c, tasks) => {
    const now = clock();
    return withHandover(progress(c, tasks, now, feePlanOf(c), clockRulesOf(c)), tasks, now);
  });
}
