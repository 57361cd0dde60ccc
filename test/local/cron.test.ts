// Schedule expressions: rate and six-field cron, in UTC and in a time zone.
import { describe, expect, it } from 'vitest';
import { nextFiring, parseSchedule } from '../../local/cron.js';

const at = (iso: string) => Date.parse(iso);
const next = (expression: string, after: string, timeZone?: string) => new Date(nextFiring(parseSchedule(expression, timeZone), at(after))!).toISOString();

describe('schedule expressions', () => {
  it('fires rate schedules every period after the start', () => {
    const schedule = parseSchedule('rate(5 minutes)');
    expect(nextFiring(schedule, at('2026-11-27T00:07:00Z'), at('2026-11-27T00:00:00Z'))).toBe(at('2026-11-27T00:10:00Z'));
    expect(parseSchedule('rate(1 day)')).toEqual({ kind: 'rate', everyMs: 86_400_000 });
  });

  it('evaluates cron fields: lists, ranges, steps, names', () => {
    expect(next('cron(0/15 * * * ? *)', '2026-11-27T10:07:30Z')).toBe('2026-11-27T10:15:00.000Z');
    expect(next('cron(0 18 ? * MON-FRI *)', '2026-11-27T19:00:00Z')).toBe('2026-11-30T18:00:00.000Z'); // Fri → Mon
    expect(next('cron(30 1 1,15 * ? *)', '2026-11-27T00:00:00Z')).toBe('2026-12-01T01:30:00.000Z');
    expect(next('cron(0 0 L * ? *)', '2026-02-03T00:00:00Z')).toBe('2026-02-28T00:00:00.000Z');
    expect(next('cron(0 9 ? * 2#1 *)', '2026-11-27T00:00:00Z')).toBe('2026-12-07T09:00:00.000Z'); // first Monday
  });

  it('evaluates in the schedule time zone', () => {
    // 08:00 in Shanghai is 00:00 UTC.
    expect(next('cron(0 8 * * ? *)', '2026-11-27T01:00:00Z', 'Asia/Shanghai')).toBe('2026-11-28T00:00:00.000Z');
  });

  it('refuses what it cannot evaluate', () => {
    expect(() => parseSchedule('rate(5 fortnights)')).toThrow(/unsupported schedule/);
    expect(() => parseSchedule('cron(0 0 15W * ? *)')).toThrow(/not supported/);
  });
});
