/**
 * The daily watch of deferred materials: reminds applicants whose materials fall due within
 * two working days, and flags for supervision the cases whose due date has passed.
 * Idempotent: each reminder and flag is recorded on the case and never repeated.
 */
import { REMIND_WORKING_DAYS, watchDeferred } from '../domain/deferred.js';
import { clock } from '../lambda/clock.js';
import { logger } from '../lambda/logger.js';
import { openCommitmentsDueBy, updateCase } from '../store/data-table.js';

/** The run for the moment `at`: its date decides what is due. */
export async function watchDeferredMaterials(at: Date): Promise<{ cases: number; changed: number }> {
  const now = clock(at);
  const due = await openCommitmentsDueBy(now.calendar.addWorkingDays(now.today, REMIND_WORKING_DAYS));
  const cases = new Map(due.map((d) => [d.caseId, d.county]));
  let changed = 0;
  for (const [caseId, county] of cases) {
    const { change } = await updateCase(caseId, county, (c) => watchDeferred(c, now));
    if (change) changed++;
  }
  logger.info('deferred materials watched', { cases: cases.size, changed });
  return { cases: cases.size, changed };
}
