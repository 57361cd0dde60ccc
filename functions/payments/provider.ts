/**
 * The payment provider adapter: what OneTrip asks of whoever takes the citizen's money.
 *
 * The provider is chosen per county (infra/config/counties.ts → env `PAYMENT_PROVIDERS`).
 * Today there is one adapter, `sandbox` (sandbox.ts), which talks to the simulated
 * provider of the local runtime. A real one (a bank's gateway, UnionPay's aggregated
 * payment API) is added beside it: a file implementing {@link PaymentProvider}, a case
 * in the factory (index.ts), and a value in the county config.
 *
 * What every adapter must guarantee:
 * - Both calls are idempotent on their id (`paymentId`, `refundId`): a handler retried
 *   by Lambda or SQS calls them again with the same id, and the provider must neither
 *   charge nor refund twice. Adapters pass the id on as the provider's idempotency key
 *   (an out-trade-number, a merchant order id).
 * - Outcomes arrive later and only through the signed callback
 *   `POST /v1/callbacks/payment` (API.md): `succeeded` / `failed` for a payment,
 *   `refunded` for a refund. A call returning means "accepted", never "paid".
 * - Amounts are integer fen both ways; converting to the provider's unit (yuan strings,
 *   minor units) happens inside the adapter.
 * - A refusal or a failure of the provider throws `PaymentProviderError` (errors.ts); the
 *   caller decides whether to retry (e.g. the refunds consumer lets SQS redeliver).
 */


export interface CreatePaymentRequest {
  /** OneTrip's id of this payment attempt; the provider's idempotency key. */
  paymentId: string;
  /** The fee ticket being paid (`T430602-20261128-000042`). */
  ticketNumber: string;
  /** Integer fen, > 0. */
  amountFen: number;
  /** Shown to the citizen on the provider's page, e.g. the item's name. */
  description: string;
  /** Where the provider sends the citizen back after paying or declining. */
  returnUrl?: string;
}

export interface RefundRequest {
  /** OneTrip's id of this refund; the provider's idempotency key. */
  refundId: string;
  /** The succeeded payment the money is paid back from. */
  paymentId: string;
  ticketNumber: string;
  /** Integer fen, > 0, at most the payment's amount. */
  amountFen: number;
}

export interface PaymentProvider {
  /** The configured name (its `provider` in `PAYMENT_PROVIDERS`), for logs and records. */
  readonly name: string;
  /**
   * Registers the payment with the provider; the citizen is sent to `redirectUrl` to pay.
   * Idempotent on `paymentId`: the same id again answers the same `redirectUrl`.
   *
   * @throws PaymentProviderError when the provider refuses or cannot be reached
   */
  createPayment(request: CreatePaymentRequest): Promise<{ redirectUrl: string }>;
  /**
   * Asks the provider to pay money back; it confirms later with a `refunded` callback.
   * Idempotent on `refundId`.
   *
   * @throws PaymentProviderError when the provider refuses or cannot be reached
   */
  requestRefund(request: RefundRequest): Promise<void>;
}
