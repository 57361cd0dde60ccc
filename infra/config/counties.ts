/**
 * The counties (and the city itself) that each run their own OneTrip stack.
 *
 * Yueyang's nine districts, counties and county-level cities carry their official
 * administrative division codes. The four management areas have no division code of
 * their own: their `code` is a configuration key under the city (not an official code),
 * and their implementation codes use the city's region code.
 */
import type { LocalizedText, Level } from '../../contracts/catalog.js';
import { DEFAULT_THRESHOLDS, type SupervisionThresholds, type Thresholds } from '../../contracts/supervision.js';
import type { OnCallConfig, RetentionConfig } from './operations.js';
import type { CourierConfig, PaymentProviderConfig } from '../../contracts/providers.js';

export type { CourierConfig, PaymentProviderConfig } from '../../contracts/providers.js';
import { DEFAULT_NOTIFICATION_RULES, type ClockTime, type NotificationRules } from '../../contracts/notification-rules.js';

/** The levels Lambda's JSON logging keeps lines from. */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface CountyConfig {
  /** Stack key: `-c county=<code>` selects it; the stack is named `OneTrip-<code>`. */
  code: string;
  name: LocalizedText;
  level: Level;
  /** Six-digit region code that prefixes implementation codes and receipt numbers. */
  regionCode: string;
  /** The published catalog version this stack serves. */
  catalogVersion: string;
  /** Whether this unit is a management area rather than an administrative division. */
  managementArea: boolean;
  /** Who takes the fee ticket's payments (functions/payments/provider.ts). */
  payments: PaymentsConfig;
  /** Who carries results to applicants who chose courier delivery (functions/courier/provider.ts). */
  courier: CourierConfig;
  /** Who sends text messages: the certificate library's one-time codes and the notifications (functions/sms/provider.ts). */
  sms: SmsConfig;
  /**
   * Who is told what on which channel, when, and who sends the applicants' email
   * (docs/notifications.md, "Rules"). @default SMS else email, quiet 22:00–08:00, 50 SMS a
   * phone a day, email through the sandbox
   */
  notifications?: NotificationsConfig;
  /**
   * The county's public portal, whose pages embed the widgets (no trailing slash). A
   * certificate's QR code does not point here but at the county's own `domain`, which
   * OneTrip serves and which outlives any portal redesign (docs/results.md).
   */
  publicUrl: string;
  /** The county's own stable address at the edge (see `DomainConfig`). */
  domain: DomainConfig;
  /** The edge's per-client throttling. @default DEFAULT_WAF_RATES */
  waf?: Partial<WafRates>;
  /**
   * The agency sites that embed the widgets, as exact origins (`https://host[:port]`: no
   * path, no `*`). The API's CORS, the materials bucket's CORS (presigned uploads) and the
   * payment `returnUrl` allow these and nothing else (see `allowedOriginsOf`).
   * @default the origin of `publicUrl` and the county's edge origin (`edgeUrl(domain)`)
   */
  allowedOrigins?: string[];
  /**
   * The AWS account the county's stacks deploy to (12 digits). `ACCOUNT_NOT_SET` until the
   * county has one: the stacks still synthesize (tests, `cdk synth`), but `validateCounties`
   * reports it and `cdk deploy` refuses to start (docs/deploy.md).
   */
  account: string;
  /**
   * The AWS region of the county stack (its firewall stack is always in us-east-1, where
   * CloudFront takes its web ACL from). Named here, never taken from `CDK_DEFAULT_REGION`,
   * so the key policy and the staff JWT issuer name the region the county really runs in.
   */
  region: string;
  /** Where the staff directory's email (invitations, password resets) comes from. */
  email: EmailConfig;
  /**
   * The Cognito domain prefix of the staff sign-in (the user pool's hosted UI,
   * `https://<prefix>.auth.<region>.amazoncognito.com`). Prefixes are unique per region across
   * all of AWS: set one when the default is taken.
   * @default `onetrip-<code>` (`signInDomainPrefixOf`)
   */
  signInDomainPrefix?: string;
  /** Who the alarms reach (infra/config/operations.ts). @default DEFAULT_ON_CALL (nobody) */
  onCall?: Partial<OnCallConfig>;
  /** How long personal data is kept (infra/config/operations.ts). @default DEFAULT_RETENTION */
  retention?: Partial<RetentionConfig>;
  /** The level from which the functions' log lines are kept (docs/operations.md). @default 'INFO' */
  logLevel?: LogLevel;
  /** When tasks turn yellow (预警), for the county and per catalog item (docs/supervision.md). @default DEFAULT_THRESHOLDS */
  supervision?: SupervisionConfig;
}

