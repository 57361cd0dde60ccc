/**
 * The payment providers' reports: a payment's outcome or a refund, applied to the case's
 * ticket. The sandbox's OneTrip-signed callback (`POST /v1/callbacks/payment`, the spec
 * below through `receiveCallback`), and each provider's own notification
 * (`POST /v1/callbacks/payment/{provider}`, {@link receiveNotification}).
 */
import paymentSchema from '../../contracts/schemas/payment-callback.schema.json' with { type: 'json' };
import type { PaymentCallback } from '../../contracts/tickets.js';
import { withHandover } from '../domain/results.js';
import { applyPaymentCallback } from '../domain/tickets.js';
import { NotFoundError, OneTripError } from '../domain/errors.js';
import { clock } from '../lambda/clock.js';
import { logger } from '../lambda/logger.js';
import { secretByArn } from '../lambda/secrets.js';
import {
  paymentMethods,
  paymentProvider,
  paymentProviderSettings,
  type NotificationRefusal,
  type ProviderAnswer,
  type ProviderNotification,
} from '../payments/index.js';
import { compileSchema } from '../lambda/validate.js';
import { caseOfPayment, recordRefusedCallback } from '../store/lookups.js';
import { applyCallback, type CallbackSpec } from './callbacks.js';

export const paymentCallbacks: CallbackSpec<PaymentCallback> = {
  source: 'payment',
  // The sandbox's HMAC (`POST /v1/callbacks/payment`).
  secret: () => secretByArn(paymentProviderSettings('sandbox').secretArn),
  validate: compileSchema(paymentSchema),
  describe: (cb) => ({ eventId: cb.eventId, paymentId: cb.paymentId, ticketNumber: cb.ticketNumber, status: cb.status, amountFen: cb.amountFen }),
  find: (cb) => caseOfPayment(cb.paymentId),
  unknown: (cb) => ({ outcome: 'refused', code: 'UNKNOWN_PAYMENT', message: `No payment ${cb.paymentId}`, kind: 'not_found', params: { paymentId: cb.paymentId } }),
  decide: (c, tasks, cb) => {
    const now = clock();
    const outcome = applyPaymentCallback(c, cb, now);
    // The payment that completes a case whose results are all in hands them over at once.
    return outcome.outcome === 'applied' ? { outcome: 'applied', change: withHandover(outcome.change, tasks, now) ?? outcome.change } : outcome;
  },
};

/** What a refused notification is counted as for supervision, as the sandbox's refused callbacks are. */
const REFUSAL_CODES: Readonly<Record<NotificationRefusal, string>> = {
  bad_signature: 'BAD_SIGNATURE',
  stale: 'STALE_SIGNATURE',
  malformed: 'MALFORMED_NOTIFICATION',
};

/**
 * A provider's own notification at `POST /v1/callbacks/payment/{provider}`: verified and
 * read by its adapter, each callback it carries applied through the pipeline, and the
 * provider answered its way (acknowledged once taken or already taken; refused otherwise,
 * so that it sends again). A notification refused by the adapter or the pipeline changes
 * nothing and is kept for supervision.
 *
 * @throws NotFoundError `UNKNOWN_PAYMENT_PROVIDER` when the county has no such provider
 */
export async function receiveNotification(name: string, notification: ProviderNotification): Promise<ProviderAnswer> {
  const method = paymentMethods().find((m) => m.provider === name);
  if (!method) throw new NotFoundError(`This county takes no payments through "${name}"`, 'UNKNOWN_PAYMENT_PROVIDER', { params: { provider: name } });
  const provider = await paymentProvider(method.provider);
  const reading = await provider.readNotification(notification);
  if ('refused' in reading) {
    logger.warn('payment notification refused', { provider: name, reason: reading.refused, message: reading.message });
    await recordRefusedCallback('payment', REFUSAL_CODES[reading.refused], notification.sourceIp, { provider: name, message: reading.message });
    return provider.acknowledge(false, reading.message);
  }
  for (const callback of reading.callbacks) {
    try {
      await applyCallback(paymentCallbacks, callback, notification.sourceIp);
    } catch (error) {
      if (!(error instanceof OneTripError) || error.kind === 'internal' || error.kind === 'unavailable') throw error;
      // Already taken (its query or its refund's answer came first): the provider may stop sending it.
      if (error.code !== 'EVENT_ALREADY_SEEN') return provider.acknowledge(false, error.message);
    }
  }
  return provider.acknowledge(true);
}
