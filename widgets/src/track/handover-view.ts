/**
 * A case's results and their handover as the applicant sees them: the case view carries
 * `results` (one certificate per approved task) and `handover` (how they travel: courier,
 * electronic download, or pickup), docs/results.md. Times are ISO 8601 with an offset;
 * `issuedOn` is a local date (Asia/Shanghai).
 */
import type { LocalizedText } from '../../../contracts/catalog.js';

export interface ResultView {
  verificationCode: string;
  itemCode: string;
  itemName: LocalizedText;
  department: string;
  departmentName: LocalizedText;
  issuedOn: string;
}

export type ShipmentStatus = 'requested' | 'accepted' | 'picked_up' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'failed' | 'returned';

export interface ShipmentView {
  waybillNumber: string;
  status: ShipmentStatus;
  /** The courier's statuses as applied, oldest first. */
  history: { status: ShipmentStatus; occurredAt: string; detail?: string }[];
}

export interface HandoverView {
  mode: 'courier' | 'electronic' | 'pickup';
  status: 'shipping' | 'delivered' | 'available' | 'pickup_ready';
  startedAt: string;
  completedAt?: string;
  /** Why the results wait at the service hall, when the courier could not deliver them. */
  notice?: string;
  /** Courier only: 1, then 2 after a failed or returned shipment. */
  attempt?: number;
  /** The current attempt's shipment, once the courier has taken the order. */
  shipment?: ShipmentView;
  failedShipments: { waybillNumber: string; status: ShipmentStatus }[];
}

/** `GET v1/applications/{receipt}/results/{code}`: a presigned link to the PDF, valid for minutes. */
export interface ResultLink {
  url: string;
  expiresAt: string;
  sha256?: string;
}

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
