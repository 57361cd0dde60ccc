/**
 * The county's SMS sender, chosen by configuration: the one place that knows every
 * adapter (provider.ts says what each must guarantee). Callers import from here.
 */
import { ConfigurationError } from '../domain/errors.js';
import { optionalEnv, requireEnv } from '../lambda/env.js';
import { providerTimeoutMs } from '../lambda/provider-http.js';
import { secretValue } from '../lambda/secrets.js';
import { EndUserMessagingSmsSender } from './end-user-messaging.js';
import { GATEWAY_URL, GatewaySmsSender, parseGatewaySecret } from './gateway.js';
import type { SmsSender } from './provider.js';
import type { ReceiptCallbackProvider } from './receipts.js';
import { SandboxSmsSender } from './sandbox.js';

export { MessageSendError } from '../lambda/message-send-error.js';
export { LIBRARY_CODE_TEMPLATE, SMS_SIGNATURE, placeholderOrder, smsText } from './provider.js';
export type * from './provider.js';

/** Names `SMS_PROVIDER` may take. */
export const SMS_PROVIDERS = ['sandbox', 'end-user-messaging', 'gateway'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

/**
 * The variable naming the county's SMS secret: for `gateway`, its JSON (gateway.ts
 * `GatewaySecret`); for `sandbox`, the key the sandbox signs its receipts with.
 */
export const SMS_SECRET_VARIABLE = 'SMS_SECRET_ARN';

/** Milliseconds a request to the sandbox or the gateway may take. @default 5000 */
const TIMEOUT_MS_VARIABLE = 'SMS_PROVIDER_TIMEOUT_MS';

/** The county's SMS secret as stored (cached, see secretValue). */
export function smsSecret(): Promise<string> {
  return secretValue(SMS_SECRET_VARIABLE);
}

/**
 * The key a provider's receipt callback is verified with (receipts.ts `readReceiptCallback`):
 * the sandbox's is the SMS secret itself, the gateway's the secret's `callbackKey`.
 *
 * @throws ConfigurationError when `SMS_SECRET_ARN` is not set, or the gateway's secret is not its JSON
 */
export async function receiptCallbackKey(provider: ReceiptCallbackProvider): Promise<string> {
  const secret = await smsSecret();
  return provider === 'gateway' ? parseGatewaySecret(secret).callbackKey : secret;
}

/**
 * The county's configured sender, from `SMS_PROVIDER` (name) and, for `sandbox`,
 * `SMS_PROVIDER_URL` (the sandbox's root); for `end-user-messaging`,
 * `SMS_ORIGINATION_IDENTITY` (the ARN of the registered number, sender id or pool); for
 * `gateway`, `SMS_SECRET_ARN` (its JSON secret) and optionally `SMS_PROVIDER_URL` (the API
 * endpoint, @default https://sms.tencentcloudapi.com). Reads the environment on every
 * call, so tests may change it.
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
    case 'gateway':
      requireEnv(SMS_SECRET_VARIABLE);
      return new GatewaySmsSender({ secret: smsSecret, url: optionalEnv('SMS_PROVIDER_URL', GATEWAY_URL), timeoutMs: providerTimeoutMs(TIMEOUT_MS_VARIABLE) });
    default:
      throw new ConfigurationError(`Unknown SMS_PROVIDER "${name}"; known: ${SMS_PROVIDERS.join(', ')}`);
  }
}
