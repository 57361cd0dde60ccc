/**
 * The one fee ticket (一票制) on the wire: `GET /v1/tickets/{ticketNumber}`, the `ticket`
 * of the case view, `POST /v1/tickets/{ticketNumber}/payments`, and the payment
 * provider's signed callback. Money is integer fen; see docs/fees.md.
 */
import type { FeeRule, FeePoint, LocalizedText } from './catalog.js';
import type { PaymentProviderName } from './providers.js';

/** The inputs that produced a line's amount, shown on the ticket with it. */
export interface FeeLineInputs {
  /** JSON pointer of the form field the rule reads (absent for a fixed fee). */
  field?: string;
  /** The quantity read from the form, as given (per_unit and tiered). */
  quantity?: number;
  /** Whole units charged after rounding the quantity (per_unit only). */
  units?: number;
  /** Upper bound of the tier applied, `null` for the open last tier (tiered only). */
  tierUpTo?: number | null;
  /** The waiver condition's value in the form (waived only). */
  waived?: boolean;
  /** The waiver's or the charging condition's wording, for the ticket. */
  condition?: LocalizedText;
  /** Unit of the quantity (per_unit and tiered). */
  unit?: LocalizedText;
  /** The rate applied (per_unit only). */
  fenPerUnit?: number;
  /** Whether the fee's `chargedWhen` condition held (only for fees that have one); false makes the line 0. */
  charged?: boolean;
}

/** One line of a fee ticket: a fee item of the schedule, what it costs and why. */
export interface FeeLine {
  feeCode: string;
  department: string;
  name: LocalizedText;
  basis: LocalizedText;
  rule: FeeRule['kind'];
  inputs: FeeLineInputs;
  /** Integer fen, ≥ 0. */
  amountFen: number;
}

export type TicketStatus = 'issued' | 'paid' | 'cancelled' | 'refunding' | 'refunded';

export type PaymentStatus = 'pending' | 'failed' | 'succeeded' | 'refunded';

export type RefundReason = 'double_payment' | 'case_rejected' | 'ticket_cancelled';

export interface TicketLine extends FeeLine {
  status: 'due' | 'paid' | 'refunded';
}

/** A ticket line as the applicant sees it: with its department's name. */
export interface TicketLineView extends TicketLine {
  departmentName: LocalizedText;
}

export interface TicketPayment {
  paymentId: string;
  amountFen: number;
  status: PaymentStatus;
  startedAt: string;
}

export interface TicketRefund {
  refundId: string;
  amountFen: number;
  reason: RefundReason;
  status: 'requested' | 'completed';
}

/**
 * The one fee ticket as the applicant sees it: `GET /v1/tickets/{ticketNumber}` answers
 * it, and the case view carries the same object as `ticket`.
 */
export interface TicketView {
  ticketNumber: string;
  receiptNumber: string;
  itemName: LocalizedText;
  status: TicketStatus;
  feePoint: FeePoint['at'];
  /** Local dates (Asia/Shanghai), `YYYY-MM-DD`. */
  issuedOn: string;
  dueDate: string;
  totalFen: number;
  paidAt?: string;
  lines: TicketLineView[];
  departments: { department: string; departmentName: LocalizedText; amountFen: number }[];
  payments: TicketPayment[];
  refunds: TicketRefund[];
}

/**
 * How the citizen pays: `page` a desktop web page, `wap` a mobile web page (Alipay);
 * `native` a QR code scanned with the provider's app, `h5` a mobile web page (WeChat Pay).
 */
export type PaymentChannel = 'page' | 'wap' | 'native' | 'h5';

/** A way the county takes payments: a provider and its channels, first the preferred one. */
export interface PaymentMethod {
  provider: PaymentProviderName;
  channels: PaymentChannel[];
}

/** `GET /v1/tickets/{ticketNumber}`: the ticket, and the payment methods the county offers (in the county's order). */
export interface TicketAnswer extends TicketView {
  paymentMethods: PaymentMethod[];
}

/**
 * `POST /v1/tickets/{ticketNumber}/payments` answers where the applicant goes next: the
 * provider's page (`redirectUrl`), or for `native` the code to show for scanning (`qrCode`,
 * the text to encode, e.g. WeChat's `weixin://wxpay/…`).
 */
export type PaymentStart = { paymentId: string; provider: PaymentProviderName; channel: PaymentChannel } & ({ redirectUrl: string } | { qrCode: string });

/** A provider's report on a payment (API.md `POST /v1/callbacks/payment`). */
export interface PaymentCallback {
  eventId: string;
  paymentId: string;
  ticketNumber: string;
  status: 'succeeded' | 'failed' | 'refunded';
  amountFen: number;
  occurredAt: string;
}

/**
 * What `POST /v1/fee-estimates` answers: the lines the ticket will carry for this form,
 * each department's share, the total, and where the ticket will be issued. An item or
 * bundle that charges nothing answers no lines, a total of 0 and no fee point.
 */
export interface FeeEstimate {
  catalogVersion: string;
  /** Where the ticket is issued and how many working days it may be paid in; null when nothing is charged. */
  feePoint: FeePoint | null;
  totalFen: number;
  lines: (FeeLine & { departmentName: LocalizedText })[];
  departments: { department: string; departmentName: LocalizedText; amountFen: number }[];
}