/**
 * A county's warning thresholds: a task turns yellow when at most
 * max(⌈yellowShare × its promised working days⌉, yellowDays) working days remain. An item
 * (by base code, in the county's catalog version) may override either.
 */
export interface SupervisionConfig {
  /** Share of the promised time, strictly between 0 and 1. @default 0.2 */
  yellowShare?: number;
  /** Working days, a whole number ≥ 0. @default 1 */
  yellowDays?: number;
  items?: Record<string, Partial<Thresholds>>;
}

/** The thresholds the county's functions read (THRESHOLDS_VARIABLE), defaults filled in. */
export function supervisionThresholdsOf(county: Pick<CountyConfig, 'supervision'>): SupervisionThresholds {
  const config = county.supervision ?? {};
  return {
    yellowShare: config.yellowShare ?? DEFAULT_THRESHOLDS.yellowShare,
    yellowDays: config.yellowDays ?? DEFAULT_THRESHOLDS.yellowDays,
    ...(config.items ? { items: config.items } : {}),
  };
}

/**
 * Cognito sends the staff directory's email through Amazon SES from `from`, an address (or
 * its domain) verified in SES in `sesRegion` and out of the SES sandbox: Cognito's own
 * sender is limited to a few messages a day and would throttle staff onboarding.
 */
export interface EmailConfig {
  /** The sender, e.g. `noreply@430623.onetrip.yueyang.gov.cn`. */
  from: string;
  /** The SES region where `from` is verified. @default the county's `region` */
  sesRegion?: string;
}

/** No account yet: a placeholder that synthesizes but that validation refuses for a deploy. */
export const ACCOUNT_NOT_SET = '000000000000';

/**
 * Asia Pacific (Hong Kong), the nearest commercial-partition region to Hunan where
 * CloudFront, AWS WAF and AWS End User Messaging SMS are all available (the mainland's
 * regions are a separate partition, aws-cn, with another account and ICP filing).
 */
export const DEFAULT_REGION = 'ap-east-1';

/**
 * The origins the county allows: its own `allowedOrigins`, or by default its portal's
 * origin and its edge origin. Never `*`.
 */
export const allowedOriginsOf = (county: CountyConfig): string[] =>
  county.allowedOrigins ?? [...new Set([new URL(county.publicUrl).origin, edgeUrl(county.domain)])];

/** The staff directory's default sender: `noreply@` the county's own domain. */
const defaultEmail = (domain: DomainConfig): EmailConfig => ({ from: `noreply@${domain.name}` });

export interface PaymentsConfig {
  /**
   * The providers the fee ticket offers, in this order (non-empty; env `PAYMENT_PROVIDERS`,
   * contracts/providers.ts). A real one names the Secrets Manager secret holding its keys
   * (`secretName`, docs/providers/<provider>.md); synthesis fails without it.
   */
  providers: PaymentProviderConfig[];
}

/**
 * No county has a contract with a real payment provider yet, so every county uses the
 * sandbox adapter. In AWS there is no sandbox to reach (the `.invalid` host never
 * resolves, so starting a payment fails loudly); the local runtime points the sandbox's
 * `url` at its own simulated provider. A county that signs with Alipay or WeChat Pay lists
 * them here, e.g. `{ provider: 'alipay', url: 'https://openapi.alipay.com/gateway.do',
 * appId: '2021…', secretName: 'onetrip/430623/alipay' }` (docs/deploy.md, "Provider secrets").
 */
const PAYMENTS: PaymentsConfig = { providers: [{ provider: 'sandbox', url: 'https://payments.sandbox.invalid/sandbox/payments' }] };

