/**
 * The `gateway` SMS sender: a Chinese SMS gateway's template-message API, Tencent Cloud SMS
 * `SendSms` (API version 2021-01-11). A carrier in China delivers only texts from an
 * approved sign name (签名) and approved templates, so the gateway is sent the template's
 * approved id and its params, `{1}`, `{2}`, … in the OneTrip template's placeholder order
 * (provider.ts `placeholderOrder`), never free text; it adds the sign name itself.
 *
 * What the county's SMS secret (env `SMS_SECRET_ARN`, JSON, see {@link GatewaySecret} and
 * docs/deploy.md) holds: the API key pair, the SMS application, the sign name, the approved
 * template id of every OneTrip template it sends, and the key its receipt callback is
 * verified with (receipts.ts). Requests are signed TC3-HMAC-SHA256 (tc3-signature.ts).
 *
 * `SendSms` answers HTTP 200 for its own refusals, with `Response.Error` (the whole request)
 * or a `SendStatusSet` entry whose `Code` is not `Ok` (the number); either is a
 * `MessageSendError`, permanent when the code refuses the message itself ({@link isPermanentCode}).
 */
import { ConfigurationError } from '../domain/errors.js';
import { DEFAULT_PROVIDER_TIMEOUT_MS } from '../lambda/provider-http.js';
import { isPermanentStatus, MessageSendError } from '../lambda/message-send-error.js';
import { placeholderOrder, type SmsMessage, type SmsSender } from './provider.js';
import { tc3Sign } from './tc3-signature.js';

/** The county's SMS secret for the gateway, as JSON. */
export interface GatewaySecret {
  /** The API key pair (a sub-account's, allowed `sms:SendSms` only). */
  secretId: string;
  secretKey: string;
  /** The SMS application's id, `1400…`. */
  smsSdkAppId: string;
  /** The approved sign name, without brackets: `岳阳政务服务`. */
  signName: string;
  /** OneTrip template id (`accepted`, `library_code`, …) → the gateway's approved template id. */
  templateIds: Record<string, string>;
  /** The key the receipt callback's `X-Gateway-Signature` is an HMAC-SHA256 under (receipts.ts). */
  callbackKey: string;
  /** @default 'ap-guangzhou' */
  region?: string;
}

/** Tencent Cloud SMS's API endpoint. */
export const GATEWAY_URL = 'https://sms.tencentcloudapi.com';
const VERSION = '2021-01-11';
const CONTENT_TYPE = 'application/json; charset=utf-8';
const DEFAULT_REGION = 'ap-guangzhou';

/** Mainland numbers as applicants type them; the API takes E.164. */
const MAINLAND = /^1\d{10}$/;

/**
 * The gateway's codes that refuse the message itself: a malformed or invalid parameter (the
 * number, a param's length), an unsupported destination, a blacklisted number, a template or
 * sign name not approved, sensitive words. Limits, internal errors, authentication and the
 * package's balance are temporary: the operator or time fixes them.
 */
export function isPermanentCode(code: string): boolean {
  return (
    code.startsWith('InvalidParameter') ||
    code.startsWith('UnsupportedOperation') ||
    ['FailedOperation.PhoneNumberInBlacklist', 'FailedOperation.TemplateIncorrectOrUnapproved', 'FailedOperation.SignatureIncorrectOrUnapproved', 'FailedOperation.ContainSensitiveWord'].includes(code)
  );
}

/**
 * The secret's JSON, checked.
 *
 * @throws ConfigurationError when it is not JSON or a field is missing
 */
