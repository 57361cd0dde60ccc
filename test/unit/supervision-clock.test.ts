import { describe, expect, it } from 'vitest';
import { openCase } from '../../functions/domain/application.js';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import type { LocalDate } from '../../contracts/dates.js';
import { decideTask, dispatch, preReview, progress } from '../../functions/domain/case.js';
import type { CaseRecord, Change, Clock, TaskRecord } from '../../functions/domain/records.js';
import { planStages, promisedDateOf } from '../../functions/domain/stages.js';
import type { Staff } from '../../functions/domain/staff.js';
import {
  levelAt,
  levelSteps,
  nextThreshold,
  shanghaiMidnight,
  startClock,
  taskClock,
  thresholdsFor,
  watchTask,
  yellowWindow,
  type ClockRules,
} from '../../functions/domain/supervision-clock.js';
import { supervisionProblems } from '../../infra/config/validate.js';

const at = (instant: string): Clock => {
  const now = new Date(instant).toISOString();
  return { now, today: new Date(Date.parse(now) + 8 * 3_600_000).toISOString().slice(0, 10) as LocalDate, calendar: defaultCalendar };
};
const clerk: Staff = { username: 'clerk', roles: ['clerk'], department: 'center' };
const reviewer = (d: string): Staff => ({ username: `reviewer-${d}`, roles: ['reviewer'], department: d });
const chief = (d: string): Staff => ({ username: `chief-${d}`, roles: ['chief'], department: d });

/** Items `A` (3 promised, 7 legal) and `B` (3, 10); thresholds 20% or 1 day, `B` warns 2 days ahead. */
const rules: ClockRules = {
  legalLimitOf: (code) => ({ A: 7, B: 10 })[code],
  thresholds: { yellowShare: 0.2, yellowDays: 1, items: { B: { yellowDays: 2 } } },
};

function dispatched(items: { itemCode: string; department: string }[], clock: Clock): { c: CaseRecord; tasks: TaskRecord[] } {
  const stages = planStages([{ code: 'review', name: { zh: 'r', en: 'r' }, limitDays: 3, mayStartEarly: false, items: items.map((i) => ({ ...i, itemName: { zh: i.itemCode, en: i.itemCode } })) }]);
  const { record } = openCase({
    caseId: 'c1', receiptNumber: '430600-20260923-000001', queryCodeHash: 'h', county: '430600', catalogVersion: 'v',
    subject: { bundleCode: 'X', name: { zh: 'x', en: 'x' }, stages, trips: 0 },
    applicant: { type: 'company', name: 'x', idType: 'credit_code', idNumber: '91430600MA4T8K2L39', phone: '13907301234' },
    form: {}, materials: [], deferred: [], delivery: { mode: 'electronic' }, now: clock.now, today: clock.today,
    promisedDate: promisedDateOf(stages, clock.today, defaultCalendar), calendar: defaultCalendar,
  });
  const accepted = preReview(record, clerk, { decision: 'accept' }, clock).case!.next;
  const change = dispatch(accepted, clock, rules)!;
  return { c: change.case!.next, tasks: change.tasks.map((t) => t.next) };
}

function apply(state: { c: CaseRecord; tasks: TaskRecord[] }, change: Change | null) {
  if (!change) return state;
  const tasks = state.tasks.map((t) => change.tasks.find((x) => x.next.taskId === t.taskId)?.next ?? t);
  return { c: change.case?.next ?? state.c, tasks };
}

