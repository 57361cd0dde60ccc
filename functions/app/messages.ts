/**
 * Reading messages and opting out (docs/notifications.md): the applicant's messages of a case
 * and their opt-out of non-essential ones (the case found with its query code before), and a
 * staff member's messages, a page at a time.
 */
import type { ApplicantMessages, NotificationLanguage, NotificationPreferences, StaffMessages } from '../../contracts/notifications.js';
import { applicantMessages, messageReader, setNotificationsOptOut, staffMessage } from '../domain/message-views.js';
import type { CaseRecord } from '../domain/records.js';
import type { Staff } from '../domain/staff.js';
import { clock } from '../lambda/clock.js';
import { decodeCursor, encodeCursor } from '../lambda/cursor.js';
import { updateCase } from '../store/data-table.js';
import { staffMessageQueue } from '../store/keys.js';
import { notificationsOfCase, queuedMessages } from '../store/messages.js';

export async function messagesOfCase(found: CaseRecord, language: NotificationLanguage): Promise<ApplicantMessages> {
  return applicantMessages(found, await notificationsOfCase(found.caseId), language);
}

/** Sets the case's opt-out (a timeline entry when it changes); answers what is now in force. */
export async function setNotificationPreferences(found: CaseRecord, preferences: NotificationPreferences): Promise<NotificationPreferences> {
  const now = clock();
  const { after } = await updateCase(found.caseId, found.county, (c) => setNotificationsOptOut(c, preferences.optOut, now));
  return { optOut: after.notificationsOptOut === true };
}

export async function messagesOfStaff(staff: Staff, language: NotificationLanguage, page: { limit: number; cursor?: string }): Promise<StaffMessages> {
  const { role, department } = messageReader(staff);
  const queue = staffMessageQueue(department, role);
  const start = page.cursor === undefined ? undefined : decodeCursor(page.cursor, 'queuePk', queue, ['pk', 'sk', 'queueSk']);
  const { records, last } = await queuedMessages(queue, page.limit, start);
  return { messages: records.map((r) => staffMessage(r, language)), ...(last ? { next: encodeCursor(last) } : {}) };
}