export function parseGatewaySecret(raw: string): GatewaySecret {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (cause) {
    throw new ConfigurationError('The SMS secret is not JSON: the gateway needs {secretId, secretKey, smsSdkAppId, signName, templateIds, callbackKey}', { cause });
  }
  const secret = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const missing = ['secretId', 'secretKey', 'smsSdkAppId', 'signName', 'callbackKey'].filter((name) => typeof secret[name] !== 'string' || secret[name] === '');
  if (typeof secret.templateIds !== 'object' || secret.templateIds === null) missing.push('templateIds');
  if (missing.length > 0) throw new ConfigurationError(`The SMS secret lacks ${missing.join(', ')}`);
  return secret as unknown as GatewaySecret;
}

export interface GatewayOptions {
  /** The county's SMS secret, as stored (JSON); asked for on each send (secretValue caches it). */
  secret: () => Promise<string>;
  /** @default GATEWAY_URL */
  url?: string;
  /** @default DEFAULT_PROVIDER_TIMEOUT_MS (5000) */
  timeoutMs?: number;
  /** @default the global fetch */
  fetch?: typeof fetch;
  /** Unix seconds, for the signature. @default the system clock */
  nowSeconds?: () => number;
}

interface SendSmsAnswer {
  Response?: {
    Error?: { Code?: string; Message?: string };
    SendStatusSet?: { SerialNo?: string; Code?: string; Message?: string }[];
    RequestId?: string;
  };
}

export class GatewaySmsSender implements SmsSender {
  readonly name = 'gateway';

  constructor(private readonly options: GatewayOptions) {}

  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    const secret = parseGatewaySecret(await this.options.secret());
    const refuse = (why: string, permanent: boolean, status?: number): never => {
      throw new MessageSendError(`The SMS gateway refused the ${message.template} message: ${why}`, permanent, status);
    };
    const templateId = secret.templateIds[message.template];
    const order = placeholderOrder(message.template);
    if (!templateId || !order) return refuse('no approved template id for it in the SMS secret', true);
    const missing = order.filter((name) => message.params[name] === undefined);
    if (missing.length > 0) return refuse(`no value for ${missing.join(', ')}`, true);

    const url = new URL(this.options.url ?? GATEWAY_URL);
    const payload = JSON.stringify({
      PhoneNumberSet: [MAINLAND.test(message.phone) ? `+86${message.phone}` : message.phone],
      SmsSdkAppId: secret.smsSdkAppId,
      SignName: secret.signName,
      TemplateId: templateId,
      TemplateParamSet: order.map((name) => message.params[name]!),
    });
    const timestamp = this.options.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
    const { authorization } = tc3Sign({ secretId: secret.secretId, secretKey: secret.secretKey, service: 'sms', host: url.host, contentType: CONTENT_TYPE, payload, timestamp });
    let response: Response;
    let answer: SendSmsAnswer;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method: 'POST',
        headers: {
          authorization,
          // fetch sends Host from the URL, the value signed.
          'content-type': CONTENT_TYPE,
          'x-tc-action': 'SendSms',
          'x-tc-version': VERSION,
          'x-tc-timestamp': String(timestamp),
          'x-tc-region': secret.region ?? DEFAULT_REGION,
        },
        body: payload,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS),
      });
      const text = await response.text();
      answer = response.ok ? (JSON.parse(text) as SendSmsAnswer) : {};
    } catch (cause) {
      throw new MessageSendError(`The SMS gateway could not be reached at ${url.origin}, or answered other than JSON: ${(cause as Error).message}`, false, undefined, { cause });
    }
    if (!response.ok) return refuse(`HTTP ${response.status}`, isPermanentStatus(response.status), response.status);
    const error = answer.Response?.Error;
    if (error) return refuse(`${error.Code}: ${error.Message}`, isPermanentCode(error.Code ?? ''));
    const status = answer.Response?.SendStatusSet?.[0];
    if (!status) return refuse('no SendStatusSet in its answer', false);
    if (status.Code !== 'Ok') return refuse(`${status.Code}: ${status.Message}`, isPermanentCode(status.Code ?? ''));
    if (!status.SerialNo) return refuse('no SerialNo in its answer', false);
    return { providerMessageId: status.SerialNo };
  }
}
