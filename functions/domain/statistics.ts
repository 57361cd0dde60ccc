/**
 * The statistics (docs/statistics.md): what one event adds to the counters of its Shanghai
 * day and to the open-task gauges. A pure function of the event alone — never of a case, of
 * another event, or of the order they arrive in — so applying each event once, with ADD,
 * ends in the same figures whatever the order of delivery.
 */
import { shanghaiDate } from '../../contracts/dates.js';
import { consumers, type OutboxEvent } from '../../contracts/events.js';
import { VISIT_REASONS } from '../../contracts/staff.js';
import {
  histogramCounter,
  LEVELS,
  RATING_GRADES,
  type Counter,
  type Gauge,
  type Level,
  type StatsScope,
} from '../../contracts/supervision.js';

/** Counters to add on one row of one day. */
export interface RowIncrement {
  day: string;
  scope: StatsScope;
  add: Partial<Record<Counter, number>>;
}

/** Open tasks by level to add (or take away, negative) on one gauge row. */
export interface GaugeIncrement {
  scope: StatsScope;
  add: Partial<Record<Gauge, number>>;
}

export interface Increments {
  rows: RowIncrement[];
  gauges: GaugeIncrement[];
}

/** The event types the statistics count: exactly what the `supervision-stats` consumer subscribes to. */
export const COUNTED_EVENTS = consumers['supervision-stats'];
export type CountedEvent = (typeof COUNTED_EVENTS)[number];

// ---- reading an event's data: a RangeError names what is wrong --------------------------------

type Data = Record<string, unknown>;

function text(data: Data, field: string): string {
  const value = data[field];
  if (typeof value !== 'string' || value === '') throw new RangeError(`${field} must be a non-empty string`);
  return value;
}

function count(data: Data, field: string): number {
  const value = data[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new RangeError(`${field} must be a whole number ≥ 0`);
  return value;
}

function flag(data: Data, field: string): boolean {
  const value = data[field];
  if (typeof value !== 'boolean') throw new RangeError(`${field} must be true or false`);
  return value;
}

function oneOf<T extends string>(data: Data, field: string, values: readonly T[]): T {
  const value = data[field];
  if (!values.includes(value as T)) throw new RangeError(`${field} must be one of ${values.join(', ')}`);
  return value as T;
}

function texts(data: Data, field: string): string[] {
  const value = data[field];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) throw new RangeError(`${field} must be a list of non-empty strings`);
  return value as string[];
}

const level = (data: Data, field: string): Level => oneOf(data, field, LEVELS);

// ---- the table --------------------------------------------------------------------------------

const one = (when = true) => (when ? 1 : 0);

/** What completed (a case or a decided task) adds: on time or late, days used and the limits, the histogram. */
function completion(data: Data): Partial<Record<Counter, number>> {
  const workingDays = count(data, 'workingDays');
  const onTime = flag(data, 'onTime');
  return {
    completed: 1,
    completedOnTime: one(onTime),
    completedLate: one(!onTime),
    daysUsed: workingDays,
    promisedDays: count(data, 'promisedDays'),
    legalDays: count(data, 'legalDays'),
    [histogramCounter(workingDays)]: 1,
  };
}

/**
 * What `event` adds to the statistics of its day: rows and gauges, each scope at most once,
 * zero increments left out. Throws a RangeError on data it cannot read, and for a type it
 * does not count.
 */
