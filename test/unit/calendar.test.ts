import { describe, it, expect } from 'vitest';
import { defaultCalendar, dayNumber, fromDayNumber, isLocalDate, workingCalendar } from '../../functions/domain/calendar.js';
import { shanghaiDate } from '../../contracts/dates.js';
import type { LocalDate } from '../../contracts/dates.js';

const cal = defaultCalendar;

/** Day-by-day reference implementation, to check the fast paths against. */
function countWorkingDays(from: LocalDate, to: LocalDate): number {
  let count = 0;
  for (let n = dayNumber(from) + 1; n <= dayNumber(to); n++) if (cal.isWorkingDay(fromDayNumber(n))) count++;
  return count;
}

describe('working days in 2026', () => {
  it('counts the adjusted Saturday before the Spring Festival and skips the nine days off', () => {
    // Prepare: received on Friday 2026-02-13; Saturday 02-14 is worked, 02-15…02-23 are off.
    const received: LocalDate = '2026-02-13';

    // Act
    const three = cal.addWorkingDays(received, 3);
    const ten = cal.addWorkingDays(received, 10);

    // Assess: 02-14, 02-24, 02-25 …; the worked Saturday 02-28 counts too.
    expect(three).toBe('2026-02-25');
    expect(ten).toBe('2026-03-05');
    expect(cal.isWorkingDay('2026-02-14')).toBe(true);
    expect(cal.isWorkingDay('2026-02-23')).toBe(false);
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
  });

  it('counts Sunday 2026-09-20 as a working day and skips Mid-Autumn and National Day', () => {
    // Prepare / Act
    const fromFriday = cal.addWorkingDays('2026-09-18', 5);
    const acrossMidAutumn = cal.addWorkingDays('2026-09-24', 3);
    const acrossNationalDay = cal.addWorkingDays('2026-09-30', 3);

    // Assess: Saturday 09-19 is off, Sunday 09-20 is worked; 10-01…10-07 off, Saturday 10-10 worked.
    expect(fromFriday).toBe('2026-09-24');
    expect(acrossMidAutumn).toBe('2026-09-30');
    expect(acrossNationalDay).toBe('2026-10-10');
    expect(cal.isWorkingDay('2026-10-05')).toBe(false);
    expect(cal.isWorkingDay('2026-10-11')).toBe(false);
  });

  it('gives 2026 its 248 working days', () => {
    // Act
    const days = cal.workingDaysBetween('2025-12-31', '2026-12-31');

    // Assess: 261 weekdays − 19 weekday holidays + 6 worked weekend days.
    expect(days).toBe(248);
  });

  it('knows the 2025 arrangement too', () => {
    // Sunday 2025-09-28 was worked; 2025-10-01…10-08 were off.
    expect(cal.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(cal.isWorkingDay('2025-10-11')).toBe(true);
  });

  it('returns the start itself for a zero-day limit and refuses negative or fractional limits', () => {
    expect(cal.addWorkingDays('2026-02-15', 0)).toBe('2026-02-15');
    expect(() => cal.addWorkingDays('2026-02-13', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-02-13', 1.5)).toThrow(RangeError);
  });
});

describe('years without a published arrangement', () => {
  it('rests on Saturdays and Sundays only in 2027', () => {
    // Prepare: no 2027 arrangement is known, so New Year's Day (a Friday) is a working day.
    expect(cal.knownYears).toEqual([2025, 2026]);

    // Act / Assess
    expect(cal.isWorkingDay('2027-01-01')).toBe(true);
    expect(cal.isWorkingDay('2027-01-02')).toBe(false);
    expect(cal.addWorkingDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(cal.addWorkingDays('2027-01-01', 1)).toBe('2027-01-04');
    expect(cal.workingDaysBetween('2026-12-31', '2027-12-31')).toBe(261);
  });

  it('falls back to weekends for every year of an empty calendar', () => {
    const plain = workingCalendar({ years: [] });
    expect(plain.isWorkingDay('2026-10-01')).toBe(true);
    expect(plain.addWorkingDays('2026-09-18', 5)).toBe('2026-09-25');
  });
});

describe('workingDaysBetween', () => {
  it('is the inverse of addWorkingDays for every start from December 2025 to February 2027', () => {
    // Prepare
    const first = dayNumber('2025-12-01');
    const last = dayNumber('2027-02-01');
    const mismatches: string[] = [];

    // Act
    for (let n = first; n <= last; n++) {
      const start = fromDayNumber(n);
      for (const limit of [0, 1, 3, 5, 10, 20]) {
        const due = cal.addWorkingDays(start, limit);
        if (cal.workingDaysBetween(start, due) !== limit) mismatches.push(`${start}+${limit}`);
        if (limit > 0 && !cal.isWorkingDay(due)) mismatches.push(`${start}+${limit} is a day off`);
      }
    }

    // Assess
    expect(mismatches).toEqual([]);
  });

  it('agrees with a day-by-day count, and is negative when the dates are reversed', () => {
    const pairs: [LocalDate, LocalDate][] = [
      ['2026-09-30', '2026-10-31'],
      ['2026-02-01', '2026-03-01'],
      ['2024-12-15', '2025-02-15'],
      ['2026-05-01', '2026-05-01'],
    ];
    for (const [from, to] of pairs) {
      expect(cal.workingDaysBetween(from, to)).toBe(countWorkingDays(from, to));
      expect(cal.workingDaysBetween(to, from)).toBe(0 - cal.workingDaysBetween(from, to));
    }
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-31')).toBe(18);
    expect(cal.workingDaysBetween('2026-10-04', '2026-10-03')).toBe(0);
  });
});

describe('shanghaiDate', () => {
  it('turns the date at 16:00 UTC, which is midnight in Shanghai', () => {
    expect(shanghaiDate(new Date('2026-02-14T15:59:59.999Z'))).toBe('2026-02-14');
    expect(shanghaiDate(new Date('2026-02-14T16:00:00.000Z'))).toBe('2026-02-15');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
    expect(shanghaiDate(new Date('2026-03-01T00:00:00+08:00'))).toBe('2026-03-01');
  });

  it('refuses an invalid Date', () => {
    expect(() => shanghaiDate(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('local dates', () => {
  it('accepts real dates only', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-2-1')).toBe(false);
    expect(() => cal.isWorkingDay('2026-13-01')).toThrow(RangeError);
  });

  it('round-trips day numbers', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(dayNumber('2026-11-28'))).toBe('2026-11-28');
    expect(fromDayNumber(-1)).toBe('1969-12-31');
  });
});
