/**
 * How results travel: the courier's statuses, what OneTrip asks a courier for (the
 * provider adapter's request, which the sandbox courier serves too), and the handover as
 * the case view shows it. See docs/results.md.
 */
import type { DeliveryMode } from './catalog.js';

export interface Address {
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  postalCode?: string;
}

export interface Delivery {
  mode: DeliveryMode;
  address?: Address;
}

/** What a courier reports, in the order a parcel normally goes through them. */
export const COURIER_STATUSES = ['accepted', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'failed', 'returned'] as const;

export type CourierStatus = (typeof COURIER_STATUSES)[number];

export interface ShipmentRequest {
  /** OneTrip's id of this dispatch, e.g. `${caseId}-d1` (`shipmentIdOf`); the courier's idempotency key. */
  shipmentId: string;
  /** The case's receipt number, printed on the label so the hall can match a returned parcel. */
  receiptNumber: string;
  /** Where the parcel goes: the case's delivery address, as the applicant gave it. */
  recipient: Address;
  /** The service hall sending the results. */
  sender: { name: string; phone: string; address: string };
  /** What is in the parcel: the certificates' verification codes. */
  contents: string[];
  /** For the courier, e.g. "请本人签收". */
  note?: string;
}

/** A courier parcel as the case view shows it. */
export interface ShipmentView {
  waybillNumber: string;
  status: 'requested' | CourierStatus;
  history: { status: CourierStatus; occurredAt: string; detail?: string }[];
}

/** How the results reach the applicant, once all are in (`handover` of the case view). */
export interface HandoverView {
  mode: DeliveryMode;
  status: 'shipping' | 'delivered' | 'available' | 'pickup_ready';
  startedAt: string;
  completedAt?: string;
  /** Why the mode became pickup, when the courier could not deliver. */
  notice?: string;
  /** Courier only: the current attempt (1, then 2 after a failure). */
  attempt?: number;
  shipment?: ShipmentView;
  failedShipments: Pick<ShipmentView, 'waybillNumber' | 'status'>[];
}

/** A courier's report on a parcel (`POST /v1/callbacks/courier`, signed). */
export interface CourierCallback {
  eventId: string;
  waybillNumber: string;
  status: CourierStatus;
  /** As the courier sent it (ISO 8601 with an offset). */
  occurredAt: string;
  detail?: string;
}
