/**
 * Notifications through the real local platform (docs/notifications.md): every applicant
 * and staff notification recorded and sent exactly once under redelivered events, quiet
 * hours holding an SMS until 08:00 on the virtual clock, the daily cap stopping the 51st, a
 * temporary failure retried and a permanent one falling back to email, and delivery receipts
 * applied once while a forged one changes nothing. The message sandbox (local/sandbox-messages.ts)
 * captures every SMS and email and sends signed receipts.
 */
import { createHash, randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../contracts/events.js';
import { signatureHeader } from '../../contracts/signature.js';
import { Api } from '../support/api.js';
import { acceptedCase, decideStage, timelineOf, type SubmittedCase } from '../support/cases.js';
import { FOOD_LICENCE } from '../support/fixtures.js';
import { outboxEventsOf, redeliver } from '../support/outbox.js';
import { caseItems, startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
let senderId: string;

// A Wednesday morning in Shanghai: no quiet hours, a working day.
const MORNING = '2026-12-09T10:00:00+08:00';

beforeAll(async () => {
  t = await startTestPlatform();
  const index = (await t.api.get('/local/index')).body;
  senderId = (index.schedules as { id: string }[]).find((s) => s.id.startsWith('NotificationSender'))!.id;
  await setClock(MORNING);
});
afterAll(async () => {
  await t?.api.post('/local/clock', { reset: true });
  await t?.stop();
});

async function setClock(at: string) {
  const reply = await t.api.post('/local/clock', { at });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
}

/** One run of the scheduled sender, and everything it caused. */
async function runSender() {
  const reply = await t.api.post(`/local/schedules/${senderId}`, {});
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  await t.platform.idle();
}

const notificationsOf = async (caseId: string) => (await caseItems(t, caseId, 'NOTIFY#')) as any[];
const messagesTo = async (query: string) => (await t.api.get(`/local/messages?${query}`)).body.messages as any[];
/** A phone of its own per test, so the sandbox's messages and the cap are the test's alone. */
const phone = (suffix: string) => `139${String(Date.now() % 10_000).padStart(4, '0')}${suffix}`;

/** An event of the case, as the relay publishes it. */
function eventOf(c: SubmittedCase, type: string, data: Record<string, unknown> = {}): OutboxEvent {
  return { eventId: randomUUID(), type: type as OutboxEvent['type'], occurredAt: new Date().toISOString(), county: '430600', caseId: c.caseId, receiptNumber: c.receiptNumber, data };
}

/** Delivered twice at once and once more after, as at-least-once delivery may. */
async function deliverRepeatedly(events: OutboxEvent[]) {
  await Promise.all(events.flatMap((e) => [redeliver(t, 'notifications', e), redeliver(t, 'notifications', e)]));
  await t.platform.idle();
  await Promise.all(events.map((e) => redeliver(t, 'notifications', e)));
  await t.platform.idle();
}

describe('who is told what, exactly once', () => {
  it('records every applicant and staff notification once per channel, and texts each once, under redelivered events', async () => {
    // Prepare: a case accepted, reviewed and signed (submitted, accepted, task created, approved)
    const mobile = phone('1234');
    const c = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { applicant: { phone: mobile } });
    await decideStage(t, c.caseId, 1);
    const [task] = (await caseItems(t, c.caseId, 'TASK#')) as any[];
    const synthetic = [
      eventOf(c, 'case.deficient', { deficiencies: 2 }),
      eventOf(c, 'deferred.reminder', { materialCode: 'M0031', dueDate: '2026-12-11' }),
      eventOf(c, 'deferred.late', { materialCode: 'M0031', dueDate: '2026-12-11' }),
      eventOf(c, 'ticket.issued', { ticketNumber: `T${c.receiptNumber}`, totalFen: 30000, dueDate: '2026-12-18' }),
      eventOf(c, 'case.rejected', { stage: 'review' }),
      eventOf(c, 'delivery.dispatched', { attempt: 1, waybillNumber: 'SB1234567890' }),
      eventOf(c, 'delivery.delivered', { waybillNumber: 'SB1234567890' }),
      eventOf(c, 'pickup.ready', {}),
      eventOf(c, 'rating.invited', {}),
      eventOf(c, 'rectification.responded', { rectificationId: `${c.caseId}-r1-amr`, department: 'amr' }),
      eventOf(c, 'task.warned', { taskId: task.taskId, department: 'amr', from: 'normal', to: 'yellow' }),
      eventOf(c, 'task.overdue', { taskId: task.taskId, department: 'amr', from: 'yellow', to: 'red' }),
      eventOf(c, 'task.severe', { taskId: task.taskId, department: 'amr', from: 'red', to: 'severe' }),
      eventOf(c, 'supervision.ordered', { orderId: 'o1', department: 'amr' }),
      eventOf(c, 'rectification.opened', { rectificationId: `${c.caseId}-r1-amr`, department: 'amr' }),
      eventOf(c, 'rectification.reopened', { rectificationId: `${c.caseId}-r1-amr`, department: 'amr' }),
    ];
    const published = (await outboxEventsOf(t, c.caseId)).filter((e) => ['case.submitted', 'case.accepted', 'task.created', 'case.completed'].includes(e.type));
    expect(published.map((e) => e.type).sort()).toEqual(['case.accepted', 'case.completed', 'case.submitted', 'task.created']);

    // Act
    await deliverRepeatedly([...published, ...synthetic]);

    // Assess: per template, its records by channel and status, each once
    const records = await notificationsOf(c.caseId);
    const byTemplate = (template: string) => records.filter((r) => r.template === template).map((r) => `${r.channel}:${r.status}`).sort();
    const applicantTemplates = ['submitted', 'accepted', 'approved', 'deficient', 'deferred_due', 'deferred_late', 'ticket_issued', 'rejected', 'shipped', 'delivered', 'pickup_ready', 'rating_invited', 'rectification_responded'];
    for (const template of applicantTemplates) expect(byTemplate(template), template).toEqual(['inapp:delivered', expect.stringMatching(/^sms:(sent|delivered)$/)]);
    expect(byTemplate('ticket_due')).toEqual(['inapp:scheduled', 'sms:scheduled']);
    expect(records.find((r) => r.template === 'ticket_due' && r.channel === 'sms').sendAt).toBe('2026-12-17T01:00:00.000Z');
    const staff = records.filter((r) => r.recipient.kind === 'staff').map((r) => [r.template, r.recipient.role, r.recipient.department ?? '*', r.channel, r.status]);
    expect(staff.sort()).toEqual([
      ['rectification_opened', 'chief', 'amr', 'inapp', 'delivered'],
      ['rectification_opened', 'chief', 'amr', 'inapp', 'delivered'],
      ['supervision_ordered', 'chief', 'amr', 'inapp', 'delivered'],
      ['task_assigned', 'reviewer', 'amr', 'inapp', 'delivered'],
      ['task_overdue', 'chief', 'amr', 'inapp', 'delivered'],
      ['task_severe', 'supervisor', '*', 'inapp', 'delivered'],
      ['task_warned', 'reviewer', 'amr', 'inapp', 'delivered'],
    ]);
    // Each applicant event texted once, as the phone shows it, never with the query code
    const texts = await messagesTo(`phone=${mobile}`);
    expect(texts.map((m) => m.template).sort()).toEqual([...applicantTemplates].sort());
    const accepted = texts.find((m) => m.template === 'accepted');
    expect(accepted.text).toMatch(/^【岳阳政务服务】/);
    expect(accepted.text).toContain(c.receiptNumber);
    for (const m of texts) expect(m.text).not.toContain(c.queryCode);
    // And on the timeline: each SMS sent, then delivered (the sandbox's receipt), the phone masked
    await t.platform.idle();
    const timeline = (await timelineOf(t, c.caseId)).filter((e) => e.action.startsWith('notification.'));
    expect(timeline.filter((e) => e.action === 'notification.sent')).toHaveLength(applicantTemplates.length);
    expect(timeline.find((e) => e.detail.template === 'accepted').detail).toEqual({ template: 'accepted', channel: 'sms', to: `${mobile.slice(0, 3)}****${mobile.slice(-4)}` });
  });

  it('notifies the applicant in the language they applied in', async () => {
    // Prepare: the same application asked in English and in Chinese (Accept-Language)
    const english = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { applicant: { phone: phone('5678') }, accept: false });
    const chinese = await acceptedCase({ ...t, api: new Api(t.platform.url, 'zh-CN,zh;q=0.9') }, { itemCode: FOOD_LICENCE }, { applicant: { phone: phone('5679') }, accept: false });
    await t.platform.idle();

    // Assess
    const sms = async (c: SubmittedCase) => (await notificationsOf(c.caseId)).find((r) => r.channel === 'sms');
    expect(await sms(english)).toMatchObject({ template: 'submitted', language: 'en', params: { item: 'Food business licence' } });
    expect(await sms(chinese)).toMatchObject({ template: 'submitted', language: 'zh-CN', params: { item: '食品经营许可' } });
    const [englishText] = await messagesTo(`receiptNumber=${english.receiptNumber}`);
    const [chineseText] = await messagesTo(`receiptNumber=${chinese.receiptNumber}`);
    expect(englishText.text).toBe(`【岳阳政务服务】We have your application ${english.receiptNumber}.`);
    expect(chineseText.text).toContain(`您的申请已收到，受理编号${chinese.receiptNumber}`);
  });
});

