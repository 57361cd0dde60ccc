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

/** The local time in Asia/Shanghai of an instant (by default, now), `YYYY-MM-DD HH:mm:ss`: how Alipay and SF Express write times. */
export function shanghaiDateTime(instant: Date = new Date()): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** `2026-11-27` → `2026年11月27日`. */
export function chineseDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${isoDate}`);
  const [, year, month, day] = match;
  return `${year}年${Number(month)}月${Number(day)}日`;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/**
 * A local date as a sentence in the language writes it: `2026年12月15日`, `15 December 2026`.
 * Anything not `YYYY-MM-DD` (an empty value) is left as it is.
 */
export function writtenDate(date: string, language: 'zh-CN' | 'en'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  return language === 'en' ? `${Number(match[3])} ${MONTHS_EN[Number(match[2]) - 1]} ${match[1]}` : chineseDate(date);
}
