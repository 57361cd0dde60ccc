/**
 * An item's public performance (docs/reports.md, docs/indicators.md): the last 30 days of
 * its cases, read from the item's statistics rows only.
 */
import type { ItemPerformance } from '../../contracts/supervision-reports.js';
import { dayNumber, fromDayNumber } from '../domain/calendar.js';
import { findItem } from '../domain/catalog.js';
import { NotFoundError } from '../domain/errors.js';
import { indicatorsOf, ratingSummary, sumCounters } from '../domain/indicators.js';
import { clock } from '../lambda/clock.js';
import { statsOfScope } from '../store/stats.js';
import { servedCatalog } from './served-catalog.js';

/** How many days an item's public performance covers, today included. */
export const PERFORMANCE_DAYS = 30;

/** `GET /v1/catalog/items/{itemCode}/performance`: the last 30 days of the item's cases, nulls without data. */
export async function itemPerformance(itemCode: string): Promise<ItemPerformance> {
  const { source, regionCode, level } = servedCatalog();
  const item = findItem(source, itemCode, { regionCode, level });
  if (!item) {
    throw new NotFoundError(`Item ${itemCode} is not in catalog ${source.manifest.version} at this level`, 'ITEM_NOT_FOUND', { params: { code: itemCode, version: source.manifest.version } });
  }
  const today = clock().today;
  const days = Array.from({ length: PERFORMANCE_DAYS }, (_, i) => fromDayNumber(dayNumber(today) - PERFORMANCE_DAYS + 1 + i));
  const counters = sumCounters((await statsOfScope(days, `ITEM#${item.baseCode}`)).map((r) => r.counters));
  const i = indicatorsOf(counters);
  return {
    itemCode: item.baseCode,
    from: days[0]!,
    to: today,
    completed: counters.completed ?? 0,
    averageDays: i.averageDays,
    medianDays: i.medianDays,
    p90Days: i.p90Days,
    onTimeRate: i.onTimeRate,
    tripsPerCase: i.tripsPerCase,
    satisfaction: i.satisfaction,
    ratings: ratingSummary(counters).ratings,
  };
}
