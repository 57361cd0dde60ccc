/** Refunds (docs/fees.md): the provider asked to pay back what a case owes back. */
import type { OutboxEvent } from '../../contracts/events.js';
import { refundRequestedData } from '../domain/settlement.js';
import { eventData } from '../lambda/worker.js';
import { paymentProvider } from '../payments/index.js';

/**
 * On `refund.requested`: asks the provider to pay back a refund the case asked for (a
 * second payment of a paid ticket, a rejected case). The provider is idempotent on the
 * refund id, so a redelivered message asks again harmlessly; it confirms with a
 * `refunded` callback.
 */
export async function requestRefund(event: OutboxEvent): Promise<void> {
  if (event.type !== 'refund.requested') return;
  const { ticketNumber, refundId, paymentId, amountFen } = eventData(event, refundRequestedData);
  await paymentProvider().requestRefund({ ticketNumber, refundId, paymentId, amountFen });
}
