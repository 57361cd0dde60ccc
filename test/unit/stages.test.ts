import { describe, expect, it } from 'vitest';
import { openCase } from '../../functions/domain/application.js';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import type { LocalDate } from '../../contracts/dates.js';
import { decideTask, dispatch, preReview, progress } from '../../functions/domain/case.js';
import type { CaseRecord, Change, Clock, TaskRecord } from '../../functions/domain/records.js';
import { planStages, promisedDateOf, stagesToStart, type StageDefinition } from '../../functions/domain/stages.js';
import type { Staff } from '../../functions/domain/staff.js';

const on = (today: LocalDate): Clock => ({ now: `${today}T02:00:00.000Z`, today, calendar: defaultCalendar });
const clerk: Staff = { username: 'clerk', roles: ['clerk'], department: 'center' };
const reviewer = (d: string): Staff => ({ username: `reviewer-${d}`, roles: ['reviewer'], department: d });
const chief = (d: string): Staff => ({ username: `chief-${d}`, roles: ['chief'], department: d });

const stage = (code: string, departments: string[], limitDays: number, mayStartEarly = false): StageDefinition => ({
  code,
  name: { zh: code, en: code },
  limitDays,
  mayStartEarly,
  items: departments.map((d, i) => ({ itemCode: `${code}-${i}`, itemName: { zh: d, en: d }, department: d })),
});

function accepted(definitions: StageDefinition[], today: LocalDate): CaseRecord {
  const stages = planStages(definitions);
  const { record } = openCase({
    caseId: 'c1', receiptNumber: '430600-20261127-000001', queryCodeHash: 'h', county: '430600', catalogVersion: 'v',
    subject: { bundleCode: 'B', name: { zh: 'b', en: 'b' }, stages, trips: 0 },
    applicant: { type: 'company', name: 'x', idType: 'credit_code', idNumber: '91430600MA4T8K2L39', phone: '13907301234' },
    form: {}, materials: [], deferred: [], delivery: { mode: 'electronic' }, now: on(today).now, today,
    promisedDate: promisedDateOf(stages, today, defaultCalendar), calendar: defaultCalendar,
  });
  return preReview(record, clerk, { decision: 'accept' }, on(today)).case!.next;
}

/** Applies a change to an in-memory case and task list, as the store would. */
function apply(state: { c: CaseRecord; tasks: TaskRecord[] }, change: Change | null) {
  if (!change) return state;
  const tasks = [...state.tasks];
  for (const { next } of change.tasks) {
    const at = tasks.findIndex((t) => t.taskId === next.taskId);
    if (at >= 0) tasks[at] = next;
    else tasks.push(next);
  }
  return { c: change.case?.next ?? state.c, tasks };
}

function approveAll(state: { c: CaseRecord; tasks: TaskRecord[] }, stageIndex: number, clock: Clock) {
  for (const t of state.tasks.filter((x) => x.stage === stageIndex && x.status === 'pending')) {
    state = apply(state, decideTask(state.c, state.tasks.find((x) => x.taskId === t.taskId)!, reviewer(t.department), { decision: 'approve', opinion: 'ok' }, clock));
    state = apply(state, decideTask(state.c, state.tasks.find((x) => x.taskId === t.taskId)!, chief(t.department), { decision: 'sign' }, clock));
  }
  return state;
}

