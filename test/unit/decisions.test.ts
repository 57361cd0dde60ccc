/**
 * The two decisions the reform's rates are defined by (transfer to the back office, referral
 * to a department leader), the visits, and what their events carry for the statistics.
 */
import { describe, expect, it } from 'vitest';
import { publishedCatalogs } from '../../catalog/index.js';
import type { ServiceItem } from '../../contracts/catalog.js';
import type { LocalDate } from '../../contracts/dates.js';
import { itemStages, openCase } from '../../functions/domain/application.js';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import { decideTask, dispatch, preReview, progress } from '../../functions/domain/case.js';
import { caseCompletedData, caseSubmittedData } from '../../functions/domain/measures.js';
import type { CaseRecord, Change, Clock, TaskRecord } from '../../functions/domain/records.js';
import type { Staff } from '../../functions/domain/staff.js';
import { DEFAULT_THRESHOLDS } from '../../contracts/supervision.js';
import { handOverAtHall, recordVisit } from '../../functions/domain/visits.js';
import { codeOf } from '../support/errors.js';

const VERSION = '2026.12.1';
const item = publishedCatalogs[VERSION]!.items.find((i) => i.baseCode === '000105002000') as ServiceItem;
const clerk: Staff = { username: 'clerk', roles: ['clerk'], department: 'center' };
const reviewer: Staff = { username: 'reviewer-amr', roles: ['reviewer'], department: 'amr' };
const chief: Staff = { username: 'chief-amr', roles: ['chief'], department: 'amr' };
const leader: Staff = { username: 'leader-amr', roles: ['leader'], department: 'amr' };
const now = '2026-12-07T02:00:00.000Z';
const on = (today: LocalDate): Clock => ({ now, today, calendar: defaultCalendar });
const clock = on('2026-12-07');
const next = (c: CaseRecord, change: Change) => [change.case!.next, change.tasks[0]?.next] as [CaseRecord, TaskRecord];

function inReview(): [CaseRecord, TaskRecord] {
  const submitted = openCase({
    caseId: 'c1', receiptNumber: '430600-20261207-000001', queryCodeHash: 'h', county: '430600', catalogVersion: VERSION,
    subject: { itemCode: item.baseCode, name: item.name, stages: itemStages(item), trips: 0 },
    applicant: { type: 'company', name: 'x', idType: 'credit_code', idNumber: '91430600MA4T8K2L39', phone: '13907301234' },
    form: {}, materials: [], deferred: [], delivery: { mode: 'pickup' }, now, today: '2026-12-07', promisedDate: '2026-12-14',
    calendar: defaultCalendar,
  }).record;
  const accepted = preReview(submitted, clerk, { decision: 'accept' }, clock).case!.next;
  // The clock's rules as the dispatch worker gives them: the catalog's legal limits, the default thresholds.
  return next(accepted, dispatch(accepted, clock, { legalLimitOf: (code) => publishedCatalogs[VERSION]!.items.find((i) => i.baseCode === code)?.legalLimitDays, thresholds: DEFAULT_THRESHOLDS })!);
}

describe('transfer to the back office', () => {
  it('keeps the task pending, records who and why, and the decision is then not at the window', () => {
    // Prepare
    let [c, task] = inReview();
    // Act
    const transfer = decideTask(c, task, reviewer, { decision: 'transfer', opinion: '需现场核查' }, clock);
    [c, task] = next(c, transfer);
    [c, task] = next(c, decideTask(c, task, reviewer, { decision: 'approve', opinion: 'ok' }, clock));
    const signed = decideTask(c, task, chief, { decision: 'sign' }, on('2026-12-09'));
    // Assess
    expect(transfer.tasks[0]!.next).toMatchObject({ status: 'pending', transferred: { by: 'reviewer-amr', at: now, opinion: '需现场核查' } });
    expect(transfer.timeline.map((e) => e.action)).toEqual(['task.transferred']);
    expect(transfer.events).toEqual([{ type: 'task.transferred', data: { taskId: task.taskId, department: 'amr', itemCode: item.baseCode } }]);
    expect(signed.events[0]).toEqual({
      type: 'task.approved',
      data: { taskId: task.taskId, department: 'amr', itemCode: item.baseCode, stage: 1, level: 'normal', workingDays: 2, promisedDays: item.promisedLimitDays, legalDays: item.legalLimitDays, onTime: true, atWindow: false, signedDirectly: true },
    });
  });

  it('refuses a second transfer, and a decided task', () => {
    let [c, task] = inReview();
    [c, task] = next(c, decideTask(c, task, reviewer, { decision: 'transfer', opinion: 'a' }, clock));
    expect(codeOf(() => decideTask(c, task, chief, { decision: 'transfer', opinion: 'b' }, clock))).toBe('TASK_ALREADY_TRANSFERRED');
    const [c2, proposed] = next(c, decideTask(c, task, reviewer, { decision: 'reject', opinion: 'no' }, clock));
    expect(codeOf(() => decideTask(c2, proposed, reviewer, { decision: 'transfer', opinion: 'b' }, clock))).toBe('TASK_NOT_PENDING');
  });
});

