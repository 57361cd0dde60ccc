/**
 * The `end-user-messaging` SMS sender: AWS End User Messaging SMS (the Pinpoint SMS and
 * Voice v2 API), `SendTextMessage` from the county's registered origination identity (a
 * phone number, sender id or pool: env `SMS_ORIGINATION_IDENTITY`, its ARN, which the
 * stack's grant names). Transactional, so carriers deliver it as a verification code.
 * Its delivery receipts arrive as events on SNS (receipts.ts `receiptsFromSnsMessage`).
 */
import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { sdkSendError, MessageSendError } from '../lambda/message-send-error.js';
import type { SmsMessage, SmsSender } from './provider.js';

/** Mainland numbers as applicants type them; the API takes E.164. */
const MAINLAND = /^1\d{10}$/;

/**
 * The exceptions that refuse the message itself: an invalid number or body
 * (ValidationException), a number that opted out (ConflictException). Throttling, quotas,
 * internal errors and missing rights or resources are the county's or AWS's, and pass.
 */
const PERMANENT = ['ValidationException', 'ConflictException'] as const;

export interface EndUserMessagingOptions {
  originationIdentity: string;
  /** @default a client from the SDK's own configuration */
  client?: Pick<PinpointSMSVoiceV2Client, 'send'>;
}

let sharedClient: PinpointSMSVoiceV2Client | undefined;

export class EndUserMessagingSmsSender implements SmsSender {
  readonly name = 'end-user-messaging';

  constructor(private readonly options: EndUserMessagingOptions) {}

  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    const destination = MAINLAND.test(message.phone) ? `+86${message.phone}` : message.phone;
    const client = this.options.client ?? (sharedClient ??= new PinpointSMSVoiceV2Client({}));
    let messageId: string | undefined;
    try {
      const answer = await client.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: destination,
          OriginationIdentity: this.options.originationIdentity,
          MessageBody: message.text,
          MessageType: 'TRANSACTIONAL',
        }),
      );
      messageId = answer.MessageId;
    } catch (cause) {
      throw sdkSendError(`End User Messaging SMS refused the ${message.template} message`, cause, PERMANENT);
    }
    if (!messageId) throw new MessageSendError(`End User Messaging SMS answered the ${message.template} message without a MessageId`, false);
    return { providerMessageId: messageId };
  }
}
