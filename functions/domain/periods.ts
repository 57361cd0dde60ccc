/**
 * The periods of the supervision reports (docs/reports.md), all in Shanghai days: a day
 * `2026-12-07`, an ISO week `2026-W49` (Monday to Sunday), a ten-day period `2026-12-D1`
 * (days 1–10, D2 11–20, D3 21 to the month's end) and a month `2026-12`. Also which periods
 * close on a day, for the archive.
 */
import type { PeriodKind, PeriodRange } from '../../contracts/supervision-reports.js';
import { dayNumber, fromDayNumber, isLocalDate } from './calendar.js';
import { UnprocessableError, ValidationError } from './errors.js';

export interface Period extends PeriodRange {
  /** Every day of the period, first to last. */
  days: string[];
}

const WEEK = /^(\d{4})-W(\d{2})$/;
const DEKAD = /^(\d{4})-(\d{2})-D([123])$/;
const MONTH = /^(\d{4})-(\d{2})$/;

const range = (first: number, last: number): string[] => Array.from({ length: last - first + 1 }, (_, i) => fromDayNumber(first + i));
const pad = (n: number) => String(n).padStart(2, '0');

/** 1 = Monday … 7 = Sunday (ISO). 1970-01-01 (day 0) was a Thursday. */
const isoWeekday = (n: number): number => ((((n + 3) % 7) + 7) % 7) + 1;

function lastDayOfMonth(year: number, month: number): number {
  const next = month === 12 ? dayNumber(`${year + 1}-01-01`) : dayNumber(`${year}-${pad(month + 1)}-01`);
  return next - 1;
}

function period(id: string, kind: PeriodKind, first: number, last: number): Period {
  return { id, kind, first: fromDayNumber(first), last: fromDayNumber(last), days: range(first, last) };
}

/** Monday of ISO week 1 of `year`: the week holding 4 January. */
function isoWeekOne(year: number): number {
  const jan4 = dayNumber(`${year}-01-04`);
  return jan4 - (isoWeekday(jan4) - 1);
}

/** The period a text names, or undefined when it names none (a malformed text, 2026-13, 2026-W54…). */
export function parsePeriod(text: string): Period | undefined {
  if (isLocalDate(text)) return period(text, 'day', dayNumber(text), dayNumber(text));
  let match = WEEK.exec(text);
  if (match) {
    const [year, week] = [Number(match[1]), Number(match[2])];
    const monday = isoWeekOne(year) + (week - 1) * 7;
    if (week < 1 || monday >= isoWeekOne(year + 1)) return undefined;
    return period(text, 'week', monday, monday + 6);
  }
  match = DEKAD.exec(text);
  if (match) {
    const [year, month, part] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (month < 1 || month > 12) return undefined;
    const first = dayNumber(`${year}-${pad(month)}-01`) + (part - 1) * 10;
    return period(text, 'dekad', first, part === 3 ? lastDayOfMonth(year, month) : first + 9);
  }
  match = MONTH.exec(text);
  if (match) {
    const [year, month] = [Number(match[1]), Number(match[2])];
    if (month < 1 || month > 12) return undefined;
    return period(text, 'month', dayNumber(`${year}-${pad(month)}-01`), lastDayOfMonth(year, month));
  }
  return undefined;
}

/**
 * The period a report is asked for: a 400 naming the formats when the text names none, and a
 * 422 when it starts after `today` (nothing has happened in it yet). A period under way is
 * reported up to today.
 */
export function reportPeriod(text: string, today: string): Period {
  const found = parsePeriod(text);
  if (!found) {
    throw new ValidationError(
      `period must be a day (2026-12-07), an ISO week (2026-W49), a ten-day period (2026-12-D1, D2 or D3) or a month (2026-12), got ${JSON.stringify(text)}`,
      [{ path: 'path:period', message: 'is not a day YYYY-MM-DD, week YYYY-Www, ten-day period YYYY-MM-D1|D2|D3 or month YYYY-MM', rule: 'not_period' }],
      'PERIOD_MALFORMED',
      { params: { period: text } },
    );
  }
  if (found.first > today) {
    throw new UnprocessableError('PERIOD_IN_FUTURE', `Period ${text} starts on ${found.first}, after today (${today}): there is nothing to report yet`, undefined, {
      params: { period: text, first: found.first, today },
    });
  }
  return found;
}

/** The month before a month (`2026-12` → `2026-11`), for the monthly report's trend. */
export function previousMonth(month: Period): Period {
  const first = dayNumber(month.first);
  const lastOfPrevious = fromDayNumber(first - 1);
  return parsePeriod(lastOfPrevious.slice(0, 7))!;
}

/** The ISO week of a day, `YYYY-Www`. */
export function isoWeekOf(day: string): string {
  const n = dayNumber(day);
  const thursday = n - isoWeekday(n) + 4;
  const year = Number(fromDayNumber(thursday).slice(0, 4));
  return `${year}-W${pad(Math.floor((thursday - isoWeekOne(year)) / 7) + 1)}`;
}

/**
 * The periods whose last day is the day before `today`: they closed at midnight and the
 * archive writes them (yesterday; its week on a Monday; its ten-day period on the 1st, 11th
 * and 21st; its month on the 1st).
 */
export function periodsClosedBy(today: string): Period[] {
  const yesterday = fromDayNumber(dayNumber(today) - 1);
  const candidates = [yesterday, isoWeekOf(yesterday), `${yesterday.slice(0, 7)}-D${Math.min(3, Math.floor((Number(yesterday.slice(8, 10)) - 1) / 10) + 1)}`, yesterday.slice(0, 7)];
  return candidates.map((id) => parsePeriod(id)!).filter((p) => p.last === yesterday);
}