describe('stages', () => {
  const five = [
    stage('initiation', ['ndrc', 'nrp'], 5),
    stage('planning', ['nrp', 'hurd', 'eco'], 10),
    stage('design', ['hurd', 'fire', 'civdef'], 5),
    stage('construction', ['hurd', 'psb', 'urban', 'water'], 8),
    stage('acceptance', ['hurd', 'fire', 'nrp', 'civdef', 'urban'], 12),
  ];

  it('promises the sum of sequential stages in working days, overlapping may-start-early ones', () => {
    const stages = planStages(five);
    expect(promisedDateOf(stages, '2026-11-27', defaultCalendar)).toBe(defaultCalendar.addWorkingDays('2026-11-27', 40));
    const early = planStages([stage('a', ['x'], 5), stage('b', ['y'], 3, true), stage('c', ['z'], 2)]);
    expect(promisedDateOf(early, '2026-11-27', defaultCalendar)).toBe(defaultCalendar.addWorkingDays('2026-11-27', 7));
  });

  it('runs five stages in order, each stage’s tasks in parallel, to completion', () => {
    let state = { c: accepted(five, '2026-11-27'), tasks: [] as TaskRecord[] };
    state = apply(state, dispatch(state.c, on('2026-11-27')));
    expect(state.tasks.map((t) => t.stage)).toEqual([1, 1]);
    for (let s = 1; s <= 5; s++) {
      state = approveAll(state, s, on('2026-11-30'));
      const change = progress(state.c, state.tasks, on('2026-11-30'));
      expect(change?.timeline.map((e) => e.action)).toContain('stage.completed');
      state = apply(state, change);
      if (s < 5) expect(state.tasks.filter((t) => t.stage === s + 1)).toHaveLength(five[s]!.items.length);
      // a replay of the same message changes nothing
      expect(progress(state.c, state.tasks, on('2026-11-30'))).toBeNull();
    }
    expect(state.c.status).toBe('completed');
    expect(state.c.stages.every((s) => s.status === 'completed')).toBe(true);
    expect(new Set(state.tasks.map((t) => t.taskId)).size).toBe(state.tasks.length);
  });

  it('waits for every task of the stage; one rejection ends the case with the reasons', () => {
    let state = { c: accepted(five, '2026-11-27'), tasks: [] as TaskRecord[] };
    state = apply(state, dispatch(state.c, on('2026-11-27')));
    const [first, second] = state.tasks as [TaskRecord, TaskRecord];
    state = apply(state, decideTask(state.c, first, reviewer(first.department), { decision: 'approve', opinion: 'ok' }, on('2026-11-27')));
    state = apply(state, decideTask(state.c, state.tasks[0]!, chief(first.department), { decision: 'sign' }, on('2026-11-27')));
    expect(progress(state.c, state.tasks, on('2026-11-27'))).toBeNull();
    state = apply(state, decideTask(state.c, second, reviewer(second.department), { decision: 'reject', opinion: '选址不符合国土空间规划' }, on('2026-11-27')));
    state = apply(state, decideTask(state.c, state.tasks[1]!, chief(second.department), { decision: 'sign' }, on('2026-11-27')));
    state = apply(state, progress(state.c, state.tasks, on('2026-11-27')));
    expect(state.c.status).toBe('rejected');
    expect(state.c.rejection?.departments).toEqual([{ department: 'nrp', opinion: '选址不符合国土空间规划' }]);
  });

  it('starts a may-start-early stage together with the one before it', () => {
    const plan = planStages([stage('a', ['x'], 5), stage('b', ['y'], 3, true), stage('c', ['z'], 2)]);
    expect(stagesToStart(plan).map((s) => s.code)).toEqual(['a', 'b']);
  });
});

describe('suspension', () => {
  it('stops the clock and moves deadlines by the suspended working days, across a public holiday', () => {
    // Prepare: a task started on 2026-09-28 with a 5-working-day stage
    let state = { c: accepted([stage('review', ['amr'], 5)], '2026-09-28'), tasks: [] as TaskRecord[] };
    state = apply(state, dispatch(state.c, on('2026-09-28')));
    const deadline = state.tasks[0]!.deadline;
    const promised = state.c.promisedDate;
    // Act: suspended on Wed 30 Sept, resumed on Mon 12 Oct (1–7 Oct holiday, Sat 10 Oct a working day)
    state = apply(state, decideTask(state.c, state.tasks[0]!, reviewer('amr'), { decision: 'suspend', opinion: '等待申请人补充说明' }, on('2026-09-30')));
    expect(state.tasks[0]!.status).toBe('suspended');
    state = apply(state, decideTask(state.c, state.tasks[0]!, reviewer('amr'), { decision: 'resume', opinion: '已收到说明' }, on('2026-10-12')));
    // Assess: 8, 9, 10 and 12 Oct are the working days in (30 Sept, 12 Oct]
    const task = state.tasks[0]!;
    expect(task.suspendedDays).toBe(4);
    expect(task.status).toBe('pending');
    expect(task.deadline).toBe(defaultCalendar.addWorkingDays(deadline, 4));
    expect(state.c.promisedDate).toBe(defaultCalendar.addWorkingDays(promised, 4));
    expect(state.c.stages[0]!.suspendedDays).toBe(4);
  });
});
