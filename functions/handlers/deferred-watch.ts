/**
 * Daily at 09:00 (Asia/Shanghai): reminds applicants whose deferred materials fall due
 * within two working days, and flags for supervision the cases whose due date has passed.
 */
import type { ScheduledEvent } from 'aws-lambda';
import { watchDeferredMaterials } from '../app/deferred.js';

/** The scheduled event says which moment the run is for. */
export const handler = async (event: Partial<ScheduledEvent> = {}): Promise<{ cases: number; changed: number }> =>
  watchDeferredMaterials(event.time ? new Date(event.time) : new Date());
