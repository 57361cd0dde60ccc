/**
 * The SMS adapter's one error, so a caller can tell a provider's refusal from a bug and
 * decide what a failed send means (the library challenge logs it and answers as if sent).
 */
import { ProviderError } from '../lambda/provider-http.js';

/** The SMS provider refused a message, or could not be reached; `status` is its HTTP status when it answered. */
export class SmsSenderError extends ProviderError {
  override name = 'SmsSenderError';
}
