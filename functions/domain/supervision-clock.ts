/**
 * The supervision clock (电子监察, docs/supervision.md): each task runs two clocks from the
 * day its stage starts, the promised limit (承诺时限) and the legal limit (法定时限), both in
 * working days; its level follows from where today stands against them. Pure: the deadline
 * watch (functions/app/deadlines.ts) asks `watchTask` what a task's level is now and writes
 * what it answers in the case's transaction.
 *
 * Every threshold is the start of a day in Asia/Shanghai: a task turns yellow at 00:00 of
 * its `yellowFrom` day, red at 00:00 of the day after its promised date (`deadline`),
 * severe at 00:00 of the day after its legal deadline. A level only ever rises: once a
 * task was warned it is never warned again.
 */
import type { LocalDate } from '../../contracts/dates.js';
import { DEFAULT_THRESHOLDS, LEVELS, type Level, type LevelChangeData, type SupervisionThresholds, type Thresholds } from '../../contracts/supervision.js';
import type { TaskStatus } from '../../contracts/cases.js';
import type { EventType } from '../../contracts/events.js';
import { dayNumber, fromDayNumber, type WorkingCalendar } from './calendar.js';
import type { CaseRecord, Change, Clock, DomainEvent, TaskRecord } from './records.js';
import type { TimelineInput } from './timeline.js';

/** Statuses in which a task is still on the clock (a decided or withdrawn task is not). */
const OPEN_STATUSES: ReadonlySet<TaskStatus | 'awaiting_leader'> = new Set(['pending', 'suspended', 'awaiting_signature', 'awaiting_leader']);
export const isOpenTask = (t: Pick<TaskRecord, 'status'>): boolean => OPEN_STATUSES.has(t.status);

export const levelRank = (level: Level): number => LEVELS.indexOf(level);
export const worseLevel = (a: Level, b: Level): Level => (levelRank(a) >= levelRank(b) ? a : b);

/** The event each rise announces. */
const LEVEL_EVENTS: Record<Exclude<Level, 'normal'>, EventType> = { yellow: 'task.warned', red: 'task.overdue', severe: 'task.severe' };

/** 00:00 of `date` in Asia/Shanghai (UTC+8, no daylight saving), as an ISO instant. */
export const shanghaiMidnight = (date: LocalDate): string => new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
const dayAfter = (date: LocalDate): LocalDate => fromDayNumber(dayNumber(date) + 1);

/**
 * The thresholds of an item code: the county's, overridden by the item's; a merged task
 * (`A+B`) has the thresholds of each of its items, and warns by whichever warns first.
 */
export function thresholdsFor(itemCode: string, config: SupervisionThresholds = DEFAULT_THRESHOLDS): Thresholds[] {
  return itemCode.split('+').map((code) => ({
    yellowShare: config.items?.[code]?.yellowShare ?? config.yellowShare,
    yellowDays: config.items?.[code]?.yellowDays ?? config.yellowDays,
  }));
}

/** Working days before the promised date from which a task is yellow: max(⌈share × promised days⌉, days), the widest of `thresholds`. */
export function yellowWindow(promisedDays: number, thresholds: readonly Thresholds[]): number {
  return Math.max(0, ...thresholds.map((t) => Math.max(Math.ceil(t.yellowShare * promisedDays - 1e-9), t.yellowDays)));
}

/** A merged task's legal limit is its longest item's; never shorter than the promised one. */
export function legalDaysOf(itemCode: string, promisedDays: number, legalLimitOf: (baseCode: string) => number | undefined): number {
  return Math.max(promisedDays, ...itemCode.split('+').map((code) => legalLimitOf(code) ?? promisedDays));
}

/** What the clock of a starting task is. */
export interface TaskClock {
  promisedDays: number;
  legalDays: number;
  deadline: LocalDate;
  legalDeadline: LocalDate;
  /** The day it turns yellow (its start, when the whole promised time is within the window). */
  yellowFrom: LocalDate;
  level: Level;
  nextThresholdAt?: string;
}

/**
 * The clocks of a task started on `start`: both limits counted in working days from it; the
 * yellow day is the working day `window` working days before the promised date.
 */
export function startClock(start: LocalDate, promisedDays: number, legalDays: number, window: number, calendar: WorkingCalendar): TaskClock {
  const deadline = calendar.addWorkingDays(start, promisedDays);
  const legalDeadline = calendar.addWorkingDays(start, legalDays);
  const yellowFrom = window >= promisedDays ? start : calendar.addWorkingDays(start, promisedDays - window);
  const dates = { deadline, legalDeadline, yellowFrom };
  return { promisedDays, legalDays, ...dates, level: 'normal', nextThresholdAt: nextThreshold(dates, 'normal') };
}

type ClockDates = Pick<TaskRecord, 'deadline' | 'legalDeadline' | 'yellowFrom'>;

/** The instant each level begins, for the levels the task's dates say. */
export function thresholdInstants(t: ClockDates): Partial<Record<Exclude<Level, 'normal'>, string>> {
  return {
    ...(t.yellowFrom ? { yellow: shanghaiMidnight(t.yellowFrom) } : {}),
    red: shanghaiMidnight(dayAfter(t.deadline)),
    ...(t.legalDeadline ? { severe: shanghaiMidnight(dayAfter(t.legalDeadline)) } : {}),
  };
}

