/**
 * The pure rules of ratings (好差评) and rectifications (整改), functions/domain/ratings.ts:
 * which round may be rated, who is responsible, the 5 working days, the rectification's
 * states, the overdue mark and the invitation, each once; and the request schema's lists
 * are the contract's.
 */
import { describe, expect, it } from 'vitest';
import ratingSchema from '../../contracts/schemas/rating.schema.json' with { type: 'json' };
import { RATING_GRADES, RATING_REASONS, REASON_NAMES } from '../../contracts/supervision.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../functions/domain/errors.js';
import {
  caseIdOfRectification,
  close,
  invitationDueAt,
  inviteToRate,
  markOverdue,
  rateCase,
  ratingRound,
  rectificationId,
  reopen,
  respond,
  responsibleDepartments,
  type Rectification,
} from '../../functions/domain/ratings.js';
import type { CaseRecord } from '../../functions/domain/records.js';
import { clock } from '../../functions/lambda/clock.js';
import type { Staff } from '../../functions/domain/staff.js';

const CASE_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
/** Friday 2026-09-25, before the National Day and Mid-Autumn holiday (1–8 October 2026). */
const friday = clock(new Date('2026-09-25T02:00:00Z'));

function finished(patch: Partial<CaseRecord> = {}): CaseRecord {
  return {
    caseId: CASE_ID,
    receiptNumber: '430600-20260920-000001',
    county: '430600',
    itemCode: '000108003000',
    departments: ['nrp', 'amr'],
    status: 'completed',
    completedAt: '2026-09-24T08:00:00.000Z',
    version: 7,
    timeline: { seq: 9, hash: 'h' },
    ...patch,
  } as CaseRecord;
}

const supervisor: Staff = { username: 'supervisor', roles: ['supervisor'], department: 'center' };
const chiefOf = (department: string): Staff => ({ username: `chief-${department}`, roles: ['chief'], department });
const response = { callback: { at: '2026-09-25T01:00:00.000Z', note: '已电话回访' }, changed: '更新了办事指南', response: '已整改' };

/** Rates, then takes the rectifications it opened. */
function ratedPoorly(c = finished()) {
  const rated = rateCase(c, [], { grade: 'very_dissatisfied', reasons: ['attitude'] }, friday);
  return { c: rated.change.case!.next, rectifications: rated.rectifications.map((r) => r.next), rated };
}

