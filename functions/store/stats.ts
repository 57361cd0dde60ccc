/**
 * Reading the statistics (functions/store/keys.ts: `statsKey`, `gaugeKey`) and the open items
 * the board lists, at a cost that does not grow with the number of cases: a day's rows are
 * one Query on `STATS#<day>` (every scope of the day: the county, each department and each
 * item with something that day), known rows one BatchGetItem, the gauges one Query on
 * `GAUGE`, and the open red, severe, warned tasks, orders and rectifications a bounded Query
 * on their timer partition (functions/store/timers.ts). Written only by `supervision-stats`.
 */
import type { Counters } from '../../contracts/supervision-reports.js';
import type { StatsScope } from '../../contracts/supervision.js';
import type { StatsRow } from '../domain/reports.js';
import { batchGetItems, queryAll } from './data-table.js';
import { gaugeKey, statsKey } from './keys.js';

/** The counters of an item: every number but the keys. */
function countersOf(item: Record<string, unknown>): Counters {
  const counters: Counters = {};
  for (const [name, value] of Object.entries(item)) if (typeof value === 'number' && name !== 'expiresAt') counters[name] = value;
  return counters;
}

/** Every row of a day (all scopes), one Query. */
export async function statsOfDay(day: string): Promise<StatsRow[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': statsKey(day, 'ALL').pk } });
  return items.map((item) => ({ day, scope: String(item.sk), counters: countersOf(item) }));
}

/** Every row of the days, one Query a day. */
export async function statsOfDays(days: readonly string[]): Promise<StatsRow[]> {
  return (await Promise.all(days.map(statsOfDay))).flat();
}

/** The rows of one scope on each of the days (absent rows read as no counters), one BatchGetItem per 100 days. */
export async function statsOfScope(days: readonly string[], scope: StatsScope): Promise<StatsRow[]> {
  const found = await batchGetItems(days.map((day) => statsKey(day, scope)));
  const byDay = new Map(found.map((item) => [String(item.pk).slice('STATS#'.length), countersOf(item)]));
  return days.map((day) => ({ day, scope, counters: byDay.get(day) ?? {} }));
}

/** The open tasks by level of every scope (`ALL`, `DEPT#…`), one Query. */
export async function gauges(): Promise<Array<{ scope: string; counters: Counters }>> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': gaugeKey('ALL').pk } });
  return items.map((item) => ({ scope: String(item.sk), counters: countersOf(item) }));
}
