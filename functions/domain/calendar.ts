/**
 * Working days in mainland China: Saturdays and Sundays off, public holidays off, and
 * adjusted working weekends (调休上班) on, as the State Council publishes them each year.
 * Every time limit of the catalog (legal and promised) counts in these working days.
 *
 * Dates are local dates in Asia/Shanghai; internally they are day numbers (days since
 * 1970-01-01), so counting is integer arithmetic.
 */
import type { HolidayCalendar } from '../../contracts/catalog.js';
import holidays from '../../catalog/calendar/cn-holidays.json' with { type: 'json' };
import type { LocalDate } from '../../contracts/dates.js';
import { ValidationError } from './errors.js';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(n: number): { y: number; m: number; d: number } {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function isLocalDate(s: string): s is LocalDate {
  const match = LOCAL_DATE.exec(s);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1) return false;
  const civil = civilFromDays(daysFromCivil(y, m, d));
  return civil.m === m && civil.d === d;
}

/** `value` as a local date, or a 400 naming `path` (e.g. `path:day`). */
export function requireLocalDate(value: string, path: string): LocalDate {
  if (isLocalDate(value)) return value;
  throw new ValidationError(`${path.replace(/^\w+:/, '')} must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`, [{ path, message: 'is not a date YYYY-MM-DD', rule: 'not_date' }]);
}

/** Day number of a local date; throws a RangeError on anything else. */
export function dayNumber(date: string): number {
  if (!isLocalDate(date)) throw new RangeError(`Not a local date (YYYY-MM-DD): ${date}`);
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

export function fromDayNumber(n: number): LocalDate {
  const { y, m, d } = civilFromDays(n);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as LocalDate;
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

const isWeekend = (n: number): boolean => {
  const w = weekday(n);
  return w === 0 || w === 6;
};

/** Weekdays (Monday–Friday) among the day numbers (from, to]. */
function weekdaysBetween(from: number, to: number): number {
  const days = to - from;
  const weeks = Math.floor(days / 7);
  let count = weeks * 5;
  for (let n = from + weeks * 7 + 1; n <= to; n++) if (!isWeekend(n)) count++;
  return count;
}

export interface WorkingCalendar {
  isWorkingDay(date: LocalDate): boolean;
  /**
   * The date by which something received on `start` is due with a limit of `n` working
   * days: counting starts on the next working day, so the result is the n-th working
   * day after `start` (`start` itself when `n` is 0).
   */
  addWorkingDays(start: LocalDate, n: number): LocalDate;
  /**
   * Working days in (from, to]: how many working days of a limit have been used by `to`
   * for something received on `from`. Negative when `to` is before `from`.
   */
  workingDaysBetween(from: LocalDate, to: LocalDate): number;
  /** Years whose official arrangement is known; other years rest on weekends only. */
  readonly knownYears: readonly number[];
}

interface YearRules {
  /** Day numbers off although they are Monday–Friday. */
  weekdayHolidays: number[];
  /** Day numbers worked although they are Saturday or Sunday. */
  weekendWorkdays: number[];
  holidaySet: Set<number>;
  workdaySet: Set<number>;
}

export function workingCalendar(cal: HolidayCalendar): WorkingCalendar {
  const byYear = new Map<number, YearRules>();
  for (const entry of cal.years) {
    const holidaySet = new Set(entry.holidays.map(dayNumber));
    const workdaySet = new Set(entry.workdays.map(dayNumber));
    byYear.set(entry.year, {
      holidaySet,
      workdaySet,
      weekdayHolidays: [...holidaySet].filter((n) => !isWeekend(n) && !workdaySet.has(n)),
      weekendWorkdays: [...workdaySet].filter(isWeekend),
    });
  }

  const yearOf = (n: number): number => civilFromDays(n).y;

  const working = (n: number): boolean => {
    const rules = byYear.get(yearOf(n));
    if (rules?.workdaySet.has(n)) return true;
    if (rules?.holidaySet.has(n)) return false;
    return !isWeekend(n);
  };

  const between = (from: number, to: number): number => {
    if (to < from) return 0 - between(to, from); // never -0
    let count = weekdaysBetween(from, to);
    const first = yearOf(from + 1);
    const last = yearOf(to);
    for (const [year, rules] of byYear) {
      if (year < first || year > last) continue;
      for (const n of rules.weekdayHolidays) if (n > from && n <= to) count--;
      for (const n of rules.weekendWorkdays) if (n > from && n <= to) count++;
    }
    return count;
  };

  return {
    knownYears: [...byYear.keys()].sort((a, b) => a - b),
    isWorkingDay: (date) => working(dayNumber(date)),
    addWorkingDays(start, n) {
      if (!Number.isInteger(n) || n < 0) {
        throw new RangeError(`A working-day limit must be a whole number ≥ 0, got ${n}`);
      }
      let day = dayNumber(start);
      for (let left = n; left > 0; ) {
        day++;
        if (working(day)) left--;
      }
      return fromDayNumber(day);
    },
    workingDaysBetween: (from, to) => between(dayNumber(from), dayNumber(to)),
  };
}

/** The calendar of the State Council's published arrangements (catalog/calendar/cn-holidays.json). */
export const defaultCalendar: WorkingCalendar = workingCalendar(holidays satisfies HolidayCalendar);
