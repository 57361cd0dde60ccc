/**
 * The statistics (docs/statistics.md): every counted event adds to its day's counters per
 * county, department and item, and to the open-task gauges, exactly once — the event's
 * applied marker is written in the same transaction, so a redelivery changes nothing.
 */
import { countEvent } from '../app/count-event.js';
import { queueWorker } from '../lambda/worker.js';

export const handler = queueWorker(countEvent);
