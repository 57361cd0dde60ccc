/**
 * The statistics, maintained incrementally (docs/statistics.md): each event adds to its
 * day's rows and to the open-task gauges, once. Counts from the event alone; never reads a case.
 */
import type { OutboxEvent } from '../../contracts/events.js';
import { incrementsOf } from '../domain/statistics.js';
import { logger } from '../lambda/logger.js';
import { eventData } from '../lambda/worker.js';
import { applyOnce } from '../store/statistics.js';

export const STATS_CONSUMER = 'supervision-stats';

export async function countEvent(event: OutboxEvent): Promise<void> {
  const increments = eventData(event, () => incrementsOf(event));
  const outcome = await applyOnce(STATS_CONSUMER, event.eventId, increments, new Date());
  logger.info('event counted', { type: event.type, outcome, rows: increments.rows.length, gauges: increments.gauges.length });
}
