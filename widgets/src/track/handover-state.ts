/**
 * Where a handover stands, read from the case view's `handover` (docs/results.md): the
 * courier's steps as the applicant follows them, whether a shipment went out again, and
 * whether the results are still on their way (which is when the tracker keeps reading).
 */
import type { HandoverView, ShipmentView } from '../../../contracts/delivery.js';

/** The courier's progress as the applicant follows it; the order placed counts as the first step. */
export const COURIER_STEPS = ['accepted', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered'] as const;

/** Index in {@link COURIER_STEPS} of where a shipment is; the first step before the courier has answered. */
export function stepOf(shipment: ShipmentView | undefined): number {
  const status = shipment?.status;
  return Math.max(COURIER_STEPS.indexOf(status as (typeof COURIER_STEPS)[number]), 0);
}

/** A shipment failed or came back and the results went out again (or to the service hall). */
export const redispatched = (h: HandoverView): boolean => (h.attempt ?? 1) > 1 || (h.failedShipments?.length ?? 0) > 0;

/** The results are still on their way: worth reading the case again. */
export const inTransit = (h: HandoverView | null | undefined): boolean => h?.status === 'shipping';
