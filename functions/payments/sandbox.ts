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
 * contracts/signature.ts; sent by lambda/provider-http.ts) with the secret shared with the
 * provider. Its callbacks are OneTrip's own JSON signed the same way; they arrive at
 * `POST /v1/callbacks/payment` (and are read here too when sent to `…/payment/sandbox`).
 * It has no query API: it always notifies, so {@link SandboxPaymentProvider.queryPayment}
 * answers "still open".
 */
import { SIGNATURE_HEADER, verifySignature } from '../../contracts/signature.js';
import { signedPost, type ProviderConnection, type SignedPostOptions } from '../lambda/provider-http.js';
import { PaymentProviderError } from './errors.js';
import {
  PAYMENT_CHANNELS,
  type CreatePaymentRequest,
  type NotificationReading,
  type PaymentAction,
  type PaymentCallback,
  type PaymentProvider,
  type ProviderAnswer,
  type ProviderNotification,
  type RefundRequest,
} from './provider.js';

export interface SandboxOptions extends ProviderConnection {
  /** The payments endpoint, `{root}/payments` (its entry's `url` in `PAYMENT_PROVIDERS`); refunds go to `{root}/refunds`. */
  url: string;
}

export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox';
  readonly channels = PAYMENT_CHANNELS.sandbox;
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

  async createPayment(request: CreatePaymentRequest): Promise<PaymentAction> {
    const { paymentId, ticketNumber, amountFen, description, returnUrl, channel } = request;
    const answer = await signedPost(this.paymentsUrl, { paymentId, ticketNumber, amountFen, description, ...(returnUrl ? { returnUrl } : {}) }, this.connection);
    const redirectUrl = (answer as { redirectUrl?: unknown } | undefined)?.redirectUrl;
    if (typeof redirectUrl !== 'string' || !/^https?:\/\//.test(redirectUrl)) {
      throw new PaymentProviderError(`The sandbox answered payment ${paymentId} without a redirectUrl`);
    }
    // Scanned, its own page opens on the phone: the QR code path can be tried locally.
    return channel === 'native' ? { qrCode: redirectUrl } : { redirectUrl };
  }

  queryPayment(): Promise<PaymentCallback | undefined> {
    return Promise.resolve(undefined);
  }

  async requestRefund(request: RefundRequest): Promise<void> {
    const { refundId, paymentId, ticketNumber, amountFen } = request;
    await signedPost(this.refundsUrl, { refundId, paymentId, ticketNumber, amountFen }, this.connection);
  }

  async readNotification(notification: ProviderNotification): Promise<NotificationReading> {
    const { rawBody, headers } = notification;
    const check = verifySignature(headers[SIGNATURE_HEADER], rawBody, await this.connection.secret(), Math.floor(Date.now() / 1000));
    if (!check.ok) return { refused: check.reason === 'stale' ? 'stale' : 'bad_signature', message: `The signature is ${check.reason}` };
    try {
      // The pipeline checks the shape against the callback's schema.
      return { callbacks: [JSON.parse(rawBody) as PaymentCallback] };
    } catch {
      return { refused: 'malformed', message: 'The callback body is not JSON' };
    }
  }

  acknowledge(ok: boolean, message?: string): ProviderAnswer {
    return { statusCode: ok ? 200 : 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify(ok ? { received: true } : { error: { code: 'CALLBACK_REFUSED', message: message ?? 'refused' } }) };
  }
}