describe('a rating', () => {
  it('is allowed once the case is completed or rejected, and not before', () => {
    expect(ratingRound(finished({ status: 'in_review', completedAt: undefined }), [])).toEqual({ refused: 'not_finished' });
    expect(ratingRound(finished(), [])).toEqual({ round: 1 });
    expect(ratingRound(finished({ status: 'rejected', rejection: { reason: 'x', by: 'clerk', at: '2026-09-24T08:00:00.000Z' } }), [])).toEqual({ round: 1 });
    expect(() => rateCase(finished({ status: 'awaiting_payment' }), [], { grade: 'satisfied' }, friday)).toThrow(expect.objectContaining({ code: 'CASE_NOT_FINISHED' }));
  });

  it('is given once per round: a good first rating ends the rating, a poor one allows one more after the response', () => {
    // Prepare
    const good = rateCase(finished(), [], { grade: 'satisfied' }, friday).change.case!.next;
    const { c, rectifications } = ratedPoorly();

    // Act & Assess
    expect(() => rateCase(good, [], { grade: 'very_satisfied' }, friday)).toThrow(expect.objectContaining({ code: 'ALREADY_RATED' }));
    expect(() => rateCase(c, rectifications, { grade: 'satisfied' }, friday)).toThrow(expect.objectContaining({ code: 'RECTIFICATION_PENDING' }));
    const answered = rectifications.map((r) => (r.department === 'nrp' ? respond(r, chiefOf('nrp'), response, friday).rectifications[0]!.next : r));
    expect(ratingRound(c, answered)).toEqual({ refused: 'awaiting_response' });
    const allAnswered = rectifications.map((r) => respond(r, chiefOf(r.department), response, friday).rectifications[0]!.next);
    expect(ratingRound(c, allAnswered)).toEqual({ round: 2 });
    const second = rateCase(c, allAnswered, { grade: 'dissatisfied', reasons: ['other'] }, friday);
    expect(second.change.case!.next.ratings!.map((r) => r.round)).toEqual([1, 2]);
    expect(second.rectifications.map((r) => r.next.rectificationId)).toEqual([rectificationId(CASE_ID, 2, 'nrp'), rectificationId(CASE_ID, 2, 'amr')]);
    const twice = second.change.case!.next;
    const allSecond = [...allAnswered, ...second.rectifications.map((r) => respond(r.next, chiefOf(r.next.department), response, friday).rectifications[0]!.next)];
    expect(() => rateCase(twice, allSecond, { grade: 'satisfied' }, friday)).toThrow(expect.objectContaining({ code: 'ALREADY_RATED' }));
  });

  it('needs a reason when poor', () => {
    expect(() => rateCase(finished(), [], { grade: 'dissatisfied', reasons: [] }, friday)).toThrow(ValidationError);
    expect(rateCase(finished(), [], { grade: 'basically_satisfied' }, friday).rectifications).toEqual([]);
  });

  it('when poor, opens one rectification per responsible department, due in 5 working days (the holiday skipped), with its events', () => {
    // Act
    const { rectifications, rated } = ratedPoorly();

    // Assess: from Friday 25 September, 5 working days: 28, 29, 30 September, then 9 and 10 October (the 10th is a working Saturday)
    expect(rectifications.map((r) => [r.department, r.dueDate, r.status])).toEqual([['nrp', friday.calendar.addWorkingDays('2026-09-25', 5), 'open'], ['amr', friday.calendar.addWorkingDays('2026-09-25', 5), 'open']]);
    expect(rectifications[0]!.dueDate > '2026-10-08').toBe(true);
    expect(rectifications[0]!.dueAt).toBe(new Date(`${rectifications[0]!.dueDate}T23:59:59.999+08:00`).toISOString());
    expect(rated.change.events).toEqual([
      { type: 'rating.submitted', data: { grade: 'very_dissatisfied', round: 1, service: '000108003000', departments: ['nrp', 'amr'] } },
      { type: 'rectification.opened', data: { rectificationId: `${CASE_ID}-r1-nrp`, department: 'nrp' } },
      { type: 'rectification.opened', data: { rectificationId: `${CASE_ID}-r1-amr`, department: 'amr' } },
    ]);
    expect(rated.change.case!.expectedVersion).toBe(7);
  });

  it('holds responsible the departments that rejected the case, else all of them', () => {
    expect(responsibleDepartments(finished())).toEqual(['nrp', 'amr']);
    const rejection = { reason: 'x', by: 'case-progress', at: '2026-09-24T08:00:00.000Z', departments: [{ department: 'amr', opinion: '不符合' }] };
    expect(responsibleDepartments(finished({ status: 'rejected', rejection }))).toEqual(['amr']);
    expect(responsibleDepartments(finished({ status: 'rejected', rejection: { ...rejection, departments: [] } }))).toEqual(['nrp', 'amr']);
  });
});

