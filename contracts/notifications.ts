/**
 * Notifications on the wire and in the catalog (docs/notifications.md): which messages
 * OneTrip sends, to whom, on which channel, from which catalog template, and what the
 * applicant and the staff read of them.
 *
 * Every notification is rendered from a template of the served catalog version
 * (`catalog/versions/<v>/notifications/templates.json`), in the recipient's language, with
 * the named placeholders its entry here declares; `validateCatalog` refuses a template that
 * names any other placeholder.
 */

/** How a notification reaches its recipient. `inapp` is the tracker's and the workbench's message list. */
export const CHANNELS = ['sms', 'email', 'inapp'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The languages a template is written in; the applicant's is the one they applied in. */
export const NOTIFICATION_LANGUAGES = ['zh-CN', 'en'] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

export interface TemplateSpec {
  /** Who receives it. */
  audience: 'applicant' | 'staff';
  /**
   * A legally required notice (受理、一次性告知、不予受理/许可、准予许可、缴费、容缺承诺):
   * sent whatever the applicant's opt-out says.
   */
  essential: boolean;
  /** Sent at once even in quiet hours (22:00–08:00); every other SMS and email waits for 08:00. */
  urgent: boolean;
  /** The placeholders its wording may name, `{name}`; no other name is allowed. */
  placeholders: readonly string[];
  /** The SMS's segment budget (70 characters each, 67 when split) after rendering with the longest realistic values; absent: no SMS. */
  smsSegments?: 1 | 2;
}

/**
 * Every notification OneTrip sends. Applicant placeholders never include the query code:
 * a text message is read on a lock screen, and the query code is the applicant's secret.
 */
export const NOTIFICATION_TEMPLATES = {
  // The applicant.
  submitted: { audience: 'applicant', essential: false, urgent: false, placeholders: ['receiptNumber', 'item'], smsSegments: 1 },
  deficient: { audience: 'applicant', essential: true, urgent: false, placeholders: ['receiptNumber', 'item', 'count'], smsSegments: 1 },
  accepted: { audience: 'applicant', essential: true, urgent: false, placeholders: ['receiptNumber', 'item', 'promisedDate'], smsSegments: 1 },
  deferred_due: { audience: 'applicant', essential: true, urgent: false, placeholders: ['receiptNumber', 'material', 'dueDate'], smsSegments: 1 },
  deferred_late: { audience: 'applicant', essential: true, urgent: false, placeholders: ['receiptNumber', 'material', 'dueDate'], smsSegments: 1 },
  ticket_issued: { audience: 'applicant', essential: true, urgent: false, placeholders: ['receiptNumber', 'ticketNumber', 'amount', 'dueDate'], smsSegments: 1 },
  ticket_due: { audience: 'applicant', essential: false, urgent: false, placeholders: ['receiptNumber', 'ticketNumber', 'amount', 'dueDate'], smsSegments: 1 },
  approved: { audience: 'applicant', essential: true, urgent: false, placeholders: ['receiptNumber', 'item'], smsSegments: 1 },
  rejected: { audience: 'applicant', essential: true, urgent: false, placeholders: ['receiptNumber', 'item'], smsSegments: 1 },
  shipped: { audience: 'applicant', essential: false, urgent: false, placeholders: ['receiptNumber', 'courier', 'waybillNumber'], smsSegments: 1 },
  delivered: { audience: 'applicant', essential: false, urgent: false, placeholders: ['receiptNumber', 'waybillNumber'], smsSegments: 1 },
  pickup_ready: { audience: 'applicant', essential: false, urgent: false, placeholders: ['receiptNumber', 'hall'], smsSegments: 1 },
  rating_invited: { audience: 'applicant', essential: false, urgent: false, placeholders: ['receiptNumber', 'item'], smsSegments: 1 },
  rectification_responded: { audience: 'applicant', essential: false, urgent: false, placeholders: ['receiptNumber', 'department'], smsSegments: 1 },
  // The staff (in-app in the workbench; never SMS).
  task_assigned: { audience: 'staff', essential: false, urgent: false, placeholders: ['receiptNumber', 'item', 'department', 'dueDate'] },
  task_warned: { audience: 'staff', essential: false, urgent: true, placeholders: ['receiptNumber', 'item', 'department', 'dueDate'] },
  task_overdue: { audience: 'staff', essential: false, urgent: true, placeholders: ['receiptNumber', 'item', 'department', 'dueDate'] },
  task_severe: { audience: 'staff', essential: false, urgent: true, placeholders: ['receiptNumber', 'item', 'department', 'legalDate'] },
  supervision_ordered: { audience: 'staff', essential: false, urgent: true, placeholders: ['receiptNumber', 'item', 'department', 'replyBy'] },
  rectification_opened: { audience: 'staff', essential: false, urgent: false, placeholders: ['receiptNumber', 'department', 'dueDate'] },
} as const satisfies Record<string, TemplateSpec>;

export type TemplateId = keyof typeof NOTIFICATION_TEMPLATES;
export const TEMPLATE_IDS = Object.keys(NOTIFICATION_TEMPLATES) as TemplateId[];

/**
 * One template's wording in the catalog (`notifications/templates.json` maps each
 * {@link TemplateId} to one). `sms` only where the spec has `smsSegments`; the email's
 * subject and body are also the in-app message's.
 */
export interface NotificationTemplate {
  sms?: TemplateText;
  subject: TemplateText;
  body: TemplateText;
}
/** A template part in both languages (catalog.ts's `LocalizedText`, which the catalog's contract imports this file for: not imported back). */
type TemplateText = { zh: string; en: string };
export type NotificationTemplates = Record<TemplateId, NotificationTemplate>;

/**
 * What happened to one notification on one channel:
 * - `scheduled`: waiting for its time (quiet hours, a reminder's day, a retry's backoff);
 * - `sent`: the provider took it; `delivered` / `failed`: its delivery receipt said so;
 * - `retrying`: a temporary failure, tried again with backoff for up to 24 hours;
 * - `undeliverable`: a permanent failure, or 24 hours of temporary ones (then in the DLQ);
 * - `capped`: the phone's daily cap was reached; `opted_out`: the applicant opted out of
 *   non-essential messages; `skipped`: no longer true when its time came (a paid ticket's reminder).
 * In-app messages are `delivered` as soon as they are written.
 */
export const NOTIFICATION_STATUSES = ['scheduled', 'sent', 'delivered', 'failed', 'retrying', 'undeliverable', 'capped', 'opted_out', 'skipped'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** `GET /v1/applications/{receiptNumber}/messages?queryCode=…`: the applicant's messages, newest first. */
export interface ApplicantMessages {
  optOut: boolean;
  messages: ApplicantMessage[];
}
export interface ApplicantMessage {
  messageId: string;
  template: TemplateId;
  at: string;
  /** In the request's language. */
  subject: string;
  body: string;
  essential: boolean;
  /** What became of the SMS and email of the same notification, the address masked (`139****1234`). */
  deliveries: { channel: Exclude<Channel, 'inapp'>; to: string; status: NotificationStatus; at: string }[];
}

/** `PUT /v1/applications/{receiptNumber}/notification-preferences?queryCode=…` (and its answer). */
export interface NotificationPreferences {
  /** Opt out of non-essential messages; legally required notices are still sent. */
  optOut: boolean;
}

/** `GET /v1/staff/messages`: the caller's department-and-role messages (a supervisor's: the supervisors'), newest first, paged. */
export interface StaffMessages {
  messages: StaffMessage[];
  next?: string;
}
export interface StaffMessage {
  messageId: string;
  template: TemplateId;
  at: string;
  caseId: string;
  receiptNumber: string;
  subject: string;
  body: string;
}
