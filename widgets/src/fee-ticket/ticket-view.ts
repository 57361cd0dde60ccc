/**
 * The one fee ticket (一票制) as the applicant sees it: `GET /v1/tickets/{ticketNumber}`
 * answers it, and the case view carries the same object as `ticket` (docs/fees.md).
 * Money is integer fen.
 */
import type { LocalizedText } from '../../../contracts/catalog.js';

export type TicketStatus = 'issued' | 'paid' | 'cancelled' | 'refunding' | 'refunded';

/** What produced a line's amount; which members are present depends on the rule. */
export interface TicketLineInputs {
  /** JSON pointer of the form field the rule reads. */
  field?: string;
  /** The quantity read from the form, as given (per_unit and tiered). */
  quantity?: number;
  /** Whole units charged after rounding (per_unit). */
  units?: number;
  unit?: LocalizedText;
  fenPerUnit?: number;
  /** Upper bound of the tier applied, `null` for the open last tier (tiered). */
  tierUpTo?: number | null;
  /** The waiver applies (waived). */
  waived?: boolean;
  /** False when the fee applies only under a condition the case does not meet. */
  charged?: boolean;
  /** The waiver's or the charging condition, in words. */
  condition?: LocalizedText;
}

export interface TicketLine {
  feeCode: string;
  department: string;
  departmentName: LocalizedText;
  name: LocalizedText;
  basis: LocalizedText;
  rule: 'fixed' | 'per_unit' | 'tiered' | 'waived';
  inputs: TicketLineInputs;
  amountFen: number;
  status: 'due' | 'paid' | 'refunded';
}

export interface TicketPayment {
  paymentId: string;
  amountFen: number;
  status: 'pending' | 'succeeded' | 'failed' | 'refunded';
  startedAt: string;
}

export interface TicketRefund {
  refundId: string;
  amountFen: number;
  reason: 'double_payment' | 'case_rejected' | 'ticket_cancelled';
  status: 'requested' | 'completed';
}

export interface TicketView {
  ticketNumber: string;
  receiptNumber: string;
  itemName: LocalizedText;
  status: TicketStatus;
  /** Local dates (Asia/Shanghai), `YYYY-MM-DD`. */
  issuedOn: string;
  dueDate: string;
  totalFen: number;
  paidAt?: string;
  lines: TicketLine[];
  departments: { department: string; departmentName: LocalizedText; amountFen: number }[];
  payments: TicketPayment[];
  refunds: TicketRefund[];
}

/** `POST /v1/tickets/{ticketNumber}/payments` answers where to send the applicant. */
export interface PaymentStart {
  paymentId: string;
  redirectUrl: string;
}

/** The payment started last, if any. */
export const newestPayment = (ticket: TicketView): TicketPayment | undefined =>
  ticket.payments.reduce<TicketPayment | undefined>((newest, p) => (!newest || Date.parse(p.startedAt) >= Date.parse(newest.startedAt) ? p : newest), undefined);

/** Issued, and the applicant has just been to the provider: the provider's answer is still on its way. */
export const awaitingConfirmation = (ticket: TicketView): boolean => ticket.status === 'issued' && newestPayment(ticket)?.status === 'pending';