describe('a rectification', () => {
  it('is answered by its own department only, once; closed and reopened by the supervisor only', () => {
    const [r] = ratedPoorly().rectifications as [Rectification];
    expect(() => respond(r, chiefOf('amr'), response, friday)).toThrow(ForbiddenError);
    expect(() => respond(r, chiefOf('nrp'), { ...response, callback: { ...response.callback, at: '2026-09-26T00:00:00+08:00' } }, friday)).toThrow(ValidationError);
    expect(() => close(r, supervisor, friday)).toThrow(expect.objectContaining({ code: 'RECTIFICATION_NOT_RESPONDED' }));
    expect(() => reopen(r, supervisor, { reason: 'x' }, friday)).toThrow(expect.objectContaining({ code: 'RECTIFICATION_STILL_OPEN' }));

    const responded = respond(r, chiefOf('nrp'), response, friday).rectifications[0]!;
    expect(responded).toMatchObject({ expectedVersion: r.version, next: { status: 'responded', version: r.version + 1, response: { by: 'chief-nrp' } } });
    expect(() => respond(responded.next, chiefOf('nrp'), response, friday)).toThrow(ConflictError);
    expect(() => close(responded.next, chiefOf('nrp'), friday)).toThrow(ForbiddenError);

    const closed = close(responded.next, supervisor, friday).rectifications[0]!.next;
    const monday = clock(new Date('2026-10-12T02:00:00Z'));
    const reopened = reopen(closed, supervisor, { reason: '回访不实' }, monday);
    expect(reopened.rectifications[0]!.next).toMatchObject({ status: 'open', reopenReason: '回访不实', dueDate: monday.calendar.addWorkingDays('2026-10-12', 5) });
    expect(reopened.rectifications[0]!.next.closedAt).toBeUndefined();
    expect(reopened.change.events).toEqual([{ type: 'rectification.reopened', data: { rectificationId: r.rectificationId, department: 'nrp' } }]);
  });

  it('turns overdue once, only when past its due instant and still open', () => {
    const [r] = ratedPoorly().rectifications as [Rectification];
    const justBefore = clock(new Date(Date.parse(r.dueAt) - 1));
    const justAfter = clock(new Date(Date.parse(r.dueAt) + 1));
    expect(markOverdue(r, justBefore)).toBeNull();
    const overdue = markOverdue(r, justAfter)!;
    expect(overdue.rectifications[0]!.next.overdueAt).toBe(justAfter.now);
    expect(overdue.change.timeline.map((e) => e.action)).toEqual(['rectification.overdue']);
    expect(markOverdue(overdue.rectifications[0]!.next, clock(new Date(Date.parse(r.dueAt) + 86_400_000)))).toBeNull();
    const responded = respond(r, chiefOf('nrp'), response, friday).rectifications[0]!.next;
    expect(markOverdue(responded, justAfter)).toBeNull();
  });

  it('has an id that names its case', () => {
    expect(caseIdOfRectification(rectificationId(CASE_ID, 1, 'nrp'))).toBe(CASE_ID);
    expect(caseIdOfRectification(`${CASE_ID}-t1`)).toBeUndefined();
    expect(caseIdOfRectification(`${CASE_ID}-r3-nrp`)).toBeUndefined();
  });
});

describe('the invitation to rate', () => {
  it('falls due 3 days after the case finished, once, and never for a rated case', () => {
    const c = finished();
    expect(invitationDueAt(c)).toBe('2026-09-27T08:00:00.000Z');
    expect(invitationDueAt(finished({ status: 'in_review', completedAt: undefined }))).toBeUndefined();
    expect(inviteToRate(c, clock(new Date('2026-09-27T07:59:59Z')))).toBeNull();
    const invited = inviteToRate(c, clock(new Date('2026-09-27T08:00:00Z')))!;
    expect(invited.events).toEqual([{ type: 'rating.invited', data: { service: '000108003000' } }]);
    expect(inviteToRate(invited.case!.next, clock(new Date('2026-09-30T00:00:00Z')))).toBeNull();
    expect(invitationDueAt(invited.case!.next)).toBeUndefined();
    const rated = rateCase(c, [], { grade: 'satisfied' }, friday).change.case!.next;
    expect(invitationDueAt(rated)).toBeUndefined();
  });
});

describe('the rating schema', () => {
  it('lists exactly the contract’s grades and reasons, each reason named in both languages', () => {
    expect(ratingSchema.properties.grade.enum).toEqual([...RATING_GRADES]);
    expect(ratingSchema.properties.reasons.items.enum).toEqual([...RATING_REASONS]);
    for (const reason of RATING_REASONS) expect(REASON_NAMES[reason].zh && REASON_NAMES[reason].en).toBeTruthy();
  });
});
