/**
 * Settling the one ticket to the departments' accounts (docs/fees.md): on `ticket.paid`, a
 * SPLIT ledger item per department on the day of payment; on `refund.requested` of a
 * payment that had been split, a REVERSAL per department on the day the refund is asked
 * for (idempotent: a redelivery finds the items written). And the day's report per
 * department, reconciled to the fen.
 */
import type { OutboxEvent } from '../../contracts/events.js';
import { isLocalDate } from '../domain/calendar.js';
import { ValidationError } from '../domain/errors.js';
import { refundRequestedData, settlementCsv, settlementReport, settlementScope, ticketPaidData, type SettlementReport } from '../domain/settlement.js';
import type { Staff } from '../domain/staff.js';
import { logger } from '../lambda/logger.js';
import { eventData } from '../lambda/worker.js';
import { ledgerOfDay, writeReversals, writeSplits } from '../store/ledger.js';
import { servedCatalog } from './served-catalog.js';

export async function settle(event: OutboxEvent): Promise<void> {
  const at = new Date().toISOString();
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

/** A day's settlement as `staff` may see it: every department, or their own. */
export async function settlementOf(staff: Staff, day: string, requested: string | undefined): Promise<{ report: SettlementReport; csv: () => string; fileName: string }> {
  const department = settlementScope(staff, requested);
  if (!isLocalDate(day)) {
    throw new ValidationError(`day must be a date YYYY-MM-DD, got ${JSON.stringify(day)}`, [{ path: 'path:day', message: 'is not a date YYYY-MM-DD' }]);
  }
  const { source } = servedCatalog();
  if (department !== undefined && !source.departments.some((d) => d.code === department)) {
    throw new ValidationError(`department ${JSON.stringify(department)} is not a department of catalog ${source.manifest.version}`, [
      { path: 'query:department', message: 'is not a department code' },
    ]);
  }
  const report = settlementReport(await ledgerOfDay(day), { day, generatedAt: new Date().toISOString(), departments: source.departments, department });
  return { report, csv: () => settlementCsv(report), fileName: `settlement-${day}${department === undefined ? '' : `-${department}`}.csv` };
}
