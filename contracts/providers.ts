/**
 * The outside providers a county is configured with (infra/config/counties.ts) and what its
 * functions are told of them (functions/lambda/providers-config.ts): one JSON variable per
 * capability, set by the stack and by the local runtime.
 *
 * - `PAYMENT_PROVIDERS`: the county's payment providers, in the order the fee ticket offers
 *   them, each its configuration entry with `secretName` replaced by `secretArn`;
 * - `COURIER_PROVIDER_CONFIG`: the county's courier, likewise.
 *
 * A real provider's keys live in a Secrets Manager secret the county's administrator creates
 * and fills (`secretName`; docs/deploy.md, "Provider secrets"), never in CloudFormation; the
 * sandbox's is the stack's own random one.
 */

/** The environment variable with the JSON array of {@link PaymentProviderSettings}. */
export const PAYMENT_PROVIDERS_VARIABLE = 'PAYMENT_PROVIDERS';
/** The environment variable with the JSON of {@link CourierSettings}. */
export const COURIER_PROVIDER_VARIABLE = 'COURIER_PROVIDER_CONFIG';

/** A payment provider as a county configures it. */
export type PaymentProviderConfig =
  /** The local runtime's simulated provider (`url` ends in `/payments`). */
  | { provider: 'sandbox'; url: string }
  /** Alipay's open platform: `url` its gateway (`https://openapi.alipay.com/gateway.do`), `appId` the county's app. */
  | { provider: 'alipay'; url: string; appId: string; secretName: string }
  /** WeChat Pay API v3: `url` its root (`https://api.mch.weixin.qq.com`), the merchant and the app it pays for. */
  | { provider: 'wechatpay'; url: string; mchId: string; appId: string; secretName: string };

/** The courier as a county configures it. */
export type CourierConfig =
  /** The local runtime's simulated courier (its API root). */
  | { provider: 'sandbox'; url: string }
  /** SF Express's open platform (丰桥): `url` its service endpoint (`https://sfapi.sf-express.com/std/service`), `partnerId` the county's 顾客编码. */
  | { provider: 'sf'; url: string; partnerId: string; secretName: string; /** 月结卡号, when SF bills the county monthly. */ monthlyCard?: string };

/** A configuration entry as the functions receive it: `secretName` replaced by the secret's ARN. */
export type Settings<C> = C extends { secretName: string } ? Omit<C, 'secretName'> & { secretArn: string } : C & { secretArn: string };
export type PaymentProviderSettings = Settings<PaymentProviderConfig>;
export type CourierSettings = Settings<CourierConfig>;

export type PaymentProviderName = PaymentProviderConfig['provider'];
export type CourierName = CourierConfig['provider'];

/**
 * Every provider OneTrip has an adapter for: the fields its entry must have besides
 * `provider` and `secretName`, and what its secret must hold (JSON, except the sandbox's
 * random string). Both the synthesis (infra/config/validate.ts) and the functions check against it.
 */
export const PROVIDERS = {
  payment: {
    sandbox: { fields: ['url'], secret: undefined },
    alipay: { fields: ['url', 'appId'], secret: ['appPrivateKey', 'alipayPublicKey'] },
    wechatpay: { fields: ['url', 'mchId', 'appId'], secret: ['merchantPrivateKey', 'merchantSerialNumber', 'apiV3Key', 'platformCertificates'] },
  },
  courier: {
    sandbox: { fields: ['url'], secret: undefined },
    sf: { fields: ['url', 'partnerId'], secret: ['checkWord'] },
  },
} as const satisfies {
  payment: Record<PaymentProviderName, ProviderShape>;
  courier: Record<CourierName, ProviderShape>;
};

interface ProviderShape {
  readonly fields: readonly string[];
  /** The fields of its secret's JSON; undefined: a stack-created random string (the sandbox). */
  readonly secret: readonly string[] | undefined;
}

export type Capability = keyof typeof PROVIDERS;

/**
 * What is wrong with one provider entry (`where` names it, e.g. `payments.providers[1]`), in
 * words an administrator can act on: an unknown provider, a missing field, and for a real
 * provider a missing `secretName` with what the secret must hold.
 */
export function providerEntryProblems(capability: Capability, entry: unknown, where: string, secretField: 'secretName' | 'secretArn'): string[] {
  const known = PROVIDERS[capability] as Record<string, ProviderShape>;
  const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  const name = record.provider;
  const shape = typeof name === 'string' && Object.hasOwn(known, name) ? known[name] : undefined;
  if (!shape) return [`${where}: provider "${String(name)}" is not one OneTrip has an adapter for (known: ${Object.keys(known).join(', ')})`];
  const problems = shape.fields.filter((field) => typeof record[field] !== 'string' || record[field] === '').map((field) => `${where} (${String(name)}): ${field} is missing`);
  if (typeof record.url === 'string' && !URL.canParse(record.url)) problems.push(`${where} (${String(name)}): url "${record.url}" is not a URL`);
  const needsSecret = shape.secret !== undefined || secretField === 'secretArn';
  if (needsSecret && (typeof record[secretField] !== 'string' || record[secretField] === '')) {
    problems.push(
      shape.secret
        ? `${where} (${String(name)}): ${secretField} is missing: name the Secrets Manager secret that holds its keys, a JSON object with ${shape.secret.join(', ')} (docs/providers/${String(name)}.md)`
        : `${where} (${String(name)}): ${secretField} is missing`,
    );
  }
  return problems;
}
