/**
 * The courier adapter: what OneTrip asks of whoever carries a case's results to the
 * applicant (API.md, "Callbacks (signed)"; functions/domain/delivery.ts for what the
 * statuses do to a shipment).
 *
 * The courier is chosen per county (infra/config/counties.ts → env `COURIER_PROVIDER_CONFIG`).
 * Today there is one adapter, `sandbox` (sandbox.ts), which talks to the simulated
 * courier of the local runtime. A real one is added beside it: a file implementing
 * {@link CourierProvider}, a case in {@link courierProvider}, and a value in the county
 * config. For a postal courier's open platform (e.g. China Post EMS) that is:
 * - `createShipment` → the platform's "create order" call, with `shipmentId` as the
 *   customer's order number (its idempotency key), the addresses in its fields (province /
 *   city / district / detail are what it asks for) and `contents` as the goods list; the
 *   waybill number it answers (`EA123456789CN`) is returned.
 * - The platform's status push → a small translation to `POST /v1/callbacks/courier`
 *   (its own signature scheme is checked there or in a thin endpoint in front of it), with
 *   its route codes mapped onto `COURIER_STATUSES` (domain/delivery.ts); anything without an equivalent
 *   (a scan at a sorting centre) maps to `in_transit` or is dropped.
 *
 * What every adapter must guarantee:
 * - `createShipment` is idempotent on `shipmentId`: a dispatch retried by SQS calls it
 *   again with the same id and must get the same waybill, not a second parcel.
 * - Progress arrives later, through the courier's push at `POST /v1/callbacks/courier/{provider}`
 *   (read by `readNotification` into `{eventId, waybillNumber, status, occurredAt, detail?}`;
 *   the sandbox also at `POST /v1/callbacks/courier`), or by `queryRoutes` when pushes are
 *   missing. Returning from `createShipment` means "the order is accepted", never "picked up".
 * - A refusal or a failure of the courier throws `CourierProviderError` (errors.ts); the
 *   caller decides whether to retry (the dispatch consumer lets SQS redeliver).
 */
import type { CourierCallback, ShipmentRequest } from '../../contracts/delivery.js';

/** A route push as it arrived at `POST /v1/callbacks/courier/{provider}`. */
export interface CourierNotification {
  rawBody: string;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  sourceIp: string;
}

/** What a push says, verified the courier's way and read into OneTrip's terms; or why it is refused. */
export type ReadNotification = { callbacks: CourierCallback[] } | { refused: 'bad_signature' | 'stale' | 'malformed'; message: string };

/** The HTTP answer the courier expects to a push. */
export interface NotificationAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}


export interface CourierProvider {
  /** The configured name (its `provider` in `COURIER_PROVIDER_CONFIG`), for logs and records. */
  readonly name: string;
  /**
   * Orders a pickup and delivery; statuses follow as signed callbacks for the waybill.
   * Idempotent on `shipmentId`: the same id again answers the same `waybillNumber`.
   *
   * @throws CourierProviderError when the courier refuses or cannot be reached
   */
  createShipment(request: ShipmentRequest): Promise<{ waybillNumber: string }>;
  /**
   * The courier's routes for a waybill so far, as callbacks (the same `eventId` a push of the
   * same route gives, so the pipeline applies each once): for a shipment whose pushes are
   * missing (the deadline watch's `shipment` timer).
   *
   * @throws CourierProviderError when the courier refuses or cannot be reached
   */
  queryRoutes(waybillNumber: string): Promise<CourierCallback[]>;
  /** A push at `POST /v1/callbacks/courier/{provider}`, checked the courier's way. */
  readNotification(notification: CourierNotification): Promise<ReadNotification>;
  /** The answer the courier expects: `ok` false makes it push again later. */
  acknowledge(ok: boolean, message?: string): NotificationAnswer;
}
