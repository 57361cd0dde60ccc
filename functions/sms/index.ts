/**
 * The county's SMS sender, chosen by configuration: the one place that knows every
 * adapter (provider.ts says what each must guarantee). Callers import from here.
 */
import { ConfigurationError } from '../domain/errors.js';
import { requireEnv } from '../lambda/env.js';
import { providerTimeoutMs } from '../lambda/provider-http.js';
import { EndUserMessagingSmsSender } from './end-user-messaging.js';
import type { SmsSender } from './provider.js';
import { SandboxSmsSender } from './sandbox.js';

export { SmsSenderError } from './errors.js';
export { smsText } from './provider.js';
export type * from './provider.js';

/** Names `SMS_PROVIDER` may take. */
export const SMS_PROVIDERS = ['sandbox', 'end-user-messaging'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

/** Milliseconds a request to the sandbox may take. @default 5000 */
const TIMEOUT_MS_VARIABLE = 'SMS_PROVIDER_TIMEOUT_MS';

/**
 * The county's configured sender, from `SMS_PROVIDER` (name) and, for `sandbox`,
 * `SMS_PROVIDER_URL` (the sandbox's root), for `end-user-messaging`,
 * `SMS_ORIGINATION_IDENTITY` (the ARN of the registered number, sender id or pool).
 * Reads the environment on every call, so tests may change it.
 *
 * @throws ConfigurationError when a variable is missing or names an unknown sender
 */
export function smsSender(): SmsSender {
  const name = requireEnv('SMS_PROVIDER');
  switch (name) {
    case 'sandbox':
      return new SandboxSmsSender({ url: requireEnv('SMS_PROVIDER_URL'), timeoutMs: providerTimeoutMs(TIMEOUT_MS_VARIABLE) });
    case 'end-user-messaging':
      return new EndUserMessagingSmsSender({ originationIdentity: requireEnv('SMS_ORIGINATION_IDENTITY') });
    default:
      throw new ConfigurationError(`Unknown SMS_PROVIDER "${name}"; known: ${SMS_PROVIDERS.join(', ')}`);
  }
}
