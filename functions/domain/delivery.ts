import type { CourierStatus } from '../../contracts/delivery.js';
/**
 * Courier delivery of a case's results: a shipment per dispatch attempt, moved by the
 * courier's signed status callbacks (API.md, `POST /v1/callbacks/courier`).
 *
 * Callbacks can arrive twice, late, or out of order (a courier's systems retry and do not
 * queue), so statuses are applied through a monotonic state machine: a shipment only ever
 * moves up in rank, a status at or below its rank is stale and changes nothing, and the
 * three terminal statuses are final. A later status may arrive before an earlier one; it
 * applies (the skipped one is simply never recorded, as it would be stale when it comes).
 *
 * A failed or returned shipment is dispatched once more; after that the applicant is told
 * to collect the results at the service hall ({@link afterFailure}).
 *
 * Pure: no I/O, no clock.
 */

export type TerminalStatus = 'delivered' | 'failed' | 'returned';
export const TERMINAL_STATUSES: readonly TerminalStatus[] = ['delivered', 'failed', 'returned'];

/** Dispatch attempts a case's results get before the applicant is asked to collect them. */
export const MAX_DELIVERY_ATTEMPTS = 2;

export interface ShipmentEvent {
  status: CourierStatus;
  /** As the courier sent it (ISO 8601 with an offset, e.g. `+08:00`). */
  occurredAt: string;
  /** The callback's event id. */
  eventId: string;
  detail?: string;
}

export interface Shipment {
  /** The courier's number for the parcel, returned when the shipment was created. */
  waybillNumber: string;
  /** 1-based dispatch attempt of the case's results. */
  attempt: number;
  /** `requested` until the courier's first status. */
  status: 'requested' | CourierStatus;
  /** The statuses applied, in the order applied (which is also rank order). */
  history: ShipmentEvent[];
  requestedAt: string;
  /** `requestedAt`, then the `occurredAt` of the last status applied. */
  updatedAt: string;
}

export type ShipmentUpdate =
  | { outcome: 'applied'; shipment: Shipment; terminal?: TerminalStatus }
  | { outcome: 'stale'; reason: string };

export type CourierUpdate = Pick<ShipmentEvent, 'eventId' | 'status' | 'occurredAt' | 'detail'>;

const RANK: Record<Shipment['status'], number> = {
  requested: 0,
  accepted: 1,
  picked_up: 2,
  in_transit: 3,
  out_for_delivery: 4,
  delivered: 5,
  failed: 5,
  returned: 5,
};

/** The status's place in the sequence; the terminal statuses share the highest. */
export function rankOf(status: Shipment['status']): number {
  return RANK[status];
}

export function isTerminal(status: Shipment['status']): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

/** The courier's idempotency key for a case's `attempt`-th dispatch, e.g. `C123-d1`. */
export function shipmentIdOf(caseId: string, attempt: number): string {
  return `${caseId}-d${attempt}`;
}

/** A shipment the courier has just accepted the order for, before any status. */
export function requestedShipment(waybillNumber: string, attempt: number, requestedAt: string): Shipment {
  return { waybillNumber, attempt, status: 'requested', history: [], requestedAt, updatedAt: requestedAt };
}

/**
 * Applies a courier status to the shipment. A status ranked above the current one applies
 * (skipping is allowed); one at or below it, or anything after a terminal status, is
 * stale and changes nothing. The update's waybill is the caller's to match.
 */
export function applyCourierStatus(shipment: Shipment, update: CourierUpdate): ShipmentUpdate {
  if (isTerminal(shipment.status)) {
    return { outcome: 'stale', reason: `The shipment ${shipment.waybillNumber} is already ${shipment.status}, which is final` };
  }
  if (rankOf(update.status) <= rankOf(shipment.status)) {
    return { outcome: 'stale', reason: `The shipment ${shipment.waybillNumber} is already ${shipment.status}, past ${update.status}` };
  }
  const event: ShipmentEvent = {
    status: update.status,
    occurredAt: update.occurredAt,
    eventId: update.eventId,
    ...(update.detail !== undefined ? { detail: update.detail } : {}),
  };
  const next: Shipment = { ...shipment, status: update.status, history: [...shipment.history, event], updatedAt: update.occurredAt };
  return isTerminal(update.status) ? { outcome: 'applied', shipment: next, terminal: update.status } : { outcome: 'applied', shipment: next };
}

/**
 * What follows a shipment that ended `failed` or `returned` on its `attempt`-th (1-based)
 * dispatch: another dispatch while attempts remain, then a notice to collect the results
 * at the service hall.
 */
export function afterFailure(attempt: number): 'redispatch' | 'pickup_notice' {
  return attempt < MAX_DELIVERY_ATTEMPTS ? 'redispatch' : 'pickup_notice';
}
