/** The courier refused a request, or could not be reached. */
export class CourierProviderError extends Error {
  override name = 'CourierProviderError';
  constructor(
    message: string,
    /** The courier's HTTP status when it answered; undefined when it could not be reached or timed out. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
