/**
 * The SMS adapter: what OneTrip asks of whoever delivers its text messages to citizens'
 * phones: the notifications of a case (docs/notifications.md, rendered from the catalog's
 * templates) and the certificate library's one-time code (docs/results.md).
 *
 * The sender is chosen per county (infra/config/counties.ts `sms` → env `SMS_PROVIDER`):
 * - `end-user-messaging` (AWS End User Messaging SMS, end-user-messaging.ts), which sends `text`;
 * - `gateway` (a Chinese SMS gateway's template-message API, Tencent Cloud SMS, gateway.ts),
 *   which sends the carrier-approved template's id and the params in the template's
 *   placeholder order ({@link placeholderOrder}), the sign name being added by the gateway;
 * - `sandbox` (sandbox.ts), which the local runtime serves and shows (`GET /local/messages`).
 *
 * What every adapter must guarantee:
 * - returning means the provider accepted the message (not that it arrived) and gives the
 *   provider's id for it, which its delivery receipts name (receipts.ts);
 * - a refusal or a failure throws `MessageSendError` (functions/lambda/message-send-error.ts),
 *   `permanent` when sending it again cannot help (an invalid number, a refused template).
 */
import { SMS_SIGNATURE } from '../domain/notification-templates.js';
import { NOTIFICATION_TEMPLATES, type TemplateId } from '../../contracts/notifications.js';

export interface SmsMessage {
  /** A mainland mobile number, 11 digits as applicants type it (`13907301234`). */
  phone: string;
  /** A notification's `TemplateId`, or `library_code`. */
  template: string;
  /** The template's placeholders' values. */
  params: Record<string, string>;
  /** The message as the phone shows it, signature first (`【岳阳政务服务】…`). */
  text: string;
}

export interface SmsSender {
  /** The configured name (`SMS_PROVIDER`), for logs and to match receipts. */
  readonly name: string;
  /**
   * Hands the message to the provider. Returning means accepted, not delivered.
   *
   * @throws MessageSendError when the provider refuses or cannot be reached
   */
  send(message: SmsMessage): Promise<{ providerMessageId: string }>;
}

export { SMS_SIGNATURE };

/** The certificate library's one-time code: the one SMS that is not a catalog notification. */
export const LIBRARY_CODE_TEMPLATE = 'library_code';

/** The library code's placeholders, in the order its wording (and a gateway's template) names them. */
const LIBRARY_CODE_PLACEHOLDERS = ['code', 'minutes'] as const;

/** The library code's text as the citizen reads it. */
export function smsText(params: { code: string; minutes: string }): string {
  return `${SMS_SIGNATURE}您正在使用证照库，验证码${params.code}，${params.minutes}分钟内有效。请勿告诉他人；如非本人操作，请忽略本短信。`;
}

/**
 * The template's placeholders in their declared order: a template-message gateway numbers
 * them `{1}`, `{2}`, … in this order, so its approved templates are written to match.
 * Undefined for a template OneTrip does not know.
 */
export function placeholderOrder(template: string): readonly string[] | undefined {
  if (template === LIBRARY_CODE_TEMPLATE) return LIBRARY_CODE_PLACEHOLDERS;
  return Object.hasOwn(NOTIFICATION_TEMPLATES, template) ? NOTIFICATION_TEMPLATES[template as TemplateId].placeholders : undefined;
}
