import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { itemStages, openCase } from '../../functions/domain/application.js';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import { dispatch, preReview, progress } from '../../functions/domain/case.js';
import type { CaseRecord, Clock, TaskRecord } from '../../functions/domain/records.js';
import { splitByDepartment, ticketLines } from '../../functions/domain/fees.js';
import { applyPaymentCallback, startPayment, type FeePlan } from '../../functions/domain/tickets.js';
import type { PaymentCallback } from '../../contracts/tickets.js';
import type { Ticket } from '../../functions/domain/records.js';
import { publishedCatalogs } from '../../catalog/index.js';
import type { CatalogSource, ServiceItem } from '../../contracts/catalog.js';
import type { Staff } from '../../functions/domain/staff.js';
import { codeOf } from '../support/errors.js';

const source = publishedCatalogs['2026.11.3'] as CatalogSource;
const item = source.items.find((i) => i.baseCode === '000103001000') as ServiceItem; // vehicle registration: F007 + F008, at acceptance
const clerk: Staff = { username: 'clerk', roles: ['clerk'], department: 'center' };
const clock: Clock = { now: '2026-11-27T02:00:00.000Z', today: '2026-11-27', calendar: defaultCalendar };
const applicant = { type: 'person' as const, name: '张三', idType: 'resident_id' as const, idNumber: '430602199001011234', phone: '13907301234' };

function plan(lines = ticketLines(source, { itemCode: item.baseCode }, {})): FeePlan {
  return { point: item.feePoint ?? { at: 'acceptance', dueWorkingDays: 5 }, lines, splits: splitByDepartment(lines, source.departments) };
}

function submitted(): CaseRecord {
  return openCase({
    caseId: 'c1', receiptNumber: '430600-20261127-000001', queryCodeHash: 'h', county: '430600', catalogVersion: '2026.11.3',
    subject: { itemCode: item.baseCode, name: item.name, stages: itemStages(item), trips: 0 },
    applicant, form: {}, materials: [], deferred: [], delivery: { mode: 'courier' }, now: clock.now, today: clock.today, promisedDate: '2026-12-04',
    calendar: defaultCalendar,
  }).record;
}

const accepted = (fees = plan()) => preReview(submitted(), clerk, { decision: 'accept' }, clock, fees).case!.next;

function withPayments(c: CaseRecord, ids: string[]): CaseRecord {
  return ids.reduce((x, paymentId) => startPayment(x, { paymentId, provider: 'sandbox' }, { type: 'applicant', id: 'r' }, clock).case!.next, c);
}


describe('issuing the ticket', () => {
  it('issues it with the acceptance when the fee point is acceptance, due in working days', () => {
    // Act
    const change = preReview(submitted(), clerk, { decision: 'accept' }, clock, plan());
    const ticket = change.case?.next.ticket as Ticket;

    // Assess
    expect(ticket.ticketNumber).toBe('T430600-20261127-000001');
    expect(ticket.status).toBe('issued');
    expect(ticket.totalFen).toBe(11_000);
    expect(ticket.dueDate).toBe(defaultCalendar.addWorkingDays('2026-11-27', 5));
    expect(change.events.map((e) => e.type)).toEqual(['case.accepted', 'ticket.issued']);
  });

  it('issues a ticket whose fees are all waived as already paid, holding nothing up', () => {
    // Act
    const free = plan(ticketLines(source, { itemCode: item.baseCode }, {}).map((l) => ({ ...l, amountFen: 0 })));
    const ticket = accepted(free).ticket as Ticket;

    // Assess
    expect(ticket.status).toBe('paid');
    expect(ticket.lines.every((l) => l.status === 'paid')).toBe(true);
  });

  it('issues it after approval when that is the fee point, and waits for the payment', () => {
    // Prepare
    const afterApproval: FeePlan = { ...plan(), point: { at: 'approval', dueWorkingDays: 15 } };
    const dispatched = dispatch(accepted(afterApproval), clock);
    const c = dispatched!.case!.next;
    const tasks: TaskRecord[] = dispatched!.tasks.map((x) => ({ ...x.next, status: 'approved' }));

    // Act
    const change = progress(c, tasks, clock, afterApproval);

    // Assess
    expect(c.ticket).toBeUndefined();
    expect(change?.case?.next.status).toBe('awaiting_payment');
    expect(change?.case?.next.ticket?.status).toBe('issued');
    expect(change?.events.map((e) => e.type)).toEqual(['stage.completed', 'ticket.issued']);
  });

  it('refuses a payment of a ticket that is not payable', () => {
    expect(codeOf(() => startPayment(submitted(), { paymentId: 'p', provider: 'sandbox' }, { type: 'applicant', id: 'r' }, clock))).toBe('TICKET_NOT_PAYABLE');
  });
});

describe('payment callbacks, in any order and any number', () => {
  const ids = ['pA', 'pB'];
  const callbackArb = fc.record({
    paymentId: fc.constantFrom(...ids),
    status: fc.constantFrom<PaymentCallback['status']>('succeeded', 'failed', 'refunded'),
    wrongAmount: fc.boolean(),
  });

  it('mark the ticket paid at most once, never undo it, and refund every other success', () => {
    fc.assert(
      fc.property(fc.array(callbackArb, { maxLength: 12 }), (sequence) => {
        // Prepare
        let c = withPayments(accepted(), ids);
        const total = c.ticket!.totalFen;
        let paidBy: string | undefined;

        // Act
        sequence.forEach((s, i) => {
          const cb: PaymentCallback = { eventId: `e${i}`, paymentId: s.paymentId, ticketNumber: c.ticket!.ticketNumber, status: s.status, amountFen: s.wrongAmount ? total + 1 : total, occurredAt: clock.now };
          const result = applyPaymentCallback(c, cb, clock);
          if (s.wrongAmount && result.outcome !== 'not_yet' && result.outcome !== 'stale') expect(result.outcome).toBe('refused');
          if (result.outcome === 'applied') c = result.change.case!.next;

          // Assess, after every step
          const ticket = c.ticket!;
          if (paidBy) expect(ticket.paymentId).toBe(paidBy);
          if (ticket.status === 'paid') paidBy = ticket.paymentId;
          const succeeded = ticket.payments.filter((p) => p.status === 'succeeded' || p.status === 'refunded');
          expect(ticket.status).toBe(succeeded.length > 0 ? 'paid' : 'issued');
          // Money kept = successes − refunds asked = the total once paid, to the fen.
          const kept = succeeded.reduce((sum, p) => sum + p.amountFen, 0) - ticket.refunds.reduce((sum, r) => sum + r.amountFen, 0);
          expect(kept).toBe(succeeded.length > 0 ? total : 0);
        });
      }),
      { numRuns: 300 },
    );
  });
});
