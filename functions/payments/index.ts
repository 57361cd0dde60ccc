/**
 * The county's payment providers, chosen by configuration (`PAYMENT_PROVIDERS`,
 * functions/lambda/providers-config.ts): the one place that knows every adapter
 * (provider.ts says what each must guarantee). Callers import from here.
 */
import type { PaymentProviderName } from '../../contracts/providers.js';
import { ConfigurationError } from '../domain/errors.js';
import { providerTimeoutMs } from '../lambda/provider-http.js';
import { paymentProvidersConfig, type PaymentProviderSettings } from '../lambda/providers-config.js';
import { secretByArn } from '../lambda/secrets.js';
import type { PaymentProvider } from './provider.js';
import { SandboxPaymentProvider } from './sandbox.js';

export { PaymentProviderError } from './errors.js';
export type * from './provider.js';
export type { PaymentProviderName } from '../../contracts/providers.js';

/** Milliseconds a request to the provider may take. @default 5000 */
const TIMEOUT_MS_VARIABLE = 'PAYMENT_PROVIDER_TIMEOUT_MS';

/**
 * The county's entry for `name` (@default the first configured provider).
 *
 * @throws ConfigurationError when `PAYMENT_PROVIDERS` is not valid or has no such provider
 */
export function paymentProviderSettings(name?: PaymentProviderName): PaymentProviderSettings {
  const entries = paymentProvidersConfig();
  const entry = name === undefined ? entries[0] : entries.find((candidate) => candidate.provider === name);
  if (!entry) throw new ConfigurationError(`The county has no payment provider ${String(name)} (PAYMENT_PROVIDERS has ${entries.map((e) => e.provider).join(', ')})`);
  return entry;
}

/**
 * The adapter of the county's provider `name` (@default the first configured), with its
 * entry's URL and the secret its entry names (read through secretByArn, cached).
 *
 * @throws ConfigurationError when the configuration is not valid or names a provider without an adapter here
 */
export function paymentProvider(name?: PaymentProviderName): PaymentProvider {
  const entry = paymentProviderSettings(name);
  const timeoutMs = providerTimeoutMs(TIMEOUT_MS_VARIABLE);
  switch (entry.provider) {
    case 'sandbox':
      return new SandboxPaymentProvider({ url: entry.url, secret: () => secretByArn(entry.secretArn), timeoutMs });
    default:
      throw new ConfigurationError(`The payment provider "${entry.provider}" has no adapter yet`);
  }
}
