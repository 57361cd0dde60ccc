/**
 * What the statistics need of a decision, measured when it is taken and carried in its event
 * (contracts/supervision.ts): the `supervision-stats` consumer counts from the events alone
 * and never reads a case, so every figure it adds is fixed here, from the records the
 * decision already holds and the published catalog version the case names.
 */
import { publishedCatalogs } from '../../catalog/index.js';
import type { CatalogSource, ServiceItem } from '../../contracts/catalog.js';
import { shanghaiDate } from '../../contracts/dates.js';
import type { CaseCompletedData, CaseSubmittedData, TaskDecidedData } from '../../contracts/supervision.js';
import type { CaseRecord, Clock, TaskRecord } from './records.js';
import { legalDaysOf } from './supervision-clock.js';

/** The code the case's statistics are kept under: its item code, or its bundle code. */
export const serviceOf = (c: Pick<CaseRecord, 'itemCode' | 'bundleCode'>): string => c.bundleCode ?? c.itemCode ?? '';

/** The catalog items a task or stage item names: a merged joint review is `A+B`. */
function itemsOf(source: Pick<CatalogSource, 'items'> | undefined, itemCode: string): ServiceItem[] {
  return itemCode.split('+').flatMap((code) => source?.items.filter((i) => i.baseCode === code) ?? []);
}

/** The legal limit a catalog version gives an item (by base code). */
const legalLimitIn = (source: Pick<CatalogSource, 'items'> | undefined) => (code: string) => source?.items.find((i) => i.baseCode === code)?.legalLimitDays;

/**
 * What a decided task's event carries: `workingDays` from the day it was created to the day
 * it was decided, less the working days it spent suspended; its limits (the clock's fields
 * where set, else its stage's limit and its item's legal limit); on time when decided by its
 * deadline (which a suspension moved); at the window unless transferred; signed directly
 * unless referred to a leader.
 */
export function taskDecidedData(c: Pick<CaseRecord, 'stages' | 'catalogVersion'>, task: TaskRecord, { today, calendar }: Clock): TaskDecidedData {
  const created = shanghaiDate(new Date(task.createdAt));
  const stageLimit = c.stages.find((s) => s.index === task.stage)?.limitDays ?? 0;
  const promisedDays = task.promisedDays ?? stageLimit;
  return {
    taskId: task.taskId,
    department: task.department,
    itemCode: task.itemCode,
    stage: task.stage,
    level: task.level ?? 'normal',
    workingDays: Math.max(0, calendar.workingDaysBetween(created, today) - task.suspendedDays),
    promisedDays,
    legalDays: task.legalDays ?? legalDaysOf(task.itemCode, promisedDays, legalLimitIn(publishedCatalogs[c.catalogVersion])),
    onTime: today <= task.deadline,
    atWindow: task.transferred === undefined,
    signedDirectly: task.referral === undefined,
  };
}

/**
 * What `case.completed` carries: `workingDays` from acceptance to completion, less the
 * working days its tasks were suspended (each moved the promised and legal dates by as
 * many); its promised and legal limits over the same span (the clock's, docs/supervision.md);
 * on time when completed by the promised date.
 */
export function caseCompletedData(c: CaseRecord, { today, calendar }: Clock): CaseCompletedData {
  const suspended = c.stages.reduce((sum, s) => sum + s.suspendedDays, 0);
  const from = c.acceptedOn ?? c.submittedOn;
  return {
    service: serviceOf(c),
    workingDays: Math.max(0, calendar.workingDaysBetween(from, today) - suspended),
    promisedDays: c.promisedLimitDays,
    // A case accepted before the clock recorded its legal date: its promise stands in.
    legalDays: c.legalDate ? Math.max(0, calendar.workingDaysBetween(from, c.legalDate) - suspended) : c.promisedLimitDays,
    onTime: today <= c.promisedDate,
  };
}

/**
 * What `case.submitted` carries. `materialsSeparately`: Σ over the case's items of the
 * materials each asks when applied for alone (its required ones). `materialsAsked`: what this
 * case asked the applicant to bring, each once: uploaded or deferred under a commitment (a
 * material the bundle produces itself, or a proof taken from the library, is not asked).
 * `materialsReused`: the proofs taken from the certificate library. So the materials saved,
 * `separately − asked`, are the bundle's merging plus the library's reuse (docs/statistics.md).
 */
export function caseSubmittedData(c: CaseRecord, source = publishedCatalogs[c.catalogVersion]): CaseSubmittedData {
  const items = c.stages.flatMap((s) => s.items.flatMap((i) => itemsOf(source, i.itemCode)));
  return {
    ...(c.itemCode ? { itemCode: c.itemCode } : {}),
    ...(c.bundleCode ? { bundleCode: c.bundleCode } : {}),
    service: serviceOf(c),
    catalogVersion: c.catalogVersion,
    departments: c.departments,
    materialsAsked: new Set([...c.materials, ...c.deferred].map((m) => m.materialCode)).size,
    materialsSeparately: items.reduce((sum, item) => sum + item.materials.filter((m) => m.required).length, 0),
    materialsReused: c.reused?.length ?? 0,
  };
}
