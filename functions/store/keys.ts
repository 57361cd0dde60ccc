/**
 * Key design of the data table (see docs/access-patterns.md). One table holds cases,
 * their timelines and tasks, and the small lookup items that keep requests Query-only.
 */
import type { DeferredMaterial } from '../../contracts/cases.js';
import type { LedgerKind } from '../domain/settlement.js';
import type { Level, StatsScope } from '../../contracts/supervision.js';
export const caseKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' });
export const taskKey = (caseId: string, index: number) => ({
  pk: `CASE#${caseId}`,
  sk: `TASK#${String(index).padStart(3, '0')}`,
});
export const timelineKey = (caseId: string, seq: number) => ({
  pk: `CASE#${caseId}`,
  sk: `TL#${String(seq).padStart(6, '0')}`,
});
/** A supervision order (functions/store/orders.ts), in its case's partition. */
export const orderKey = (caseId: string, orderId: string) => ({ pk: `CASE#${caseId}`, sk: `ORDER#${orderId}` });
/** The daily integrity audit's mark that it raised a case's broken timeline on a day (once per case per day). */
export const integrityAlertKey = (day: string, caseId: string) => ({ pk: `INTEGRITY#${day}`, sk: `CASE#${caseId}` });
export const deferredKey = (caseId: string, materialCode: string) => ({ pk: `CASE#${caseId}`, sk: `DEFER#${materialCode}` });
export const receiptKey = (receiptNumber: string) => ({ pk: `RECEIPT#${receiptNumber}`, sk: 'RECEIPT' });
export const idempotencyKey = (key: string) => ({ pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' });
/** A rectification (整改) of a poor rating, in its case's partition (docs/ratings.md). */
export const rectificationKey = (caseId: string, rectificationId: string) => ({ pk: `CASE#${caseId}`, sk: `RECT#${rectificationId}` });
export const uploadKey = (uploadId: string) => ({ pk: `UPLOAD#${uploadId}`, sk: 'UPLOAD' });
export const counterKey = (name: string) => ({ pk: `COUNTER#${name}`, sk: 'COUNTER' });
/** A block of receipt numbers taken from the day's counter `name`, beside it: the numbers of it that cases used. */
export const receiptBlockKey = (name: string, blockStart: number) => ({ pk: `COUNTER#${name}`, sk: `BLOCK#${String(blockStart).padStart(6, '0')}` });

/** The work queues, on the overloaded GSI `byQueue`. */
export const caseQueue = (status: string) => `CASES#${status}`;
export const taskQueue = (department: string) => `TASKS#${department}`;
/** A department's rectifications, by status and due instant. */
export const rectificationQueue = (department: string) => `RECTS#${department}`;

export const QUEUE_INDEX = 'byQueue';

/**
 * The staff lists (docs/access-patterns.md, Q1–Q2): cases and tasks in the queue partitions
 * of `byQueue`, each on two more indexes projecting the whole item, so a page needs no read
 * of the table and any attribute may be filtered on. `submissionSk` orders by submission,
 * `deadlineSk` by the date due; both start with the task's status in a department's queue.
 */
export const LIST_INDEXES = { submitted: 'bySubmission', deadline: 'byDeadline' } as const;
export const LIST_SORT_KEYS = { submitted: 'submissionSk', deadline: 'deadlineSk' } as const;
export type ListSort = keyof typeof LIST_INDEXES;

/** Ticket and payment numbers resolve to their case (one ticket per case, see docs/fees.md). */
export const ticketKey = (ticketNumber: string) => ({ pk: `TICKET#${ticketNumber}`, sk: 'LOOKUP' });
export const paymentKey = (paymentId: string) => ({ pk: `PAYMENT#${paymentId}`, sk: 'LOOKUP' });
/** A provider callback's event id once applied, so a replay is refused. */
export const callbackEventKey = (source: 'payment' | 'courier', eventId: string) => ({ pk: `CALLBACK#${source}#${eventId}`, sk: 'SEEN' });

/** The settlement ledger: one partition per Shanghai day (docs/fees.md). */
export const ledgerPartition = (day: string) => `LEDGER#${day}`;
export const ledgerKey = (day: string, kind: LedgerKind, ...parts: string[]) => ({ pk: ledgerPartition(day), sk: [kind, ...parts].join('#') });
/** Refused provider callbacks (forged, stale, replayed, wrong amount), per Shanghai day, for supervision. */
export const auditKey = (day: string, at: string, id: string) => ({ pk: `AUDIT#${day}`, sk: `${at}#${id}` });
/** The count of one sender's refused callbacks of one provider in one minute (`YYYY-MM-DDTHH:MM`, UTC), beside that day's refusals. */
export const auditCountKey = (day: string, minute: string, source: string, sender: string) => ({ pk: `AUDIT#${day}`, sk: `COUNT#${minute}#${source}#${sender}` });

/** Certificates (docs/results.md): by verification code, by holder, and the result a task produced. */
export const certificateKey = (code: string) => ({ pk: `CERT#${code}`, sk: 'CERT' });
export const holderPartition = (holderKey: string) => `HOLDER#${holderKey}`;
export const holderEntryKey = (holderKey: string, issuedOn: string, code: string) => ({ pk: holderPartition(holderKey), sk: `CERT#${issuedOn}#${code}` });
/**
 * The library's one-time-code challenges (docs/results.md): each by its random id, and how
 * many an identity was sent per Shanghai day, keyed by the holder's identity hash.
 */
export const libraryChallengeKey = (challengeId: string) => ({ pk: `LIBCHALLENGE#${challengeId}`, sk: 'CHALLENGE' });
export const libraryChallengeCountKey = (holderKey: string, day: string) => ({ pk: `LIBCHALLENGES#${holderKey}`, sk: `DAY#${day}` });
export const resultLookupKey = (taskId: string) => ({ pk: `RESULT#${taskId}`, sk: 'RESULT' });
/** A certificate by its signed PDF's SHA-256: what `POST /v1/certificates/verify` finds an uploaded file by. */
export const certificateDigestKey = (sha256: string) => ({ pk: `PDFSHA#${sha256}`, sk: 'LOOKUP' });
export const waybillKey = (waybillNumber: string) => ({ pk: `WAYBILL#${waybillNumber}`, sk: 'LOOKUP' });

/** The commitment index entry of a deferred material: open ones by due date, late ones apart. */
export function commitmentQueue(d: DeferredMaterial): string {
  if (d.status === 'supplied') return 'DEFERRED#closed';
  return d.late ? 'DEFERRED#late' : 'DEFERRED#open';
}

/**
 * Timers (docs/access-patterns.md, "Timers"): an item with something due at an instant
 * carries `watchPk` (its timer partition) and `watchSk = <dueAt ISO>#<id>` on the sparse GSI
 * `byWatch` while it is due; the deadline watch (every 15 minutes) queries each partition for
 * `watchSk <= now` and reads nothing else. Writing the item without them leaves the index.
 * An open task's partition names its level, so the red and severe tasks are a Query too.
 */
export const WATCH_INDEX = 'byWatch';
export const TIMER_KINDS = ['task', 'order', 'rectification', 'rating', 'notification', 'shipment'] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];
/** `WATCH#<kind>`, or `WATCH#<kind>#<state>`: an open task's level, or `escalated` / `overdue` for what stays listed after it fell due. */
export const timerPartition = (kind: TimerKind, state?: Level | 'escalated' | 'overdue'): string => (state ? `WATCH#${kind}#${state}` : `WATCH#${kind}`);
/** A `watchSk` instant that sorts after every ISO instant: listed in its partition, never due. */
export const NEVER_DUE = '~';
export function timerAttributes(partition: string, dueAt: string | undefined, id: string): { watchPk?: string; watchSk?: string } {
  return dueAt ? { watchPk: partition, watchSk: `${dueAt}#${id}` } : {};
}

/**
 * The statistics (contracts/supervision.ts): one row per Shanghai day and scope, added to by
 * `supervision-stats`; the open tasks by level per department in `GAUGE` rows; and, per
 * event applied, a marker put in the same transaction so a redelivery changes nothing.
 */
export const statsKey = (day: string, scope: StatsScope) => ({ pk: `STATS#${day}`, sk: scope });
export const gaugeKey = (scope: StatsScope) => ({ pk: 'GAUGE', sk: scope });
export const appliedEventKey = (consumer: string, eventId: string) => ({ pk: `APPLIED#${consumer}#${eventId}`, sk: 'APPLIED' });

/**
 * Notifications (docs/notifications.md): each in its case's partition; a staff message also
 * on the queue of the department and role it is for (`MSGS#<department|*>#<role>`, sorted by
 * `<createdAt>#<id>` on `byQueue`); a sent message's provider id, to match its delivery
 * receipt; a phone's sends per Shanghai day (the daily cap), by the phone's SHA-256.
 */
export const notificationKey = (caseId: string, notificationId: string) => ({ pk: `CASE#${caseId}`, sk: `NOTIFY#${notificationId}` });
export const staffMessageQueue = (department: string | undefined, role: string) => `MSGS#${department ?? '*'}#${role}`;
export const providerMessageKey = (provider: string, providerMessageId: string) => ({ pk: `SENT#${provider}#${providerMessageId}`, sk: 'LOOKUP' });
export const smsCapKey = (phoneSha256: string, day: string) => ({ pk: `SMSCAP#${phoneSha256}`, sk: `DAY#${day}` });

/** A closed period's archived report (docs/reports.md): its files' SHA-256, put once, never replaced. */
export const reportKey = (period: string) => ({ pk: `REPORT#${period}`, sk: 'REPORT' });
