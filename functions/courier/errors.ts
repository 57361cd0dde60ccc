import { ProviderError } from '../lambda/provider-http.js';

/** The courier refused a request, or could not be reached; `status` is the courier's HTTP status. */
export class CourierProviderError extends ProviderError {
  override name = 'CourierProviderError';
}