/**
 * Likewise for the courier: no county has a contract with a courier's open platform yet, so
 * every county uses the sandbox adapter, which AWS cannot reach and the local runtime serves
 * itself. A county that signs with SF Express writes `{ provider: 'sf', url:
 * 'https://sfapi.sf-express.com/std/service', partnerId: '…', secretName: 'onetrip/430623/sf' }`
 * (env `COURIER_PROVIDER_CONFIG`; docs/providers/sf.md).
 */
const COURIER: CourierConfig = { provider: 'sandbox', url: 'https://courier.sandbox.invalid/sandbox/courier' };

/** Which providers a county's template is synthesized with: its configured ones, or PROTOCOL_PROVIDERS. */
export type ProvidersMode = 'sandbox' | 'protocol';

/**
 * The real providers the local runtime's protocol mode (`npm start -- --providers protocol`)
 * synthesizes a county with, in place of its configured ones: Alipay and WeChat Pay, then
 * SF Express, with the providers' production endpoints (the runtime points the functions at
 * its simulators) and secrets named as an administrator would name them.
 */
export const PROTOCOL_PROVIDERS: Pick<CountyConfig, 'payments' | 'courier'> = {
  payments: {
    providers: [
      { provider: 'alipay', url: 'https://openapi.alipay.com/gateway.do', appId: '2021000000000001', secretName: 'onetrip/local/alipay' },
      { provider: 'wechatpay', url: 'https://api.mch.weixin.qq.com', mchId: '1900000001', appId: 'wx8888888888888888', secretName: 'onetrip/local/wechatpay' },
    ],
  },
  courier: { provider: 'sf', url: 'https://sfapi.sf-express.com/std/service', partnerId: 'ONETRIPLOCAL', secretName: 'onetrip/local/sf' },
};

export type SmsConfig =
  /** The local runtime's SMS sandbox (env `SMS_PROVIDER_URL`, its root). */
  | { provider: 'sandbox'; url: string }
  /**
   * AWS End User Messaging SMS, from the county's registered origination identity: the ARN
   * of its phone number, sender id or pool (env `SMS_ORIGINATION_IDENTITY`), which the
   * stack lets the function send from.
   */
  | { provider: 'end-user-messaging'; originationIdentity: string };

/**
 * No county has registered an SMS origination identity (and its templates) with the
 * carriers yet, so every county uses the sandbox adapter: in AWS the `.invalid` host never
 * resolves, so no code is sent (the library then cannot be opened, and the form offers
 * uploads); the local runtime serves the sandbox itself.
 */
const SMS: SmsConfig = { provider: 'sandbox', url: 'https://sms.sandbox.invalid/sandbox/sms' };

/**
 * A county's notifications (docs/notifications.md): which outside channels reach the
 * applicant (in-app always does), the quiet hours, the daily cap per phone, the email sender.
 */
export interface NotificationsConfig {
  /** SMS first, else email where the applicant gave one. @default ['sms', 'email'] */
  channels?: NotificationRules['channels'];
  /** Non-urgent SMS and email wait from `start` to `end`, Asia/Shanghai. @default 22:00–08:00 */
  quietHours?: { start: ClockTime; end: ClockTime };
  /** SMS per phone number per Shanghai day, 1–50 (the gateways refuse about 50 per sign and template). @default 50 */
  smsDailyCap?: number;
  /** Who sends the applicants' email (functions/email/). @default EMAIL_SANDBOX */
  email?: EmailSenderConfig;
}

export type EmailSenderConfig =
  /** The local runtime's email sandbox (env `EMAIL_PROVIDER_URL`, its root). */
  | { provider: 'sandbox'; url: string }
  /**
   * Amazon SES (SESv2 SendEmail) from the county's `email.from`, an identity verified in
   * `email.sesRegion`, with the configuration set whose event destination publishes the
   * delivery receipts to the stack's receipts topic (env `EMAIL_CONFIGURATION_SET`).
   */
  | { provider: 'ses'; configurationSet?: string };

