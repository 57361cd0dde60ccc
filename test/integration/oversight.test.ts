/**
 * Oversight against the emulators (docs/oversight.md): supervision orders issued, refused,
 * replied to and escalated to a red card exactly once; and the hash-chained timelines
 * verified, with a changed record and a deleted one each found and named, on request and by
 * the daily audit, which raises one alert per broken case however often it runs.
 *
 * The escalation runs the deadline watch's `order` handler in this process against the
 * platform's DynamoDB Local with an injected clock (the watch's own instant).
 */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../contracts/dates.js';
import { escalateDueOrders } from '../../functions/app/supervision-orders.js';
import { dayNumber, defaultCalendar, fromDayNumber } from '../../functions/domain/calendar.js';
import { clock } from '../../functions/lambda/clock.js';
import { timelineKey } from '../../functions/store/keys.js';
import { acceptedCase, timelineOf, type SubmittedCase } from '../support/cases.js';
import { FOOD_DEPARTMENT, FOOD_LICENCE } from '../support/fixtures.js';
import { outboxEventsOf } from '../support/outbox.js';
import { caseItems, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { useStoreOf } from '../support/store.js';
import { expectIntactTimeline } from '../support/timeline.js';

let t: TestPlatform;
let supervisor: string;
let chief: string;
const lines: string[] = [];
const today = shanghaiDate(new Date());
/** The next working day after today: a reply date that is neither past nor off. */
const replyBy = defaultCalendar.addWorkingDays(today, 1);

beforeAll(async () => {
  t = await startTestPlatform('430600', { log: (line) => lines.push(line) });
  useStoreOf(t);
  supervisor = await t.api.token('supervisor');
  chief = await t.api.token(`chief-${FOOD_DEPARTMENT}`);
});
afterAll(async () => {
  await t?.stop();
});

const order = (caseId: string, body: unknown, token = supervisor) => t.api.post(`/v1/staff/cases/${caseId}/supervision-orders`, body, { token });
const reply = (orderId: string, text: string, token = chief) => t.api.post(`/v1/staff/supervision-orders/${orderId}/reply`, { reply: text }, { token });
const listed = async (status: string, token = supervisor) => (await t.api.get(`/v1/staff/supervision-orders?status=${status}`, token)).body.orders as { orderId: string }[];
const ordersOf = (caseId: string) => caseItems(t, caseId, 'ORDER#');

describe('supervision orders', () => {
  let c: SubmittedCase;
  beforeAll(async () => {
    c = await acceptedCase(t, { itemCode: FOOD_LICENCE });
  });

  it('refuses an unknown department, a past reply date, an empty reason and a clerk, and stores nothing', async () => {
    // Prepare
    const timelineBefore = (await timelineOf(t, c.caseId)).length;
    const yesterday = fromDayNumber(dayNumber(today) - 1);

    // Act
    const otherDepartment = await order(c.caseId, { department: 'tax', reason: '请说明', replyBy });
    const notADepartment = await order(c.caseId, { department: 'Tax Bureau!', reason: '请说明', replyBy });
    const past = await order(c.caseId, { department: FOOD_DEPARTMENT, reason: '请说明', replyBy: yesterday });
    const emptyReason = await order(c.caseId, { department: FOOD_DEPARTMENT, reason: '', replyBy });
    const inChinese = await t.api.request('POST', `/v1/staff/cases/${c.caseId}/supervision-orders`, { body: { department: 'tax', reason: '请说明', replyBy }, token: supervisor, headers: { 'accept-language': 'zh-CN' } });
    const byClerk = await order(c.caseId, { department: FOOD_DEPARTMENT, reason: '请说明', replyBy }, await t.api.token('clerk'));
    const noCase = await order('00000000-0000-4000-8000-000000000000', { department: FOOD_DEPARTMENT, reason: '请说明', replyBy });

    // Assess
    expect(otherDepartment.status).toBe(422);
    expect(otherDepartment.body.error).toMatchObject({ code: 'ORDER_REFUSED', fields: [{ path: '/department', rule: 'department_not_on_case', params: { department: 'tax' } }] });
    expect(inChinese.body.error.fields[0].message).toContain('没有审查任务');
    expect(notADepartment.status).toBe(400);
    expect(notADepartment.body.error.fields).toContainEqual(expect.objectContaining({ path: '/department' }));
    expect(past.status).toBe(422);
    expect(past.body.error.fields).toEqual([expect.objectContaining({ path: '/replyBy', rule: 'reply_by_past' })]);
    expect(emptyReason.status).toBe(400);
    expect(emptyReason.body.error.fields).toContainEqual(expect.objectContaining({ path: '/reason' }));
    expect(byClerk.status).toBe(403);
    expect(noCase.status).toBe(404);
    expect(await ordersOf(c.caseId)).toEqual([]);
    expect((await timelineOf(t, c.caseId)).length).toBe(timelineBefore);
    expect(await outboxEventsOf(t, c.caseId, 'supervision.ordered')).toEqual([]);
  });

  it('is replied to by the department’s chief only, once; another department’s chief gets 403 as for its tasks', async () => {
    // Prepare
    const issued = await order(c.caseId, { department: FOOD_DEPARTMENT, reason: '请说明办理进度', replyBy });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const { orderId } = issued.body.order;

    // Act
    const otherChief = await reply(orderId, '不是我们的', await t.api.token('chief-tax'));
    const unknown = await reply(`${c.caseId}-o0000000000000000`, '无此督办');
    const answered = await reply(orderId, '已加快审查，明日办结');
    const again = await reply(orderId, '再次回复');

    // Assess
    expect(otherChief.status).toBe(403);
    expect(otherChief.body.error.code).toBe('OTHER_DEPARTMENT');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('ORDER_NOT_FOUND');
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({ orderId, status: 'replied', reply: { by: `chief-${FOOD_DEPARTMENT}`, text: '已加快审查，明日办结' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ORDER_ALREADY_REPLIED');
    expect(await outboxEventsOf(t, c.caseId, 'supervision.replied')).toHaveLength(1);
    expect((await ordersOf(c.caseId))[0]).not.toHaveProperty('watchPk');
    expect((await listed('open')).map((o) => o.orderId)).not.toContain(orderId);
  });

  it('escalates once past its reply deadline, however often and however concurrently the watch runs; a late reply keeps the red card', async () => {
    // Prepare: an order due at the end of its reply day
    const issued = await order(c.caseId, { department: FOOD_DEPARTMENT, reason: '已超承诺时限，请说明', replyBy });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const { orderId, replyDueAt } = issued.body.order as { orderId: string; replyDueAt: string };
    expect((await listed('open')).map((o) => o.orderId)).toContain(orderId);
    expect((await listed('open', chief)).map((o) => o.orderId)).toContain(orderId);
    expect((await listed('open', await t.api.token('chief-tax'))).map((o) => o.orderId)).not.toContain(orderId);

    // Act: the watch at the last instant of the reply day, then just after, twice at once, then again
    const onTime = await escalateDueOrders(clock(new Date(Date.parse(replyDueAt) - 1)));
    const after = clock(new Date(Date.parse(replyDueAt) + 60_000));
    const racing = await Promise.all([escalateDueOrders(after), escalateDueOrders(after)]);
    const later = await escalateDueOrders(clock(new Date(Date.parse(replyDueAt) + 86_400_000)));

    // Assess
    expect(onTime).toBe(0);
    expect(racing[0] + racing[1]).toBe(1);
    expect(later).toBe(0);
    const escalations = await outboxEventsOf(t, c.caseId, 'supervision.escalated');
    expect(escalations.map((e) => e.data)).toEqual([{ orderId, department: FOOD_DEPARTMENT }]);
    expect((await timelineOf(t, c.caseId)).filter((e) => e.action === 'supervision.escalated' && e.detail.orderId === orderId)).toHaveLength(1);
    expect((await listed('open')).map((o) => o.orderId)).not.toContain(orderId);
    expect(await listed('escalated')).toEqual([expect.objectContaining({ orderId, status: 'open', escalatedAt: after.now })]);

    // Act: the late reply
    const late = await reply(orderId, '已整改，说明超期原因');

    // Assess
    expect(late.status, JSON.stringify(late.body)).toBe(200);
    expect(late.body).toMatchObject({ status: 'replied', escalatedAt: after.now });
    expect(await listed('escalated')).toEqual([]);
    expect(await escalateDueOrders(clock(new Date(Date.parse(replyDueAt) + 2 * 86_400_000)))).toBe(0);
    expect(await outboxEventsOf(t, c.caseId, 'supervision.escalated')).toHaveLength(1);
    await expectIntactTimeline(t, c.caseId);
  });

  it('shows the case’s orders in the staff view of the case', async () => {
    // Prepare: the orders issued above, one replied and one escalated
    const stored = await ordersOf(c.caseId);

    // Act: the staff view of the case, as the supervisor reads it
    const view = (await t.api.get(`/v1/staff/cases/${c.caseId}`, supervisor)).body as { orders: { orderId: string; status: string; escalatedAt?: string }[] };

    // Assess
    expect(stored).toHaveLength(2);
    // Oldest first: the one replied in time, then the one replied after its red card
    expect(view.orders.map((o) => o.orderId).sort()).toEqual(stored.map((o) => String(o.orderId)).sort());
    expect(view.orders.map((o) => [o.status, o.escalatedAt !== undefined])).toEqual([['replied', false], ['replied', true]]);
    expect(view.orders[0]).not.toHaveProperty('version');
  });
});

describe('timeline verification', () => {
  let intact: SubmittedCase;
  let changed: SubmittedCase;
  let cut: SubmittedCase;
  beforeAll(async () => {
    [intact, changed, cut] = [await acceptedCase(t, { itemCode: FOOD_LICENCE }), await acceptedCase(t, { itemCode: FOOD_LICENCE }), await acceptedCase(t, { itemCode: FOOD_LICENCE })];
    // One record's content altered in place; another case's record removed.
    await t.dynamo.send(new UpdateCommand({ TableName: t.dataTable, Key: timelineKey(changed.caseId, 2), UpdateExpression: 'SET detail = :d', ExpressionAttributeValues: { ':d': { promisedDate: '2099-01-01' } } }));
    await t.dynamo.send(new DeleteCommand({ TableName: t.dataTable, Key: timelineKey(cut.caseId, 1) }));
  });

  const verify = (body: unknown, token = supervisor) => t.api.post('/v1/staff/supervision/verify', body, { token });

  it('names the changed and the missing record, and finds an intact case intact', async () => {
    // Act
    const byId = await verify({ caseIds: [intact.caseId, changed.caseId, cut.caseId, '00000000-0000-4000-8000-000000000000'] });
    const byReceipt = await verify({ receiptNumbers: [changed.receiptNumber, cut.receiptNumber] });

    // Assess
    expect(byId.status, JSON.stringify(byId.body)).toBe(200);
    expect(byId.body).toEqual({
      cases: [
        { caseId: intact.caseId, receiptNumber: intact.receiptNumber, intact: true },
        { caseId: changed.caseId, receiptNumber: changed.receiptNumber, intact: false, firstBroken: { seq: 2, problem: 'changed' } },
        { caseId: cut.caseId, receiptNumber: cut.receiptNumber, intact: false, firstBroken: { seq: 1, problem: 'missing' } },
      ],
      unknown: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(byReceipt.body.cases.map((v: { intact: boolean }) => v.intact)).toEqual([false, false]);
  });

  it('samples a day’s cases through its receipt numbers', async () => {
    // Act
    const sample = await verify({ sample: { day: today, size: 100 } });

    // Assess: every case of this file was submitted today, so the sample holds them all
    expect(sample.status, JSON.stringify(sample.body)).toBe(200);
    expect(sample.body.sample).toMatchObject({ day: today, casesThatDay: sample.body.cases.length, drawn: sample.body.cases.length });
    const verdicts = new Map(sample.body.cases.map((v: { caseId: string }) => [v.caseId, v]));
    expect(verdicts.get(intact.caseId)).toMatchObject({ intact: true });
    expect(verdicts.get(changed.caseId)).toMatchObject({ firstBroken: { seq: 2, problem: 'changed' } });
    expect(verdicts.get(cut.caseId)).toMatchObject({ firstBroken: { seq: 1, problem: 'missing' } });
  });

  it('refuses a malformed request, too many cases, and anyone but a supervisor or admin', async () => {
    const malformed = await verify({ caseIds: ['not-a-uuid'] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields).toEqual([expect.objectContaining({ path: '/caseIds/0', rule: 'format' })]);
    const both = await verify({ caseIds: [intact.caseId], sample: { day: today, size: 1 } });
    expect(both.status).toBe(400);
    expect(both.body.error.fields).toEqual([expect.objectContaining({ path: '/sample', rule: 'not_with' })]);
    expect((await verify({})).body.error.fields).toEqual([expect.objectContaining({ path: '/caseIds', rule: 'required_or' })]);
    expect((await verify({ sample: { day: today, size: 101 } })).status).toBe(400);
    expect((await verify({ receiptNumbers: Array.from({ length: 51 }, (_, i) => `430600-20261207-${String(i + 1).padStart(6, '0')}`) })).status).toBe(400);
    const byChief = await verify({ caseIds: [intact.caseId] }, chief);
    expect(byChief.status).toBe(403);
    expect(byChief.body.error.code).toBe('ROLE_REQUIRED');
  });

  it('the daily audit raises one integrity alert per broken case, however often it runs, and logs each', async () => {
    // Prepare: 02:00 in Shanghai the day after (18:00 UTC today)
    const fn = t.platform.resources.functions.find((f) => f.startsWith('Fnintegrityaudit'));
    expect(fn).toBeDefined();
    const run = () => t.platform.invoke(fn!, { 'detail-type': 'Scheduled Event', source: 'aws.events', time: `${today}T18:00:00Z`, detail: {} });

    // Act
    const first = (await run()) as { day: string; broken: number; raised: number };
    const second = (await run()) as { day: string; broken: number; raised: number };
    await t.platform.idle();

    // Assess
    expect(first).toMatchObject({ day: today, broken: 2, raised: 2 });
    expect(second).toMatchObject({ day: today, broken: 2, raised: 0 });
    expect((await outboxEventsOf(t, changed.caseId, 'integrity.broken')).map((e) => e.data)).toEqual([{ seq: 2, problem: 'changed' }]);
    expect((await outboxEventsOf(t, cut.caseId, 'integrity.broken')).map((e) => e.data)).toEqual([{ seq: 1, problem: 'missing' }]);
    expect(await outboxEventsOf(t, intact.caseId, 'integrity.broken')).toEqual([]);
    const logged = lines.filter((l) => l.includes('"timeline broken"'));
    expect(logged.filter((l) => l.includes(changed.caseId))).toHaveLength(2);
    expect(logged.filter((l) => l.includes(cut.caseId))).toHaveLength(2);
  });
});

describe('the deadline watch on the local virtual clock', () => {
  afterAll(async () => {
    await t.api.post('/local/clock', { reset: true });
  });

  it('escalates an unanswered order once the clock passes its reply day, once however often the watch runs', async () => {
    // Prepare
    const c = await acceptedCase(t, { itemCode: FOOD_LICENCE });
    const issued = await order(c.caseId, { department: FOOD_DEPARTMENT, reason: '请于期限内说明', replyBy });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const { orderId, replyDueAt } = issued.body.order as { orderId: string; replyDueAt: string };
    const fn = t.platform.resources.functions.find((f) => f.startsWith('Fndeadlinewatch'));
    expect(fn).toBeDefined();
    const watch = async () => ((await t.platform.invoke(fn!, { source: 'aws.scheduler' })) as Record<string, number>).order;

    // Act: the watch before the deadline, then with the clock moved past it, twice
    const before = await watch();
    const moved = await t.api.post('/local/clock', { at: new Date(Date.parse(replyDueAt) + 5 * 60_000).toISOString() });
    const runs = [await watch(), await watch()];
    await t.platform.idle();

    // Assess
    expect(moved.status).toBe(200);
    expect(before).toBe(0);
    // The first run escalates every order now past its day (this file's other open ones too); the second finds nothing left
    expect(runs[0]).toBeGreaterThanOrEqual(1);
    expect(runs[1]).toBe(0);
    expect((await outboxEventsOf(t, c.caseId, 'supervision.escalated')).map((e) => e.data)).toEqual([{ orderId, department: FOOD_DEPARTMENT }]);
    const [stored] = await ordersOf(c.caseId);
    expect(stored).toMatchObject({ orderId, status: 'open', watchPk: 'WATCH#order#escalated' });
    expect(Date.parse(String(stored!.escalatedAt))).toBeGreaterThan(Date.parse(replyDueAt));
  });
});
