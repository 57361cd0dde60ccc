/**
 * The `ses` email sender: Amazon SES (API v2) `SendEmail`, a plain-text message from the
 * county's verified identity (env `EMAIL_FROM`), through its configuration set when it
 * has one (env `EMAIL_CONFIGURATION_SET`), whose SNS event destination carries the
 * Delivery / Bounce / Complaint events back as receipts (functions/sms/receipts.ts).
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { MessageSendError, sdkSendError } from '../lambda/message-send-error.js';
import type { EmailMessage, EmailSender } from './provider.js';

/**
 * The exceptions that refuse the message itself: its content or an address (MessageRejected),
 * a malformed request such as an invalid address (BadRequestException). A paused or
 * suspended account, an unverified MAIL FROM, throttling and limits are the county's or
 * AWS's and pass.
 */
const PERMANENT = ['MessageRejected', 'BadRequestException'] as const;

export interface SesOptions {
  /** The verified sender, `通知 <notify@yueyang.gov.cn>` (env `EMAIL_FROM`). */
  from: string;
  /** The configuration set whose events are the receipts (env `EMAIL_CONFIGURATION_SET`). */
  configurationSet?: string;
  /** @default a client from the SDK's own configuration */
  client?: Pick<SESv2Client, 'send'>;
}

let sharedClient: SESv2Client | undefined;

export class SesEmailSender implements EmailSender {
  readonly name = 'ses';

  constructor(private readonly options: SesOptions) {}

  async send(message: EmailMessage): Promise<{ providerMessageId: string }> {
    const client = this.options.client ?? (sharedClient ??= new SESv2Client({}));
    let messageId: string | undefined;
    try {
      const answer = await client.send(
        new SendEmailCommand({
          FromEmailAddress: this.options.from,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: message.body, Charset: 'UTF-8' } },
            },
          },
          ...(this.options.configurationSet ? { ConfigurationSetName: this.options.configurationSet } : {}),
          EmailTags: [{ Name: 'template', Value: message.template }],
        }),
      );
      messageId = answer.MessageId;
    } catch (cause) {
      throw sdkSendError(`SES refused the ${message.template} email`, cause, PERMANENT);
    }
    if (!messageId) throw new MessageSendError(`SES answered the ${message.template} email without a MessageId`, false);
    return { providerMessageId: messageId };
  }
}
