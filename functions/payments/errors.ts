/** The payment provider refused a request, or could not be reached. */
export class PaymentProviderError extends Error {
  override name = 'PaymentProviderError';
  constructor(
    message: string,
    /** The provider's HTTP status when it answered; undefined when it could not be reached or timed out. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
