/**
 * Who is told what, and when (docs/notifications.md): the notifications an event causes,
 * one record per (event, recipient, channel), and the rules that decide each record's
 * fate — quiet hours, the fee reminder's day, the applicant's opt-out, the retries'
 * backoff, the fall-back to email, delivery receipts. Pure: the app layer reads the facts,
 * sends and writes.
 */
import type { LocalizedText } from '../../contracts/catalog.js';
import { shanghaiDate, writtenDate, type LocalDate } from '../../contracts/dates.js';
import type { OutboxEvent } from '../../contracts/events.js';
import { formatFen } from '../../contracts/money.js';
import type { NotificationRules } from '../../contracts/notification-rules.js';
import { NOTIFICATION_TEMPLATES, type Channel, type TemplateSpec, type NotificationLanguage, type TemplateId } from '../../contracts/notifications.js';
import { dayNumber, fromDayNumber, type WorkingCalendar } from './calendar.js';
import { maskEmail, maskPhone, redactContacts } from './masking.js';
import { notificationIdOf, type NotificationRecord, type Recipient } from './notification-record.js';
import type { CaseRecord, TaskRecord } from './records.js';
import type { TimelineInput } from './timeline.js';

/** The case as the notifications read it: the applicant's language and opt-out with it. */
export type NotifiedCase = CaseRecord & { notificationsOptOut?: boolean };

/** What an event's notifications name besides the case, read by the app layer for the events that need it. */
export interface EventFacts {
  case: NotifiedCase;
  /** The task a `task.*` event is about. */
  task?: Pick<TaskRecord, 'department' | 'itemName' | 'deadline' | 'legalDeadline'>;
  /** A supervision order's reply date, a rectification's due date. */
  dueDate?: string;
  /** The catalog's names, in both languages. */
  words: { department: (code: string) => LocalizedText; material: (code: string) => LocalizedText };
  /** The service hall that hands results over. */
  hall: LocalizedText;
  rules: NotificationRules;
}

/** One notification of an event to one recipient, before it is split by channel. */
export interface PlannedNotification {
  eventId: string;
  template: TemplateId;
  recipient: 'applicant' | Extract<Recipient, { kind: 'staff' }>;
  /** The placeholders' values in a language. */
  params: (language: NotificationLanguage) => Record<string, string>;
  /** Not before this instant (the fee reminder's morning). */
  notBefore?: string;
}

const pick = (text: LocalizedText, language: NotificationLanguage) => (language === 'en' ? text.en : text.zh);

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The fee reminder goes out at 09:00 of the working day before the ticket falls due. */
const REMINDER_TIME = '09:00';

