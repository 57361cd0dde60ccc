/**
 * Stages of a case: a single item is one stage with one department; a bundle runs its
 * stages in order, each reviewed in parallel by one task per (department, item). A stage
 * completes when every task in it is approved; the next one then starts on its own, and
 * a stage the catalog marks may-start-early starts together with the one before it.
 */
import type { WorkingCalendar } from './calendar.js';
import type { LocalDate } from '../../contracts/dates.js';

export interface StageItem {
  itemCode: string;
  itemName: { zh: string; en: string };
  department: string;
  /** Form fields this item's approval assigns for the rest of the bundle (the credit code). */
  assigns?: string[];
}

export interface StagePlan {
  /** 1-based, in order. */
  index: number;
  code: string;
  name: { zh: string; en: string };
  /** The stage's time limit in working days. */
  limitDays: number;
  mayStartEarly: boolean;
  items: StageItem[];
  status: 'waiting' | 'active' | 'completed';
  startedOn?: LocalDate;
  deadline?: LocalDate;
  /** The last day of its legal limit (its longest task's), from its start. */
  legalDeadline?: LocalDate;
  completedOn?: LocalDate;
  /** Working days its tasks were suspended waiting for the applicant (the clock stopped). */
  suspendedDays: number;
}

export type StageDefinition = Omit<StagePlan, 'index' | 'status' | 'startedOn' | 'deadline' | 'legalDeadline' | 'completedOn' | 'suspendedDays'>;

export function planStages(definitions: StageDefinition[]): StagePlan[] {
  return definitions.map((d, i) => ({ ...d, index: i + 1, status: 'waiting', suspendedDays: 0 }));
}

/**
 * The promised date of a plan started on `from`: stages run one after the other, except
 * that a may-start-early stage runs alongside the one before it.
 */
export function promisedDateOf(stages: StagePlan[], from: LocalDate, calendar: WorkingCalendar): LocalDate {
  let previousStart = from;
  let previousEnd = from;
  let latest = from;
  for (const stage of stages) {
    const start = stage.mayStartEarly ? previousStart : previousEnd;
    const end = calendar.addWorkingDays(start, stage.limitDays);
    latest = end > latest ? end : latest;
    previousStart = start;
    previousEnd = end > previousEnd ? end : previousEnd;
  }
  return latest;
}

/** Total working days of the plan, for the guide and the case record. */
export function plannedWorkingDays(stages: StagePlan[], calendar: WorkingCalendar, from: LocalDate): number {
  return calendar.workingDaysBetween(from, promisedDateOf(stages, from, calendar));
}

/**
 * Stages to start now: the first waiting stage whose predecessors are complete, and the
 * may-start-early stages right after it. Empty while an earlier stage is still running.
 */
export function stagesToStart(stages: StagePlan[]): StagePlan[] {
  const first = stages.findIndex((s) => s.status === 'waiting');
  if (first < 0) return [];
  const blocked = stages.slice(0, first).some((s) => s.status !== 'completed');
  if (blocked) return [];
  const starting = [stages[first]!];
  for (const next of stages.slice(first + 1)) {
    if (!next.mayStartEarly || next.status !== 'waiting') break;
    starting.push(next);
  }
  return starting;
}
