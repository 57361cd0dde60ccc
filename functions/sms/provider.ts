/**
 * The SMS adapter: what OneTrip asks of whoever delivers its text messages to citizens'
 * phones. Today one message is sent, the certificate library's one-time code
 * (docs/results.md); issue 15 adds more channels and messages on this interface, so it
 * stays small.
 *
 * The sender is chosen per county (infra/config/counties.ts `sms` → env `SMS_PROVIDER`):
 * `end-user-messaging` (AWS End User Messaging SMS, end-user-messaging.ts) in a county with
 * a registered origination identity, `sandbox` (sandbox.ts) elsewhere, which the local
 * runtime serves and shows (`GET /sandbox/sms?phone=…`).
 *
 * What every adapter must guarantee:
 * - the text is the template's, in Chinese, worded by {@link smsText} (a provider whose
 *   templates are registered with the carrier sends the template's id and params instead);
 * - a refusal or a failure throws `SmsSenderError` (errors.ts); the caller decides what a
 *   failed send means (the library challenge logs it and answers as if it had sent).
 */

/** The messages OneTrip sends, each with the params its wording names. */
export interface SmsTemplates {
  /** The certificate library's one-time code. */
  library_code: { code: string; minutes: number };
}

export type SmsTemplate = keyof SmsTemplates;

export interface SmsMessage<T extends SmsTemplate = SmsTemplate> {
  /** A mainland mobile number, 11 digits as applicants type it (`13907301234`). */
  phone: string;
  template: T;
  params: SmsTemplates[T];
}

export interface SmsSender {
  /** The configured name (`SMS_PROVIDER`), for logs. */
  readonly name: string;
  /**
   * Hands the message to the provider. Returning means accepted, not delivered.
   *
   * @throws SmsSenderError when the provider refuses or cannot be reached
   */
  send(message: SmsMessage): Promise<void>;
}

/** The signature (签名) every message starts with, as carriers require. */
const SIGNATURE = '【岳阳政务服务】';

const WORDING: { [T in SmsTemplate]: (params: SmsTemplates[T]) => string } = {
  library_code: ({ code, minutes }) => `${SIGNATURE}您正在使用证照库，验证码${code}，${minutes}分钟内有效。请勿告诉他人；如非本人操作，请忽略本短信。`,
};

/** The message's text as the citizen reads it. */
export function smsText(message: SmsMessage): string {
  const word = WORDING[message.template] as (params: SmsMessage['params']) => string;
  return word(message.params);
}
