/**
 * What each function is for and what it may touch. The stack grants exactly these and
 * nothing more; a handler without an entry here fails the synth.
 */
export type Need =
  | 'data'
  | 'outbox'
  | 'materials-read'
  /** Reads material objects by key and nothing else of the bucket (s3:GetObject on its objects): presigned material downloads, HeadObject checks. */
  | 'materials-get'
  | 'materials-put'
  | 'consumer-queues'
  /** Reads the payment providers' secrets; gets PAYMENT_PROVIDERS (contracts/providers.ts). */
  | 'payment-secret'
  /** Reads the courier's secret; gets COURIER_PROVIDER_CONFIG (contracts/providers.ts). */
  | 'courier-secret'
  /** Writes result PDFs to the results bucket. */
  | 'results-put'
  /** Reads result PDFs (presigned downloads). */
  | 'results-read'
  /**
   * Sends text messages (functions/sms/): gets SMS_PROVIDER and, for the sandbox,
   * SMS_PROVIDER_URL, for End User Messaging SMS, SMS_ORIGINATION_IDENTITY and the right to
   * send from it; and reads the SMS provider's secret (SMS_SECRET_ARN: the gateway's keys,
   * the receipt callbacks' key).
   */
  | 'sms'
  /**
   * Sends email to applicants (functions/email/): gets EMAIL_PROVIDER, EMAIL_FROM and, for the
   * sandbox, EMAIL_PROVIDER_URL, for SES, EMAIL_CONFIGURATION_SET and the right to send from
   * the county's identity.
   */
  | 'email'
  /** Reads the county's signing key (SIGNING_SECRET_ARN): signs certificates and receipts, checks uploaded PDFs' signer. */
  | 'signing-key'
  /** Looks staff users up in the user pool (AdminGetUser, AdminListGroupsForUser); gets USER_POOL_ID. */
  | 'staff-directory'
  /** Writes archived reports to the reports bucket (REPORTS_BUCKET). */
  | 'reports-put'
  /** Reads archived reports from the reports bucket (REPORTS_BUCKET). */
  | 'reports-read';

export interface FunctionSpec {
  description: string;
  needs: Need[];
  /** Seconds. @default 10 */
  timeout?: number;
  /**
   * For a consumer (contracts/events.ts): how its queue delivers to it.
   * @default 5 receives, visibility 6 × timeout, no concurrency limit
   */
  delivery?: { maxReceiveCount: number; visibilityTimeoutSeconds: number; maxConcurrency: number };
}

/**
 * Workers that call an outside provider ride out an hour of its outage: a failed message
 * waits out the visibility timeout (5 minutes) before its next try, and 15 receives span
 * 15 × 5 = 75 minutes before it reaches the DLQ. Two concurrent workers at most, so an outage
 * is not hammered by a burst of retries (and the provider's rate limits are kept).
 */
const PROVIDER_WORKER = { maxReceiveCount: 15, visibilityTimeoutSeconds: 300, maxConcurrency: 2 };

