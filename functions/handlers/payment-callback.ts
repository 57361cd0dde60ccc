/**
 * `POST /v1/callbacks/payment`: the payment provider reports a payment's outcome or a
 * refund, signed (API.md). A forged, stale, replayed or wrong-amount callback changes
 * nothing and is kept for supervision; a valid one is applied to the case's ticket.
 */
import callbackSchema from '../../contracts/schemas/payment-callback.schema.json' with { type: 'json' };
import { withHandover } from '../domain/results.js';
import { applyPaymentCallback, type PaymentCallback } from '../domain/tickets.js';
import { callbackHandler } from '../app/callbacks.js';
import { clock } from '../lambda/clock.js';
import { httpHandler } from '../lambda/http.js';
import { secretValue } from '../lambda/secrets.js';
import { ajv } from '../lambda/validate.js';
import { caseOfPayment } from '../store/lookups.js';

export const handler = httpHandler({
  'POST /v1/callbacks/payment': callbackHandler<PaymentCallback>({
    source: 'payment',
    secret: () => secretValue('PAYMENT_SECRET_ARN'),
    validate: ajv().compile(callbackSchema),
    describe: (cb) => ({ eventId: cb.eventId, paymentId: cb.paymentId, ticketNumber: cb.ticketNumber, status: cb.status, amountFen: cb.amountFen }),
    find: (cb) => caseOfPayment(cb.paymentId),
    unknown: (cb) => ({ outcome: 'refused', code: 'UNKNOWN_PAYMENT', message: `No payment ${cb.paymentId}`, status: 404 }),
    decide: (c, tasks, cb) => {
      const outcome = applyPaymentCallback(c, cb, clock());
      if (outcome.outcome === 'refused') return { ...outcome, status: outcome.code === 'UNKNOWN_PAYMENT' ? 404 : 422 };
      // The payment that completes a case whose results are all in hands them over at once.
      return outcome.outcome === 'applied' ? { outcome: 'applied', change: withHandover(outcome.change, tasks, clock()) ?? outcome.change } : outcome;
    },
  }),
});
