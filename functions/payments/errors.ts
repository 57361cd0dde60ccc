import { ProviderError } from '../lambda/provider-http.js';

/** The payment provider refused a request, or could not be reached; `status` is the provider's HTTP status. */
export class PaymentProviderError extends ProviderError {
  override name = 'PaymentProviderError';
}
