/**
 * The clock every decision is made by: now, today in Asia/Shanghai, the public-holiday
 * calendar. In AWS it is real time. In the local runtime it may be moved (`POST /local/clock`,
 * docs/supervision.md): the runtime hands every function the path of the file holding the
 * offset in ONETRIP_LOCAL_CLOCK, and the clock re-reads it only when the file changes, so a
 * simulated month lands on simulated days. Without the variable the file is never looked at.
 * Signatures, presigned URLs and TTLs keep real time (Date.now()): they are checked by others.
 */
import { statSync, readFileSync } from 'node:fs';
import { LOCAL_CLOCK_VARIABLE, type LocalClockFile } from '../../contracts/local-clock.js';
import { defaultCalendar } from '../domain/calendar.js';
import { shanghaiDate } from '../../contracts/dates.js';
import type { Clock } from '../domain/records.js';

let seen: { path: string; stamp: string; offsetMs: number } | undefined;

/** Milliseconds the local virtual clock is moved from real time; 0 in AWS (no variable) and when the file is absent or unreadable. */
export function clockOffsetMs(): number {
  const path = process.env[LOCAL_CLOCK_VARIABLE]?.trim();
  if (!path) return 0;
  let stamp: string;
  try {
    const stat = statSync(path);
    stamp = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 0;
  }
  if (seen?.path === path && seen.stamp === stamp) return seen.offsetMs;
  let offsetMs = 0;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LocalClockFile>;
    offsetMs = typeof parsed.offsetMs === 'number' && Number.isFinite(parsed.offsetMs) ? parsed.offsetMs : 0;
  } catch {
    offsetMs = 0;
  }
  seen = { path, stamp, offsetMs };
  return offsetMs;
}

/** The instant decisions are made at: real time, moved by the local virtual clock when there is one. */
export function currentTime(): Date {
  return new Date(Date.now() + clockOffsetMs());
}

export function clock(at: Date = currentTime()): Clock {
  return { now: at.toISOString(), today: shanghaiDate(at), calendar: defaultCalendar };
}
