/**
 * One ticket (一票制), the case's side: issuing the fee ticket at the case's fee point,
 * starting payments, applying the payment provider's callbacks through a monotonic state
 * machine, and asking for refunds (a second payment of a paid ticket, a rejected case).
 * The ticket lives inside the case record, so the case's optimistic lock makes "paid
 * once" hold however many callbacks race. Pure: every function returns the change to
 * persist. See docs/fees.md.
 */
import type { FeePoint } from '../../contracts/catalog.js';
import { ConflictError } from './errors.js';
import type { DepartmentSplit } from './fees.js';
import type { FeeLine } from '../../contracts/tickets.js';
import { ticketTotal } from './fees.js';
import type { Actor, TimelineInput } from './timeline.js';
import type { PaymentStatus } from '../../contracts/tickets.js';
import type { CallbackOutcome } from './callbacks.js';
import type { CaseRecord, Change, Clock, DomainEvent, PaymentRecord, RefundRecord, Ticket } from './records.js';
import { caseCompletedData } from './measures.js';
import type { PaymentCallback } from '../../contracts/tickets.js';

/** What the catalog says a case costs: computed by the caller from the case's catalog version and form. */
export interface FeePlan {
  point: FeePoint;
  lines: FeeLine[];
  splits: DepartmentSplit[];
}

/** At most this many payment attempts per ticket: a citizen retrying is fine, a loop is not. */
export const MAX_PAYMENT_ATTEMPTS = 20;

export const TICKET_PATTERN = /^T[0-9a-z]{6}(?:-[a-z]+)?-\d{8}-\d{6}$/;

/** One ticket per case, so its number follows from the receipt number. */
export const ticketNumberOf = (receiptNumber: string): string => `T${receiptNumber}`;

const system = (id: string): Actor => ({ type: 'system', id });

/** Issues the case's ticket; a total of 0 (every fee waived) is issued already paid. */
export function issueTicket(c: CaseRecord, plan: FeePlan, { now, today, calendar }: Clock): { ticket: Ticket; timeline: TimelineInput[]; events: DomainEvent[] } {
  const totalFen = ticketTotal(plan.lines);
  const free = totalFen === 0;
  const ticket: Ticket = {
    ticketNumber: ticketNumberOf(c.receiptNumber),
    feePoint: plan.point.at,
    issuedAt: now,
    issuedOn: today,
    dueDate: calendar.addWorkingDays(today, plan.point.dueWorkingDays),
    status: free ? 'paid' : 'issued',
    lines: plan.lines.map((l) => ({ ...l, status: free ? 'paid' : 'due' })),
    totalFen,
    splits: plan.splits,
    ...(free ? { paidAt: now, paidOn: today } : {}),
    payments: [],
    refunds: [],
  };
  return {
    ticket,
    timeline: [
      {
        at: now,
        actor: system('fees'),
        action: 'ticket.issued',
        detail: { ticketNumber: ticket.ticketNumber, totalFen, dueDate: ticket.dueDate, lines: ticket.lines.length },
      },
    ],
    events: [{ type: 'ticket.issued', data: { ticketNumber: ticket.ticketNumber, totalFen, dueDate: ticket.dueDate } }],
  };
}

/** True while the case may not complete: a ticket is issued and not yet paid. */
export const awaitsPayment = (ticket: Ticket | undefined): boolean => ticket?.status === 'issued';

/**
 * The ticket's fate when the case ends rejected: an unpaid ticket is cancelled; a paid one
 * is refunded in full (its departments' shares taken back).
 */
export function closeTicketOnRejection(c: CaseRecord, { now, today }: Clock): { ticket?: Ticket; timeline: TimelineInput[]; events: DomainEvent[] } {
  const ticket = c.ticket;
  if (!ticket) return { timeline: [], events: [] };
  const actor = system('fees');
  if (ticket.status === 'issued') {
    return {
      ticket: { ...ticket, status: 'cancelled' },
      timeline: [{ at: now, actor, action: 'ticket.cancelled', detail: { ticketNumber: ticket.ticketNumber } }],
      events: [{ type: 'ticket.cancelled', data: { ticketNumber: ticket.ticketNumber } }],
    };
  }
  if (ticket.status !== 'paid' || !ticket.paymentId || ticket.totalFen === 0) return { timeline: [], events: [] };
  const refund: RefundRecord = {
    refundId: `${ticket.paymentId}-r`,
    paymentId: ticket.paymentId,
    amountFen: ticket.totalFen,
    reason: 'case_rejected',
    status: 'requested',
    requestedAt: now,
    requestedOn: today,
    splits: ticket.splits,
  };
  return {
    ticket: { ...ticket, status: 'refunding', refunds: [...ticket.refunds, refund] },
    timeline: [{ at: now, actor, action: 'refund.requested', detail: { ticketNumber: ticket.ticketNumber, refundId: refund.refundId, amountFen: refund.amountFen, reason: refund.reason } }],
    events: [{ type: 'refund.requested', data: refundEventData(ticket, refund) }],
  };
}