/** As for SMS: no county sends applicants email through SES yet; AWS never reaches the sandbox's `.invalid` host, the local runtime serves it. */
export const EMAIL_SANDBOX: EmailSenderConfig = { provider: 'sandbox', url: 'https://email.sandbox.invalid/sandbox/email' };

/** The rules the county's notification functions read (NOTIFICATION_RULES_VARIABLE), defaults filled in. */
export function notificationRulesOf(county: Pick<CountyConfig, 'notifications'>): NotificationRules {
  const config = county.notifications ?? {};
  return {
    ...DEFAULT_NOTIFICATION_RULES,
    ...(config.channels ? { channels: config.channels } : {}),
    ...(config.quietHours ? { quietHours: config.quietHours } : {}),
    ...(config.smsDailyCap !== undefined ? { smsDailyCap: config.smsDailyCap } : {}),
  };
}

const CATALOG_VERSION = '2026.12.2';

/**
 * Yueyang's government service portal (岳阳市政务服务网). The counties publish their pages
 * under it, one folder per county, until one has a site of its own: its value here changes.
 */
const PORTAL = 'https://zwfw.yueyang.gov.cn';

const division = (code: string, zh: string, en: string): CountyConfig => ({
  code,
  name: { zh, en },
  level: 'county',
  regionCode: code,
  catalogVersion: CATALOG_VERSION,
  managementArea: false,
  payments: PAYMENTS,
  courier: COURIER,
  sms: SMS,
  publicUrl: `${PORTAL}/${code}`,
  domain: defaultDomain(code),
  account: ACCOUNT_NOT_SET,
  region: DEFAULT_REGION,
  email: defaultEmail(defaultDomain(code)),
});

const managementArea = (key: string, zh: string, en: string): CountyConfig => ({
  code: `430600-${key}`,
  name: { zh, en },
  level: 'county',
  regionCode: '430600',
  catalogVersion: CATALOG_VERSION,
  managementArea: true,
  payments: PAYMENTS,
  courier: COURIER,
  sms: SMS,
  publicUrl: `${PORTAL}/${key}`,
  domain: defaultDomain(`430600-${key}`),
  account: ACCOUNT_NOT_SET,
  region: DEFAULT_REGION,
  email: defaultEmail(defaultDomain(`430600-${key}`)),
});

/**
 * The county's stable custom domain: the CloudFront distribution's alias, where the widgets,
 * the verification page and the API (`/v1/*`) are served (docs/deploy.md, "Edge hosting and
 * the custom domain"). A certificate's QR code carries `https://<name>/verify.html?code=…`
 * for as long as the certificate is valid, so the name never changes once the first
 * certificate is issued.
 */
export interface DomainConfig {
  /** The host name, e.g. `430623.onetrip.yueyang.gov.cn`. */
  name: string;
  /**
   * The ACM certificate for `name`, in us-east-1 (CloudFront takes certificates from there
   * only). `undefined` until the county has one: the stack then synthesizes, but
   * `edgeProblems` reports it and the deployment refuses to start (a CloudFormation rule),
   * so no certificate is ever issued with an address that does not answer.
   */
  certificateArn: string | undefined;
}

/**
 * Until a county has its own name, it gets one under the city's domain: one wildcard
 * certificate (`*.onetrip.yueyang.gov.cn`) in us-east-1 covers all of them.
 */
/** The county's stable address: `https://<domain.name>`, no trailing slash. */
export const edgeUrl = (domain: DomainConfig): string => `https://${domain.name}`;

/** The staff sign-in's Cognito domain prefix (see `CountyConfig.signInDomainPrefix`). */
export const signInDomainPrefixOf = (county: CountyConfig): string => county.signInDomainPrefix ?? `onetrip-${county.code}`;

export const DEFAULT_DOMAIN_SUFFIX = 'onetrip.yueyang.gov.cn';
const defaultDomain = (code: string): DomainConfig => ({ name: `${code}.${DEFAULT_DOMAIN_SUFFIX}`, certificateArn: undefined });

