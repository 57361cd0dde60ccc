/** The clock a handler decides by: now, today in Asia/Shanghai, the public-holiday calendar. */
import { defaultCalendar } from '../domain/calendar.js';
import { shanghaiDate } from '../../contracts/dates.js';
import type { Clock } from '../domain/records.js';

export function clock(at: Date = new Date()): Clock {
  return { now: at.toISOString(), today: shanghaiDate(at), calendar: defaultCalendar };
}
