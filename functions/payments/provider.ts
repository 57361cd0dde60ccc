/**
 * The payment provider adapter: what OneTrip asks of whoever takes the citizen's money.
 *
 * A county configures one or more providers (infra/config/counties.ts `payments.providers`
 * → env `PAYMENT_PROVIDERS`, in the order the fee-ticket widget offers them). Each is an
 * adapter beside this file: `sandbox` (sandbox.ts, the local runtime's simulated provider),
 * `alipay` (alipay.ts), `wechatpay` (wechatpay.ts). A new one is a file implementing
 * {@link PaymentProvider}, a case in the factory (index.ts) and its channels below.
 *
 * What every adapter must guarantee:
 * - Creating and refunding are idempotent on their id (`paymentId`, `refundId`): a handler
 *   retried by Lambda or SQS calls them again with the same id, and the provider must
 *   neither charge nor refund twice. Adapters pass the id on as the provider's idempotency
 *   key (an out-trade-number, an out-request-number).
 * - Outcomes reach OneTrip as {@link PaymentCallback}s, through the one pipeline of
 *   functions/app/callbacks.ts: from the provider's notification
 *   (`POST /v1/callbacks/payment/{provider}` → {@link PaymentProvider.readNotification}),
 *   from a query when a notification is missing ({@link PaymentProvider.queryPayment}), or
 *   from a refund the provider settles at once (what {@link PaymentProvider.requestRefund}
 *   returns). Each path gives the same provider event the same `eventId`, so whichever
 *   arrives second is a replay and changes nothing. Creating never means "paid".
 * - Amounts are integer fen both ways; converting to the provider's unit (yuan strings)
 *   happens inside the adapter.
 * - A refusal or a failure of the provider throws `PaymentProviderError` (errors.ts); the
 *   caller decides whether to retry (e.g. the refunds consumer lets SQS redeliver).
 */
import type { PaymentProviderName } from '../../contracts/providers.js';
import type { PaymentCallback, PaymentChannel, PaymentMethod } from '../../contracts/tickets.js';

export type { PaymentCallback, PaymentChannel, PaymentMethod, PaymentProviderName };

/**
 * The channels each provider offers, first the one preferred. A table rather than a property
 * read from the adapter, so that answering a ticket's payment methods loads no adapter.
 * The sandbox answers `native` with a QR code of its own page, so the widget's QR code can be
 * tried locally.
 */
export const PAYMENT_CHANNELS: Readonly<Record<PaymentProviderName, readonly PaymentChannel[]>> = {
  sandbox: ['page', 'wap', 'native'],
  alipay: ['page', 'wap'],
  wechatpay: ['native', 'h5'],
};

export interface CreatePaymentRequest {
  /** OneTrip's id of this payment attempt (`P` + 32 hex); the provider's idempotency key. */
  paymentId: string;
  /** The fee ticket being paid (`T430602-20261128-000042`). */
  ticketNumber: string;
  /** Integer fen, > 0. */
  amountFen: number;
  /** Shown to the citizen on the provider's page, e.g. the item's name. */
  description: string;
  /** Where the provider sends the citizen back after paying or declining. */
  returnUrl?: string;
  /** One of the adapter's {@link PaymentProvider.channels}. */
  channel: PaymentChannel;
  /** The citizen's IP address (WeChat Pay's H5 payment requires it). */
  clientIp?: string;
}

/** Where the citizen goes next: a provider page to open, or a code to show for scanning (`native`). */
export type PaymentAction = { redirectUrl: string } | { qrCode: string };

export interface RefundRequest {
  /** OneTrip's id of this refund; the provider's idempotency key. */
  refundId: string;
  /** The succeeded payment the money is paid back from. */
  paymentId: string;
  ticketNumber: string;
  /** Integer fen, > 0, at most the payment's amount. */
  amountFen: number;
}

/** A notification as it arrived at `POST /v1/callbacks/payment/{provider}`. */
export interface ProviderNotification {
  /** The body byte for byte (signatures cover it). */
  rawBody: string;
  /** Header names lower-case. */
  headers: Record<string, string | undefined>;
  sourceIp: string;
}

/** Why a notification is refused before the pipeline sees it. */
export type NotificationRefusal = 'bad_signature' | 'stale' | 'malformed';

export type NotificationReading = { callbacks: PaymentCallback[] } | { refused: NotificationRefusal; message: string };

/** What the provider is answered, in its own terms. */
export interface ProviderAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface PaymentProvider {
  readonly name: PaymentProviderName;
  /** What it offers, first the preferred one ({@link PAYMENT_CHANNELS}). */
  readonly channels: readonly PaymentChannel[];
  /**
   * Registers the payment with the provider and says where the citizen goes to pay.
   * Idempotent on `paymentId`.
   *
   * @throws PaymentProviderError when the provider refuses or cannot be reached
   */
  createPayment(request: CreatePaymentRequest): Promise<PaymentAction>;
  /**
   * The provider's view of a payment now, as the callback its notification would have been;
   * undefined while it is still open (or unknown to the provider). For when a notification is missing.
   *
   * @throws PaymentProviderError when the provider cannot be reached
   */
  queryPayment(query: { paymentId: string; ticketNumber: string }): Promise<PaymentCallback | undefined>;
  /**
   * Asks the provider to pay money back. Idempotent on `refundId`. A provider that settles
   * refunds at once returns the `refunded` callback (the refunds consumer applies it); one
   * that settles later returns nothing and notifies.
   *
   * @throws PaymentProviderError when the provider refuses or cannot be reached
   */
  requestRefund(request: RefundRequest): Promise<PaymentCallback | void>;
  /** A notification verified the provider's way and read into OneTrip's terms; never throws for a bad one. */
  readNotification(notification: ProviderNotification): Promise<NotificationReading>;
  /** What the provider must be answered once OneTrip has taken (`ok`) or refused its notification. */
  acknowledge(ok: boolean, message?: string): ProviderAnswer;
}
