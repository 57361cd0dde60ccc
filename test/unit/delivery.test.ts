import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DELIVERY_ATTEMPTS, afterFailure, applyCourierStatus, isTerminal, rankOf, requestedShipment, shipmentIdOf, type CourierUpdate, type Shipment } from '../../functions/domain/delivery.js';
import type { CourierStatus } from '../../contracts/delivery.js';
import { COURIER_STATUSES } from '../../contracts/delivery.js';

const REQUESTED_AT = '2026-11-28T02:00:00.000Z';
const fresh = () => requestedShipment('EA123456789CN', 1, REQUESTED_AT);

let sequence = 0;
const update = (status: CourierStatus, detail?: string): CourierUpdate => {
  sequence += 1;
  return { eventId: `e-${sequence}`, status, occurredAt: `2026-11-28T10:${String(sequence % 60).padStart(2, '0')}:00.000+08:00`, ...(detail ? { detail } : {}) };
};

/** Applies the updates in turn, as the callback handler would; stale ones change nothing. */
function applyAll(shipment: Shipment, updates: CourierUpdate[], seen?: Array<Shipment['status']>): Shipment {
  return updates.reduce((current, next) => {
    const result = applyCourierStatus(current, next);
    const after = result.outcome === 'applied' ? result.shipment : current;
    seen?.push(after.status);
    return after;
  }, shipment);
}

/** Any sequence of one waybill's callbacks: events drawn from a pool, so some repeat, in any order. */
const callbacks = fc
  .array(fc.constantFrom(...COURIER_STATUSES), { minLength: 1, maxLength: 7 })
  .chain((statuses) => {
    const pool = statuses.map((status, i): CourierUpdate => ({ eventId: `e-${i}`, status, occurredAt: `2026-11-28T10:0${i}:00.000+08:00` }));
    return fc.array(fc.constantFrom(...pool), { minLength: 0, maxLength: 20 });
  });

describe('applyCourierStatus', () => {
  it('applies the statuses in order, recording each, and reports the terminal one', () => {
    // Prepare
    const updates = (['accepted', 'picked_up', 'in_transit', 'out_for_delivery'] as const).map((status) => update(status));
    const moving = applyAll(fresh(), updates);

    // Act
    const delivered = applyCourierStatus(moving, update('delivered', '本人签收'));

    // Assess
    expect(moving.history.map((event) => event.status)).toEqual(['accepted', 'picked_up', 'in_transit', 'out_for_delivery']);
    expect(delivered).toMatchObject({ outcome: 'applied', terminal: 'delivered', shipment: { status: 'delivered' } });
    if (delivered.outcome !== 'applied') throw new Error('not applied');
    expect(delivered.shipment.history.at(-1)).toMatchObject({ status: 'delivered', detail: '本人签收' });
    expect(delivered.shipment.updatedAt).toBe(delivered.shipment.history.at(-1)!.occurredAt);
    expect(delivered.shipment.requestedAt).toBe(REQUESTED_AT);
  });

  it('applies a later status that overtook earlier ones, and then finds the earlier ones stale', () => {
    // Prepare
    const inTransit = applyAll(fresh(), [update('in_transit')]);

    // Act
    const late = applyCourierStatus(inTransit, update('picked_up'));
    const duplicate = applyCourierStatus(inTransit, update('in_transit'));

    // Assess
    expect(inTransit.status).toBe('in_transit');
    expect(inTransit.history.map((event) => event.status)).toEqual(['in_transit']);
    expect(late).toEqual({ outcome: 'stale', reason: expect.stringContaining('past picked_up') });
    expect(duplicate.outcome).toBe('stale');
  });

  it('never leaves a terminal status, not even for another terminal one', () => {
    for (const terminal of ['delivered', 'failed', 'returned'] as const) {
      const ended = applyAll(fresh(), [update('accepted'), update(terminal)]);
      for (const status of COURIER_STATUSES) {
        expect(applyCourierStatus(ended, update(status)), `${terminal} then ${status}`).toEqual({ outcome: 'stale', reason: expect.stringContaining('final') });
      }
    }
  });

  it('does not change the shipment it is given', () => {
    const shipment = fresh();
    const before = structuredClone(shipment);
    applyCourierStatus(shipment, update('accepted'));
    expect(shipment).toEqual(before);
  });
});

describe('applyCourierStatus, for any sequence of callbacks with duplicates and in any order', () => {
  it('only moves the status up in rank, and never leaves delivered', () => {
    fc.assert(
      fc.property(callbacks, (updates) => {
        const seen: Array<Shipment['status']> = [];
        applyAll(fresh(), updates, seen);
        for (let i = 1; i < seen.length; i += 1) {
          expect(rankOf(seen[i]!)).toBeGreaterThanOrEqual(rankOf(seen[i - 1]!));
          if (isTerminal(seen[i - 1]!)) expect(seen[i]).toBe(seen[i - 1]);
        }
        const deliveredAt = seen.indexOf('delivered');
        if (deliveredAt >= 0) expect(seen.slice(deliveredAt).every((status) => status === 'delivered')).toBe(true);
      }),
    );
  });

  it('keeps the history in strictly increasing rank, one entry per status applied', () => {
    fc.assert(
      fc.property(callbacks, (updates) => {
        const { history, status } = applyAll(fresh(), updates);
        for (let i = 1; i < history.length; i += 1) expect(rankOf(history[i]!.status)).toBeGreaterThan(rankOf(history[i - 1]!.status));
        expect(history.at(-1)?.status ?? 'requested').toBe(status);
      }),
    );
  });

  it('is idempotent: the same sequence again changes nothing', () => {
    fc.assert(
      fc.property(callbacks, (updates) => {
        const once = applyAll(fresh(), updates);
        expect(applyAll(once, updates)).toEqual(once);
      }),
    );
  });

  it('ends at the highest-ranked status received; among terminal ones, the first received', () => {
    fc.assert(
      fc.property(callbacks, (updates) => {
        const { status } = applyAll(fresh(), updates);
        const firstTerminal = updates.find((u) => isTerminal(u.status));
        const highest = updates.reduce<Shipment['status']>((best, u) => (rankOf(u.status) > rankOf(best) ? u.status : best), 'requested');
        expect(status).toBe(firstTerminal?.status ?? highest);
      }),
    );
  });
});

describe('after a failed delivery', () => {
  it('dispatches once more, then sends a notice to collect at the service hall', () => {
    expect(MAX_DELIVERY_ATTEMPTS).toBe(2);
    expect(afterFailure(1)).toBe('redispatch');
    expect(afterFailure(2)).toBe('pickup_notice');
    expect(afterFailure(3)).toBe('pickup_notice');
  });

  it('gives each dispatch its own idempotency key', () => {
    expect(shipmentIdOf('C430600-0001', 1)).toBe('C430600-0001-d1');
    expect(shipmentIdOf('C430600-0001', 2)).toBe('C430600-0001-d2');
  });
});
