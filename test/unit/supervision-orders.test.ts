/** Supervision orders' pure rules: who issues and replies, what an order must name, when it escalates (once). */
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../../contracts/dates.js';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import type { CaseRecord, Clock, TaskRecord } from '../../functions/domain/records.js';
import type { Staff } from '../../functions/domain/staff.js';
import { caseIdOfOrder, endOfShanghaiDay, escalateOrder, issueOrder, listableDepartment, orderId, replyToOrder } from '../../functions/domain/supervision-orders.js';
import { codeOf } from '../support/errors.js';

const CASE_ID = '6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const supervisor: Staff = { username: 'supervisor', roles: ['supervisor'], department: 'center' };
const chiefAmr: Staff = { username: 'chief-amr', roles: ['chief'], department: 'amr' };
const chiefTax: Staff = { username: 'chief-tax', roles: ['chief'], department: 'tax' };
const at = (now: string, today: LocalDate): Clock => ({ now, today, calendar: defaultCalendar });
// Monday 7 December 2026, 10:00 in Shanghai
const monday = at('2026-12-07T02:00:00.000Z', '2026-12-07');

const theCase = { caseId: CASE_ID, receiptNumber: '430600-20261207-000001', county: '430600' } as CaseRecord;
const tasks = [{ department: 'amr' }] as TaskRecord[];
const id = orderId(CASE_ID, '0123456789abcdef');
const issue = (replyBy: string, department = 'amr', staff = supervisor, clock = monday) => issueOrder(theCase, tasks, staff, { department, reason: '请说明超期原因', replyBy }, id, clock);

describe('order ids', () => {
  it('carry their case, so an order is found without a scan', () => {
    expect(caseIdOfOrder(id)).toBe(CASE_ID);
    expect(caseIdOfOrder(`${CASE_ID}-t0`)).toBeUndefined();
    expect(caseIdOfOrder('-o0123456789abcdef')).toBeUndefined();
    expect(caseIdOfOrder(`${CASE_ID}-oXYZ`)).toBeUndefined();
  });
});

describe('issuing an order', () => {
  it('opens it due at the end of the reply day in Shanghai, with a timeline entry and the event', () => {
    // Act
    const { order, change } = issue('2026-12-09');
    // Assess
    expect(order).toMatchObject({ orderId: id, department: 'amr', status: 'open', replyBy: '2026-12-09', replyDueAt: '2026-12-09T15:59:59.999Z', issuedBy: 'supervisor', version: 1 });
    expect(change.timeline).toEqual([expect.objectContaining({ action: 'supervision.ordered', detail: { orderId: id, department: 'amr', replyBy: '2026-12-09' } })]);
    expect(change.events).toEqual([{ type: 'supervision.ordered', data: { orderId: id, department: 'amr' } }]);
    expect(change.case).toBeUndefined();
  });

  it('takes today as the reply day', () => {
    expect(issue('2026-12-07').order.replyDueAt).toBe(endOfShanghaiDay('2026-12-07'));
  });

  it('refuses a department without a task on the case, a past day and a day off, naming each field', () => {
    expect(codeOf(() => issue('2026-12-09', 'tax'))).toBe('ORDER_REFUSED');
    const fields = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as { fields: { path: string; rule: string }[] }).fields.map((f) => [f.path, f.rule]);
      }
      return [];
    };
    expect(fields(() => issue('2026-12-04', 'tax'))).toEqual([['/department', 'department_not_on_case'], ['/replyBy', 'reply_by_past']]);
    // Saturday 12 December 2026
    expect(fields(() => issue('2026-12-12'))).toEqual([['/replyBy', 'not_working_day']]);
  });

  it('is for supervisors and admins only', () => {
    expect(codeOf(() => issue('2026-12-09', 'amr', chiefAmr))).toBe('ROLE_REQUIRED');
  });
});

describe('replying', () => {
  const { order } = issue('2026-12-09');

  it('is the department chief’s, once', () => {
    // Act
    const replied = replyToOrder(order, chiefAmr, '已督促办理', monday);
    // Assess
    expect(replied.order).toMatchObject({ status: 'replied', reply: { by: 'chief-amr', text: '已督促办理' }, version: 2 });
    expect(replied.change.events).toEqual([{ type: 'supervision.replied', data: { orderId: id, department: 'amr' } }]);
    expect(codeOf(() => replyToOrder(replied.order, chiefAmr, '再次回复', monday))).toBe('ORDER_ALREADY_REPLIED');
  });

  it('refuses another department’s chief as a task of another department is refused', () => {
    expect(codeOf(() => replyToOrder(order, chiefTax, '不是我们的', monday))).toBe('OTHER_DEPARTMENT');
    expect(codeOf(() => replyToOrder(order, supervisor, '代为回复', monday))).toBe('ROLE_REQUIRED');
  });
});

describe('escalation', () => {
  const { order } = issue('2026-12-09');
  const endOfReplyDay = at('2026-12-09T15:59:59.999Z', '2026-12-09');
  const nextMorning = at('2026-12-10T01:00:00.000Z', '2026-12-10');

  it('waits for the end of the reply day', () => {
    expect(escalateOrder(order, at('2026-12-09T15:59:59.998Z', '2026-12-09'))).toBeNull();
    expect(escalateOrder(order, endOfReplyDay)).not.toBeNull();
  });

  it('happens once: an escalated order does not escalate again', () => {
    // Act
    const first = escalateOrder(order, nextMorning)!;
    // Assess
    expect(first.order).toMatchObject({ escalatedAt: nextMorning.now, status: 'open', version: 2 });
    expect(first.change.events).toEqual([{ type: 'supervision.escalated', data: { orderId: id, department: 'amr' } }]);
    expect(escalateOrder(first.order, nextMorning)).toBeNull();
  });

  it('leaves a replied order alone; a late reply keeps the red card', () => {
    expect(escalateOrder(replyToOrder(order, chiefAmr, '按时回复', monday).order, nextMorning)).toBeNull();
    const late = replyToOrder(escalateOrder(order, nextMorning)!.order, chiefAmr, '迟到的回复', nextMorning);
    expect(late.order).toMatchObject({ status: 'replied', escalatedAt: nextMorning.now });
    expect(late.change.timeline[0]?.detail).toMatchObject({ late: true });
  });
});

describe('listing', () => {
  it('shows supervisors every department and a chief their own', () => {
    expect(listableDepartment(supervisor)).toBeUndefined();
    expect(listableDepartment(chiefAmr)).toBe('amr');
    expect(codeOf(() => listableDepartment({ username: 'clerk', roles: ['clerk'], department: 'center' }))).toBe('ROLE_REQUIRED');
  });
});
