/**
 * The county's email sender, chosen by configuration like the SMS sender
 * (functions/sms/index.ts): the one place that knows every adapter. Callers import from here.
 */
import { ConfigurationError } from '../domain/errors.js';
import { requireEnv } from '../lambda/env.js';
import { providerTimeoutMs } from '../lambda/provider-http.js';
import type { EmailSender } from './provider.js';
import { SandboxEmailSender } from './sandbox.js';
import { SesEmailSender } from './ses.js';

export { MessageSendError } from '../lambda/message-send-error.js';
export type * from './provider.js';

/** Names `EMAIL_PROVIDER` may take. */
export const EMAIL_PROVIDERS = ['sandbox', 'ses'] as const;
export type EmailProviderName = (typeof EMAIL_PROVIDERS)[number];

/** Milliseconds a request to the sandbox may take. @default 5000 */
const TIMEOUT_MS_VARIABLE = 'EMAIL_PROVIDER_TIMEOUT_MS';

/**
 * The county's configured sender, from `EMAIL_PROVIDER` (name) and, for `sandbox`,
 * `EMAIL_PROVIDER_URL` (the sandbox's root); for `ses`, `EMAIL_FROM` (the verified sender)
 * and optionally `EMAIL_CONFIGURATION_SET`. Reads the environment on every call, so tests
 * may change it.
 *
 * @throws ConfigurationError when a variable is missing or names an unknown sender
 */
export function emailSender(): EmailSender {
  const name = requireEnv('EMAIL_PROVIDER');
  switch (name) {
    case 'sandbox':
      return new SandboxEmailSender({ url: requireEnv('EMAIL_PROVIDER_URL'), timeoutMs: providerTimeoutMs(TIMEOUT_MS_VARIABLE) });
    case 'ses': {
      const configurationSet = process.env.EMAIL_CONFIGURATION_SET?.trim();
      return new SesEmailSender({ from: requireEnv('EMAIL_FROM'), ...(configurationSet ? { configurationSet } : {}) });
    }
    default:
      throw new ConfigurationError(`Unknown EMAIL_PROVIDER "${name}"; known: ${EMAIL_PROVIDERS.join(', ')}`);
  }
}
