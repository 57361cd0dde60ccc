/** The access log as supervision reads it (docs/need-to-know.md): a Shanghai day's unmasked reads, oldest first, a page at a time. */
import type { AccessLogPage } from '../../contracts/staff.js';
import { requireLocalDate } from '../domain/calendar.js';
import { requireRole, type Staff } from '../domain/staff.js';
import { decodeCursor, encodeCursor } from '../lambda/cursor.js';
import { accessEntriesOf, accessLogPartition } from '../store/access-log.js';

export async function accessLogOf(staff: Staff, day: string, page: { limit: number; cursor?: string }): Promise<AccessLogPage> {
  requireRole(staff, 'supervisor', 'admin');
  requireLocalDate(day, 'path:day');
  const start = page.cursor === undefined ? undefined : decodeCursor(page.cursor, 'pk', accessLogPartition(day));
  const { entries, last } = await accessEntriesOf(day, page.limit, start);
  return { day, entries, ...(last ? { next: encodeCursor(last) } : {}) };
}
