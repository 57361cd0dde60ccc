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
 * shared/signature.ts; sent by shared/provider-http.ts) with the secret shared with the provider.
 */
import { signedPost, type ProviderConnection, type SignedPostOptions } from '../lambda/provider-http.js';
import { PaymentProviderError } from './errors.js';
import type { CreatePaymentRequest, PaymentProvider, RefundRequest } from './provider.js';

export interface SandboxOptions extends ProviderConnection {
  /** The payments endpoint, `{root}/payments` (its entry's `url` in `PAYMENT_PROVIDERS`); refunds go to `{root}/refunds`. */
  url: string;
}

export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox';
  private readonly paymentsUrl: string;
  private readonly refundsUrl: string;
  private readonly connection: SignedPostOptions;

  constructor(options: SandboxOptions) {
    this.paymentsUrl = options.url.replace(/\/+$/, '');
    this.refundsUrl = this.paymentsUrl.replace(/\/payments$/, '/refunds');
    if (this.refundsUrl === this.paymentsUrl) {
      throw new PaymentProviderError(`The sandbox's URL must end in /payments, not ${options.url}`);
    }
    this.connection = { ...options, provider: 'The sandbox', error: PaymentProviderError };
  }

  async createPayment(request: CreatePaymentRequest): Promise<{ redirectUrl: string }> {
    const { paymentId, ticketNumber, amountFen, description, returnUrl } = request;
    const answer = await signedPost(this.paymentsUrl, { paymentId, ticketNumber, amountFen, description, ...(returnUrl ? { returnUrl } : {}) }, this.connection);
    const redirectUrl = (answer as { redirectUrl?: unknown } | undefined)?.redirectUrl;
    if (typeof redirectUrl !== 'string' || !/^https?:\/\//.test(redirectUrl)) {
      throw new PaymentProviderError(`The sandbox answered payment ${paymentId} without a redirectUrl`);
    }
    return { redirectUrl };
  }

  async requestRefund(request: RefundRequest): Promise<void> {
    const { refundId, paymentId, ticketNumber, amountFen } = request;
    await signedPost(this.refundsUrl, { refundId, paymentId, ticketNumber, amountFen }, this.connection);
  }
}