export function incrementsOf(event: Pick<OutboxEvent, 'type' | 'occurredAt' | 'data'>): Increments {
  const occurred = new Date(event.occurredAt);
  if (Number.isNaN(occurred.getTime())) throw new RangeError('occurredAt must be an instant');
  const day = shanghaiDate(occurred);
  const data = (event.data ?? {}) as Data;
  if (typeof data !== 'object' || Array.isArray(data)) throw new RangeError('data must be an object');
  const rows: RowIncrement[] = [];
  const gauges: GaugeIncrement[] = [];
  const row = (scope: StatsScope, add: Partial<Record<Counter, number>>) => rows.push({ day, scope, add });
  const gauge = (scope: StatsScope, add: Partial<Record<Gauge, number>>) => gauges.push({ scope, add });
  /** Case-level counters: the county and the case's service (item or bundle). */
  const caseRows = (add: Partial<Record<Counter, number>>) => {
    row('ALL', add);
    row(`ITEM#${text(data, 'service')}`, add);
  };
  /** Task-level counters: the task's department; `alsoAll` the ones the county's row holds too. */
  const taskRows = (add: Partial<Record<Counter, number>>, alsoAll: Partial<Record<Counter, number>> = {}) => {
    row(`DEPT#${text(data, 'department')}`, { ...add, ...alsoAll });
    row('ALL', alsoAll);
  };
  /** Open tasks, on the county's gauge and the department's. */
  const openTasks = (add: Partial<Record<Gauge, number>>) => {
    gauge('ALL', add);
    gauge(`DEPT#${text(data, 'department')}`, add);
  };
  /** On the county's row and the department's. */
  const countyAndDepartment = (add: Partial<Record<Counter, number>>) => {
    row('ALL', add);
    row(`DEPT#${text(data, 'department')}`, add);
  };

  const type = event.type as CountedEvent;
  switch (type) {
    case 'case.submitted':
      caseRows({
        received: 1,
        materialsAsked: count(data, 'materialsAsked'),
        materialsSeparately: count(data, 'materialsSeparately'),
        materialsReused: count(data, 'materialsReused'),
      });
      break;
    case 'case.accepted':
      caseRows({ accepted: 1, acceptedFirst: one(flag(data, 'firstPreReview')) });
      break;
    case 'case.deficient':
      caseRows({ deficient: 1 });
      break;
    case 'case.corrected':
      caseRows({ corrected: 1 });
      break;
    case 'case.rejected':
      caseRows({ rejected: 1 });
      break;
    case 'case.completed':
      caseRows(completion(data));
      break;
    case 'case.visited': {
      const reason = oneOf(data, 'reason', VISIT_REASONS);
      caseRows({ trips: 1, visits: one(flag(data, 'first')), [`visit_${reason}`]: 1 });
      break;
    }
    case 'task.created':
      taskRows({ received: 1 });
      // A task opens at its level when the event names one (the clock's), else normal.
      openTasks({ [`open_${data.level === undefined ? 'normal' : level(data, 'level')}`]: 1 });
      break;
    case 'task.approved':
    case 'task.rejected':
      taskRows(
        { ...completion(data), [type === 'task.approved' ? 'approved' : 'rejected']: 1 },
        { atWindow: one(flag(data, 'atWindow')), signedDirectly: one(flag(data, 'signedDirectly')) },
      );
      openTasks({ [`open_${level(data, 'level')}`]: -1 });
      break;
    case 'task.transferred':
      taskRows({}, { transferred: 1 });
      break;
    case 'task.referred':
      taskRows({}, { referred: 1 });
      break;
    case 'task.warned':
    case 'task.overdue':
    case 'task.severe': {
      const counter = ({ 'task.warned': 'yellow', 'task.overdue': 'red', 'task.severe': 'severe' } as const)[type];
      taskRows({}, { [counter]: 1 });
      const from = level(data, 'from');
      const to = level(data, 'to');
      if (from !== to) openTasks({ [`open_${from}`]: -1, [`open_${to}`]: 1 });
      break;
    }
    case 'task.withdrawn':
      openTasks({ [`open_${level(data, 'level')}`]: -1 });
      break;
    case 'supervision.ordered':
      countyAndDepartment({ orders: 1 });
      break;
    case 'supervision.escalated':
      countyAndDepartment({ redCards: 1 });
      break;
    case 'rectification.opened':
      countyAndDepartment({ rectifications: 1 });
      break;
    case 'ticket.paid': {
      row('ALL', { feesFen: count(data, 'amountFen') });
      const splits = data.splits;
      if (!Array.isArray(splits)) throw new RangeError('splits must be a list');
      for (const split of splits as Data[]) row(`DEPT#${text(split, 'department')}`, { feesFen: count(split, 'amountFen') });
      break;
    }
    case 'refund.completed':
      row('ALL', { refundedFen: count(data, 'amountFen') });
      break;
    case 'rating.submitted': {
      const grade = oneOf(data, 'grade', RATING_GRADES);
      const add = { ratings: 1, [`rating_${grade}`]: 1 };
      caseRows(add);
      for (const department of new Set(texts(data, 'departments'))) row(`DEPT#${department}`, add);
      break;
    }
    default:
      throw new RangeError(`${event.type} is not counted by the statistics`);
  }
  return { rows: merged(rows, (r) => `${r.day}|${r.scope}`), gauges: merged(gauges, (g) => g.scope) };
}

/** One increment per row (a transaction writes an item once), zeros left out, rows with nothing left dropped. */
function merged<T extends { add: Partial<Record<string, number>> }>(increments: T[], keyOf: (t: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const inc of increments) {
    const key = keyOf(inc);
    const into = byKey.get(key) ?? { ...inc, add: {} };
    for (const [name, n] of Object.entries(inc.add)) {
      if (n !== undefined) (into.add as Record<string, number>)[name] = ((into.add as Record<string, number>)[name] ?? 0) + n;
    }
    byKey.set(key, into);
  }
  return [...byKey.values()]
    .map((inc) => ({ ...inc, add: Object.fromEntries(Object.entries(inc.add).filter(([, n]) => n !== 0)) }))
    .filter((inc) => Object.keys(inc.add).length > 0);
}
