/** The payment provider's signed callback: a payment's outcome or a refund, applied to the case's ticket. */
import paymentSchema from '../../contracts/schemas/payment-callback.schema.json' with { type: 'json' };
import type { PaymentCallback } from '../../contracts/tickets.js';
import { withHandover } from '../domain/results.js';
import { applyPaymentCallback } from '../domain/tickets.js';
import { clock } from '../lambda/clock.js';
import { secretByArn } from '../lambda/secrets.js';
import { paymentProviderSettings } from '../payments/index.js';
import { ajv } from '../lambda/validate.js';
import { caseOfPayment } from '../store/lookups.js';
import type { CallbackSpec } from './callbacks.js';

export const paymentCallbacks: CallbackSpec<PaymentCallback> = {
  source: 'payment',
  // The sandbox's HMAC (`POST /v1/callbacks/payment`).
  secret: () => secretByArn(paymentProviderSettings('sandbox').secretArn),
  validate: ajv().compile(paymentSchema),
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
