// EventBridge schedule expressions: `rate(N unit)` and the six-field `cron(...)`
// (minutes hours day-of-month month day-of-week year), evaluated in a time zone.
import { TemplateError } from './errors.js';

export type Schedule = { kind: 'rate'; everyMs: number } | { kind: 'cron'; fields: CronFields; timeZone: string };

interface CronFields {
  minutes: Set<number>;
  hours: Set<number>;
  /** Days of month; `last` is the L marker. */
  days: { any: boolean; values: Set<number>; last: boolean };
  months: Set<number>;
  /** Days of week 1-7 (SUN-SAT); `nth` holds `d#k`, `lastOf` holds `dL`. */
  weekdays: { any: boolean; values: Set<number>; nth: Array<[number, number]>; lastOf: Set<number> };
  years: Set<number> | undefined;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function numberOf(text: string, names: string[] | undefined, offset: number): number {
  const index = names?.indexOf(text.toUpperCase()) ?? -1;
  if (index >= 0) return index + offset;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new TemplateError(`bad cron value "${text}"`);
  return value;
}

function parseField(text: string, min: number, max: number, names?: string[], offset = 1): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '*', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let from = min;
    let to = max;
    if (range !== '*') {
      const [start = '', end] = range.split('-');
      from = numberOf(start, names, offset);
      to = end === undefined ? (stepText === undefined ? from : max) : numberOf(end, names, offset);
    }
    if (from < min || to > max || step < 1) throw new TemplateError(`cron field "${text}" is out of range ${min}-${max}`);
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

export function parseSchedule(expression: string, timeZone = 'UTC'): Schedule {
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/.exec(expression.trim());
  if (rate) {
    const unit = rate[2]!.startsWith('minute') ? 60_000 : rate[2]!.startsWith('hour') ? 3_600_000 : 86_400_000;
    return { kind: 'rate', everyMs: Number(rate[1]) * unit };
  }
  const cron = /^cron\((.*)\)$/.exec(expression.trim());
  const parts = cron?.[1]?.trim().split(/\s+/);
  if (!parts || parts.length !== 6) throw new TemplateError(`unsupported schedule expression "${expression}"`);
  const [minutes, hours, days, months, weekdays, years] = parts as [string, string, string, string, string, string];
  if (/W/.test(days)) throw new TemplateError(`cron "W" (nearest weekday) is not supported locally: "${expression}"`);
  const weekdayValues = new Set<number>();
  const nth: Array<[number, number]> = [];
  const lastOf = new Set<number>();
  if (weekdays !== '?' && weekdays !== '*') {
    for (const part of weekdays.split(',')) {
      const hash = /^(\w+)#(\d)$/.exec(part);
      const last = /^(\w+)L$/.exec(part);
      if (hash) nth.push([numberOf(hash[1]!, WEEKDAYS, 1), Number(hash[2])]);
      else if (last) lastOf.add(numberOf(last[1]!, WEEKDAYS, 1));
      else if (part === 'L') lastOf.add(7);
      else parseField(part, 1, 7, WEEKDAYS).forEach((value) => weekdayValues.add(value));
    }
  }
  const dayParts = days === '?' || days === '*' ? [] : days.split(',');
  return {
    kind: 'cron',
    timeZone,
    fields: {
      minutes: parseField(minutes, 0, 59),
      hours: parseField(hours, 0, 23),
      days: {
        any: days === '*' || days === '?',
        last: dayParts.includes('L'),
        values: dayParts.filter((part) => part !== 'L').length > 0 ? parseField(dayParts.filter((part) => part !== 'L').join(','), 1, 31) : new Set(),
      },
      months: parseField(months, 1, 12, MONTHS),
      weekdays: { any: weekdays === '*' || weekdays === '?', values: weekdayValues, nth, lastOf },
      years: years === '*' ? undefined : parseField(years, 1970, 2199),
    },
  };
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 1-7, SUN-SAT. */
  weekday: number;
  daysInMonth: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localTime(instant: number, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  const year = Number(parts.year);
  const month = Number(parts.month);
  return {
    year,
    month,
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(String(parts.weekday).toUpperCase()) + 1,
    daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
  };
}

function dayMatches(fields: CronFields, time: LocalTime): boolean {
  const { days, weekdays } = fields;
  const byDay = days.values.has(time.day) || (days.last && time.day === time.daysInMonth);
  const byWeekday =
    weekdays.values.has(time.weekday) ||
    weekdays.nth.some(([weekday, n]) => weekday === time.weekday && Math.ceil(time.day / 7) === n) ||
    (weekdays.lastOf.has(time.weekday) && time.day + 7 > time.daysInMonth);
  if (days.any && weekdays.any) return true;
  if (days.any) return byWeekday;
  if (weekdays.any) return byDay;
  return byDay || byWeekday;
}

/** The first firing strictly after `after` (ms since epoch), or undefined within ~5 years. */
export function nextFiring(schedule: Schedule, after: number, startedAt = after): number | undefined {
  if (schedule.kind === 'rate') {
    const elapsed = Math.max(0, after - startedAt);
    return startedAt + (Math.floor(elapsed / schedule.everyMs) + 1) * schedule.everyMs;
  }
  const { fields, timeZone } = schedule;
  let candidate = Math.floor(after / 60_000) * 60_000 + 60_000;
  const limit = after + 5 * 366 * 86_400_000;
  while (candidate < limit) {
    const time = localTime(candidate, timeZone);
    if (fields.years && !fields.years.has(time.year)) {
      candidate += 86_400_000;
    } else if (!fields.months.has(time.month) || !dayMatches(fields, time)) {
      // On to the next local midnight.
      candidate += ((23 - time.hour) * 60 + (60 - time.minute)) * 60_000;
    } else if (!fields.hours.has(time.hour)) {
      candidate += (60 - time.minute) * 60_000;
    } else if (!fields.minutes.has(time.minute)) {
      candidate += 60_000;
    } else {
      return candidate;
    }
  }
  return undefined;
}
