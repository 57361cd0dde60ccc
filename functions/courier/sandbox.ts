/**
 * The `sandbox` courier: a simulated courier that accepts orders, answers an EMS-style
 * waybill number and then calls back through the statuses over time, signed. The local
 * runtime serves it (local/sandbox-courier.ts); its API is
 *
 * - `POST {root}/shipments` `ShipmentRequest` → `201 {waybillNumber}` (idempotent on
 *   shipmentId: the same waybill again, `200`)
 *
 * Every request body is signed like the callbacks (`X-OneTrip-Signature`, see
 * shared/signature.ts; sent by shared/provider-http.ts) with the secret shared with the courier.
 */
import { signedPost, type ProviderConnection, type SignedPostOptions } from '../lambda/provider-http.js';
import { CourierProviderError } from './errors.js';
import type { CourierNotification, CourierProvider, NotificationAnswer, ReadNotification } from './provider.js';
import type { CourierCallback, ShipmentRequest } from '../../contracts/delivery.js';
import { SIGNATURE_HEADER, verifySignature } from '../../contracts/signature.js';

export interface SandboxOptions extends ProviderConnection {
  /** The courier's API root, `{root}` (its `url` in `COURIER_PROVIDER_CONFIG`); orders go to `{root}/shipments`. */
  url: string;
}

/** What a waybill number may look like: a courier's, not only the sandbox's. */
const WAYBILL = /^[A-Za-z0-9-]{6,40}$/;

export class SandboxCourierProvider implements CourierProvider {
  readonly name = 'sandbox';
  private readonly shipmentsUrl: string;
  private readonly connection: SignedPostOptions;

  constructor(private readonly options: SandboxOptions) {
    this.shipmentsUrl = `${options.url.replace(/\/+$/, '')}/shipments`;
    this.connection = { ...options, provider: 'The sandbox courier', error: CourierProviderError };
  }

  async createShipment(request: ShipmentRequest): Promise<{ waybillNumber: string }> {
    const { shipmentId, receiptNumber, recipient, sender, contents, note } = request;
    const body = { shipmentId, receiptNumber, recipient, sender, contents, ...(note !== undefined ? { note } : {}) };
    const answer = await signedPost(this.shipmentsUrl, body, this.connection);
    const waybillNumber = (answer as { waybillNumber?: unknown } | undefined)?.waybillNumber;
    if (typeof waybillNumber !== 'string' || !WAYBILL.test(waybillNumber)) {
      throw new CourierProviderError(`The sandbox courier answered shipment ${shipmentId} without a waybill number`);
    }
    return { waybillNumber };
  }

  /** The sandbox retries its callbacks until they are taken: there is nothing to ask it. */
  async queryRoutes(): Promise<CourierCallback[]> {
    return [];
  }

  /** Its callback, signed with OneTrip's HMAC (`X-OneTrip-Signature`), as at `POST /v1/callbacks/courier`. */
  async readNotification({ rawBody, headers }: CourierNotification): Promise<ReadNotification> {
    const check = verifySignature(headers[SIGNATURE_HEADER.toLowerCase()], rawBody, await this.options.secret(), Math.floor(Date.now() / 1000));
    if (!check.ok) return check.reason === 'stale' ? { refused: 'stale', message: 'The signature is more than 300 seconds away from now' } : { refused: 'bad_signature', message: `The signature is ${check.reason}` };
    try {
      return { callbacks: [JSON.parse(rawBody) as CourierCallback] };
    } catch {
      return { refused: 'malformed', message: 'The callback body is not JSON' };
    }
  }

  acknowledge(ok: boolean, message?: string): NotificationAnswer {
    return { statusCode: ok ? 200 : 409, headers: { 'content-type': 'application/json' }, body: JSON.stringify(ok ? { applied: true } : { message }) };
  }
}