describe('the rules', () => {
  it('holds a non-urgent SMS through the quiet hours until 08:00', async () => {
    // Prepare: a case, then an event at 23:00 Shanghai
    const mobile = phone('2222');
    const c = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { applicant: { phone: mobile }, accept: false });
    await t.platform.idle();
    await setClock('2026-12-09T23:00:00+08:00');
    const before = (await messagesTo(`phone=${mobile}`)).length;

    // Act
    await deliverRepeatedly([eventOf(c, 'rating.invited')]);
    await runSender();
    await setClock('2026-12-10T07:59:00+08:00');
    await runSender();
    const heldUntil = (await notificationsOf(c.caseId)).find((r) => r.template === 'rating_invited' && r.channel === 'sms');
    const stillHeld = (await messagesTo(`phone=${mobile}`)).length;
    await setClock('2026-12-10T08:00:30+08:00');
    await runSender();

    // Assess
    expect(heldUntil).toMatchObject({ status: 'scheduled', sendAt: '2026-12-10T00:00:00.000Z', attempts: 0 });
    expect(stillHeld).toBe(before);
    const texts = await messagesTo(`phone=${mobile}`);
    expect(texts.filter((m) => m.template === 'rating_invited')).toHaveLength(1);
    expect((await notificationsOf(c.caseId)).find((r) => r.template === 'rating_invited' && r.channel === 'sms').status).toMatch(/^(sent|delivered)$/);
    await setClock(MORNING);
  });

  it('stops the 51st SMS of the day to a phone, and sends it by email instead', async () => {
    // Prepare: 49 sent to the phone today already, the submission's among them (the cap's count, as the sender keeps it)
    const mobile = phone('3333');
    const email = `cap-${randomUUID().slice(0, 8)}@example.com`;
    const c = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { applicant: { phone: mobile, email }, accept: false });
    await t.platform.idle();
    const hash = createHash('sha256').update(mobile).digest('hex');
    await t.dynamo.send(new UpdateCommand({ TableName: t.dataTable, Key: { pk: `SMSCAP#${hash}`, sk: 'DAY#2026-12-09' }, UpdateExpression: 'SET sent = :n', ExpressionAttributeValues: { ':n': 49 } }));

    // Act: the 50th and the 51st
    await deliverRepeatedly([eventOf(c, 'rating.invited')]);
    await deliverRepeatedly([eventOf(c, 'pickup.ready')]);

    // Assess
    const records = await notificationsOf(c.caseId);
    const sms = (template: string) => records.find((r) => r.template === template && r.channel === 'sms');
    expect(sms('submitted').status).toMatch(/^(sent|delivered)$/);
    expect(sms('rating_invited').status).toMatch(/^(sent|delivered)$/);
    expect(sms('pickup_ready')).toMatchObject({ status: 'capped' });
    const fallback = records.find((r) => r.template === 'pickup_ready' && r.channel === 'email');
    expect(fallback).toMatchObject({ fallbackFor: sms('pickup_ready').notificationId, recipient: { address: email } });
    expect((await messagesTo(`phone=${mobile}`)).map((m) => m.template).sort()).toEqual(['rating_invited', 'submitted']);
    expect((await messagesTo(`email=${email}`)).map((m) => m.template)).toEqual(['pickup_ready']);
    expect((await timelineOf(t, c.caseId)).filter((e) => e.action === 'notification.capped')).toHaveLength(1);
  });
});

