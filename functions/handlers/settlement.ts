/**
 * Settles the one ticket to the departments' accounts (docs/fees.md): on `ticket.paid`, a
 * SPLIT ledger item per department on the day of payment; on `refund.requested` of a
 * payment that had been split, a REVERSAL per department on the day the refund is asked
 * for. Idempotent: a redelivery finds the items written and changes nothing.
 */
import { settle } from '../app/settle.js';
import { queueWorker } from '../lambda/worker.js';

export const handler = queueWorker(settle);
