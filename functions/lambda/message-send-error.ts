/**
 * The one error of the message channels (functions/sms/, functions/email/): a provider
 * refused a message or could not be reached, and whether trying again can help. The
 * notification sender retries a temporary failure with backoff and gives up on a permanent
 * one at once (an SMS then falls back to email).
 */
import type { ErrorKind } from '../domain/errors.js';
import { ProviderError } from './provider-http.js';

export class MessageSendError extends ProviderError {
  override name = 'MessageSendError';
  /** `MESSAGE_REFUSED` when permanent (the provider refused this message), else `PROVIDER_UNAVAILABLE`. */
  override readonly code: string;
  /** `unprocessable` when permanent, else `unavailable`. */
  override readonly kind: ErrorKind;
  constructor(
    message: string,
    /**
     * True when sending the same message again cannot succeed: an invalid number or address,
     * a refused template or content. False for a timeout, a 5xx, throttling, a quota, and a
     * refusal of OneTrip's own credentials (fixed by the operator, then retried).
     */
    readonly permanent: boolean,
    status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, status, options);
    this.code = permanent ? 'MESSAGE_REFUSED' : 'PROVIDER_UNAVAILABLE';
    this.kind = permanent ? 'unprocessable' : 'unavailable';
  }
}

/**
 * Whether a provider's HTTP status refuses the message itself: 400, 404, 410, 413, 422.
 * 401/403 (OneTrip's credentials), 408, 409, 429 and 5xx are temporary.
 */
export function isPermanentStatus(status: number): boolean {
  return [400, 404, 410, 413, 422].includes(status);
}

/**
 * An AWS SDK client's failure as a {@link MessageSendError}: permanent when the exception's
 * name is one of `permanentNames` (the service refused the message itself), else temporary.
 */
export function sdkSendError(what: string, cause: unknown, permanentNames: readonly string[]): MessageSendError {
  const error = cause as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const permanent = permanentNames.includes(error.name ?? '');
  return new MessageSendError(`${what}: ${error.name ?? 'Error'}: ${error.message ?? String(cause)}`, permanent, error.$metadata?.httpStatusCode, { cause });
}
