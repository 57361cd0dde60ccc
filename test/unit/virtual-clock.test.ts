import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOCAL_CLOCK_VARIABLE } from '../../contracts/local-clock.js';
import { clock, clockOffsetMs, currentTime } from '../../functions/lambda/clock.js';
import { requestedOffset, VirtualClock } from '../../local/virtual-clock.js';

const DAY = 86_400_000;
const fileWith = (offsetMs: number) => {
  const file = join(mkdtempSync(join(tmpdir(), 'onetrip-clock-')), 'clock.json');
  new VirtualClock(file).set(offsetMs);
  return file;
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the clock functions decide by', () => {
  it('is real time without ONETRIP_LOCAL_CLOCK, as in every deployed stack, whatever file exists', () => {
    fileWith(30 * DAY);
    vi.stubEnv(LOCAL_CLOCK_VARIABLE, '');
    expect(clockOffsetMs()).toBe(0);
    expect(Math.abs(currentTime().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('follows the local file, re-reading it when it changes', () => {
    const file = fileWith(2 * DAY);
    vi.stubEnv(LOCAL_CLOCK_VARIABLE, file);
    expect(clockOffsetMs()).toBe(2 * DAY);
    expect(Date.parse(clock().now) - Date.now()).toBeGreaterThan(2 * DAY - 1000);
    new VirtualClock(file).set(-DAY);
    expect(clockOffsetMs()).toBe(-DAY);
    writeFileSync(file, 'not json');
    expect(clockOffsetMs()).toBe(0);
  });
});

describe('POST /local/clock bodies', () => {
  const real = Date.parse('2026-12-07T08:00:00Z');

  it('set an instant, advance by days, hours and minutes, or reset', () => {
    expect(requestedOffset({ at: '2026-12-08T08:00:00Z' }, 0, real)).toEqual({ offsetMs: DAY });
    expect(requestedOffset({ advance: { days: 1, hours: 2, minutes: 3 } }, DAY, real)).toEqual({ offsetMs: 2 * DAY + 2 * 3_600_000 + 3 * 60_000 });
    expect(requestedOffset({ reset: true }, DAY, real)).toEqual({ offsetMs: 0 });
  });

  it('are refused with the member named: unknown members, two at once, a date without offset, a negative advance', () => {
    expect(requestedOffset({ at: '2026-12-08' }, 0, real)).toEqual({ problems: [{ path: '/at', message: expect.stringContaining('ISO 8601') }] });
    expect(requestedOffset({ at: '2026-12-08T08:00:00Z', reset: true }, 0, real)).toEqual({ problems: [{ path: '', message: expect.stringContaining('exactly one') }] });
    expect(requestedOffset({ advance: { days: -1 } }, 0, real)).toEqual({ problems: [{ path: '/advance/days', message: expect.stringContaining('≥ 0') }] });
    expect(requestedOffset({ later: 1 }, 0, real)).toEqual({ problems: [{ path: '/later', message: expect.stringContaining('not allowed') }] });
    expect(requestedOffset({ reset: false }, 0, real)).toEqual({ problems: [{ path: '/reset', message: 'must be true' }] });
  });
});
