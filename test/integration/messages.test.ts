/**
 * Reading messages and opting out (issue 15, docs/notifications.md) through the API: the
 * applicant's messages of a case with their SMS and email masked, the opt-out (a wrong query
 * code is the lookup's 404 and stores nothing; a bad body a 400), and the staff's messages,
 * paged, each reading only their own department's and role's. The notification records are
 * put in DynamoDB Local as the notifications consumer writes them, so the routes are tested
 * on their own; the ids asserted are the test's own, so records the consumer adds beside them
 * change nothing here.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, TemplateId } from '../../contracts/notifications.js';
import { notificationIdOf, type NotificationRecord, type Recipient } from '../../functions/domain/notification-record.js';
import { staffMessageQueue } from '../../functions/store/keys.js';
import { acceptedCase, timelineOf, type SubmittedCase } from '../support/cases.js';
import { applicantCompany, FOOD_DEPARTMENT } from '../support/fixtures.js';
import { putNotification } from '../support/messages.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
let c: SubmittedCase;
const tokens: Record<string, string> = {};
const EMAIL = 'lixiangjun@example.com';

/** A notification record of the case, as the consumer writes it. */
const putRecord = (eventId: string, template: TemplateId, channel: Channel, recipient: Recipient, createdAt: string, extra: Partial<NotificationRecord> = {}) =>
  putNotification(t, c, { eventId, template, channel, recipient, createdAt, essential: template === 'accepted', ...extra });

const applicant = (address?: string): Recipient => ({ kind: 'applicant', ...(address ? { address } : {}) });
const reviewers: Recipient = { kind: 'staff', role: 'reviewer', department: FOOD_DEPARTMENT };
const caseItem = async () => (await t.dynamo.send(new GetCommand({ TableName: t.dataTable, Key: { pk: `CASE#${c.caseId}`, sk: 'CASE' }, ConsistentRead: true }))).Item!;

