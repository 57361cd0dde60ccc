import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_RULES, type NotificationRules } from '../../contracts/notification-rules.js';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import { notificationIdOf, type NotificationRecord } from '../../functions/domain/notification-record.js';
import {
  afterFailure, afterQuietHours, decideSend, fallbackEmail, notificationsOn, recordsOf, timelineEntryOf, withReceipt, workingDayBefore,
  type EventFacts, type NotifiedCase,
} from '../../functions/domain/notifications.js';
import type { Ticket } from '../../functions/domain/records.js';

const EVENT_ID = '4f0c2a1e-7b3d-4c55-9a7e-2d1b8f6e9c10';
// 10:00 in Shanghai, a Monday.
const NOON = '2026-12-07T02:00:00.000Z';
const NIGHT = '2026-12-07T15:30:00.000Z'; // 23:30 in Shanghai
const rules: NotificationRules = DEFAULT_NOTIFICATION_RULES;
const caseOf = (patch: Partial<NotifiedCase> = {}): NotifiedCase => ({
  caseId: 'c1', receiptNumber: '430600-20261207-000001', county: '430600', catalogVersion: '2026.12.2',
  itemName: { zh: '食品经营许可', en: 'Food business licence' }, promisedDate: '2026-12-21', legalDate: '2026-12-28',
  applicant: { type: 'company', name: '岳阳市洞庭鲜食品有限公司', idType: 'credit_code', idNumber: '91430600MA4T8K2L39', phone: '13907301234', email: 'li@example.com' },
  ...patch,
} as unknown as NotifiedCase);
const facts = (c = caseOf(), patch: Partial<EventFacts> = {}): EventFacts => ({
  case: c,
  task: { department: 'amr', itemName: { zh: '食品经营许可', en: 'Food business licence' }, deadline: '2026-12-14', legalDeadline: '2026-12-28' },
  dueDate: '2026-12-11',
  words: { department: (code) => ({ zh: `部门${code}`, en: `Dept ${code}` }), material: (code) => ({ zh: `材料${code}`, en: `Material ${code}` }) },
  hall: { zh: '岳阳市政务服务中心', en: '岳阳市政务服务中心' },
  rules,
  ...patch,
});
const event = (type: string, data: Record<string, unknown> = {}, occurredAt = NOON) => ({ type: type as never, eventId: EVENT_ID, occurredAt, data });
const plan = (type: string, data: Record<string, unknown> = {}, f = facts()) => notificationsOn(event(type, data), f, defaultCalendar);
const records = (type: string, data: Record<string, unknown> = {}, c = caseOf(), now = NOON, r = rules) =>
  plan(type, data, facts(c)).flatMap((p) => recordsOf(p, c, r, { now, catalogVersion: '2026.12.2' }));