/** The working day before `date`, at `time` in Asia/Shanghai, as an ISO instant. */
export function workingDayBefore(date: LocalDate, time: string, calendar: WorkingCalendar): string {
  let day = dayNumber(date) - 1;
  while (!calendar.isWorkingDay(fromDayNumber(day))) day -= 1;
  return new Date(Date.parse(`${fromDayNumber(day)}T${time}:00+08:00`)).toISOString();
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** `at`, or the end of the quiet hours when `at` falls within them (22:00 → the next 08:00). */
export function afterQuietHours(at: string, quiet: NotificationRules['quietHours']): string {
  const instant = Date.parse(at);
  const local = new Date(instant + SHANGHAI_OFFSET_MS);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const quietNow = start > end ? minute >= start || minute < end : minute >= start && minute < end;
  if (!quietNow) return at;
  let endAt = Date.parse(`${shanghaiDate(new Date(instant))}T${quiet.end}:00+08:00`);
  if (endAt <= instant) endAt += DAY_MS;
  return new Date(endAt).toISOString();
}

/**
 * The notifications an event causes (docs/notifications.md, "Who is told what"): the
 * applicant's on every step they must know of, the staff's on their tasks' and cases' turns.
 * Each notification's values come in both languages: it is sent in its record's language,
 * and the lists word it in their reader's.
 */
export function notificationsOn(event: Pick<OutboxEvent, 'eventId' | 'type' | 'data' | 'occurredAt'>, facts: EventFacts, calendar: WorkingCalendar): PlannedNotification[] {
  const c = facts.case;
  const data = event.data;
  const text = (key: string) => String(data[key] ?? '');
  const base = (language: NotificationLanguage) => ({ receiptNumber: c.receiptNumber, item: pick(c.itemName, language) });
  const applicant = (template: TemplateId, params: (language: NotificationLanguage) => Record<string, string>, notBefore?: string): PlannedNotification => ({
    eventId: event.eventId, template, recipient: 'applicant', params, ...(notBefore ? { notBefore } : {}),
  });
  const staff = (template: TemplateId, role: 'reviewer' | 'chief' | 'supervisor', department: string | undefined, params: (language: NotificationLanguage) => Record<string, string>): PlannedNotification => ({
    eventId: event.eventId, template, recipient: { kind: 'staff', role, ...(department ? { department } : {}) }, params,
  });
  const task = facts.task;
  const onTask = (template: TemplateId, role: 'reviewer' | 'chief' | 'supervisor') =>
    task
      ? [staff(template, role, role === 'supervisor' ? undefined : task.department, (language) => ({
          receiptNumber: c.receiptNumber, item: pick(task.itemName, language), department: pick(facts.words.department(task.department), language),
          ...(template === 'task_severe' ? { legalDate: writtenDate(task.legalDeadline ?? c.legalDate ?? task.deadline, language) } : { dueDate: writtenDate(task.deadline, language) }),
        }))]
      : [];
  const department = (language: NotificationLanguage) => pick(facts.words.department(text('department')), language);

  switch (event.type) {
    case 'case.submitted':
      return [applicant('submitted', base)];
    case 'case.deficient':
      return [applicant('deficient', (l) => ({ ...base(l), count: text('deficiencies') }))];
    case 'case.accepted':
      return [applicant('accepted', (l) => ({ ...base(l), promisedDate: writtenDate(text('promisedDate') || c.promisedDate, l) }))];
    case 'deferred.reminder':
    case 'deferred.late':
      return [applicant(event.type === 'deferred.reminder' ? 'deferred_due' : 'deferred_late', (l) => ({
        receiptNumber: c.receiptNumber, material: pick(facts.words.material(text('materialCode')), l), dueDate: writtenDate(text('dueDate'), l),
      }))];
    case 'ticket.issued': {
      const params = (l: NotificationLanguage) => ({ receiptNumber: c.receiptNumber, ticketNumber: text('ticketNumber'), amount: formatFen(Number(data.totalFen)), dueDate: writtenDate(text('dueDate'), l) });
      const remindAt = workingDayBefore(text('dueDate') as LocalDate, REMINDER_TIME, calendar);
      return [
        applicant('ticket_issued', params),
        // A reminder whose morning has passed by the time the ticket is issued would only repeat it.
        ...(remindAt > event.occurredAt ? [{ ...applicant('ticket_due', params, remindAt), eventId: `${event.eventId}:ticket_due` }] : []),
      ];
    }
    case 'case.completed':
      return [applicant('approved', base)];
    case 'case.rejected':
      return [applicant('rejected', base)];
    case 'delivery.dispatched':
      return [applicant('shipped', (l) => ({ receiptNumber: c.receiptNumber, courier: pick(facts.rules.courier, l), waybillNumber: text('waybillNumber') }))];
    case 'delivery.delivered':
      return [applicant('delivered', () => ({ receiptNumber: c.receiptNumber, waybillNumber: text('waybillNumber') }))];
    case 'pickup.ready':
      return [applicant('pickup_ready', (l) => ({ receiptNumber: c.receiptNumber, hall: pick(facts.hall, l) }))];
    case 'rating.invited':
      return [applicant('rating_invited', base)];
    case 'rectification.responded':
      return [applicant('rectification_responded', (l) => ({ receiptNumber: c.receiptNumber, department: department(l) }))];
    case 'task.created':
      return onTask('task_assigned', 'reviewer');
    case 'task.warned':
      return onTask('task_warned', 'reviewer');
    case 'task.overdue':
      return onTask('task_overdue', 'chief');
    case 'task.severe':
      return onTask('task_severe', 'supervisor');
    case 'supervision.ordered':
      return [staff('supervision_ordered', 'chief', text('department'), (l) => ({ ...base(l), department: department(l), replyBy: writtenDate(facts.dueDate ?? '', l) }))];
    case 'rectification.opened':
    case 'rectification.reopened':
      return [staff('rectification_opened', 'chief', text('department'), (l) => ({ receiptNumber: c.receiptNumber, department: department(l), dueDate: writtenDate(facts.dueDate ?? '', l) }))];
    default:
      return [];
  }
}

/** The timer partition a waiting record stands in: only `scheduled` and `retrying` records are due. */
export const isWaiting = (r: Pick<NotificationRecord, 'status'>): boolean => r.status === 'scheduled' || r.status === 'retrying';

/**
 * The records of one planned notification (docs/notifications.md, "Rules"): in-app always;
 * for the applicant also an SMS to their phone where the county sends SMS, else an email
 * where they gave one. An SMS or email the applicant opted out of (not a legal notice) is
 * `opted_out` at once; any other waits for its time: now, its reminder's morning, or the
 * end of the quiet hours unless urgent. An in-app message due now is `delivered` as written.
 */
export function recordsOf(planned: PlannedNotification, c: NotifiedCase, rules: NotificationRules, at: { now: string; catalogVersion: string }): NotificationRecord[] {
  const spec: TemplateSpec = NOTIFICATION_TEMPLATES[planned.template];
  const language: NotificationLanguage = planned.recipient === 'applicant' ? (c.language ?? 'zh-CN') : 'zh-CN';
  const dueAt = planned.notBefore ?? at.now;
  const channels: { channel: Channel; recipient: Recipient }[] = [{ channel: 'inapp', recipient: planned.recipient === 'applicant' ? { kind: 'applicant' } : planned.recipient }];
  if (planned.recipient === 'applicant') {
    const { phone, email } = c.applicant;
    if (rules.channels.includes('sms') && phone && spec.smsSegments) channels.push({ channel: 'sms', recipient: { kind: 'applicant', address: phone } });
    else if (rules.channels.includes('email') && email) channels.push({ channel: 'email', recipient: { kind: 'applicant', address: email } });
  }
  return channels.map(({ channel, recipient }) => {
    const record: NotificationRecord = {
      notificationId: notificationIdOf(planned.eventId, recipient, channel),
      caseId: c.caseId, receiptNumber: c.receiptNumber, county: c.county,
      eventId: planned.eventId, template: planned.template, catalogVersion: at.catalogVersion,
      channel, recipient, language, params: planned.params(language),
      localizedParams: { 'zh-CN': planned.params('zh-CN'), en: planned.params('en') },
      essential: spec.essential, urgent: spec.urgent,
      status: 'scheduled', createdAt: at.now, sendAt: dueAt, attempts: 0,
    };
    if (channel === 'inapp') return dueAt <= at.now ? { ...record, status: 'delivered', settledAt: at.now } : record;
    if (!spec.essential && c.notificationsOptOut) return { ...record, status: 'opted_out', settledAt: at.now };
    return spec.urgent ? record : { ...record, sendAt: afterQuietHours(dueAt, rules.quietHours) };
  });
}

/** What becomes of a waiting record when its time comes: sent, or settled without sending. */
export type SendDecision = { send: true } | { send: false; status: 'skipped' | 'opted_out'; reason: string };

/**
 * Whether a due record is still to be sent: a fee reminder of a ticket no longer unpaid is
 * `skipped`; an SMS or email the applicant has since opted out of is `opted_out`.
 */
export function decideSend(r: NotificationRecord, c: NotifiedCase): SendDecision {
  if (r.template === 'ticket_due' && c.ticket?.status !== 'issued') return { send: false, status: 'skipped', reason: `the ticket is ${c.ticket?.status ?? 'gone'}` };
  if (r.channel !== 'inapp' && !r.essential && c.notificationsOptOut) return { send: false, status: 'opted_out', reason: 'the applicant opted out' };
  return { send: true };
}

/** Minutes to wait after each temporary failure: 1, 5, 15, 30, then every hour. */
export const RETRY_MINUTES = [1, 5, 15, 30, 60] as const;
/** Temporary failures are retried for this long after the first attempt, then the record is undeliverable. */
export const RETRY_WINDOW_MS = 24 * 3600_000;

/** The record after its `attempts`-th try failed at `now`: retried after the backoff, or undeliverable (permanent, or past 24 hours). */
export function afterFailure(r: NotificationRecord, failure: { permanent: boolean; message: string }, now: string): NotificationRecord {
  const first = r.firstAttemptAt ?? now;
  const wait = RETRY_MINUTES[Math.min(Math.max(r.attempts, 1), RETRY_MINUTES.length) - 1]! * 60_000;
  const next = new Date(Date.parse(now) + wait).toISOString();
  if (failure.permanent || Date.parse(next) > Date.parse(first) + RETRY_WINDOW_MS) {
    return { ...r, status: 'undeliverable', settledAt: now, firstAttemptAt: first, error: failure.message };
  }
  return { ...r, status: 'retrying', sendAt: next, firstAttemptAt: first, error: failure.message };
}

/**
 * The email sent instead of an SMS that could not be (refused permanently, or the phone's
 * cap reached), when the applicant gave an email and the county sends email: the same
 * notification on the other channel, so a second fall-back of the same SMS is the same record.
 */
export function fallbackEmail(sms: NotificationRecord, c: NotifiedCase, rules: NotificationRules, now: string): NotificationRecord | undefined {
  const email = c.applicant.email;
  if (sms.channel !== 'sms' || sms.recipient.kind !== 'applicant' || !email || !rules.channels.includes('email')) return undefined;
  const recipient: Recipient = { kind: 'applicant', address: email };
  const { provider: _p, providerMessageId: _m, sentAt: _s, settledAt: _d, error: _e, firstAttemptAt: _f, ...rest } = sms;
  return {
    ...rest,
    notificationId: notificationIdOf(sms.eventId, recipient, 'email'),
    channel: 'email', recipient, status: 'scheduled', createdAt: now, attempts: 0,
    sendAt: sms.urgent ? now : afterQuietHours(now, rules.quietHours),
    fallbackFor: sms.notificationId,
  };
}

/**
 * A delivery receipt's effect: `sent` becomes `delivered` or `failed`, once; anything else is
 * left as it is (null). It is settled `now`, when OneTrip applied it (the injected clock, as
 * every other status time): the provider's own clock (`at`) is kept as `reportedAt` only.
 */
export function withReceipt(r: NotificationRecord, receipt: { status: 'delivered' | 'failed'; at: string; detail?: string }, now: string): NotificationRecord | null {
  if (r.status !== 'sent') return null;
  return { ...r, status: receipt.status, settledAt: now, reportedAt: receipt.at, ...(receipt.status === 'failed' && receipt.detail ? { error: redactContacts(receipt.detail) } : {}) };
}

/** The statuses the case's timeline records, for SMS and email (an in-app message is not a delivery). */
const ON_TIMELINE = new Set(['sent', 'delivered', 'failed', 'undeliverable', 'capped']);

/** The address as anyone may see it: `139****1234`, `l***@example.com`. */
export function maskedAddress(r: Pick<NotificationRecord, 'channel' | 'recipient'>): string {
  const address = r.recipient.kind === 'applicant' ? r.recipient.address : undefined;
  if (!address) return '';
  return r.channel === 'email' ? maskEmail(address) : maskPhone(address);
}

/** The timeline entry of a record's new status (`notification.<status>`), or none. */
export function timelineEntryOf(r: NotificationRecord, at: string): TimelineInput | undefined {
  if (r.channel === 'inapp' || !ON_TIMELINE.has(r.status)) return undefined;
  return { at, actor: { type: 'system', id: 'notifications' }, action: `notification.${r.status}`, detail: { template: r.template, channel: r.channel, to: maskedAddress(r) } };
}