/** Every message of a staff member's list, page by page. */
async function allStaffMessages(who: string, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const reply = await t.api.get(`/v1/staff/messages?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, tokens[who]);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    ids.push(...reply.body.messages.map((m: { messageId: string }) => m.messageId));
    cursor = reply.body.next;
    pages += 1;
  } while (cursor);
  return { ids, pages };
}

let submittedInApp: NotificationRecord;
let acceptedInApp: NotificationRecord;
let staffIds: string[];

beforeAll(async () => {
  t = await startTestPlatform();
  c = await acceptedCase(t, { itemCode: '000105002000' });
  for (const who of ['clerk', 'supervisor', `reviewer-${FOOD_DEPARTMENT}`, `chief-${FOOD_DEPARTMENT}`, 'reviewer-tax']) tokens[who] = await t.api.token(who);
  submittedInApp = await putRecord('e-submitted', 'submitted', 'inapp', applicant(), '2026-12-07T01:00:00.000Z');
  await putRecord('e-submitted', 'submitted', 'sms', applicant(applicantCompany.phone), '2026-12-07T01:00:00.000Z', { status: 'delivered', sentAt: '2026-12-07T01:00:02.000Z', settledAt: '2026-12-07T01:00:05.000Z' });
  acceptedInApp = await putRecord('e-accepted', 'accepted', 'inapp', applicant(), '2026-12-07T02:00:00.000Z');
  await putRecord('e-accepted', 'accepted', 'email', applicant(EMAIL), '2026-12-07T02:00:00.000Z', { status: 'scheduled', sendAt: '2026-12-08T00:00:00.000Z', attempts: 0 });
  const staff = [];
  for (const [i, template] of (['task_assigned', 'task_warned', 'task_overdue'] as const).entries()) {
    staff.push(await putRecord(`e-staff-${i}`, template, 'inapp', reviewers, `2026-12-07T0${3 + i}:00:00.000Z`));
  }
  staffIds = staff.map((r) => r.notificationId).reverse();
  await putRecord('e-severe', 'task_severe', 'inapp', { kind: 'staff', role: 'supervisor' }, '2026-12-07T06:00:00.000Z');
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

describe("the applicant's messages", () => {
  it('lists each notification once, newest first, worded in the language asked for, with its SMS and email masked', async () => {
    // Act
    const english = await t.api.get(`/v1/applications/${c.receiptNumber}/messages?queryCode=${c.queryCode}`);
    const chinese = await t.api.request('GET', `/v1/applications/${c.receiptNumber}/messages?queryCode=${c.queryCode}`, { headers: { 'accept-language': 'zh-CN' } });

    // Assess
    expect(english.status, JSON.stringify(english.body)).toBe(200);
    expect(english.headers.get('content-language')).toBe('en');
    expect(chinese.headers.get('content-language')).toBe('zh-CN');
    const mine = english.body.messages.filter((m: { messageId: string }) => [submittedInApp.notificationId, acceptedInApp.notificationId].includes(m.messageId));
    expect(mine.map((m: { template: string }) => m.template)).toEqual(['accepted', 'submitted']);
    const [accepted, submitted] = mine;
    expect(accepted).toMatchObject({ at: acceptedInApp.createdAt, essential: true, deliveries: [{ channel: 'email', to: 'l***@example.com', status: 'scheduled', at: '2026-12-08T00:00:00.000Z' }] });
    expect(submitted).toMatchObject({ essential: false, deliveries: [{ channel: 'sms', to: '139****1234', status: 'delivered', at: '2026-12-07T01:00:05.000Z' }] });
    expect(accepted.body).toContain(c.receiptNumber);
    const chineseAccepted = chinese.body.messages.find((m: { messageId: string }) => m.messageId === acceptedInApp.notificationId);
    expect(chineseAccepted.subject).not.toBe(accepted.subject);
    expect(english.body.optOut).toBe(false);
    const text = JSON.stringify([english.body, chinese.body]);
    for (const personal of [applicantCompany.phone, EMAIL]) expect(text).not.toContain(personal);
  });

  it("lists the consumer's own notifications of the case: received and accepted, each with its text to the masked phone", async () => {
    // Act
    const reply = await t.api.get(`/v1/applications/${c.receiptNumber}/messages?queryCode=${c.queryCode}`);

    // Assess: the notifications consumer recorded them when the case was submitted and accepted
    const mine = new Set([submittedInApp.notificationId, acceptedInApp.notificationId]);
    const consumer = reply.body.messages.filter((m: { messageId: string }) => !mine.has(m.messageId));
    expect(consumer.map((m: { template: string }) => m.template).sort()).toEqual(['accepted', 'submitted']);
    for (const m of consumer) expect(m.deliveries).toEqual([expect.objectContaining({ channel: 'sms', to: '139****1234' })]);
  });

  it('answers a wrong query code as the lookup does', async () => {
    // Act
    const messages = await t.api.get(`/v1/applications/${c.receiptNumber}/messages?queryCode=AAAA2222`);
    const lookup = await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=AAAA2222`);

    // Assess
    expect(messages.status).toBe(404);
    expect(messages.body).toEqual(lookup.body);
  });
});

