/**
 * Delivery receipts: what the providers report about the messages they accepted, read into
 * one shape, {@link DeliveryReceipt}, whichever way they arrive:
 * - the message sandbox's callback (local/sandbox-messages.ts), signed `X-OneTrip-Signature`
 *   under the county's SMS secret like the courier's callbacks;
 * - the SMS gateway's status callback (Tencent Cloud SMS, a JSON array of reports, each
 *   `sid` being the `SerialNo` the send answered), which Tencent does not sign: the county
 *   configures the callback URL behind a relay that adds `X-Gateway-Signature`, the hex
 *   HMAC-SHA256 of the raw body under the secret's `callbackKey` (docs/deploy.md);
 * - AWS's events on SNS: End User Messaging SMS's `TEXT_*` events and SES's
 *   Delivery / Bounce / Complaint events of the configuration set (or identity notifications).
 *
 * Receipts are facts about a provider's message id; the notifications engine finds the
 * notification by `providerMessageKey(provider, providerMessageId)` and applies each once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SandboxReceiptCallback } from '../../contracts/notification-receipts.js';
import { SIGNATURE_HEADER, verifySignature } from '../../contracts/signature.js';
import { UnauthorizedError, UnprocessableError, ValidationError, type FieldError } from '../domain/errors.js';

export interface DeliveryReceipt {
  /** The sender's name (`SMS_PROVIDER` / `EMAIL_PROVIDER`): `sandbox`, `gateway`, `end-user-messaging`, `ses`. */
  provider: string;
  providerMessageId: string;
  status: 'delivered' | 'failed';
  /** For `failed`: true when sending again cannot help (an invalid or blocked number, a permanent bounce). */
  permanent: boolean;
  /** When it was delivered or failed, ISO 8601. */
  at: string;
  detail?: string;
}

/** The gateway's receipt callback header: hex HMAC-SHA256 of the raw body under `callbackKey`. */
export const GATEWAY_SIGNATURE_HEADER = 'x-gateway-signature';

/** The providers whose receipts come as a callback to `POST /v1/callbacks/notifications/{provider}`. */
export const RECEIPT_CALLBACK_PROVIDERS = ['sandbox', 'gateway'] as const;
export type ReceiptCallbackProvider = (typeof RECEIPT_CALLBACK_PROVIDERS)[number];

function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return found?.[1];
}

function parseJson(rawBody: string, provider: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    throw new UnprocessableError('INVALID_JSON', `The ${provider} receipt callback body is not JSON`);
  }
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function sandboxReceipts(body: unknown): DeliveryReceipt[] {
  const fields: FieldError[] = [];
  const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Partial<Record<keyof SandboxReceiptCallback, unknown>>;
  if (!isText(b.eventId)) fields.push({ path: '/eventId', message: 'required string' });
  if (!isText(b.messageId)) fields.push({ path: '/messageId', message: 'required string' });
  if (b.channel !== 'sms' && b.channel !== 'email') fields.push({ path: '/channel', message: 'sms or email' });
  if (b.status !== 'delivered' && b.status !== 'failed') fields.push({ path: '/status', message: 'delivered or failed' });
  if (typeof b.permanent !== 'boolean') fields.push({ path: '/permanent', message: 'required boolean' });
  if (typeof b.at !== 'string' || !ISO.test(b.at)) fields.push({ path: '/at', message: 'an ISO 8601 time' });
  if (b.detail !== undefined && typeof b.detail !== 'string') fields.push({ path: '/detail', message: 'a string' });
  if (fields.length > 0) throw new ValidationError('The sandbox receipt callback is invalid', fields);
  const r = b as SandboxReceiptCallback;
  return [{ provider: 'sandbox', providerMessageId: r.messageId, status: r.status, permanent: r.status === 'failed' && r.permanent, at: r.at, ...(r.detail ? { detail: r.detail } : {}) }];
}

