/**
 * The clock's part of the deadline watch (docs/supervision.md): every open task stands in the
 * timer partition of its level (`WATCH#task#<level>`), due at its next threshold. Each run
 * reads what is due in the normal, yellow and red partitions (never the severe one, where
 * nothing is ever due) and raises each task in its case's transaction; the task's timer
 * moves on in that same write, so a second or concurrent run finds nothing left to do.
 */
import { publishedCatalogs } from '../../catalog/index.js';
import type { Level } from '../../contracts/supervision.js';
import type { CaseRecord, Clock, TaskRecord } from '../domain/records.js';
import { watchTask, type ClockRules } from '../domain/supervision-clock.js';
import { requireEnv } from '../lambda/env.js';
import { logger } from '../lambda/logger.js';
import { supervisionThresholds } from '../lambda/thresholds.js';
import { strip, updateCase } from '../store/data-table.js';
import { timerPartition } from '../store/keys.js';
import { dueTimers } from '../store/timers.js';

/** The partitions where a threshold may fall due: severe is the last level. */
const WATCHED: readonly Level[] = ['normal', 'yellow', 'red'];

/** The clock's rules for a case: the legal limits of the catalog version it names, the county's thresholds. */
export function clockRulesOf(c: Pick<CaseRecord, 'catalogVersion'>): ClockRules {
  const items = new Map((publishedCatalogs[c.catalogVersion]?.items ?? []).map((item) => [item.baseCode, item.legalLimitDays]));
  return { legalLimitOf: (code) => items.get(code), thresholds: supervisionThresholds() };
}

/** Raises every task whose next threshold has passed at `clock.now`; returns how many it changed. */
export async function watchTaskLevels(clock: Clock): Promise<number> {
  const county = requireEnv('COUNTY_CODE');
  let changed = 0;
  for (const level of WATCHED) {
    const due = (await dueTimers(timerPartition('task', level), clock.now)).map((item) => strip<TaskRecord>(item)!);
    for (const task of due) {
      const { change } = await updateCase(task.caseId, county, (c, tasks) => watchTask(c, tasks, task.taskId, clock));
      if (change) changed++;
    }
    if (due.length > 0) logger.info('task levels watched', { level, due: due.length });
  }
  return changed;
}