describe('the supervision clock', () => {
  // Wednesday 2026-09-23. Off: 09-25 (Mid-Autumn), the weekend 09-26/27, 10-01…07 (National
  // Day); Saturday 10-10 is worked (调休). Three working days: 09-24, 09-28, 09-29.
  const start = '2026-09-23' as LocalDate;

  it('counts both limits in working days across a weekend and public holidays, and puts each threshold at a Shanghai midnight', () => {
    const clock = startClock(start, 3, 7, yellowWindow(3, thresholdsFor('A', rules.thresholds)), defaultCalendar);
    expect(clock).toEqual({
      promisedDays: 3,
      legalDays: 7,
      deadline: '2026-09-29',
      // 09-30, 10-08, 10-09, then the worked Saturday 10-10.
      legalDeadline: '2026-10-10',
      // At most max(⌈0.2 × 3⌉, 1) = 1 working day left: from Monday 09-28, not the holiday or the weekend before it.
      yellowFrom: '2026-09-28',
      level: 'normal',
      nextThresholdAt: '2026-09-27T16:00:00.000Z',
    });
    expect(shanghaiMidnight('2026-09-28')).toBe('2026-09-27T16:00:00.000Z');
    const levels = ['2026-09-27T23:59:59+08:00', '2026-09-28T00:00:00+08:00', '2026-09-29T23:59:59+08:00', '2026-09-30T00:00:00+08:00', '2026-10-10T23:59:59+08:00', '2026-10-11T00:00:00+08:00']
      .map((instant) => levelAt(clock, new Date(instant).toISOString()));
    expect(levels).toEqual(['normal', 'yellow', 'yellow', 'red', 'red', 'severe']);
    expect(nextThreshold(clock, 'yellow')).toBe('2026-09-29T16:00:00.000Z');
    expect(nextThreshold(clock, 'red')).toBe('2026-10-10T16:00:00.000Z');
    expect(nextThreshold(clock, 'severe')).toBeUndefined();
  });

  it('takes the wider of the share and the days, per item, and a merged task the widest and longest of its items', () => {
    expect(yellowWindow(20, [{ yellowShare: 0.2, yellowDays: 1 }])).toBe(4);
    expect(yellowWindow(3, [{ yellowShare: 0.2, yellowDays: 1 }])).toBe(1);
    expect(yellowWindow(10, [{ yellowShare: 0.2, yellowDays: 0 }])).toBe(2);
    expect(thresholdsFor('A+B', rules.thresholds)).toEqual([{ yellowShare: 0.2, yellowDays: 1 }, { yellowShare: 0.2, yellowDays: 2 }]);
    const merged = taskClock('A+B', start, 3, rules, defaultCalendar);
    expect(merged).toMatchObject({ legalDays: 10, yellowFrom: '2026-09-24', legalDeadline: '2026-10-14' });
    // The whole promised time inside the window: yellow from the start.
    expect(startClock(start, 1, 3, 1, defaultCalendar).yellowFrom).toBe(start);
  });

  it('rises one level at a time: a late watch names every level passed, in order', () => {
    expect(levelSteps('normal', 'severe')).toEqual([
      { from: 'normal', to: 'yellow' },
      { from: 'yellow', to: 'red' },
      { from: 'red', to: 'severe' },
    ]);
    expect(levelSteps('red', 'red')).toEqual([]);
  });

  it('records both clocks at dispatch, and the watch raises a task once per level, with its events and timeline, the case with it', () => {
    let state = dispatched([{ itemCode: 'A', department: 'hurd' }], at('2026-09-23T10:00:00+08:00'));
    expect(state.c).toMatchObject({ legalDate: '2026-10-10', level: 'normal', stages: [{ deadline: '2026-09-29', legalDeadline: '2026-10-10' }] });
    const taskId = state.tasks[0]!.taskId;
    expect(watchTask(state.c, state.tasks, taskId, at('2026-09-27T23:00:00+08:00'))).toBeNull();

    const late = watchTask(state.c, state.tasks, taskId, at('2026-10-11T00:05:00+08:00'))!;
    expect(late.events).toEqual([
      { type: 'task.warned', data: { taskId, department: 'hurd', itemCode: 'A', from: 'normal', to: 'yellow' } },
      { type: 'task.overdue', data: { taskId, department: 'hurd', itemCode: 'A', from: 'yellow', to: 'red' } },
      { type: 'task.severe', data: { taskId, department: 'hurd', itemCode: 'A', from: 'red', to: 'severe' } },
    ]);
    expect(late.timeline.map((e) => [e.action, e.detail?.from, e.detail?.to])).toEqual([
      ['task.level', 'normal', 'yellow'],
      ['task.level', 'yellow', 'red'],
      ['task.level', 'red', 'severe'],
      ['case.level', 'normal', 'severe'],
    ]);
    expect(late.tasks[0]).toMatchObject({ expectedVersion: state.tasks[0]!.version, next: { level: 'severe', version: state.tasks[0]!.version + 1 } });
    expect(late.tasks[0]!.next.nextThresholdAt).toBeUndefined();
    state = apply(state, late);
    expect(state.c.level).toBe('severe');
    // Once raised, the same instant or a later one changes nothing.
    expect(watchTask(state.c, state.tasks, taskId, at('2026-10-11T00:05:00+08:00'))).toBeNull();
    expect(watchTask(state.c, state.tasks, taskId, at('2026-12-01T00:00:00+08:00'))).toBeNull();
  });

  it('repairs a timer standing before a level the task already has, without a word', () => {
    let state = dispatched([{ itemCode: 'A', department: 'hurd' }], at('2026-09-23T10:00:00+08:00'));
    const taskId = state.tasks[0]!.taskId;
    state = apply(state, watchTask(state.c, state.tasks, taskId, at('2026-09-28T09:00:00+08:00')));
    const stale = { ...state.tasks[0]!, nextThresholdAt: '2026-09-27T16:00:00.000Z' };
    const repaired = watchTask(state.c, [stale], taskId, at('2026-09-28T10:00:00+08:00'))!;
    expect(repaired.events).toEqual([]);
    expect(repaired.timeline).toEqual([]);
    expect(repaired.case).toBeUndefined();
    expect(repaired.tasks[0]!.next.nextThresholdAt).toBe('2026-09-29T16:00:00.000Z');
  });

  it('stops both clocks while suspended: resuming moves the deadline, the legal deadline and the next threshold by the working days suspended', () => {
    let state = dispatched([{ itemCode: 'A', department: 'hurd' }], at('2026-09-23T10:00:00+08:00'));
    const taskId = state.tasks[0]!.taskId;
    state = apply(state, decideTask(state.c, state.tasks[0]!, reviewer('hurd'), { decision: 'suspend', opinion: '等待申请人补充' }, at('2026-09-24T10:00:00+08:00')));
    // Suspended: not raised, however late.
    expect(watchTask(state.c, state.tasks, taskId, at('2026-10-20T10:00:00+08:00'))).toBeNull();
    // Thursday 09-24 → Friday 10-09: working days 09-28, 09-29, 09-30, 10-08, 10-09 = 5.
    const resumed = decideTask(state.c, state.tasks[0]!, reviewer('hurd'), { decision: 'resume', opinion: '材料已补充' }, at('2026-10-09T10:00:00+08:00'));
    state = apply(state, resumed);
    // Each date moves 5 working days on, the worked Saturday 10-10 among them.
    expect(state.tasks[0]).toMatchObject({ status: 'pending', suspendedDays: 5, deadline: '2026-10-12', legalDeadline: '2026-10-16', yellowFrom: '2026-10-10', level: 'normal', nextThresholdAt: '2026-10-09T16:00:00.000Z' });
    expect(state.c).toMatchObject({ promisedDate: '2026-10-12', legalDate: '2026-10-16', stages: [{ deadline: '2026-10-12', legalDeadline: '2026-10-16', suspendedDays: 5 }] });
    expect(resumed.timeline.find((e) => e.action === 'task.resumed')?.detail).toMatchObject({ suspendedWorkingDays: 5, deadline: '2026-10-12', legalDeadline: '2026-10-16' });
    expect(watchTask(state.c, state.tasks, taskId, at('2026-10-09T23:00:00+08:00'))).toBeNull();
    expect(watchTask(state.c, state.tasks, taskId, at('2026-10-10T00:01:00+08:00'))?.events.map((e) => e.type)).toEqual(['task.warned']);
  });

  it('withdraws the open tasks of a case another department rejected, each with its level', () => {
    const clock = at('2026-09-23T10:00:00+08:00');
    let state = dispatched([{ itemCode: 'A', department: 'hurd' }, { itemCode: 'B', department: 'eco' }], clock);
    const [hurd, eco] = state.tasks as [TaskRecord, TaskRecord];
    state = apply(state, watchTask(state.c, state.tasks, eco.taskId, at('2026-09-24T01:00:00+08:00')));
    state = apply(state, decideTask(state.c, hurd, reviewer('hurd'), { decision: 'reject', opinion: '不符合条件' }, clock));
    state = apply(state, decideTask(state.c, state.tasks[0]!, chief('hurd'), { decision: 'sign' }, clock));
    const ended = progress(state.c, state.tasks, clock)!;
    expect(ended.case?.next.status).toBe('rejected');
    expect(ended.tasks.map((t) => [t.next.taskId, t.next.status, t.expectedVersion])).toEqual([[eco.taskId, 'withdrawn', state.tasks[1]!.version]]);
    expect(ended.events).toContainEqual({ type: 'task.withdrawn', data: { taskId: eco.taskId, department: 'eco', itemCode: 'B', level: 'yellow' } });
    expect(ended.timeline.map((e) => e.action)).toContain('task.withdrawn');
  });
});

describe("the county's thresholds", () => {
  it('accepts shares in (0, 1), whole days ≥ 0 and items of the catalog version; names everything else', () => {
    expect(supervisionProblems({ catalogVersion: '2026.12.1', supervision: { yellowShare: 0.25, yellowDays: 2, items: { '000105002000': { yellowDays: 0 } } } })).toEqual([]);
    expect(supervisionProblems({ catalogVersion: '2026.12.1', supervision: { yellowShare: 1, yellowDays: 1.5, items: { '999999999999': { yellowShare: 0 } } } })).toEqual([
      'supervision.yellowShare 1 is not a share strictly between 0 and 1 (0.2 is 20% of the promised time)',
      'supervision.yellowDays 1.5 is not a whole number of working days ≥ 0',
      'supervision.items: "999999999999" is not an item of catalog version 2026.12.1',
      'supervision.items.999999999999.yellowShare 0 is not a share strictly between 0 and 1 (0.2 is 20% of the promised time)',
    ]);
  });
});
