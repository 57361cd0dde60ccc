/**
 * What the applicant and the staff read of their notifications (docs/notifications.md,
 * "Reading messages and opting out"), and the applicant's opt-out. Pure: the records in,
 * the wire shapes out, each message worded from its catalog version's template in the
 * reader's language; an address never leaves unmasked.
 */
import type { ApplicantMessage, ApplicantMessages, NotificationLanguage, StaffMessage } from '../../contracts/notifications.js';
import { paramsIn, type NotificationRecord } from './notification-record.js';
import { maskedAddress } from './notifications.js';
import { notificationTemplates, renderTemplate } from './notification-templates.js';
import type { CaseRecord, Change, Clock } from './records.js';
import { requireRole, type Staff } from './staff.js';

/** A message's subject and body in `language`, from the template of the catalog version that made it, with that language's values (older records: the ones they kept). */
function worded(r: NotificationRecord, language: NotificationLanguage): { subject: string; body: string } {
  const template = notificationTemplates(r.catalogVersion)[r.template];
  const params = paramsIn(r, language);
  return { subject: renderTemplate(template, 'subject', language, params), body: renderTemplate(template, 'body', language, params) };
}

/** When an in-app message was shown: a reminder's when its day came, any other as soon as it was made. */
const shownAt = (r: NotificationRecord): string => r.settledAt ?? r.createdAt;

const newestFirst = (a: NotificationRecord, b: NotificationRecord) => shownAt(b).localeCompare(shownAt(a)) || b.notificationId.localeCompare(a.notificationId);

/**
 * When a delivery's status was reached, or, while it waits (`scheduled`, `retrying`), when it
 * is (next) to be sent.
 */
const statusAt = (r: NotificationRecord): string =>
  r.status === 'scheduled' || r.status === 'retrying' ? r.sendAt : (r.settledAt ?? r.sentAt ?? r.createdAt);

/**
 * The applicant's messages, newest first: one per notification shown in-app (its in-app
 * record `delivered`: a reminder waiting for its day, or skipped, is not shown), with what
 * became of the SMS and email of the same event (its siblings) as `deliveries`.
 * The staff's records of the case are not the applicant's and are left out.
 */
export function applicantMessages(c: Pick<CaseRecord, 'notificationsOptOut'>, records: readonly NotificationRecord[], language: NotificationLanguage): ApplicantMessages {
  const applicant = records.filter((r) => r.recipient.kind === 'applicant');
  const messages = applicant
    .filter((r) => r.channel === 'inapp' && r.status === 'delivered')
    .sort(newestFirst)
    .map((r): ApplicantMessage => ({
      messageId: r.notificationId,
      template: r.template,
      at: shownAt(r),
      ...worded(r, language),
      essential: r.essential,
      deliveries: applicant
        .filter((d) => d.eventId === r.eventId && d.channel !== 'inapp')
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map((d) => ({ channel: d.channel as 'sms' | 'email', to: maskedAddress(d), status: d.status, at: statusAt(d) })),
    }));
  return { optOut: c.notificationsOptOut === true, messages };
}

/** The roles staff messages are for, the first a staff member holds naming the queue they read. */
const MESSAGE_ROLES = ['supervisor', 'chief', 'reviewer'] as const;

/**
 * Whose messages a staff member reads: a reviewer's or chief's, their department's for their
 * role; a supervisor's, the supervisors'. Anyone else is refused (`ROLE_REQUIRED`).
 */
export function messageReader(staff: Staff): { role: (typeof MESSAGE_ROLES)[number]; department?: string } {
  requireRole(staff, ...MESSAGE_ROLES);
  const role = MESSAGE_ROLES.find((r) => staff.roles.includes(r))!;
  return role === 'supervisor' ? { role } : { role, department: staff.department };
}

/** A staff member's message (a staff record carries no personal data: receipt number, item, department, dates). */
export function staffMessage(r: NotificationRecord, language: NotificationLanguage): StaffMessage {
  return { messageId: r.notificationId, template: r.template, at: r.createdAt, caseId: r.caseId, receiptNumber: r.receiptNumber, ...worded(r, language) };
}

/**
 * The applicant opts out of non-essential messages (or back in): the case remembers it and
 * its timeline says so. Asking for what is already in force changes nothing (null).
 */
export function setNotificationsOptOut(c: CaseRecord, optOut: boolean, { now }: Pick<Clock, 'now'>): Change | null {
  if ((c.notificationsOptOut === true) === optOut) return null;
  return {
    case: { next: { ...c, notificationsOptOut: optOut, version: c.version + 1 }, expectedVersion: c.version },
    tasks: [],
    timeline: [{ at: now, actor: { type: 'applicant', id: c.receiptNumber }, action: optOut ? 'notifications.opted_out' : 'notifications.opted_in' }],
    events: [],
  };
}