/** Requests one client IP may make in five minutes before AWS WAF blocks it (a 429). */
export interface WafRates {
  /**
   * Every public API route (`/v1/*` but the staff routes). Generous: many citizens share an
   * IP behind carrier-grade NAT or a service hall's network.
   */
  publicPerIp: number;
  /** Lookups by query code (`GET /v1/…?queryCode=`) and the certificate library: the routes an enumeration would hammer. */
  lookupsPerIp: number;
}

export const DEFAULT_WAF_RATES: WafRates = { publicPerIp: 2000, lookupsPerIp: 100 };

/** The county's WAF rates, its own where it sets them. */
export const wafRates = (county: CountyConfig): WafRates => ({ ...DEFAULT_WAF_RATES, ...county.waf });

const CLOUDFRONT_CERTIFICATE = /^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/;
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** What `edgeProblems` says while the domain has no certificate (a value not set yet, infra/config/validate.ts). */
export const missingCertificate = ({ name }: DomainConfig): string =>
  `domain.certificateArn is not set: request a certificate for ${name} in ACM in us-east-1 and put its ARN in infra/config/counties.ts before the first deployment`;

/**
 * What keeps the county's edge from being deployed, in words an administrator can act on;
 * empty when nothing does. AWS WAF's rate-based rules take 10 to 2,000,000,000 requests.
 */
export function edgeProblems(county: CountyConfig): string[] {
  const problems: string[] = [];
  const { name, certificateArn } = county.domain;
  if (!HOST_NAME.test(name)) problems.push(`domain.name "${name}" is not a lower-case host name`);
  if (certificateArn === undefined) {
    problems.push(missingCertificate(county.domain));
  } else if (!CLOUDFRONT_CERTIFICATE.test(certificateArn)) {
    problems.push(`domain.certificateArn "${certificateArn}" is not an ACM certificate in us-east-1 (CloudFront takes none from elsewhere)`);
  }
  for (const [rate, value] of Object.entries(wafRates(county))) {
    if (!Number.isInteger(value) || value < 10 || value > 2_000_000_000) problems.push(`waf.${rate} is ${value}: AWS WAF takes a whole number from 10 to 2000000000`);
  }
  return problems;
}

export const CITY_CODE = '430600';

export const counties: readonly CountyConfig[] = [
  {
    code: CITY_CODE,
    name: { zh: '岳阳市', en: 'Yueyang City' },
    level: 'city',
    regionCode: CITY_CODE,
    catalogVersion: CATALOG_VERSION,
    managementArea: false,
    payments: PAYMENTS,
    courier: COURIER,
    sms: SMS,
    publicUrl: PORTAL,
    domain: defaultDomain(CITY_CODE),
    account: ACCOUNT_NOT_SET,
    region: DEFAULT_REGION,
    email: defaultEmail(defaultDomain(CITY_CODE)),
  },
  division('430602', '岳阳楼区', 'Yueyanglou District'),
  division('430603', '云溪区', 'Yunxi District'),
  division('430611', '君山区', 'Junshan District'),
  division('430621', '岳阳县', 'Yueyang County'),
  division('430623', '华容县', 'Huarong County'),
  division('430624', '湘阴县', 'Xiangyin County'),
  division('430626', '平江县', 'Pingjiang County'),
  division('430681', '汨罗市', 'Miluo City'),
  division('430682', '临湘市', 'Linxiang City'),
  managementArea('etdz', '岳阳经济技术开发区', 'Yueyang Economic and Technological Development Zone'),
  managementArea('nanhu', '南湖新区', 'Nanhu New District'),
  managementArea('quyuan', '屈原管理区', 'Quyuan Management District'),
  managementArea('clj', '城陵矶新港区', 'Chenglingji New Port District'),
];

export class UnknownCountyError extends Error {
  override name = 'UnknownCountyError';
}

export function findCounty(code: string): CountyConfig {
  const county = counties.find((c) => c.code === code);
  if (!county) {
    throw new UnknownCountyError(
      `Unknown county "${code}". Known: ${counties.map((c) => c.code).join(', ')}`,
    );
  }
  return county;
}

export const stackName = (county: CountyConfig): string => `OneTrip-${county.code}`;
