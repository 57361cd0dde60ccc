/**
 * Where a ticket's payment stands, from the payments the ticket view lists: which was
 * started last, and whether the provider's answer to it is still awaited (which is when
 * the element keeps asking).
 */
import type { TicketPayment, TicketView } from '../../../contracts/tickets.js';

/** The payment started last, if any. */
export const newestPayment = (ticket: TicketView): TicketPayment | undefined =>
  ticket.payments.reduce<TicketPayment | undefined>((newest, p) => (!newest || Date.parse(p.startedAt) >= Date.parse(newest.startedAt) ? p : newest), undefined);

/** Issued, and the applicant has just been to the provider: the provider's answer is still on its way. */
export const awaitingConfirmation = (ticket: TicketView): boolean => ticket.status === 'issued' && newestPayment(ticket)?.status === 'pending';