function refundEventData(ticket: Ticket, refund: RefundRecord): Record<string, unknown> {
  return {
    ticketNumber: ticket.ticketNumber,
    refundId: refund.refundId,
    paymentId: refund.paymentId,
    // The provider that took the payment pays it back (a county may offer several).
    provider: ticket.payments.find((p) => p.paymentId === refund.paymentId)?.provider,
    amountFen: refund.amountFen,
    reason: refund.reason,
    requestedOn: refund.requestedOn,
    ...(refund.splits ? { splits: refund.splits } : {}),
  };
}

function bumpTicket(c: CaseRecord, ticket: Ticket, patch: Partial<CaseRecord> = {}): CaseRecord {
  return { ...c, ...patch, ticket, version: c.version + 1 };
}

/** Starts a payment of an issued ticket: the provider is asked only after this is stored. */
export function startPayment(c: CaseRecord, payment: { paymentId: string; provider: string }, actor: Actor, { now }: Clock): Change {
  const ticket = c.ticket;
  if (!ticket || ticket.status !== 'issued' || c.status === 'rejected') {
    const what = ticket ? `Ticket ${ticket.ticketNumber} is ${c.status === 'rejected' ? 'of a rejected case' : ticket.status}` : `Case ${c.receiptNumber} has no fee ticket`;
    throw new ConflictError('TICKET_NOT_PAYABLE', `${what}; there is nothing to pay`, { params: { receiptNumber: c.receiptNumber } });
  }
  if (ticket.payments.length >= MAX_PAYMENT_ATTEMPTS) {
    throw new ConflictError('TOO_MANY_PAYMENT_ATTEMPTS', `Ticket ${ticket.ticketNumber} has had ${MAX_PAYMENT_ATTEMPTS} payment attempts; ask the service hall for help`, { params: { ticketNumber: ticket.ticketNumber, attempts: MAX_PAYMENT_ATTEMPTS } });
  }
  const record: PaymentRecord = { paymentId: payment.paymentId, provider: payment.provider, amountFen: ticket.totalFen, status: 'pending', startedAt: now };
  return {
    case: { next: bumpTicket(c, { ...ticket, payments: [...ticket.payments, record] }), expectedVersion: c.version },
    tasks: [],
    timeline: [{ at: now, actor, action: 'payment.started', detail: { ticketNumber: ticket.ticketNumber, paymentId: record.paymentId, amountFen: record.amountFen } }],
    events: [{ type: 'payment.started', data: { ticketNumber: ticket.ticketNumber, paymentId: record.paymentId, amountFen: record.amountFen } }],
  };
}

/** A payment only moves forward: pending → failed → succeeded → refunded (a late `failed` never undoes a success). */
const RANK: Record<PaymentStatus, number> = { pending: 0, failed: 1, succeeded: 2, refunded: 3 };

