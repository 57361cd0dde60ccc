/**
 * Delivery receipts (docs/notifications.md, "Delivery receipts and retries"): a provider
 * says a message it took was delivered or failed. The provider's signed callback
 * (`POST /v1/callbacks/notifications/{provider}`, verified the provider's way by the adapter's
 * `readReceiptCallback`) or AWS's events through SNS (End User Messaging SMS, SES) name the
 * message by the provider's id; its record moves `sent → delivered | failed` once, with the
 * case's timeline entry, and a permanently failed SMS falls back to email. A forged callback
 * changes nothing: 401, and kept with the other refused callbacks (`AUDIT#<day>`).
 */
import { NotFoundError, UnauthorizedError } from '../domain/errors.js';
import { timelineEntryOf, withReceipt, type NotifiedCase } from '../domain/notifications.js';
import { clock } from '../lambda/clock.js';
import { logger } from '../lambda/logger.js';
import { getCase } from '../store/data-table.js';
import { recordRefusedCallback } from '../store/lookups.js';
import { notificationOfProviderMessage, replaceNotification } from '../store/notifications.js';
import { receiptCallbackKey } from '../sms/index.js';
import { readReceiptCallback, RECEIPT_CALLBACK_PROVIDERS, receiptsFromSnsMessage, type DeliveryReceipt, type ReceiptCallbackProvider } from '../sms/receipts.js';
import { fallBack } from './send-notifications.js';

/** What the provider is answered: how many of its receipts changed a record, and how many named no message OneTrip sent. */
export interface ReceiptsAnswer {
  applied: number;
  unchanged: number;
  unknown: number;
}

type Outcome = keyof ReceiptsAnswer;

/** One receipt applied to the record it names, once. */
export async function applyReceipt(receipt: DeliveryReceipt): Promise<Outcome> {
  const record = await notificationOfProviderMessage(receipt.provider, receipt.providerMessageId);
  if (!record) return 'unknown';
  const now = clock().now;
  const next = withReceipt(record, receipt, now);
  if (!next) return 'unchanged';
  if (!(await replaceNotification(next, { status: record.status, attempts: record.attempts }, timelineEntryOf(next, now)))) return 'unchanged';
  if (next.status === 'failed' && receipt.permanent && next.channel === 'sms') {
    const c = (await getCase(next.caseId)) as NotifiedCase | undefined;
    if (c) await fallBack(next, c, now);
  }
  return 'applied';
}

async function applyAll(receipts: DeliveryReceipt[]): Promise<ReceiptsAnswer> {
  const answer: ReceiptsAnswer = { applied: 0, unchanged: 0, unknown: 0 };
  for (const receipt of receipts) answer[await applyReceipt(receipt)] += 1;
  return answer;
}

/** The callback providers the county sends through (`SMS_PROVIDER`, `EMAIL_PROVIDER`): no other's callback is read. */
function usedCallbackProviders(): ReceiptCallbackProvider[] {
  const used = [process.env.SMS_PROVIDER?.trim(), process.env.EMAIL_PROVIDER?.trim()];
  return RECEIPT_CALLBACK_PROVIDERS.filter((p) => used.includes(p));
}

/** Nothing changes, and the refusal is kept with the other providers' refused callbacks (`AUDIT#<day>`). */
async function refused(error: NotFoundError | UnauthorizedError, provider: string, sourceIp: string): Promise<never> {
  logger.warn('notification receipt refused', { provider, code: error.code, sourceIp });
  await recordRefusedCallback('notifications', error.code, sourceIp, { provider, message: error.message });
  throw error;
}

/**
 * A provider's signed receipt callback. A provider the county does not send through (or no
 * provider at all) is refused before any key is read: 404 `RECEIPT_PROVIDER_UNKNOWN`.
 */
export async function receiveReceiptCallback(provider: string, request: { headers: Record<string, string | undefined>; rawBody: string; sourceIp: string }): Promise<ReceiptsAnswer> {
  const from = usedCallbackProviders().find((p) => p === provider);
  if (!from) {
    return refused(new NotFoundError(`No provider ${provider} sends this county delivery receipts`, 'RECEIPT_PROVIDER_UNKNOWN', { params: { provider } }), provider, request.sourceIp);
  }
  let receipts: DeliveryReceipt[];
  try {
    receipts = readReceiptCallback(from, request.headers, request.rawBody, await receiptCallbackKey(from));
  } catch (error) {
    // Forged, unsigned or stale.
    if (!(error instanceof UnauthorizedError)) throw error;
    return refused(error, provider, request.sourceIp);
  }
  return applyAll(receipts);
}

/** The receipts AWS publishes to the county's receipts topic (End User Messaging SMS, SES). */
export async function receiveSnsReceipts(messages: string[]): Promise<ReceiptsAnswer> {
  return applyAll(messages.flatMap((message) => receiptsFromSnsMessage(message)));
}
