/**
 * The county's payment providers and courier as the stack (and the local runtime) tells the
 * functions: `PAYMENT_PROVIDERS` and `COURIER_PROVIDER_CONFIG`, JSON (contracts/providers.ts).
 * Read on every call, parsed once per value, so tests may change them.
 */
import {
  COURIER_PROVIDER_VARIABLE,
  PAYMENT_PROVIDERS_VARIABLE,
  providerEntryProblems,
  type Capability,
  type CourierSettings,
  type PaymentProviderSettings,
} from '../../contracts/providers.js';
import { ConfigurationError } from '../domain/errors.js';
import { jsonEnv, requireEnv } from './env.js';

export type { CourierSettings, PaymentProviderSettings } from '../../contracts/providers.js';

function checked<T>(capability: Capability, variable: string, entries: unknown[]): T[] {
  const problems = entries.flatMap((entry, index) => providerEntryProblems(capability, entry, `${variable}[${index}]`, 'secretArn'));
  if (problems.length > 0) throw new ConfigurationError(`Environment variable ${variable} is not valid: ${problems.join('; ')}`);
  return entries as T[];
}

/**
 * The payment providers, in the order the fee ticket offers them (non-empty).
 *
 * @throws ConfigurationError when `PAYMENT_PROVIDERS` is missing, not JSON, empty or has an entry that is not valid
 */
export function paymentProvidersConfig(): PaymentProviderSettings[] {
  requireEnv(PAYMENT_PROVIDERS_VARIABLE);
  return jsonEnv<PaymentProviderSettings[]>(PAYMENT_PROVIDERS_VARIABLE, [], (value) => {
    if (!Array.isArray(value) || value.length === 0) throw new ConfigurationError(`Environment variable ${PAYMENT_PROVIDERS_VARIABLE} is not a non-empty JSON array`);
    return checked<PaymentProviderSettings>('payment', PAYMENT_PROVIDERS_VARIABLE, value);
  });
}

/**
 * The courier.
 *
 * @throws ConfigurationError when `COURIER_PROVIDER_CONFIG` is missing, not JSON, or not a valid entry
 */
export function courierConfig(): CourierSettings {
  requireEnv(COURIER_PROVIDER_VARIABLE);
  return jsonEnv<CourierSettings>(COURIER_PROVIDER_VARIABLE, undefined as never, (value) => checked<CourierSettings>('courier', COURIER_PROVIDER_VARIABLE, [value])[0]!);
}
