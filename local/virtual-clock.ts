// The local runtime's virtual clock (docs/supervision.md, "The virtual clock"): how far the
// functions' clock is moved from real time, kept in the data dir (`clock.json`, so a restart
// keeps it and `--fresh` drops it). Every function gets the file's path in ONETRIP_LOCAL_CLOCK
// and functions/lambda/clock.ts adds the offset to every decision's "now", re-reading the
// file only when it changes. The runtime itself (its scheduled rules, its sandboxes) keeps
// real time: a schedule fires every 15 real minutes and the watch it runs reads the virtual now.
// Never in a deployed stack: the variable is set only here.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { LocalClockFile } from '../contracts/local-clock.js';

/** What `GET /local/clock` answers. */
export interface ClockReading {
  /** The functions' now, ISO. */
  now: string;
  offsetMs: number;
  virtual: boolean;
}

/** A problem with a `POST /local/clock` body: the member and what is wrong. */
export interface ClockInputProblem {
  path: string;
  message: string;
}

const ADVANCE_UNITS = { days: 86_400_000, hours: 3_600_000, minutes: 60_000 } as const;
/** An instant with its offset, as the API writes them (`2026-12-07T09:00:00+08:00`, `…Z`). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The new offset a `POST /local/clock` body asks for, or the problems with it. */
export function requestedOffset(input: unknown, offsetMs: number, realNow: number): { offsetMs: number } | { problems: ClockInputProblem[] } {
  const usage = 'send exactly one of {"at":"<ISO instant>"}, {"advance":{"days":n,"hours":n,"minutes":n}} or {"reset":true}';
  if (!isRecord(input)) return { problems: [{ path: '', message: usage }] };
  const members = Object.keys(input);
  const unknown = members.filter((key) => !['at', 'advance', 'reset'].includes(key));
  if (unknown.length > 0) return { problems: unknown.map((key) => ({ path: `/${key}`, message: `not allowed: ${usage}` })) };
  if (members.length !== 1) return { problems: [{ path: '', message: usage }] };
  if ('at' in input) {
    const at = input.at;
    if (typeof at !== 'string' || !ISO_INSTANT.test(at) || Number.isNaN(Date.parse(at))) {
      return { problems: [{ path: '/at', message: 'must be an ISO 8601 instant with its offset, e.g. 2026-12-07T09:00:00+08:00' }] };
    }
    return { offsetMs: Date.parse(at) - realNow };
  }
  if ('reset' in input) {
    return input.reset === true ? { offsetMs: 0 } : { problems: [{ path: '/reset', message: 'must be true' }] };
  }
  const advance = input.advance;
  if (!isRecord(advance) || Object.keys(advance).length === 0) return { problems: [{ path: '/advance', message: 'must be an object with days, hours and/or minutes' }] };
  const problems: ClockInputProblem[] = [];
  let ms = 0;
  for (const [unit, value] of Object.entries(advance)) {
    if (!(unit in ADVANCE_UNITS)) problems.push({ path: `/advance/${unit}`, message: 'not allowed: days, hours or minutes' });
    else if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) problems.push({ path: `/advance/${unit}`, message: 'must be a whole number ≥ 0 (the clock moves forward; set "at" to go back)' });
    else ms += value * ADVANCE_UNITS[unit as keyof typeof ADVANCE_UNITS];
  }
  return problems.length > 0 ? { problems } : { offsetMs: offsetMs + ms };
}

export class VirtualClock {
  constructor(readonly file: string) {}

  get offsetMs(): number {
    if (!existsSync(this.file)) return 0;
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<LocalClockFile>;
      return typeof parsed.offsetMs === 'number' && Number.isFinite(parsed.offsetMs) ? parsed.offsetMs : 0;
    } catch {
      return 0;
    }
  }

  read(realNow = Date.now()): ClockReading {
    const offsetMs = this.offsetMs;
    return { now: new Date(realNow + offsetMs).toISOString(), offsetMs, virtual: offsetMs !== 0 };
  }

  /** Written whole and renamed, so a function never reads half a file. */
  set(offsetMs: number): void {
    const staging = `${this.file}.${process.pid}.tmp`;
    writeFileSync(staging, JSON.stringify({ offsetMs } satisfies LocalClockFile));
    renameSync(staging, this.file);
  }
}
