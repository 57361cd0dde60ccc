/**
 * Daily at 00:30 in Asia/Shanghai: archives every report period that closed at midnight
 * (yesterday; the week on Mondays; the ten-day period on the 1st, 11th and 21st; the month on
 * the 1st) into the reports bucket, with its SHA-256, once (docs/reports.md, "The archive").
 */
import type { ScheduledEvent } from 'aws-lambda';
import { archiveClosedPeriods } from '../app/supervision.js';
import { clock } from '../lambda/clock.js';
import { logger } from '../lambda/logger.js';

/** The scheduled event says which moment the run is for. */
export const handler = async (event: Partial<ScheduledEvent> = {}): Promise<{ archived: string[]; unchanged: string[] }> => {
  const result = await archiveClosedPeriods(event.time ? clock(new Date(event.time)) : clock());
  logger.info('reports archived', result);
  return result;
};