describe('sending, retries and receipts', () => {
  it('retries a temporary failure with backoff until it is sent', async () => {
    // Prepare: the sandbox answers 503 to the first two sends of each message to a phone ending 0000
    const mobile = phone('0000');
    const c = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { applicant: { phone: mobile }, accept: false });
    await t.platform.idle();
    const sms = async () => (await notificationsOf(c.caseId)).find((r) => r.template === 'submitted' && r.channel === 'sms');
    const first = await sms();

    // Act: a minute later, the sender tries again (and fails); five minutes after that it succeeds
    await setClock('2026-12-09T10:01:30+08:00');
    await runSender();
    const second = await sms();
    await setClock('2026-12-09T10:07:00+08:00');
    await runSender();

    // Assess
    expect(first).toMatchObject({ status: 'retrying', attempts: 1, sendAt: new Date(Date.parse(first.firstAttemptAt) + 60_000).toISOString() });
    expect(second).toMatchObject({ status: 'retrying', attempts: 2 });
    expect(Date.parse(second.sendAt) - Date.parse('2026-12-09T10:01:30+08:00')).toBeGreaterThanOrEqual(5 * 60_000 - 1000);
    await t.platform.idle();
    expect(await sms()).toMatchObject({ status: 'delivered', attempts: 3 });
    expect((await messagesTo(`phone=${mobile}`)).filter((m) => m.template === 'submitted')).toHaveLength(1);
    const actions = (await timelineOf(t, c.caseId)).map((e) => e.action).filter((a) => a.startsWith('notification.'));
    expect(actions).toEqual(['notification.sent', 'notification.delivered']);
    await setClock(MORNING);
  });

  it('falls back to email when the SMS is refused for good', async () => {
    const mobile = phone('9999');
    const email = `fallback-${randomUUID().slice(0, 8)}@example.com`;
    const c = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { applicant: { phone: mobile, email }, accept: false });
    await t.platform.idle();

    const records = await notificationsOf(c.caseId);
    const sms = records.find((r) => r.template === 'submitted' && r.channel === 'sms');
    expect(sms).toMatchObject({ status: 'undeliverable', attempts: 1 });
    // The sandbox's refusal quotes the number: kept masked.
    expect(sms.error).toContain(`${mobile.slice(0, 3)}****${mobile.slice(-4)}`);
    expect(sms.error).not.toContain(mobile);
    expect(records.find((r) => r.template === 'submitted' && r.channel === 'email')).toMatchObject({ fallbackFor: sms.notificationId, status: 'delivered' });
    const [mail] = await messagesTo(`email=${email}`);
    expect(mail).toMatchObject({ template: 'submitted' });
    expect(mail.body).toContain(c.receiptNumber);
    expect((await timelineOf(t, c.caseId)).map((e) => e.action).filter((a) => a.startsWith('notification.'))).toEqual([
      'notification.undeliverable', 'notification.sent', 'notification.delivered',
    ]);
  });

  it('applies a receipt once; a forged receipt changes nothing and is refused', async () => {
    // Prepare: a delivered SMS
    const mobile = phone('4444');
    const c = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { applicant: { phone: mobile }, accept: false });
    await t.platform.idle();
    const before = (await notificationsOf(c.caseId)).find((r) => r.channel === 'sms');
    expect(before.status).toBe('delivered');
    // Settled by OneTrip's (virtual) clock when the receipt was applied, never before it was sent; the sandbox's own time kept apart.
    expect(before.settledAt >= before.sentAt && before.sentAt >= before.createdAt).toBe(true);
    expect(before.settledAt.slice(0, 10)).toBe('2026-12-09');
    expect(before.reportedAt).toEqual(expect.any(String));
    const timelineBefore = await timelineOf(t, c.caseId);
    const receipt = (status: string) => JSON.stringify({ eventId: randomUUID(), messageId: before.providerMessageId, channel: 'sms', status, permanent: status === 'failed', at: new Date().toISOString() });
    const post = (provider: string, body: string, signature: string) =>
      t.api.request('POST', `/v1/callbacks/notifications/${provider}`, { body, headers: { 'content-type': 'application/json', 'x-onetrip-signature': signature } });
    const now = Math.floor(Date.now() / 1000);

    // Act
    const forgedBody = receipt('failed');
    const forged = await post('sandbox', forgedBody, signatureHeader('not-the-secret', forgedBody, now));
    const repeatedBody = receipt('failed');
    const repeated = await post('sandbox', repeatedBody, signatureHeader(t.platform.secrets.get('sms'), repeatedBody, now));
    const unknown = await post('elsewhere', repeatedBody, signatureHeader(t.platform.secrets.get('sms'), repeatedBody, now));
    // The gateway is a provider OneTrip knows, but this county sends through the sandbox.
    const gatewayBody = JSON.stringify([{ sid: before.providerMessageId, report_status: 'FAIL', user_receive_time: '2026-12-09 10:00:00' }]);
    const notUsed = await t.api.request('POST', '/v1/callbacks/notifications/gateway', { body: gatewayBody, headers: { 'content-type': 'application/json', 'x-gateway-signature': '0'.repeat(64) } });
    await t.platform.idle();

    // Assess
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('BAD_SIGNATURE');
    expect(repeated.status).toBe(200);
    expect(repeated.body).toEqual({ applied: 0, unchanged: 1, unknown: 0 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('RECEIPT_PROVIDER_UNKNOWN');
    expect(notUsed.status, JSON.stringify(notUsed.body)).toBe(404);
    expect(notUsed.body.error.code).toBe('RECEIPT_PROVIDER_UNKNOWN');
    expect((await notificationsOf(c.caseId)).find((r) => r.channel === 'sms')).toEqual(before);
    expect(await timelineOf(t, c.caseId)).toEqual(timelineBefore);
    expect(await messagesTo(`phone=${mobile}`)).toHaveLength(1);
  });
});
