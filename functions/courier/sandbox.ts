/**
 * The `sandbox` courier: a simulated courier that accepts orders, answers an EMS-style
 * waybill number and then calls back through the statuses over time, signed. The local
 * runtime serves it (local/sandbox-courier.ts); its API is
 *
 * - `POST {root}/shipments` `ShipmentRequest` → `201 {waybillNumber}` (idempotent on
 *   shipmentId: the same waybill again, `200`)
 *
 * Every request body is signed like the callbacks (`X-OneTrip-Signature`, see
 * shared/signature.ts) with the secret shared with the courier.
 */
import { SIGNATURE_HEADER, signatureHeader } from '../shared/signature.js';
import { CourierProviderError } from './errors.js';
import type { CourierProvider, ShipmentRequest } from './provider.js';

export interface SandboxOptions {
  /** The courier's API root, `{root}` (env `COURIER_PROVIDER_URL`); orders go to `{root}/shipments`. */
  url: string;
  /** The shared secret; asked for on each request (secretValue caches it). */
  secret: () => Promise<string>;
  /** Milliseconds a request may take before it is abandoned. @default 5000 */
  timeoutMs?: number;
  /** @default the global fetch */
  fetch?: typeof fetch;
  /** Unix seconds, for the signature. @default the system clock */
  nowSeconds?: () => number;
}

/** How much of a refusal's body goes into the error message. */
const DETAIL_CHARS = 300;

/** What a waybill number may look like: a courier's, not only the sandbox's. */
const WAYBILL = /^[A-Za-z0-9-]{6,40}$/;

export class SandboxCourierProvider implements CourierProvider {
  readonly name = 'sandbox';
  private readonly shipmentsUrl: string;

  constructor(private readonly options: SandboxOptions) {
    this.shipmentsUrl = `${options.url.replace(/\/+$/, '')}/shipments`;
  }

  async createShipment(request: ShipmentRequest): Promise<{ waybillNumber: string }> {
    const { shipmentId, receiptNumber, recipient, sender, contents, note } = request;
    const answer = await this.post(this.shipmentsUrl, { shipmentId, receiptNumber, recipient, sender, contents, ...(note !== undefined ? { note } : {}) });
    const waybillNumber = (answer as { waybillNumber?: unknown } | undefined)?.waybillNumber;
    if (typeof waybillNumber !== 'string' || !WAYBILL.test(waybillNumber)) {
      throw new CourierProviderError(`The sandbox courier answered shipment ${shipmentId} without a waybill number`);
    }
    return { waybillNumber };
  }

  /** POSTs a signed JSON body; the parsed JSON answer (undefined when empty). */
  private async post(url: string, body: Record<string, unknown>): Promise<unknown> {
    const rawBody = JSON.stringify(body);
    const now = this.options.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
    const signature = signatureHeader(await this.options.secret(), rawBody, now);
    const fetchImpl = this.options.fetch ?? fetch;
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
        body: rawBody,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
      text = await response.text();
    } catch (cause) {
      throw new CourierProviderError(`The sandbox courier could not be reached at ${url}: ${(cause as Error).message}`, undefined, { cause });
    }
    if (!response.ok) {
      throw new CourierProviderError(`The sandbox courier answered ${response.status}: ${text.slice(0, DETAIL_CHARS)}`, response.status);
    }
    if (text === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new CourierProviderError(`The sandbox courier answered ${response.status} with a body that is not JSON`, response.status, { cause });
    }
  }
}
