/**
 * Dates on the wire: deadlines, due dates and report days are local dates in
 * Asia/Shanghai (UTC+8 all year, no daylight saving), written `YYYY-MM-DD`.
 */

/** A local date in Asia/Shanghai, `YYYY-MM-DD`. */
export type LocalDate = `${number}-${number}-${number}`;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The local date in Asia/Shanghai of an instant (by default, now). */
export function shanghaiDate(instant: Date = new Date()): LocalDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10) as LocalDate;
}
