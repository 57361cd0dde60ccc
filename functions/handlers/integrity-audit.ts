/**
 * Daily at 02:00 (Asia/Shanghai): verifies the timelines of a random sample of the previous
 * day's cases and raises a supervision alert for each broken one (docs/oversight.md).
 */
import type { ScheduledEvent } from 'aws-lambda';
import { auditYesterday } from '../app/integrity.js';
import { clock } from '../lambda/clock.js';

/** The scheduled event says which moment the run is for. */
export const handler = async (event: Partial<ScheduledEvent> = {}) => auditYesterday(new Date(event.time ?? clock().now));
