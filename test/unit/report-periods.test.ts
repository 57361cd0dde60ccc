/** The report periods (docs/reports.md): their forms, their days, and which close on a day. */
import { describe, expect, it } from 'vitest';
import { isoWeekOf, parsePeriod, periodsClosedBy, previousMonth, reportPeriod } from '../../functions/domain/periods.js';
import { OneTripError } from '../../functions/domain/errors.js';

const span = (id: string) => {
  const p = parsePeriod(id)!;
  return [p.kind, p.first, p.last, p.days.length];
};

describe('parsePeriod', () => {
  it('reads a day, an ISO week, a ten-day period and a month', () => {
    expect(span('2026-12-07')).toEqual(['day', '2026-12-07', '2026-12-07', 1]);
    expect(span('2026-W49')).toEqual(['week', '2026-11-30', '2026-12-06', 7]);
    // ISO week 1 of 2027 starts on Monday 4 January 2027; 2026 has 53 weeks
    expect(span('2027-W01')).toEqual(['week', '2027-01-04', '2027-01-10', 7]);
    expect(span('2026-W53')).toEqual(['week', '2026-12-28', '2027-01-03', 7]);
    expect(span('2026-12-D1')).toEqual(['dekad', '2026-12-01', '2026-12-10', 10]);
    expect(span('2026-12-D2')).toEqual(['dekad', '2026-12-11', '2026-12-20', 10]);
    expect(span('2026-12-D3')).toEqual(['dekad', '2026-12-21', '2026-12-31', 11]);
    expect(span('2026-02-D3')).toEqual(['dekad', '2026-02-21', '2026-02-28', 8]);
    expect(span('2026-12')).toEqual(['month', '2026-12-01', '2026-12-31', 31]);
  });

  it('names nothing for a malformed or impossible period', () => {
    for (const text of ['2026-13', '2026-02-30', '2025-W53', '2026-W00', '2026-W54', '2026-12-D4', '2026-12-D0', 'daily/2026-12-07', '26-12', '2026-12-7', '']) {
      expect(parsePeriod(text), text).toBeUndefined();
    }
  });
});

describe('reportPeriod', () => {
  it('refuses a malformed period (400 naming the forms) and one that starts after today (422)', () => {
    const refusal = (text: string) => {
      try {
        reportPeriod(text, '2026-12-07');
      } catch (error) {
        return [(error as OneTripError).code, (error as OneTripError).kind];
      }
      return undefined;
    };
    expect(refusal('2026-12-32')).toEqual(['PERIOD_MALFORMED', 'invalid']);
    expect(refusal('2026-12-08')).toEqual(['PERIOD_IN_FUTURE', 'unprocessable']);
    expect(refusal('2026-12-D2')).toEqual(['PERIOD_IN_FUTURE', 'unprocessable']);
    expect(refusal('2027-01')).toEqual(['PERIOD_IN_FUTURE', 'unprocessable']);
    // Under way: reported up to today
    expect(refusal('2026-12')).toBeUndefined();
    expect(refusal('2026-W50')).toBeUndefined();
  });
});

describe('periodsClosedBy', () => {
  const closed = (today: string) => periodsClosedBy(today).map((p) => p.id);

  it('closes yesterday every day, the week on Mondays, the ten-day period on the 1st, 11th and 21st, the month on the 1st', () => {
    expect(closed('2026-12-08')).toEqual(['2026-12-07']);
    expect(closed('2026-12-07')).toEqual(['2026-12-06', '2026-W49']);
    expect(closed('2026-12-11')).toEqual(['2026-12-10', '2026-12-D1']);
    expect(closed('2026-12-21')).toEqual(['2026-12-20', '2026-W51', '2026-12-D2']); // a Monday too
    expect(closed('2027-01-01')).toEqual(['2026-12-31', '2026-12-D3', '2026-12']);
    expect(closed('2026-03-01')).toEqual(['2026-02-28', '2026-02-D3', '2026-02']);
  });
});

describe('weeks and months', () => {
  it('finds the ISO week of a day and the month before a month', () => {
    expect(isoWeekOf('2026-12-07')).toBe('2026-W50');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(previousMonth(parsePeriod('2026-01')!).id).toBe('2025-12');
  });
});