describe('who is told what', () => {
  it('tells the applicant of every step, the staff of their tasks, each by the template of its event', () => {
    const table: [string, Record<string, unknown>, string, unknown][] = [
      ['case.submitted', {}, 'submitted', 'applicant'],
      ['case.deficient', { deficiencies: 3 }, 'deficient', 'applicant'],
      ['case.accepted', { promisedDate: '2026-12-21' }, 'accepted', 'applicant'],
      ['deferred.reminder', { materialCode: 'M0031', dueDate: '2026-12-09' }, 'deferred_due', 'applicant'],
      ['deferred.late', { materialCode: 'M0031', dueDate: '2026-12-09' }, 'deferred_late', 'applicant'],
      ['case.completed', {}, 'approved', 'applicant'],
      ['case.rejected', { stage: 'review' }, 'rejected', 'applicant'],
      ['delivery.dispatched', { waybillNumber: 'SF123' }, 'shipped', 'applicant'],
      ['delivery.delivered', { waybillNumber: 'SF123' }, 'delivered', 'applicant'],
      ['pickup.ready', {}, 'pickup_ready', 'applicant'],
      ['rating.invited', {}, 'rating_invited', 'applicant'],
      ['rectification.responded', { department: 'amr' }, 'rectification_responded', 'applicant'],
      ['task.created', { taskId: 'c1-t0' }, 'task_assigned', { kind: 'staff', role: 'reviewer', department: 'amr' }],
      ['task.warned', { taskId: 'c1-t0' }, 'task_warned', { kind: 'staff', role: 'reviewer', department: 'amr' }],
      ['task.overdue', { taskId: 'c1-t0' }, 'task_overdue', { kind: 'staff', role: 'chief', department: 'amr' }],
      ['task.severe', { taskId: 'c1-t0' }, 'task_severe', { kind: 'staff', role: 'supervisor' }],
      ['supervision.ordered', { department: 'amr' }, 'supervision_ordered', { kind: 'staff', role: 'chief', department: 'amr' }],
      ['rectification.opened', { department: 'amr' }, 'rectification_opened', { kind: 'staff', role: 'chief', department: 'amr' }],
      ['rectification.reopened', { department: 'amr' }, 'rectification_opened', { kind: 'staff', role: 'chief', department: 'amr' }],
    ];
    for (const [type, data, template, recipient] of table) {
      expect(plan(type, data).map((p) => [p.template, p.recipient]), type).toEqual([[template, recipient]]);
    }
    expect(plan('task.approved')).toEqual([]);
  });

  it('fills the placeholders in the recipient’s language, never with the query code', () => {
    const [deficient] = plan('case.deficient', { deficiencies: 3 });
    expect(deficient!.params('zh-CN')).toEqual({ receiptNumber: '430600-20261207-000001', item: '食品经营许可', count: '3' });
    expect(deficient!.params('en').item).toBe('Food business licence');
    const [severe] = plan('task.severe', { taskId: 'c1-t0' });
    expect(severe!.params('zh-CN')).toMatchObject({ department: '部门amr', legalDate: '2026年12月28日' });
    const [ticket] = plan('ticket.issued', { ticketNumber: 'T430600-20261207-000001', totalFen: 1234567890, dueDate: '2026-12-14' });
    // Dates as each language writes them in a sentence, not ISO.
    expect(ticket!.params('zh-CN')).toMatchObject({ amount: '¥12,345,678.90', dueDate: '2026年12月14日' });
    expect(ticket!.params('en')).toMatchObject({ dueDate: '14 December 2026' });
    expect(plan('case.accepted', { promisedDate: '2026-09-30' })[0]!.params('en')).toMatchObject({ promisedDate: '30 September 2026' });
  });

  it('schedules the fee reminder for 09:00 of the working day before the ticket falls due, unless that has passed', () => {
    // Due Monday 2026-12-14: the working day before is Friday the 11th.
    const planned = plan('ticket.issued', { ticketNumber: 'T1', totalFen: 30000, dueDate: '2026-12-14' });
    expect(planned.map((p) => [p.template, p.eventId, p.notBefore])).toEqual([
      ['ticket_issued', EVENT_ID, undefined],
      ['ticket_due', `${EVENT_ID}:ticket_due`, '2026-12-11T01:00:00.000Z'],
    ]);
    expect(plan('ticket.issued', { ticketNumber: 'T1', totalFen: 30000, dueDate: '2026-12-08' }).map((p) => p.template)).toEqual(['ticket_issued']);
    // Across the National Day holiday (1–7 October).
    expect(workingDayBefore('2026-10-08', '09:00', defaultCalendar)).toBe('2026-09-30T01:00:00.000Z');
  });
});

