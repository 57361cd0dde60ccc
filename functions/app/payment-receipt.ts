/**
 * The payment receipt (缴费凭证) of a paid ticket, for the applicant with the query code
 * (docs/fees.md): rendered on request from the ticket — the same ticket gives the same
 * signed bytes, signed at the time it was paid — so nothing is stored. 409 before payment.
 */
import { formatFen } from '../../contracts/money.js';
import { ConflictError } from '../domain/errors.js';
import { maskedApplicant } from '../domain/masking.js';
import { requireEnv } from '../lambda/env.js';
import { countySigningKey } from '../results/county-key.js';
import { renderReceiptPdf } from '../results/receipt-pdf.js';
import { ticketCase } from './access.js';
import { departmentsOf } from './fee-plans.js';

export async function paymentReceipt(ticketNumber: string, queryCode: string): Promise<Uint8Array> {
  const c = await ticketCase(ticketNumber, queryCode);
  const { ticket } = c;
  if (ticket.status !== 'paid') {
    throw new ConflictError('TICKET_NOT_PAID', `Ticket ${ticketNumber} is ${ticket.status}: its receipt exists once it is paid (${formatFen(ticket.totalFen)})`, {
      params: { ticketNumber, status: ticket.status },
    });
  }
  const departments = departmentsOf(c);
  const nameOf = (code: string) => departments.find((d) => d.code === code)?.name ?? { zh: code, en: code };
  const paidAt = ticket.paidAt ?? ticket.issuedAt;
  return renderReceiptPdf(
    {
      ticketNumber,
      receiptNumber: c.receiptNumber,
      itemName: c.itemName,
      payer: maskedApplicant(c.applicant),
      lines: ticket.lines.map((line) => ({ department: nameOf(line.department), name: line.name, amountFen: line.amountFen })),
      totalFen: ticket.totalFen,
      paidAt,
      // A ticket whose every fee was waived is issued paid, with no payment behind it.
      paymentReference: ticket.paymentId ?? '—',
      issuer: requireEnv('SERVICE_HALL_NAME'),
    },
    { key: await countySigningKey(), signingTime: new Date(paidAt) },
  );
}