export function applyPaymentCallback(c: CaseRecord, cb: PaymentCallback, clock: Clock): CallbackOutcome {
  const { now, today } = clock;
  const ticket = c.ticket;
  const payment = ticket?.payments.find((p) => p.paymentId === cb.paymentId);
  if (!ticket || !payment) return { outcome: 'refused', code: 'UNKNOWN_PAYMENT', message: `No payment ${cb.paymentId}`, kind: 'not_found', params: { paymentId: cb.paymentId } };
  if (cb.ticketNumber !== ticket.ticketNumber) {
    return { outcome: 'refused', code: 'TICKET_MISMATCH', message: `Payment ${cb.paymentId} is for ticket ${ticket.ticketNumber}, not ${cb.ticketNumber}`, kind: 'unprocessable', params: { paymentId: cb.paymentId, ticketNumber: ticket.ticketNumber, given: cb.ticketNumber } };
  }
  const actor = system('payment-provider');
  const detail = { ticketNumber: ticket.ticketNumber, paymentId: payment.paymentId, eventId: cb.eventId, amountFen: cb.amountFen };
  const withPayment = (status: PaymentStatus): PaymentRecord[] =>
    ticket.payments.map((p) => (p.paymentId !== payment.paymentId ? p : status === 'refunded' ? { ...p, status } : { ...p, status, settledAt: now, reportedAt: cb.occurredAt }));

  if (cb.status === 'refunded') {
    const refund = ticket.refunds.find((r) => r.paymentId === payment.paymentId);
    if (!refund) {
      return { outcome: 'not_yet', message: `No refund was asked for payment ${payment.paymentId}` };
    }
    if (refund.status === 'completed') return { outcome: 'stale', message: `Refund ${refund.refundId} is already completed` };
    if (cb.amountFen !== refund.amountFen) {
      return { outcome: 'refused', code: 'AMOUNT_MISMATCH', message: `Refund ${refund.refundId} is ${refund.amountFen} fen, the callback says ${cb.amountFen}`, kind: 'unprocessable', params: { id: refund.refundId, expectedFen: refund.amountFen, givenFen: cb.amountFen } };
    }
    const wholeTicket = refund.reason === 'case_rejected';
    const next: Ticket = {
      ...ticket,
      payments: withPayment('refunded'),
      refunds: ticket.refunds.map((r) => (r.refundId === refund.refundId ? { ...r, status: 'completed', completedAt: now } : r)),
      ...(wholeTicket ? { status: 'refunded' as const, lines: ticket.lines.map((l) => ({ ...l, status: 'refunded' as const })) } : {}),
    };
    return {
      outcome: 'applied',
      change: {
        case: { next: bumpTicket(c, next), expectedVersion: c.version },
        tasks: [],
        timeline: [{ at: now, actor, action: 'refund.completed', detail: { ...detail, refundId: refund.refundId } }],
        events: [{ type: 'refund.completed', data: { ticketNumber: ticket.ticketNumber, refundId: refund.refundId, paymentId: payment.paymentId, amountFen: refund.amountFen } }],
      },
    };
  }

  if (cb.amountFen !== payment.amountFen) {
    return { outcome: 'refused', code: 'AMOUNT_MISMATCH', message: `Payment ${payment.paymentId} is ${payment.amountFen} fen, the callback says ${cb.amountFen}`, kind: 'unprocessable', params: { id: payment.paymentId, expectedFen: payment.amountFen, givenFen: cb.amountFen } };
  }
  if (RANK[payment.status] >= RANK[cb.status]) {
    return { outcome: 'stale', message: `Payment ${payment.paymentId} is already ${payment.status}` };
  }

  if (cb.status === 'failed') {
    return {
      outcome: 'applied',
      change: {
        case: { next: bumpTicket(c, { ...ticket, payments: withPayment('failed') }), expectedVersion: c.version },
        tasks: [],
        timeline: [{ at: now, actor, action: 'payment.failed', detail }],
        events: [{ type: 'payment.failed', data: { ticketNumber: ticket.ticketNumber, paymentId: payment.paymentId } }],
      },
    };
  }

  const paidOn = today;
  if (ticket.status === 'issued') {
    const next: Ticket = {
      ...ticket,
      status: 'paid',
      lines: ticket.lines.map((l) => ({ ...l, status: 'paid' })),
      paidAt: now,
      paidOn,
      paymentId: payment.paymentId,
      payments: withPayment('succeeded'),
    };
    const completes = c.status === 'awaiting_payment';
    return {
      outcome: 'applied',
      change: {
        case: { next: bumpTicket(c, next, completes ? { status: 'completed', completedAt: now } : {}), expectedVersion: c.version },
        tasks: [],
        timeline: [
          { at: now, actor, action: 'ticket.paid', detail },
          ...(completes ? [{ at: now, actor: system('fees'), action: 'case.completed' }] : []),
        ],
        events: [
          { type: 'ticket.paid', data: { ticketNumber: ticket.ticketNumber, paymentId: payment.paymentId, amountFen: payment.amountFen, paidOn, splits: ticket.splits } },
          ...(completes ? [{ type: 'case.completed' as const, data: { ...caseCompletedData(c, clock) } }] : []),
        ],
      },
    };
  }

  // The ticket was paid by another payment, or cancelled: this money goes back.
  const refund: RefundRecord = {
    refundId: `${payment.paymentId}-r`,
    paymentId: payment.paymentId,
    amountFen: payment.amountFen,
    reason: ticket.status === 'cancelled' ? 'ticket_cancelled' : 'double_payment',
    status: 'requested',
    requestedAt: now,
    requestedOn: today,
  };
  const next: Ticket = { ...ticket, payments: withPayment('succeeded'), refunds: [...ticket.refunds, refund] };
  return {
    outcome: 'applied',
    change: {
      case: { next: bumpTicket(c, next), expectedVersion: c.version },
      tasks: [],
      timeline: [
        { at: now, actor, action: 'payment.duplicate', detail: { ...detail, ticketStatus: ticket.status } },
        { at: now, actor: system('fees'), action: 'refund.requested', detail: { ticketNumber: ticket.ticketNumber, refundId: refund.refundId, amountFen: refund.amountFen, reason: refund.reason } },
      ],
      events: [{ type: 'refund.requested', data: refundEventData(ticket, refund) }],
    },
  };
}
