import { ProviderError } from '../lambda/provider-http.js';

/** The SMS provider refused a message, or could not be reached; `status` is its HTTP status when it answered. */
export class SmsSenderError extends ProviderError {
  override name = 'SmsSenderError';
}