describe('referral to a department leader', () => {
  it('moves the decision to awaiting_leader; a leader who is not the proposer signs, and it is not signed directly', () => {
    // Prepare
    let [c, task] = inReview();
    [c, task] = next(c, decideTask(c, task, reviewer, { decision: 'reject', opinion: '条件不符' }, clock));
    // Act
    const referral = decideTask(c, task, chief, { decision: 'refer', opinion: '请分管领导签批' }, clock);
    [c, task] = next(c, referral);
    const signed = decideTask(c, task, leader, { decision: 'sign' }, clock);
    // Assess
    expect(task).toMatchObject({ status: 'awaiting_leader', referral: { by: 'chief-amr', opinion: '请分管领导签批' } });
    expect(referral.events).toEqual([{ type: 'task.referred', data: { taskId: task.taskId, department: 'amr', itemCode: item.baseCode } }]);
    expect(signed.tasks[0]!.next).toMatchObject({ status: 'rejected', decision: { signedBy: 'leader-amr', signedRole: 'leader', proposedBy: 'reviewer-amr' } });
    expect(signed.timeline[0]).toMatchObject({ action: 'task.rejected', actor: { role: 'leader' } });
    expect(signed.events[0]!.data).toMatchObject({ atWindow: true, signedDirectly: false, workingDays: 0 });
  });

  it('is the chief’s, of a decision awaiting signature; then only a leader signs, never the proposer', () => {
    let [c, task] = inReview();
    expect(codeOf(() => decideTask(c, task, chief, { decision: 'refer', opinion: 'x' }, clock))).toBe('TASK_NOT_AWAITING_SIGNATURE');
    [c, task] = next(c, decideTask(c, task, { ...leader, roles: ['leader', 'reviewer'] }, { decision: 'approve', opinion: 'ok' }, clock));
    expect(codeOf(() => decideTask(c, task, reviewer, { decision: 'refer', opinion: 'x' }, clock))).toBe('ROLE_REQUIRED');
    expect(codeOf(() => decideTask(c, task, leader, { decision: 'sign' }, clock))).toBe('ROLE_REQUIRED');
    [c, task] = next(c, decideTask(c, task, chief, { decision: 'refer', opinion: 'x' }, clock));
    expect(codeOf(() => decideTask(c, task, chief, { decision: 'sign' }, clock))).toBe('ROLE_REQUIRED');
    expect(codeOf(() => decideTask(c, task, leader, { decision: 'sign' }, clock))).toBe('FOUR_EYES_REQUIRED');
    expect(codeOf(() => decideTask(c, task, { ...leader, department: 'fire' }, { decision: 'sign' }, clock))).toBe('OTHER_DEPARTMENT');
  });
});

describe('what the case events carry', () => {
  it('accepted at the first pre-review or after a correction; completed with its days and limits', () => {
    let [c, task] = inReview();
    expect(defaultCalendar.workingDaysBetween(c.acceptedOn!, c.legalDate!)).toBe(item.legalLimitDays);
    [c, task] = next(c, decideTask(c, task, reviewer, { decision: 'approve', opinion: 'ok' }, clock));
    [c, task] = next(c, decideTask(c, task, chief, { decision: 'sign' }, on('2026-12-15')));
    const completed = progress(c, [task], on('2026-12-15'))!;
    expect(completed.events.find((e) => e.type === 'case.completed')!.data).toEqual({
      service: item.baseCode, workingDays: 6, promisedDays: c.promisedLimitDays, legalDays: item.legalLimitDays, onTime: false,
    });
    expect(caseCompletedData(c, on('2026-12-14'))).toMatchObject({ workingDays: 5, onTime: true });
  });

  it('counts the materials asked, what the items would ask separately, and those reused', () => {
    const [c] = inReview();
    const asked = { ...c, materials: [{ materialCode: 'M0001' }, { materialCode: 'M0002' }] as CaseRecord['materials'], deferred: [{ materialCode: 'M0031' }] as CaseRecord['deferred'] };
    expect(caseSubmittedData(asked)).toMatchObject({
      itemCode: item.baseCode, service: item.baseCode, materialsAsked: 3, materialsReused: 0,
      materialsSeparately: item.materials.filter((m) => m.required).length,
    });
  });
});

describe('visits', () => {
  it('records each visit with its reason; the first one says so', () => {
    const [c0] = inReview();
    const first = recordVisit(c0, clerk, { reason: 'verify_originals' }, clock);
    const c1 = first.case!.next;
    const second = recordVisit(c1, { username: 'supervisor', roles: ['supervisor'], department: 'center' }, { reason: 'other', note: '咨询' }, clock);
    expect(second.case!.next.visits).toEqual([
      { at: now, reason: 'verify_originals', by: 'clerk' },
      { at: now, reason: 'other', note: '咨询', by: 'supervisor' },
    ]);
    expect(first.events).toEqual([{ type: 'case.visited', data: { reason: 'verify_originals', service: item.baseCode, first: true } }]);
    expect(second.events[0]!.data).toMatchObject({ first: false });
    expect(codeOf(() => recordVisit(c0, reviewer, { reason: 'pickup' }, clock))).toBe('ROLE_REQUIRED');
    expect(codeOf(() => recordVisit(c0, { username: 'agent', roles: ['agent'], department: 'center' }, { reason: 'pickup' }, clock))).toBe('NOT_ASSIGNED_AGENT');
  });

  it('hands the results over at the hall once, recording the pickup visit in the same change', () => {
    const [c0] = inReview();
    const ready: CaseRecord = { ...c0, status: 'completed', handover: { mode: 'pickup', status: 'pickup_ready', startedAt: now } };
    const handed = handOverAtHall(ready, clerk, {}, clock);
    const after = handed.case!.next;
    expect(after.handover).toEqual({ mode: 'pickup', status: 'delivered', startedAt: now, completedAt: now });
    expect(after.visits).toEqual([{ at: now, reason: 'pickup', by: 'clerk' }]);
    expect(handed.timeline.map((e) => e.action)).toEqual(['pickup.completed', 'case.visited']);
    expect(handed.events.map((e) => e.type)).toEqual(['case.visited']);
    expect(codeOf(() => handOverAtHall(after, clerk, {}, clock))).toBe('NOT_AWAITING_PICKUP');
    expect(codeOf(() => handOverAtHall(c0, clerk, {}, clock))).toBe('NOT_AWAITING_PICKUP');
  });
});