/** `2015-10-17 08:03:04`, Beijing time as the gateway writes it, in ISO 8601. */
function beijingIso(text: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text);
  return match ? `${match[1]}T${match[2]}+08:00` : undefined;
}

function gatewayReceipts(body: unknown): DeliveryReceipt[] {
  if (!Array.isArray(body)) throw new ValidationError('The gateway receipt callback is invalid', [{ path: '/', message: 'an array of status reports' }]);
  const fields: FieldError[] = [];
  const receipts = body.flatMap((entry: unknown, i): DeliveryReceipt[] => {
    const report = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const at = typeof report.user_receive_time === 'string' ? beijingIso(report.user_receive_time) : undefined;
    if (!isText(report.sid)) fields.push({ path: `/${i}/sid`, message: 'required string' });
    if (report.report_status !== 'SUCCESS' && report.report_status !== 'FAIL') fields.push({ path: `/${i}/report_status`, message: 'SUCCESS or FAIL' });
    if (!at) fields.push({ path: `/${i}/user_receive_time`, message: 'YYYY-MM-DD hh:mm:ss' });
    if (!isText(report.sid) || !at || (report.report_status !== 'SUCCESS' && report.report_status !== 'FAIL')) return [];
    const delivered = report.report_status === 'SUCCESS';
    const detail = [report.errmsg, report.description].filter(isText).join(' ');
    // The carrier gave up after its own retries (an empty, stopped or blacklisted number): sending again does not help.
    return [{ provider: 'gateway', providerMessageId: report.sid, status: delivered ? 'delivered' : 'failed', permanent: !delivered, at, ...(detail ? { detail } : {}) }];
  });
  if (fields.length > 0) throw new ValidationError('The gateway receipt callback is invalid', fields);
  return receipts;
}

/**
 * Verifies a receipt callback's signature the provider's way and reads it: the sandbox's
 * `X-OneTrip-Signature` (within 300 s, contracts/signature.ts) under the SMS secret, the
 * gateway's `X-Gateway-Signature` under the secret's `callbackKey`.
 *
 * @throws UnauthorizedError `BAD_SIGNATURE` / `STALE_SIGNATURE` (401) when forged, unsigned or stale,
 *   as the courier and payment callbacks are refused; then UnprocessableError `INVALID_JSON`
 *   or ValidationError when the body is not a receipt
 */
export function readReceiptCallback(provider: ReceiptCallbackProvider, headers: Record<string, string | undefined>, rawBody: string, secret: string): DeliveryReceipt[] {
  if (provider === 'sandbox') {
    const check = verifySignature(header(headers, SIGNATURE_HEADER), rawBody, secret, Math.floor(Date.now() / 1000));
    if (!check.ok) {
      if (check.reason === 'stale') throw new UnauthorizedError('The signature is more than 300 seconds away from now', 'STALE_SIGNATURE');
      throw new UnauthorizedError(`The signature is ${check.reason === 'missing' ? 'missing' : 'not valid'}`, 'BAD_SIGNATURE');
    }
    return sandboxReceipts(parseJson(rawBody, provider));
  }
  const given = header(headers, GATEWAY_SIGNATURE_HEADER)?.trim().toLowerCase() ?? '';
  const expected = createHmac('sha256', secret).update(rawBody, 'utf8').digest();
  if (!/^[0-9a-f]{64}$/.test(given) || !timingSafeEqual(expected, Buffer.from(given, 'hex'))) {
    throw new UnauthorizedError(`The signature is ${given === '' ? 'missing' : 'not valid'}`, 'BAD_SIGNATURE');
  }
  return gatewayReceipts(parseJson(rawBody, provider));
}

