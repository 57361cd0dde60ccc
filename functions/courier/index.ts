/**
 * The county's courier, chosen by configuration (`COURIER_PROVIDER_CONFIG`,
 * functions/lambda/providers-config.ts): the one place that knows every adapter
 * (provider.ts says what each must guarantee). Callers import from here.
 */
import { ConfigurationError } from '../domain/errors.js';
import { providerTimeoutMs } from '../lambda/provider-http.js';
import { courierConfig } from '../lambda/providers-config.js';
import { jsonSecret, secretByArn } from '../lambda/secrets.js';
import type { CourierProvider } from './provider.js';
import { SandboxCourierProvider } from './sandbox.js';
import { SF_SECRET_FIELDS, SfCourierProvider, type SfSecret } from './sf.js';

export { CourierProviderError } from './errors.js';
export type * from './provider.js';
export type { CourierName } from '../../contracts/providers.js';

/** Milliseconds a request to the courier may take. @default 5000 */
const TIMEOUT_MS_VARIABLE = 'COURIER_PROVIDER_TIMEOUT_MS';

/** The secret shared with the courier, as stored (cached, see secretByArn). */
export function courierSecret(): Promise<string> {
  return secretByArn(courierConfig().secretArn);
}

/**
 * The county's configured courier, from `COURIER_PROVIDER_CONFIG` (its name, API root and
 * the ARN of the secret shared with it). Reads the environment on every call, so tests may change it.
 *
 * @throws ConfigurationError when the variable is missing, not valid, or names a courier without an adapter here
 */
export function courierProvider(): CourierProvider {
  const config = courierConfig();
  const timeoutMs = providerTimeoutMs(TIMEOUT_MS_VARIABLE);
  switch (config.provider) {
    case 'sandbox':
      return new SandboxCourierProvider({ url: config.url, secret: courierSecret, timeoutMs });
    case 'sf':
      return new SfCourierProvider({ ...config, secret: () => jsonSecret<SfSecret>(config.secretArn, SF_SECRET_FIELDS), timeoutMs });
    default:
      throw new ConfigurationError(`The courier "${(config as { provider: string }).provider}" has no adapter yet`);
  }
}