describe('the records of a notification', () => {
  it('writes in-app at once and texts the phone; the same event always names the same records', () => {
    const [inapp, sms] = records('case.accepted', { promisedDate: '2026-12-21' });
    expect(inapp).toMatchObject({ channel: 'inapp', status: 'delivered', settledAt: NOON, language: 'zh-CN', essential: true });
    expect(sms).toMatchObject({ channel: 'sms', status: 'scheduled', sendAt: NOON, recipient: { kind: 'applicant', address: '13907301234' } });
    expect(sms!.notificationId).toBe(notificationIdOf(EVENT_ID, { kind: 'applicant' }, 'sms'));
    expect(records('case.accepted', { promisedDate: '2026-12-21' }, caseOf(), '2026-12-07T03:00:00.000Z').map((r) => r.notificationId)).toEqual([inapp!.notificationId, sms!.notificationId]);
  });

  it('emails instead where the county sends no SMS, and only in-app where the applicant gave no email', () => {
    const emailOnly = { ...rules, channels: ['email' as const] };
    expect(records('case.submitted', {}, caseOf(), NOON, emailOnly).map((r) => [r.channel, r.recipient])).toEqual([
      ['inapp', { kind: 'applicant' }], ['email', { kind: 'applicant', address: 'li@example.com' }],
    ]);
    const noEmail = caseOf({ applicant: { ...caseOf().applicant, email: undefined } } as never);
    expect(records('case.submitted', {}, noEmail, NOON, emailOnly).map((r) => r.channel)).toEqual(['inapp']);
  });

  it('speaks the language the applicant applied in, zh-CN for older cases and for staff', () => {
    expect(records('case.submitted', {}, caseOf({ language: 'en' })).map((r) => [r.language, r.params.item])).toEqual([['en', 'Food business licence'], ['en', 'Food business licence']]);
    expect(records('case.submitted').map((r) => r.language)).toEqual(['zh-CN', 'zh-CN']);
    // Kept in both languages too, so a list words it in its reader's language whatever the record's.
    const [staffRecord] = records('task.created', { taskId: 'c1-t0' });
    expect(staffRecord!.localizedParams!.en).toMatchObject({ item: 'Food business licence' });
    expect(staffRecord!.localizedParams!['zh-CN']).toEqual(staffRecord!.params);
    expect(records('task.created', { taskId: 'c1-t0' }, caseOf({ language: 'en' })).map((r) => [r.channel, r.language, r.recipient])).toEqual([
      ['inapp', 'zh-CN', { kind: 'staff', role: 'reviewer', department: 'amr' }],
    ]);
  });

  it('holds a non-urgent SMS through the quiet hours until 08:00, never an urgent one or an in-app message', () => {
    const [inapp, sms] = records('case.submitted', {}, caseOf(), NIGHT);
    expect(inapp!.status).toBe('delivered');
    expect(sms).toMatchObject({ status: 'scheduled', sendAt: '2026-12-08T00:00:00.000Z' });
    expect(afterQuietHours('2026-12-07T19:00:00.000Z', rules.quietHours)).toBe('2026-12-08T00:00:00.000Z'); // 03:00 → 08:00 the same day
    expect(afterQuietHours('2026-12-07T13:59:00.000Z', rules.quietHours)).toBe('2026-12-07T13:59:00.000Z'); // 21:59: not yet
    expect(afterQuietHours('2026-12-07T00:00:00.000Z', rules.quietHours)).toBe('2026-12-07T00:00:00.000Z'); // 08:00: over
    expect(afterQuietHours('2026-12-07T05:00:00.000Z', { start: '12:00', end: '14:00' })).toBe('2026-12-07T06:00:00.000Z');
  });

  it('skips the non-essential SMS of an applicant who opted out, never a legal notice or the in-app message', () => {
    const optedOut = caseOf({ notificationsOptOut: true });
    expect(records('case.submitted', {}, optedOut).map((r) => [r.channel, r.status])).toEqual([['inapp', 'delivered'], ['sms', 'opted_out']]);
    expect(records('case.accepted', { promisedDate: '2026-12-21' }, optedOut).map((r) => [r.channel, r.status])).toEqual([['inapp', 'delivered'], ['sms', 'scheduled']]);
  });
});

const sms = (patch: Partial<NotificationRecord> = {}): NotificationRecord => ({ ...records('case.submitted')[1]!, ...patch });

