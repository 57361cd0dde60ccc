/**
 * The county's courier provider, chosen by configuration: the one place that knows
 * every adapter (provider.ts says what each must guarantee). Callers import from here.
 */
import { ConfigurationError } from '../domain/errors.js';
import { requireEnv } from '../lambda/env.js';
import { providerTimeoutMs } from '../lambda/provider-http.js';
import { secretValue } from '../lambda/secrets.js';
import type { CourierProvider } from './provider.js';
import { SandboxCourierProvider } from './sandbox.js';

export { CourierProviderError } from './errors.js';
export type * from './provider.js';

/** Names `COURIER_PROVIDER` may take. */
export const COURIER_PROVIDERS = ['sandbox'] as const;
export type CourierProviderName = (typeof COURIER_PROVIDERS)[number];

/** The variable naming the secret shared with the courier (signs requests and callbacks). */
export const COURIER_SECRET_VARIABLE = 'COURIER_SECRET_ARN';

/** Milliseconds a request to the courier may take. @default 5000 */
const TIMEOUT_MS_VARIABLE = 'COURIER_PROVIDER_TIMEOUT_MS';

/** The secret shared with the courier, for checking its callbacks (cached, see secretValue). */
export function courierSecret(): Promise<string> {
  return secretValue(COURIER_SECRET_VARIABLE);
}

/**
 * The county's configured courier, from `COURIER_PROVIDER` (name), `COURIER_PROVIDER_URL`
 * (its API root) and the secret shared with it (`COURIER_SECRET_ARN`, read through
 * {@link secretValue}, cached). Reads the environment on every call, so tests may change it.
 *
 * @throws ConfigurationError when a variable is missing or names an unknown courier
 */
export function courierProvider(): CourierProvider {
  const name = requireEnv('COURIER_PROVIDER');
  const url = requireEnv('COURIER_PROVIDER_URL');
  const timeoutMs = providerTimeoutMs(TIMEOUT_MS_VARIABLE);
  switch (name) {
    case 'sandbox':
      return new SandboxCourierProvider({ url, secret: courierSecret, timeoutMs });
    default:
      throw new ConfigurationError(`Unknown COURIER_PROVIDER "${name}"; known: ${COURIER_PROVIDERS.join(', ')}`);
  }
}
