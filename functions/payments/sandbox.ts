/**
 * The `sandbox` payment provider: a simulated provider whose page lets a person pay or
 * decline, then sends the signed callbacks a real provider would. The local runtime
 * serves it (local/sandbox-payments.ts); its API is
 *
 * - `POST {root}/payments` `{paymentId, ticketNumber, amountFen, description, returnUrl?}`
 *   → `201 {redirectUrl}` (idempotent on paymentId)
 * - `POST {root}/refunds` `{refundId, paymentId, ticketNumber, amountFen}` → `202`
 *   (idempotent on refundId; a `refunded` callback follows)
 *
 * Every request body is signed like the callbacks (`X-OneTrip-Signature`, see
 * shared/signature.ts) with the secret shared with the provider.
 */
import { SIGNATURE_HEADER, signatureHeader } from '../shared/signature.js';
import { PaymentProviderError } from './errors.js';
import type { CreatePaymentRequest, PaymentProvider, RefundRequest } from './provider.js';

export interface SandboxOptions {
  /** The payments endpoint, `{root}/payments` (env `PAYMENT_PROVIDER_URL`); refunds go to `{root}/refunds`. */
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

export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox';
  private readonly paymentsUrl: string;
  private readonly refundsUrl: string;

  constructor(private readonly options: SandboxOptions) {
    this.paymentsUrl = options.url.replace(/\/+$/, '');
    this.refundsUrl = this.paymentsUrl.replace(/\/payments$/, '/refunds');
    if (this.refundsUrl === this.paymentsUrl) {
      throw new PaymentProviderError(`The sandbox's URL must end in /payments, not ${options.url}`);
    }
  }

  async createPayment(request: CreatePaymentRequest): Promise<{ redirectUrl: string }> {
    const { paymentId, ticketNumber, amountFen, description, returnUrl } = request;
    const answer = await this.post(this.paymentsUrl, { paymentId, ticketNumber, amountFen, description, ...(returnUrl ? { returnUrl } : {}) });
    const redirectUrl = (answer as { redirectUrl?: unknown } | undefined)?.redirectUrl;
    if (typeof redirectUrl !== 'string' || !/^https?:\/\//.test(redirectUrl)) {
      throw new PaymentProviderError(`The sandbox answered payment ${paymentId} without a redirectUrl`);
    }
    return { redirectUrl };
  }

  async requestRefund(request: RefundRequest): Promise<void> {
    const { refundId, paymentId, ticketNumber, amountFen } = request;
    await this.post(this.refundsUrl, { refundId, paymentId, ticketNumber, amountFen });
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
      throw new PaymentProviderError(`The sandbox could not be reached at ${url}: ${(cause as Error).message}`, undefined, { cause });
    }
    if (!response.ok) {
      throw new PaymentProviderError(`The sandbox answered ${response.status}: ${text.slice(0, DETAIL_CHARS)}`, response.status);
    }
    if (text === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new PaymentProviderError(`The sandbox answered ${response.status} with a body that is not JSON`, response.status, { cause });
    }
  }
}
