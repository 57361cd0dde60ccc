/**
 * The county's payment provider, chosen by configuration: the one place that knows
 * every adapter (provider.ts says what each must guarantee). Callers import from here.
 */
import { ConfigurationError } from '../domain/errors.js';
import { requireEnv } from '../lambda/env.js';
import { providerTimeoutMs } from '../lambda/provider-http.js';
import { secretValue } from '../lambda/secrets.js';
import type { PaymentProvider } from './provider.js';
import { SandboxPaymentProvider } from './sandbox.js';

export { PaymentProviderError } from './errors.js';
export type * from './provider.js';

/** Names `PAYMENT_PROVIDER` may take. */
export const PAYMENT_PROVIDERS = ['sandbox'] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

/** Milliseconds a request to the provider may take. @default 5000 */
const TIMEOUT_MS_VARIABLE = 'PAYMENT_PROVIDER_TIMEOUT_MS';

/**
 * The county's configured provider, from `PAYMENT_PROVIDER` (name), `PAYMENT_PROVIDER_URL`
 * (its API endpoint) and the secret shared with it (`PAYMENT_SECRET_ARN`, read through
 * {@link secretValue}, cached). Reads the environment on every call, so tests may change it.
 *
 * @throws ConfigurationError when a variable is missing or names an unknown provider
 */
export function paymentProvider(): PaymentProvider {
  const name = requireEnv('PAYMENT_PROVIDER');
  const url = requireEnv('PAYMENT_PROVIDER_URL');
  const timeoutMs = providerTimeoutMs(TIMEOUT_MS_VARIABLE);
  switch (name) {
    case 'sandbox':
      return new SandboxPaymentProvider({ url, secret: () => secretValue('PAYMENT_SECRET_ARN'), timeoutMs });
    default:
      throw new ConfigurationError(`Unknown PAYMENT_PROVIDER "${name}"; known: ${PAYMENT_PROVIDERS.join(', ')}`);
  }
}
