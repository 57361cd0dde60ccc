/**
 * The courier adapter: what OneTrip asks of whoever carries a case's results to the
 * applicant (API.md, "Callbacks (signed)"; functions/domain/delivery.ts for what the
 * statuses do to a shipment).
 *
 * The courier is chosen per county (infra/config/counties.ts → env `COURIER_PROVIDER`).
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
 * - Progress arrives later and only through the signed callback
 *   `POST /v1/callbacks/courier` `{eventId, waybillNumber, status, occurredAt, detail?}`.
 *   Returning means "the order is accepted", never "picked up".
 * - A refusal or a failure of the courier throws `CourierProviderError` (errors.ts); the
 *   caller decides whether to retry (the dispatch consumer lets SQS redeliver).
 */
import { requireEnv } from '../lambda/env.js';
import { ConfigurationError } from '../domain/errors.js';
import { providerTimeoutMs } from '../lambda/provider-http.js';
import { secretValue } from '../lambda/secrets.js';
import { SandboxCourierProvider } from './sandbox.js';
import type { ShipmentRequest } from '../../contracts/delivery.js';

export { CourierProviderError } from './errors.js';

export interface CourierProvider {
  /** The configured name (`COURIER_PROVIDER`), for logs and records. */
  readonly name: string;
  /**
   * Orders a pickup and delivery; statuses follow as signed callbacks for the waybill.
   * Idempotent on `shipmentId`: the same id again answers the same `waybillNumber`.
   *
   * @throws CourierProviderError when the courier refuses or cannot be reached
   */
  createShipment(request: ShipmentRequest): Promise<{ waybillNumber: string }>;
}

/** Names `COURIER_PROVIDER` may take. */
export const COURIER_PROVIDERS = ['sandbox'] as const;
export type CourierProviderName = (typeof COURIER_PROVIDERS)[number];

/** The variable naming the secret shared with the courier (signs requests and callbacks). */
export const COURIER_SECRET_VARIABLE = 'COURIER_SECRET_ARN';

/** Milliseconds a request to the courier may take. @default 5000 */
const TIMEOUT_MS_VARIABLE = 'COURIER_PROVIDER_TIMEOUT_MS';

/** The secret shared with the courier, for checking its callbacks (cached, see secretValue). */
export function courierSecret(): Promise<string> {
  return secretValue(COURIER_SECRET_VARIABLE);
}

/**
 * The county's configured courier, from `COURIER_PROVIDER` (name), `COURIER_PROVIDER_URL`
 * (its API root) and the secret shared with it (`COURIER_SECRET_ARN`, read through
 * {@link secretValue}, cached). Reads the environment on every call, so tests may change it.
 *
 * @throws ConfigurationError when a variable is missing or names an unknown courier
 */
export function courierProvider(): CourierProvider {
  const name = requireEnv('COURIER_PROVIDER');
  const url = requireEnv('COURIER_PROVIDER_URL');
  const timeoutMs = providerTimeoutMs(TIMEOUT_MS_VARIABLE);
  switch (name) {
    case 'sandbox':
      return new SandboxCourierProvider({ url, secret: courierSecret, timeoutMs });
    default:
      throw new ConfigurationError(`Unknown COURIER_PROVIDER "${name}"; known: ${COURIER_PROVIDERS.join(', ')}`);
  }
}
