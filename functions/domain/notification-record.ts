/**
 * A notification as the data table keeps it (docs/notifications.md): one record per
 * (event, recipient, channel), its id derived from the three, so a redelivered event puts
 * the very same record and sends nothing twice. It lives in its case's partition
 * (`notificationKey`); while it waits for its time it is on the `notification` timer
 * (`byWatch`), and a staff message is also on its recipients' queue (`staffMessageQueue`).
 */
import { createHash } from 'node:crypto';
import type { Channel, NotificationLanguage, NotificationStatus, TemplateId } from '../../contracts/notifications.js';
import type { Role } from '../../contracts/roles.js';

export type Recipient =
  /** The applicant, at the phone or the email they gave (kept to send; never shown unmasked). */
  | { kind: 'applicant'; address?: string }
  /** The staff of a department in a role (reviewer, chief), or the supervisors (no department). */
  | { kind: 'staff'; role: Extract<Role, 'reviewer' | 'chief' | 'supervisor'>; department?: string };

export interface NotificationRecord {
  notificationId: string;
  caseId: string;
  receiptNumber: string;
  county: string;
  /** The event that caused it; a scheduled reminder's is `<eventId>:<template>`. */
  eventId: string;
  template: TemplateId;
  /** The catalog version whose template words it (the served version when it was created). */
  catalogVersion: string;
  channel: Channel;
  recipient: Recipient;
  language: NotificationLanguage;
  /** The template's placeholders' values, as strings, in the record's `language`: what is sent. */
  params: Record<string, string>;
  /**
   * The same values in each language, for the lists that word a message in their reader's
   * language ({@link paramsIn}). Records made before it have `params` only.
   */
  localizedParams?: Record<NotificationLanguage, Record<string, string>>;
  essential: boolean;
  urgent: boolean;
  status: NotificationStatus;
  createdAt: string;
  /** When it is (next) due to be sent: now, 08:00 after quiet hours, a reminder's day, a retry's backoff. */
  sendAt: string;
  /** Tries so far, and when the first was (the 24 hours of retries count from it). */
  attempts: number;
  firstAttemptAt?: string;
  /** The adapter (`SMS_PROVIDER` / `EMAIL_PROVIDER`) and its id for the message, to match delivery receipts. */
  provider?: string;
  providerMessageId?: string;
  sentAt?: string;
  /** When its final status (delivered, failed, undeliverable) was recorded, by OneTrip's clock (a receipt: when it was applied). */
  settledAt?: string;
  /** A delivery receipt's own time for it, by the provider's clock (for supervision; no view shows it). */
  reportedAt?: string;
  /** The last failure, in words (for supervision; never shown to the applicant). */
  error?: string;
  /** On an email sent because an SMS could not be: that SMS's id. */
  fallbackFor?: string;
}

/** Who receives it, as one string: the part of the id that tells recipients apart. */
export function recipientKey(r: Recipient): string {
  return r.kind === 'applicant' ? 'applicant' : `staff:${r.department ?? '*'}:${r.role}`;
}

/** The notification's id: the same (event, recipient, channel) always names the same record. */
export function notificationIdOf(eventId: string, recipient: Recipient, channel: Channel): string {
  return createHash('sha256').update(`${eventId}|${recipientKey(recipient)}|${channel}`).digest('hex').slice(0, 32);
}

/** The placeholders' values in `language`: those of that language where the record keeps them, else the ones it has. */
export function paramsIn(r: Pick<NotificationRecord, 'params' | 'localizedParams'>, language: NotificationLanguage): Record<string, string> {
  return r.localizedParams?.[language] ?? r.params;
}
