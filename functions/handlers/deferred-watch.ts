/**
 * Daily at 09:00 (Asia/Shanghai): reminds applicants whose deferred materials fall due
 * within two working days, and flags for supervision the cases whose due date has passed.
 * Idempotent: each reminder and flag is recorded on the case and never repeated.
 */
import type { ScheduledEvent } from 'aws-lambda';
import { REMIND_WORKING_DAYS, watchDeferred } from '../domain/deferred.js';
import { clock } from '../lambda/clock.js';
import { logger } from '../lambda/logger.js';
import { openCommitmentsDueBy, updateCase } from '../store/data-table.js';

/** The scheduled event says which moment the run is for; its date decides what is due. */
export const handler = async (event: Partial<ScheduledEvent> = {}): Promise<{ cases: number; changed: number }> => {
  const now = clock(event.time ? new Date(event.time) : new Date());
  const due = await openCommitmentsDueBy(now.calendar.addWorkingDays(now.today, REMIND_WORKING_DAYS));
  const cases = new Map(due.map((d) => [d.caseId, d.county]));
  let changed = 0;
  for (const [caseId, county] of cases) {
    const { change } = await updateCase(caseId, county, (c) => watchDeferred(c, now));
    if (change) changed++;
  }
  logger.info('deferred materials watched', { cases: cases.size, changed });
  return { cases: cases.size, changed };
};
