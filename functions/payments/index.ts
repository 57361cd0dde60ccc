/**
 * The county's payment providers, chosen by configuration (`PAYMENT_PROVIDERS`,
 * functions/lambda/providers-config.ts): the one place that knows every adapter
 * (provider.ts says what each must guarantee). Callers import from here.
 */
import { PROVIDERS, type PaymentProviderName } from '../../contracts/providers.js';
import { ConfigurationError } from '../domain/errors.js';
import { optionalEnv } from '../lambda/env.js';
import { providerTimeoutMs } from '../lambda/provider-http.js';
import { paymentProvidersConfig, type PaymentProviderSettings } from '../lambda/providers-config.js';
import { jsonSecret, secretByArn } from '../lambda/secrets.js';
import type { AlipayKeys } from './alipay.js';
import type { WechatpaySecret } from './wechatpay.js';
import { PAYMENT_CHANNELS, type PaymentMethod, type PaymentProvider } from './provider.js';
import { SandboxPaymentProvider } from './sandbox.js';

export { PaymentProviderError } from './errors.js';
export type * from './provider.js';
export { PAYMENT_CHANNELS } from './provider.js';

/** Milliseconds a request to the provider may take. @default 5000 */
const TIMEOUT_MS_VARIABLE = 'PAYMENT_PROVIDER_TIMEOUT_MS';

/** The county's address, under which the API answers `/v1/*`: where providers send their notifications. */
const PUBLIC_URL_VARIABLE = 'PUBLIC_PORTAL_URL';

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

/** The payment methods the county offers, in its order (`GET /v1/tickets/{n}` → `paymentMethods`); loads no adapter. */
export function paymentMethods(): PaymentMethod[] {
  return paymentProvidersConfig().map(({ provider }) => ({ provider, channels: [...PAYMENT_CHANNELS[provider]] }));
}

/** Where `provider` sends its notifications: `POST /v1/callbacks/payment/{provider}` on the county's address; undefined where the function is not told it. */
function notifyUrl(provider: PaymentProviderName): string | undefined {
  const base = optionalEnv(PUBLIC_URL_VARIABLE, '').replace(/\/+$/, '');
  return base ? `${base}/v1/callbacks/payment/${provider}` : undefined;
}

/**
 * The adapter of the county's provider `name` (@default the first configured), with its
 * entry's URL and the secret its entry names (read on each call, cached). A real provider's
 * adapter (and its SDK) is loaded on first use only, so the functions of a county that does
 * not use it never read it.
 *
 * @throws ConfigurationError when the configuration is not valid or names a provider without an adapter here
 */
export async function paymentProvider(name?: string): Promise<PaymentProvider> {
  const entry = paymentProviderSettings(name as PaymentProviderName | undefined);
  const timeoutMs = providerTimeoutMs(TIMEOUT_MS_VARIABLE);
  // One adapter per configuration in a warm function: Alipay's SDK client is built once per key.
  const key = JSON.stringify([entry, timeoutMs, notifyUrl(entry.provider)]);
  const adapter = adapters.get(key) ?? (await adapterOf(entry, timeoutMs));
  adapters.set(key, adapter);
  return adapter;
}

const adapters = new Map<string, PaymentProvider>();

async function adapterOf(entry: PaymentProviderSettings, timeoutMs: number): Promise<PaymentProvider> {
  switch (entry.provider) {
    case 'sandbox':
      return new SandboxPaymentProvider({ url: entry.url, secret: () => secretByArn(entry.secretArn), timeoutMs });
    case 'alipay': {
      const { AlipayPaymentProvider } = await import('./alipay.js');
      const keys = () => jsonSecret<AlipayKeys>(entry.secretArn, PROVIDERS.payment.alipay.secret);
      return new AlipayPaymentProvider({ url: entry.url, appId: entry.appId, keys, notifyUrl: notifyUrl('alipay'), timeoutMs });
    }
    case 'wechatpay': {
      const { WechatpayPaymentProvider } = await import('./wechatpay.js');
      const secret = () => jsonSecret<WechatpaySecret>(entry.secretArn, PROVIDERS.payment.wechatpay.secret);
      return new WechatpayPaymentProvider({ url: entry.url, mchId: entry.mchId, appId: entry.appId, secret, notifyUrl: notifyUrl('wechatpay'), timeoutMs });
    }
    default:
      throw new ConfigurationError(`The payment provider "${(entry as { provider: string }).provider}" has no adapter yet`);
  }
}