/** End User Messaging SMS's final events: delivered, or failed and whether for good. */
const SMS_EVENTS: Record<string, Pick<DeliveryReceipt, 'status' | 'permanent'>> = {
  TEXT_DELIVERED: { status: 'delivered', permanent: false },
  TEXT_INVALID: { status: 'failed', permanent: true },
  TEXT_INVALID_MESSAGE: { status: 'failed', permanent: true },
  TEXT_BLOCKED: { status: 'failed', permanent: true },
  TEXT_CARRIER_BLOCKED: { status: 'failed', permanent: true },
  TEXT_SPAM: { status: 'failed', permanent: true },
  TEXT_PROTECT_BLOCKED: { status: 'failed', permanent: true },
  TEXT_UNREACHABLE: { status: 'failed', permanent: false },
  TEXT_CARRIER_UNREACHABLE: { status: 'failed', permanent: false },
  TEXT_TTL_EXPIRED: { status: 'failed', permanent: false },
  TEXT_UNKNOWN: { status: 'failed', permanent: false },
};

/** Where carriers report no delivery, the carrier's acceptance is the final word (`isFinal`): delivered then. */
const DELIVERED_WHEN_FINAL: Record<string, true> = { TEXT_SUCCESSFUL: true };

function endUserMessagingReceipts(event: Record<string, unknown>): DeliveryReceipt[] {
  const type = String(event.eventType);
  const outcome = DELIVERED_WHEN_FINAL[type] && event.isFinal === true ? SMS_EVENTS.TEXT_DELIVERED : SMS_EVENTS[type];
  if (!outcome || !isText(event.messageId)) return [];
  const at = typeof event.eventTimestamp === 'number' ? new Date(event.eventTimestamp).toISOString() : new Date().toISOString();
  const detail = [type, event.messageStatusDescription].filter(isText).join(': ');
  return [{ provider: 'end-user-messaging', providerMessageId: event.messageId, ...outcome, at, detail }];
}

function sesReceipts(event: Record<string, unknown>, type: string): DeliveryReceipt[] {
  const mail = event.mail as { messageId?: unknown; timestamp?: unknown } | undefined;
  if (!isText(mail?.messageId)) return [];
  const part = (event[type.toLowerCase()] ?? {}) as { timestamp?: unknown; bounceType?: unknown; bounceSubType?: unknown; complaintFeedbackType?: unknown };
  const at = isText(part.timestamp) ? part.timestamp : isText(mail.timestamp) ? mail.timestamp : new Date().toISOString();
  const base = { provider: 'ses', providerMessageId: mail.messageId, at };
  switch (type) {
    case 'Delivery':
      return [{ ...base, status: 'delivered', permanent: false }];
    case 'Bounce':
      // Transient and Undetermined bounces (a full mailbox, a server away) may pass on a later send.
      return [{ ...base, status: 'failed', permanent: part.bounceType === 'Permanent', detail: `bounce: ${String(part.bounceType)}/${String(part.bounceSubType)}` }];
    case 'Complaint':
      // It arrived; the recipient marked it as spam.
      return [{ ...base, status: 'delivered', permanent: false, detail: `complaint: ${isText(part.complaintFeedbackType) ? part.complaintFeedbackType : 'abuse'}` }];
    default:
      return [];
  }
}

/**
 * The receipts in an SNS-delivered AWS event (the SNS record's `Message`): End User
 * Messaging SMS's TEXT_DELIVERED and failure events, SES's Delivery, Bounce and Complaint.
 * Events that are not final (TEXT_QUEUED, TEXT_PENDING, SES Send, …) and anything that is
 * not such an event give none.
 */
export function receiptsFromSnsMessage(message: string): DeliveryReceipt[] {
  let event: unknown;
  try {
    event = JSON.parse(message);
  } catch {
    return [];
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return [];
  const e = event as Record<string, unknown>;
  if (typeof e.eventType === 'string' && e.eventType.startsWith('TEXT_')) return endUserMessagingReceipts(e);
  // A configuration set's event destination says eventType; an identity's notifications, notificationType.
  const sesType = typeof e.eventType === 'string' ? e.eventType : typeof e.notificationType === 'string' ? e.notificationType : undefined;
  return sesType ? sesReceipts(e, sesType) : [];
}
