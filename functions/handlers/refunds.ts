/**
 * Asks the payment provider to pay back a refund the case asked for (a second payment of a
 * paid ticket, a rejected case). The provider is idempotent on the refund id, so a
 * redelivered message asks again harmlessly; it confirms with a `refunded` callback.
 */
import { paymentProvider } from '../payments/provider.js';
import { queueWorker } from '../lambda/worker.js';

interface RefundRequested {
  ticketNumber: string;
  refundId: string;
  paymentId: string;
  amountFen: number;
}

export const handler = queueWorker(async (event) => {
  if (event.type !== 'refund.requested') return;
  const { ticketNumber, refundId, paymentId, amountFen } = event.data as unknown as RefundRequested;
  await paymentProvider().requestRefund({ ticketNumber, refundId, paymentId, amountFen });
});