describe('when its time comes', () => {
  it('skips the fee reminder of a ticket paid meanwhile, and an SMS the applicant opted out of since', () => {
    const reminder = sms({ template: 'ticket_due' });
    const ticket = (status: Ticket['status']) => caseOf({ ticket: { status } as Ticket });
    expect(decideSend(reminder, ticket('issued'))).toEqual({ send: true });
    expect(decideSend(reminder, ticket('paid'))).toMatchObject({ send: false, status: 'skipped' });
    expect(decideSend(sms(), caseOf({ notificationsOptOut: true }))).toMatchObject({ send: false, status: 'opted_out' });
    expect(decideSend(sms({ essential: true }), caseOf({ notificationsOptOut: true }))).toEqual({ send: true });
  });

  it('retries a temporary failure after 1, 5, 15, 30 minutes, then hourly, for 24 hours from the first attempt', () => {
    const temporary = { permanent: false, message: 'HTTP 503' };
    const waits = [1, 2, 3, 4, 5, 6].map((attempts) => {
      const next = afterFailure(sms({ attempts, firstAttemptAt: NOON }), temporary, NOON);
      return (Date.parse(next.sendAt) - Date.parse(NOON)) / 60_000;
    });
    expect(waits).toEqual([1, 5, 15, 30, 60, 60]);
    expect(afterFailure(sms({ attempts: 1 }), temporary, NOON)).toMatchObject({ status: 'retrying', firstAttemptAt: NOON, error: 'HTTP 503' });
    const late = new Date(Date.parse(NOON) + 23.5 * 3600_000).toISOString();
    expect(afterFailure(sms({ attempts: 30, firstAttemptAt: NOON }), temporary, late)).toMatchObject({ status: 'undeliverable', settledAt: late });
    expect(afterFailure(sms({ attempts: 1 }), { permanent: true, message: 'invalid_number' }, NOON)).toMatchObject({ status: 'undeliverable' });
  });

  it('falls back from an SMS to an email of the same notification, once, where the applicant gave one', () => {
    const failed = sms({ status: 'undeliverable', attempts: 1, provider: 'sandbox', providerMessageId: 'p1' });
    const email = fallbackEmail(failed, caseOf(), rules, NOON)!;
    expect(email).toMatchObject({ channel: 'email', status: 'scheduled', attempts: 0, fallbackFor: failed.notificationId, recipient: { kind: 'applicant', address: 'li@example.com' } });
    expect(email.notificationId).toBe(notificationIdOf(EVENT_ID, { kind: 'applicant' }, 'email'));
    expect(email).not.toHaveProperty('providerMessageId');
    expect(fallbackEmail(failed, caseOf({ applicant: { ...caseOf().applicant, email: undefined } } as never), rules, NOON)).toBeUndefined();
    expect(fallbackEmail(failed, caseOf(), { ...rules, channels: ['sms'] }, NOON)).toBeUndefined();
  });

  it('moves a sent message to delivered or failed once, and puts each delivery status on the timeline, the address masked', () => {
    const sent = sms({ status: 'sent' });
    const delivered = withReceipt(sent, { status: 'delivered', at: NOON }, NOON)!;
    expect(delivered).toMatchObject({ status: 'delivered', settledAt: NOON });
    expect(withReceipt(delivered, { status: 'failed', at: NOON }, NOON)).toBeNull();
    expect(timelineEntryOf(delivered, NOON)).toEqual({
      at: NOON, actor: { type: 'system', id: 'notifications' }, action: 'notification.delivered', detail: { template: 'submitted', channel: 'sms', to: '139****1234' },
    });
    expect(timelineEntryOf(sms({ status: 'retrying' }), NOON)).toBeUndefined();
    // The provider's clock is its own (a day off, here): the record is settled when OneTrip applied the receipt.
    const providerAt = '2026-12-06T02:00:00.000Z';
    expect(withReceipt(sent, { status: 'delivered', at: providerAt }, NOON)).toMatchObject({ settledAt: NOON, reportedAt: providerAt });
    // A receipt's detail quoting the phone is kept masked.
    expect(withReceipt(sent, { status: 'failed', at: providerAt, detail: 'FAIL 13907301234 empty number' }, NOON)).toMatchObject({ status: 'failed', error: 'FAIL 139****1234 empty number' });
    expect(timelineEntryOf(records('case.submitted')[0]!, NOON)).toBeUndefined();
  });
});