describe('opting out', () => {
  const preferences = (code: string, body: unknown) =>
    t.api.request('PUT', `/v1/applications/${c.receiptNumber}/notification-preferences?queryCode=${code}`, { body });

  it('refuses a wrong query code with the lookup’s 404 and a bad body with a 400 naming it, storing nothing', async () => {
    // Prepare
    const before = await caseItem();
    const timeline = (await timelineOf(t, c.caseId)).length;

    // Act
    const wrong = await preferences('AAAA2222', { optOut: true });
    const lookup = await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=AAAA2222`);
    const notBoolean = await preferences(c.queryCode, { optOut: 'yes' });
    const notBooleanZh = await t.api.request('PUT', `/v1/applications/${c.receiptNumber}/notification-preferences?queryCode=${c.queryCode}`, { body: { optOut: 'yes' }, headers: { 'accept-language': 'zh-CN' } });
    const unknown = await preferences(c.queryCode, { optOut: true, sms: false });
    const empty = await preferences(c.queryCode, {});

    // Assess
    expect(wrong.status).toBe(404);
    expect(wrong.body).toEqual(lookup.body);
    expect([notBoolean.status, unknown.status, empty.status]).toEqual([400, 400, 400]);
    expect(notBoolean.body.error.fields).toContainEqual(expect.objectContaining({ path: '/optOut', rule: 'type' }));
    expect(notBooleanZh.body.error.fields).toContainEqual(expect.objectContaining({ path: '/optOut', rule: 'type', message: '应当是布尔值（true 或 false）' }));
    expect(unknown.body.error.fields).toContainEqual(expect.objectContaining({ path: '/sms', rule: 'unknown_member' }));
    expect(empty.body.error.fields).toContainEqual(expect.objectContaining({ path: '/optOut', rule: 'required' }));
    expect(await caseItem()).toEqual(before);
    expect((await timelineOf(t, c.caseId)).length).toBe(timeline);
  });

  it('opts out with one timeline entry (again: none), shows it with the messages, and opts back in', async () => {
    // Prepare
    const timeline = (await timelineOf(t, c.caseId)).length;

    // Act
    const out = await preferences(c.queryCode, { optOut: true });
    const again = await preferences(c.queryCode, { optOut: true });
    const messages = await t.api.get(`/v1/applications/${c.receiptNumber}/messages?queryCode=${c.queryCode}`);
    const entries = (await timelineOf(t, c.caseId)).slice(timeline);
    const back = await preferences(c.queryCode, { optOut: false });

    // Assess
    expect([out.status, out.body, again.status, again.body]).toEqual([200, { optOut: true }, 200, { optOut: true }]);
    expect(messages.body.optOut).toBe(true);
    expect(entries.map((e) => [e.action, e.actor.type])).toEqual([['notifications.opted_out', 'applicant']]);
    expect(back.body).toEqual({ optOut: false });
    expect((await caseItem()).notificationsOptOut).toBe(false);
  });
});

describe("the staff's messages", () => {
  it('gives the department’s reviewers theirs, newest first, each once across pages; other departments and roles none', async () => {
    // Act
    const reviewer = await allStaffMessages(`reviewer-${FOOD_DEPARTMENT}`, 2);
    const otherDepartment = await allStaffMessages('reviewer-tax', 2);
    const chief = await allStaffMessages(`chief-${FOOD_DEPARTMENT}`, 50);
    const supervisor = await allStaffMessages('supervisor', 50);
    const first = await t.api.get('/v1/staff/messages?limit=1', tokens[`reviewer-${FOOD_DEPARTMENT}`]);

    // Assess
    expect(reviewer.ids.filter((id) => staffIds.includes(id))).toEqual(staffIds);
    expect(new Set(reviewer.ids).size).toBe(reviewer.ids.length);
    expect(reviewer.pages).toBeGreaterThanOrEqual(2);
    expect(otherDepartment.ids.filter((id) => staffIds.includes(id))).toEqual([]);
    expect(chief.ids.filter((id) => staffIds.includes(id))).toEqual([]);
    expect(supervisor.ids).toContain(notificationIdOf('e-severe', { kind: 'staff', role: 'supervisor' }, 'inapp'));
    expect(supervisor.ids.filter((id) => staffIds.includes(id))).toEqual([]);
    expect(first.body.messages[0]).toMatchObject({ caseId: c.caseId, receiptNumber: c.receiptNumber });
    expect(first.body.messages[0].subject).toEqual(expect.any(String));
  });

  it('refuses a role with no messages, another list’s cursor and a bad limit', async () => {
    // Prepare
    const supervisorPage = await t.api.get('/v1/staff/messages?limit=1', tokens.supervisor);
    const reviewerPage = await t.api.get('/v1/staff/messages?limit=1', tokens[`reviewer-${FOOD_DEPARTMENT}`]);

    // Act
    const clerk = await t.api.get('/v1/staff/messages', tokens.clerk);
    const foreign = await t.api.get(`/v1/staff/messages?cursor=${reviewerPage.body.next}`, tokens['reviewer-tax']);
    const forged = await t.api.get(`/v1/staff/messages?cursor=${Buffer.from(JSON.stringify({ queuePk: staffMessageQueue(undefined, 'supervisor') })).toString('base64url')}`, tokens.supervisor);
    const limit = await t.api.get('/v1/staff/messages?limit=0', tokens.supervisor);
    const limitZh = await t.api.request('GET', '/v1/staff/messages?limit=0', { token: tokens.supervisor, headers: { 'accept-language': 'zh-CN' } });

    // Assess
    expect(supervisorPage.status).toBe(200);
    expect(clerk.status).toBe(403);
    expect(clerk.body.error.code).toBe('ROLE_REQUIRED');
    expect([foreign.status, foreign.body.error.code]).toEqual([400, 'INVALID_CURSOR']);
    expect([forged.status, forged.body.error.code]).toEqual([400, 'INVALID_CURSOR']);
    expect(limit.status).toBe(400);
    // The top-level message says what is wrong in both languages, not only in English.
    expect(limit.body.error.message).toBe('limit must be a whole number from 1 to 200');
    expect(limitZh.body.error.message).toBe('查询参数 limit 必须是 1–200 之间的整数');
  });
});