/** The instant the level after `level` begins; undefined for severe (nothing after it). */
export function nextThreshold(t: ClockDates, level: Level): string | undefined {
  const instants = thresholdInstants(t);
  for (const next of LEVELS.slice(levelRank(level) + 1)) {
    const at = next === 'normal' ? undefined : instants[next];
    if (at) return at;
  }
  return undefined;
}

/** The level of a task's clock at `now`: the highest whose threshold has passed, never below the one it has. */
export function levelAt(t: ClockDates & Pick<TaskRecord, 'level'>, now: string): Level {
  const instants = thresholdInstants(t);
  const reached = LEVELS.filter((level) => level === 'normal' || (instants[level] !== undefined && instants[level] <= now)).at(-1) ?? 'normal';
  return worseLevel(reached, t.level ?? 'normal');
}

/** The rises from `from` to `to`, one level at a time (a watch that ran late announces each in order). */
export function levelSteps(from: Level, to: Level): { from: Level; to: Exclude<Level, 'normal'> }[] {
  return LEVELS.slice(levelRank(from) + 1, levelRank(to) + 1).map((level, i) => ({
    from: LEVELS[levelRank(from) + i]!,
    to: level as Exclude<Level, 'normal'>,
  }));
}

/** The case's level: the worst its tasks have reached (a case that went red stays red on its record). */
export function caseLevelOf(c: CaseRecord, tasks: readonly TaskRecord[]): Level {
  return tasks.reduce<Level>((worst, t) => worseLevel(worst, t.level ?? 'normal'), c.level ?? 'normal');
}

const WATCH: TimelineInput['actor'] = { type: 'system', id: 'deadline-watch' };

/**
 * What the deadline watch does to one task at `clock.now`: raises its level, one timeline
 * entry and one event per level passed, in order, and moves its timer to the next
 * threshold; raises the case's level with it. Decides from the task as it is now (read in
 * the transaction that writes it, its version checked), so a task already raised, decided,
 * withdrawn or suspended changes nothing: null. A timer standing before a level the task
 * already has is moved on without a word.
 */
export function watchTask(c: CaseRecord, tasks: readonly TaskRecord[], taskId: string, { now }: Clock): Change | null {
  const task = tasks.find((t) => t.taskId === taskId);
  if (!task?.level || !isOpenTask(task) || task.status === 'suspended') return null;
  const from = task.level;
  const to = levelAt(task, now);
  const nextThresholdAt = nextThreshold(task, to);
  if (levelRank(to) <= levelRank(from)) {
    if (task.nextThresholdAt === nextThresholdAt) return null;
    const next: TaskRecord = { ...task, ...(nextThresholdAt ? { nextThresholdAt } : {}), version: task.version + 1 };
    if (!nextThresholdAt) delete next.nextThresholdAt;
    return { tasks: [{ next, expectedVersion: task.version }], timeline: [], events: [] };
  }
  const next: TaskRecord = { ...task, level: to, version: task.version + 1 };
  if (nextThresholdAt) next.nextThresholdAt = nextThresholdAt;
  else delete next.nextThresholdAt;
  const steps = levelSteps(from, to);
  const timeline: TimelineInput[] = steps.map((s) => ({ at: now, actor: WATCH, action: 'task.level', detail: { taskId, from: s.from, to: s.to, deadline: task.deadline, legalDeadline: task.legalDeadline } }));
  const events: DomainEvent[] = steps.map((s) => {
    const data: LevelChangeData = { taskId, department: task.department, itemCode: task.itemCode, from: s.from, to: s.to };
    return { type: LEVEL_EVENTS[s.to], data: { ...data } };
  });
  const caseFrom = c.level ?? 'normal';
  const caseTo = worseLevel(caseFrom, to);
  if (caseTo !== caseFrom) timeline.push({ at: now, actor: WATCH, action: 'case.level', detail: { from: caseFrom, to: caseTo, taskId } });
  return {
    case: { next: { ...c, level: caseTo, version: c.version + 1 }, expectedVersion: c.version },
    tasks: [{ next, expectedVersion: task.version }],
    timeline,
    events,
  };
}

/** What the clock needs of the world: the legal limits of the case's catalog version, the county's thresholds. */
export interface ClockRules {
  legalLimitOf(baseCode: string): number | undefined;
  thresholds: SupervisionThresholds;
}

/** The clock of a task of `itemCode` whose stage, promising `promisedDays`, starts on `start`. */
export function taskClock(itemCode: string, start: LocalDate, promisedDays: number, rules: ClockRules | undefined, calendar: WorkingCalendar): TaskClock {
  const legalDays = legalDaysOf(itemCode, promisedDays, (code) => rules?.legalLimitOf(code));
  return startClock(start, promisedDays, legalDays, yellowWindow(promisedDays, thresholdsFor(itemCode, rules?.thresholds)), calendar);
}
