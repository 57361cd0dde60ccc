/** Refunds (docs/fees.md): the provider asked to pay back what a case owes back. */
import type { OutboxEvent } from '../../contracts/events.js';
import { OneTripError } from '../domain/errors.js';
import { refundRequestedData } from '../domain/settlement.js';
import { logger } from '../lambda/logger.js';
import { eventData } from '../lambda/worker.js';
import { paymentProvider, type PaymentProviderName } from '../payments/index.js';

/**
 * On `refund.requested`: asks the provider that took the payment to pay it back (a second
 * payment of a paid ticket, a rejected case). The provider is idempotent on the refund id, so
 * a redelivered message asks again harmlessly. A provider that settles at once (Alipay)
 * answers the `refunded` callback, applied here through the callbacks' pipeline with the
 * event id its notification carries too (whichever comes second is a replay); the others
 * confirm with their notification.
 */
export async function requestRefund(event: OutboxEvent): Promise<void> {
  if (event.type !== 'refund.requested') return;
  const { ticketNumber, refundId, paymentId, amountFen, provider } = eventData(event, refundRequestedData);
  const settled = await (await paymentProvider(provider as PaymentProviderName | undefined)).requestRefund({ ticketNumber, refundId, paymentId, amountFen });
  if (!settled) return;
  // The pipeline (ajv, the data table) only for a provider that settles at once: the worker stays small for the others.
  const [{ applyCallback }, { paymentCallbacks }] = await Promise.all([import('./callbacks.js'), import('./payment-callbacks.js')]);
  try {
    await applyCallback(paymentCallbacks, settled, `${provider ?? 'payment'}-refund`);
  } catch (error) {
    // Refused (a replay of its notification, most often): kept for supervision by the pipeline; asking again would change nothing.
    if (!(error instanceof OneTripError) || error.kind === 'internal' || error.kind === 'unavailable') throw error;
    logger.info('refund outcome not applied', { refundId, code: error.code });
  }
}
