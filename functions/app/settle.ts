/**
 * Settling the one ticket to the departments' accounts (docs/fees.md): on `ticket.paid`, a
 * SPLIT ledger item per department on the day of payment; on `refund.requested` of a
 * payment that had been split, a REVERSAL per department on the day the refund is asked
 * for. Idempotent: a redelivery finds the items written.
 */
import type { OutboxEvent } from '../../contracts/events.js';
import { refundRequestedData, ticketPaidData } from '../domain/settlement.js';
import { logger } from '../lambda/logger.js';
import { eventData } from '../lambda/worker.js';
import { writeReversals, writeSplits } from '../store/ledger.js';
import { clock } from '../lambda/clock.js';

export async function settle(event: OutboxEvent): Promise<void> {
  const at = clock().now;
  switch (event.type) {
    case 'ticket.paid': {
      const paid = eventData(event, ticketPaidData);
      const outcome = await writeSplits({ day: paid.paidOn, ticketNumber: paid.ticketNumber, paymentId: paid.paymentId, splits: paid.splits, at });
      logger.info('ticket settled', { ticketNumber: paid.ticketNumber, paymentId: paid.paymentId, outcome });
      return;
    }
    case 'refund.requested': {
      const refund = eventData(event, refundRequestedData);
      // A refund of a payment never split (a double payment) takes nothing back from the departments.
      if (!refund.splits) return;
      const outcome = await writeReversals({
        day: refund.requestedOn,
        ticketNumber: refund.ticketNumber,
        paymentId: refund.paymentId,
        refundId: refund.refundId,
        splits: refund.splits,
        at,
      });
      logger.info('refund reversed', { ticketNumber: refund.ticketNumber, refundId: refund.refundId, outcome });
      return;
    }
    default:
      // Subscribed to the two types above only; anything else is not ours to settle.
      logger.warn('event ignored', { type: event.type });
  }
}

