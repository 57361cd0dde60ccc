/**
 * The email adapter: what OneTrip asks of whoever delivers its notifications by email
 * (docs/notifications.md), when the applicant gave an address and no SMS goes, or an SMS
 * could not be delivered.
 *
 * The sender is chosen per county (env `EMAIL_PROVIDER`): `ses` (Amazon SES, ses.ts) in
 * AWS, `sandbox` (sandbox.ts), which the local runtime serves and shows (`GET /local/messages`).
 *
 * What every adapter must guarantee, as the SMS adapters do (functions/sms/provider.ts):
 * returning means accepted, with the provider's id its receipts name; a refusal or a
 * failure throws `MessageSendError`, `permanent` when sending again cannot help.
 */

export interface EmailMessage {
  /** The applicant's address. */
  to: string;
  subject: string;
  /** Plain text. */
  body: string;
  /** The notification's `TemplateId`, for logs and the provider's tags. */
  template: string;
}

export interface EmailSender {
  /** The configured name (`EMAIL_PROVIDER`), for logs and to match receipts. */
  readonly name: string;
  /**
   * Hands the message to the provider. Returning means accepted, not delivered.
   *
   * @throws MessageSendError when the provider refuses or cannot be reached
   */
  send(message: EmailMessage): Promise<{ providerMessageId: string }>;
}
