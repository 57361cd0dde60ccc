/**
 * Daily at 09:00 (Asia/Shanghai): reminds applicants whose deferred materials fall due
 * within two working days, and flags for supervision the cases whose due date has passed.
 */
import type { ScheduledEvent } from 'aws-lambda';
import { watchDeferredMaterials } from '../app/deferred.js';
import { clockOffsetMs, currentTime } from '../lambda/clock.js';

/**
 * The scheduled event says which moment the run is for; the local virtual clock moves that
 * moment as it moves every other (its offset is 0 in AWS).
 */
export const handler = async (event: Partial<ScheduledEvent> = {}): Promise<{ cases: number; changed: number }> =>
  watchDeferredMaterials(event.time ? new Date(Date.parse(event.time) + clockOffsetMs()) : currentTime());