export const functionSpecs: Record<string, FunctionSpec> = {
  health: { description: 'GET /health', needs: [] },
  openapi: { description: 'GET /v1/openapi.json: the API contract', needs: [] },
  catalog: { description: 'The published catalog and item guides', needs: [] },
  'fee-estimates': { description: 'POST /v1/fee-estimates: the fee an application would be charged', needs: [] },
  uploads: { description: 'Presigned material uploads', needs: ['data', 'materials-put'] },
  applications: { description: 'Submit, look up and correct applications; download results', needs: ['data', 'outbox', 'materials-read', 'results-read'] },
  'staff-cases': { description: 'Comprehensive window: pre-review, agents; the staff view of a case and its materials', needs: ['data', 'outbox', 'materials-get', 'staff-directory'] },
  messages: { description: 'The applicant’s messages and opt-out (with the query code); a staff member’s messages', needs: ['data'] },
  'access-log': { description: 'GET a day of the access log of unmasked reads (supervisors, admins)', needs: ['data'] },
  'staff-tasks': { description: 'Department review and sign-off', needs: ['data', 'outbox'] },
  'staff-rectifications': { description: 'Rectifications of poor ratings: lists, department responses, supervisor close and reopen', needs: ['data', 'outbox'] },
  'outbox-relay': { description: 'Publishes outbox events to consumer queues', needs: ['consumer-queues'], timeout: 30 },
  'review-dispatch': { description: 'Fans accepted cases out into department tasks', needs: ['data', 'outbox'], timeout: 20 },
  'case-progress': { description: 'Completes stages, starts the next, completes or ends cases', needs: ['data', 'outbox'], timeout: 20 },
  'deadline-watch': { description: 'Every 15 minutes: the clock’s warnings, supervision orders, rectifications, rating invitations and courier route checks that fell due', needs: ['data', 'outbox', 'courier-secret'], timeout: 300 },
  'deferred-watch': { description: 'Daily: reminds of deferred materials falling due, flags late ones', needs: ['data', 'outbox'], timeout: 300 },
  tickets: { description: 'The fee ticket: look it up, start a payment, download its signed payment receipt', needs: ['data', 'outbox', 'payment-secret', 'signing-key'] },
  'payment-callback': { description: 'Signed payment provider callbacks', needs: ['data', 'outbox', 'payment-secret'] },
  // The data and outbox too: a refund Alipay settles at once is applied here, as its callback.
  refunds: { description: 'Asks the payment provider for refunds', needs: ['data', 'outbox', 'payment-secret'], timeout: 20, delivery: PROVIDER_WORKER },
  certificates: { description: 'Issues each approved task’s certificate: PDF, library entry, the case’s result', needs: ['data', 'outbox', 'results-put', 'signing-key'], timeout: 30 },
  notices: { description: 'Issues the official notices (acceptance, deficiency, commitment, refusal, rejection): PDF, the case’s documents', needs: ['data', 'results-put', 'signing-key'], timeout: 30 },
  'notice-downloads': { description: 'Downloads a case’s official notices: staff under need to know (logged), the applicant with the query code', needs: ['data', 'results-read'] },
  'courier-dispatch': { description: 'Asks the courier to ship a case’s results', needs: ['data', 'outbox', 'courier-secret'], timeout: 20, delivery: PROVIDER_WORKER },
  'courier-callback': { description: 'Signed courier status callbacks', needs: ['data', 'outbox', 'courier-secret'] },
  'certificates-public': { description: 'Verifies certificates (by code or an uploaded PDF), answers library look-ups after a one-time code by SMS, revokes', needs: ['data', 'signing-key', 'sms'] },
  settlement: { description: 'Settles paid tickets and reverses refunds in the ledger', needs: ['data'], timeout: 20 },
  'supervision-stats': { description: 'Counts each supervision event once into the day’s statistics and the open-task gauges', needs: ['data'], timeout: 20 },
  'supervision-orders': { description: 'Supervision orders (督办): issue, reply, list the unanswered and the escalated', needs: ['data', 'outbox'] },
  'timeline-verify': { description: 'Verifies the hash-chained timelines of named cases or of a sample of a day’s', needs: ['data'], timeout: 30 },
  'integrity-audit': { description: 'Daily: verifies a sample of yesterday’s timelines, raises an alert for each broken one', needs: ['data', 'outbox'], timeout: 120 },
  'settlement-reports': { description: 'Daily settlement report and its reconciliation', needs: ['data'], timeout: 20 },
  supervision: { description: 'The supervision board and the daily, weekly, ten-day and monthly reports (JSON, CSV, PDF)', needs: ['data', 'reports-read'], timeout: 30 },
  'supervision-archive': { description: 'Daily after midnight: archives the reports of the periods that closed, with their SHA-256', needs: ['data', 'reports-put'], timeout: 300 },
  notifications: { description: 'Records each event’s notifications once per recipient and channel (applicant and staff), sends those due now; every minute, those whose time came (quiet hours, reminders, retries)', needs: ['data', 'sms', 'email'], timeout: 60 },
  'notification-receipts': { description: 'Delivery receipts: the providers’ signed callbacks and the AWS receipts topic; a failed SMS falls back to email', needs: ['data', 'sms', 'email'], timeout: 20 },
  'item-performance': { description: 'GET an item’s public performance: the last 30 days of its cases', needs: ['data'] },
};
