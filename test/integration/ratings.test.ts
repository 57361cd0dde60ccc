/**
 * Service ratings (好差评) and rectifications (整改) against the emulators (docs/ratings.md):
 * refused ratings store nothing; a poor rating opens a rectification and the loop closes
 * (call back and response, the applicant sees it and rates again, the supervisor closes and
 * reopens); a rectification past due turns overdue exactly once; the invitation to rate is
 * raised once, and not for a rated case. The deadline watch's handlers run in this process
 * against the platform's DynamoDB Local with an injected clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timerHandlers } from '../../functions/app/timers.js';
import { clock } from '../../functions/lambda/clock.js';
import { acceptedCase, decideStage, timelineOf, type SubmittedCase } from '../support/cases.js';
import { caseItems, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { outboxItemsOf } from '../support/outbox.js';
import { useStoreOf } from '../support/store.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform();
  useStoreOf(t);
});
afterAll(async () => {
  await t?.stop();
});

/** The construction project planning permit: one department (nrp), no fee; completed once it signs. */
const PLANNING = '000108003000';
const DEPARTMENT = 'nrp';

const viewOf = async (c: SubmittedCase) => (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;
const rate = (c: SubmittedCase, body: unknown, queryCode = c.queryCode) => t.api.post(`/v1/applications/${c.receiptNumber}/rating?queryCode=${queryCode}`, body);
const caseRecord = async (c: SubmittedCase) => (await caseItems(t, c.caseId, 'CASE'))[0]!;
const rectificationItems = (c: SubmittedCase) => caseItems(t, c.caseId, 'RECT#');
const at = (iso: string, minutes: number) => clock(new Date(Date.parse(iso) + minutes * 60_000));

async function finishedCase(decision: 'approve' | 'reject' = 'approve'): Promise<SubmittedCase> {
  const c = await acceptedCase(t, { itemCode: PLANNING });
  await decideStage(t, c.caseId, 1, () => decision);
  expect((await viewOf(c)).status).toBe(decision === 'approve' ? 'completed' : 'rejected');
  return c;
}

describe('a rating', () => {
  it('is refused with a clear 4xx, storing nothing, before completion, with a wrong query code, an unknown grade or reason, a poor grade without a reason, and a second time', async () => {
    // Prepare: a case in review
    const c = await acceptedCase(t, { itemCode: PLANNING });
    const nothingStored = async () => {
      expect((await caseRecord(c)).ratings).toBeUndefined();
      expect(await rectificationItems(c)).toEqual([]);
      expect(await outboxItemsOf(t, c.caseId, 'rating.submitted')).toEqual([]);
    };

    // Act & Assess: before completion
    const early = await rate(c, { grade: 'satisfied' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('CASE_NOT_FINISHED');
    const earlyZh = await t.api.request('POST', `/v1/applications/${c.receiptNumber}/rating?queryCode=${c.queryCode}`, { body: { grade: 'satisfied' }, headers: { 'accept-language': 'zh-CN' } });
    expect(earlyZh.body.error.message).toContain('办结或不予许可后才能评价');
    expect((await viewOf(c)).ratingRound).toBeNull();
    await nothingStored();

    await decideStage(t, c.caseId, 1);
    expect((await viewOf(c)).ratingRound).toBe(1);
    const wrongCode = await rate(c, { grade: 'satisfied' }, 'ZZZZZZZZ');
    expect(wrongCode.status).toBe(404);
    expect(wrongCode.body.error.code).toBe('APPLICATION_NOT_FOUND');
    const unknownGrade = await rate(c, { grade: 'delighted' });
    expect(unknownGrade.status).toBe(400);
    expect(unknownGrade.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['/grade']);
    const unknownReason = await rate(c, { grade: 'dissatisfied', reasons: ['weather'] });
    expect(unknownReason.status).toBe(400);
    expect(unknownReason.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['/reasons/0']);
    const noReason = await rate(c, { grade: 'very_dissatisfied' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toMatchObject([{ path: '/reasons', rule: 'reason_required' }]);
    const badComment = await rate(c, { grade: 'satisfied', comment: 'ok\u202Eko' });
    expect(badComment.status).toBe(400);
    await nothingStored();

    // A good rating, then a second one
    const rated = await rate(c, { grade: 'satisfied', reasons: [], comment: '办得很快' });
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);
    expect(rated.body.ratings).toMatchObject([{ round: 1, grade: 'satisfied', comment: '办得很快' }]);
    expect(rated.body.ratingRound).toBeNull();
    expect(rated.body.rectifications).toEqual([]);
    const again = await rate(c, { grade: 'very_satisfied' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_RATED');
    expect((await caseRecord(c)).ratings).toHaveLength(1);
    await t.platform.idle();
    const submitted = await outboxItemsOf(t, c.caseId, 'rating.submitted');
    expect(submitted.map((e) => e.data)).toEqual([{ grade: 'satisfied', round: 1, service: PLANNING, departments: [DEPARTMENT] }]);
    expect((await timelineOf(t, c.caseId)).filter((e) => e.action === 'rating.submitted')).toHaveLength(1);
  });

  it('when poor, opens a rectification whose loop closes: response with call back, seen by the applicant, a second rating, close and reopen', async () => {
    // Prepare: a case the department rejected
    const c = await finishedCase('reject');
    const supervisor = await t.api.token('supervisor');
    const chief = await t.api.token(`chief-${DEPARTMENT}`);

    // Act: a poor rating
    const rated = await rate(c, { grade: 'very_dissatisfied', reasons: ['attitude', 'repeated_trips'], comment: '跑了三趟' });

    // Assess: one rectification for the rejecting department, due in 5 working days, on the timer index
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);
    expect(rated.body.rectifications).toMatchObject([{ department: DEPARTMENT, round: 1, status: 'open' }]);
    expect(rated.body.ratingRound).toBeNull();
    const [item] = await rectificationItems(c);
    const id = `${c.caseId}-r1-${DEPARTMENT}`;
    expect(item).toMatchObject({ rectificationId: id, status: 'open', watchPk: 'WATCH#rectification', watchSk: `${item!.dueAt}#${id}`, queuePk: `RECTS#${DEPARTMENT}` });
    await t.platform.idle();
    expect((await outboxItemsOf(t, c.caseId, 'rectification.opened')).map((e) => e.data)).toEqual([{ rectificationId: id, department: DEPARTMENT }]);
    const open = await t.api.get('/v1/staff/rectifications', supervisor);
    expect(open.status).toBe(200);
    expect(open.body.rectifications.map((r: { rectificationId: string }) => r.rectificationId)).toContain(id);
    const bogus = await t.api.get('/v1/staff/rectifications?status=late', supervisor);
    expect(bogus.status).toBe(400);
    expect(bogus.body.error.fields).toMatchObject([{ path: 'query:status', rule: 'not_rectification_status' }]);
    expect((await t.api.get('/v1/staff/rectifications')).status).toBe(401);
    const otherChief = await t.api.get('/v1/staff/rectifications', await t.api.token('chief-amr'));
    expect(otherChief.body.rectifications.map((r: { department: string }) => r.department)).not.toContain(DEPARTMENT);

    // Not rated again before the department answered
    const early = await rate(c, { grade: 'satisfied' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('RECTIFICATION_PENDING');

    // Another department cannot answer; the department's chief does, once
    const response = { callback: { at: new Date(Date.now() - 3_600_000).toISOString(), note: '电话回访申请人，说明补正要求' }, changed: '窗口一次性告知清单已更新', response: '已整改：今后一次性告知所需材料' };
    const foreign = await t.api.post(`/v1/staff/rectifications/${id}/response`, response, { token: await t.api.token('chief-amr') });
    expect(foreign.status).toBe(403);
    const future = await t.api.post(`/v1/staff/rectifications/${id}/response`, { ...response, callback: { ...response.callback, at: new Date(Date.now() + 86_400_000).toISOString() } }, { token: chief });
    expect(future.status).toBe(400);
    const closedEarly = await t.api.post(`/v1/staff/rectifications/${id}/close`, {}, { token: supervisor });
    expect(closedEarly.status).toBe(409);
    const answered = await t.api.post(`/v1/staff/rectifications/${id}/response`, response, { token: chief });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({ status: 'responded', response: { by: `chief-${DEPARTMENT}`, text: response.response } });
    expect((await t.api.post(`/v1/staff/rectifications/${id}/response`, response, { token: chief })).body.error.code).toBe('RECTIFICATION_NOT_OPEN');
    expect((await rectificationItems(c))[0]!.watchPk).toBeUndefined();

    // The applicant sees the response, without who wrote it, and rates again
    const seen = await viewOf(c);
    expect(seen.rectifications).toEqual([
      expect.objectContaining({ status: 'responded', response: { at: answered.body.response.at, calledBackAt: response.callback.at, changed: response.changed, text: response.response } }),
    ]);
    expect(JSON.stringify(seen)).not.toContain(`chief-${DEPARTMENT}`);
    expect(seen.ratingRound).toBe(2);
    const second = await rate(c, { grade: 'basically_satisfied' });
    expect(second.status).toBe(201);
    expect(second.body.ratings.map((r: { round: number; grade: string }) => [r.round, r.grade])).toEqual([[1, 'very_dissatisfied'], [2, 'basically_satisfied']]);
    expect((await rate(c, { grade: 'very_satisfied' })).body.error.code).toBe('ALREADY_RATED');

    // The supervisor closes it; reopens it with a reason, due 5 more working days on
    const closed = await t.api.post(`/v1/staff/rectifications/${id}/close`, {}, { token: supervisor });
    expect(closed.body).toMatchObject({ status: 'closed', closedBy: 'supervisor' });
    expect((await t.api.get('/v1/staff/rectifications?status=closed', supervisor)).body.rectifications.map((r: { rectificationId: string }) => r.rectificationId)).toContain(id);
    expect((await t.api.post(`/v1/staff/rectifications/${id}/reopen`, {}, { token: supervisor })).status).toBe(400);
    expect((await t.api.post(`/v1/staff/rectifications/${id}/reopen`, { reason: '回访记录不完整' }, { token: chief })).status).toBe(403);
    const reopened = await t.api.post(`/v1/staff/rectifications/${id}/reopen`, { reason: '回访记录不完整' }, { token: supervisor });
    expect(reopened.body).toMatchObject({ status: 'open', reopenReason: '回访记录不完整' });
    expect((await rectificationItems(c))[0]).toMatchObject({ watchPk: 'WATCH#rectification', queuePk: `RECTS#${DEPARTMENT}` });
    await t.platform.idle();
    const events = (await outboxItemsOf(t, c.caseId)).map((e) => e.type).filter((type) => type.startsWith('rating.') || type.startsWith('rectification.'));
    // Events of one transaction share their instant: compared as a multiset.
    expect(events.sort()).toEqual(['rating.submitted', 'rating.submitted', 'rectification.closed', 'rectification.opened', 'rectification.reopened', 'rectification.responded']);
    const actions = (await timelineOf(t, c.caseId)).map((e) => e.action).filter((a: string) => a.startsWith('rating.') || a.startsWith('rectification.'));
    expect(actions).toEqual(['rating.submitted', 'rectification.opened', 'rectification.responded', 'rating.submitted', 'rectification.closed', 'rectification.reopened']);
  });
});

describe('the deadline watch', () => {
  it('turns a rectification past its due date overdue exactly once, however often it runs', async () => {
    // Prepare: an open rectification
    const c = await finishedCase();
    expect((await rate(c, { grade: 'dissatisfied', reasons: ['overdue'] })).status).toBe(201);
    const [open] = await rectificationItems(c);
    const id = String(open!.rectificationId);
    const overdueEntries = async () => (await timelineOf(t, c.caseId)).filter((e) => e.action === 'rectification.overdue');

    // Act: a run just before the end of its due date, then two at once after it, then a late one
    await timerHandlers.rectification!(at(String(open!.dueAt), -1));
    expect(await overdueEntries()).toEqual([]);
    const after = at(String(open!.dueAt), 1);
    await Promise.all([timerHandlers.rectification!(after), timerHandlers.rectification!(after)]);
    await timerHandlers.rectification!(at(String(open!.dueAt), 60 * 24 * 3));

    // Assess
    expect(await overdueEntries()).toHaveLength(1);
    const [overdue] = await rectificationItems(c);
    expect(overdue).toMatchObject({ status: 'open', overdueAt: after.now, watchPk: 'WATCH#rectification#overdue', watchSk: `${open!.dueAt}#${id}` });
    const listed = await t.api.get('/v1/staff/rectifications?status=overdue', await t.api.token(`chief-${DEPARTMENT}`));
    expect(listed.body.rectifications.map((r: { rectificationId: string }) => r.rectificationId)).toContain(id);
    // Answered, it leaves the overdue list
    const answered = await t.api.post(`/v1/staff/rectifications/${id}/response`, { callback: { at: new Date().toISOString(), note: '已回访' }, changed: '已改进', response: '已整改' }, { token: await t.api.token(`chief-${DEPARTMENT}`) });
    expect(answered.status).toBe(200);
    expect((await rectificationItems(c))[0]!.watchPk).toBeUndefined();
  });

  it('invites the applicant to rate 3 days after completion, once, and not when the case is rated', async () => {
    // Prepare: two completed cases, one rated
    const unrated = await finishedCase();
    const rated = await finishedCase();
    expect((await rate(rated, { grade: 'very_satisfied' })).status).toBe(201);
    const completedAt = String((await caseRecord(unrated)).completedAt);
    const ratedAt = String((await caseRecord(rated)).completedAt);
    expect(await caseRecord(unrated)).toMatchObject({ watchPk: 'WATCH#rating' });
    expect((await caseRecord(rated)).watchPk).toBeUndefined();
    const invitations = async (c: SubmittedCase) => {
      await t.platform.idle();
      return outboxItemsOf(t, c.caseId, 'rating.invited');
    };

    // Act: a run before the third day, two at once after it, a late one
    await timerHandlers.rating!(at(completedAt, 3 * 24 * 60 - 1));
    expect(await invitations(unrated)).toEqual([]);
    const due = at(completedAt > ratedAt ? completedAt : ratedAt, 3 * 24 * 60 + 1);
    await Promise.all([timerHandlers.rating!(due), timerHandlers.rating!(due)]);
    await timerHandlers.rating!(at(completedAt, 10 * 24 * 60));

    // Assess
    expect((await invitations(unrated)).map((e) => e.data)).toEqual([{ service: PLANNING }]);
    expect(await invitations(rated)).toEqual([]);
    const invited = await caseRecord(unrated);
    expect(invited.ratingInvitedAt).toBe(due.now);
    expect(invited.watchPk).toBeUndefined();
    // Still ratable after the invitation
    expect((await rate(unrated, { grade: 'satisfied' })).status).toBe(201);
  });
});
