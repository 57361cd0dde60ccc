/**
 * The `end-user-messaging` SMS sender: AWS End User Messaging SMS (the Pinpoint SMS and
 * Voice v2 API), `SendTextMessage` from the county's registered origination identity (a
 * phone number, sender id or pool: env `SMS_ORIGINATION_IDENTITY`, its ARN, which the
 * stack's grant names). Transactional, so carriers deliver it as a verification code.
 */
import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SmsSenderError } from './errors.js';
import { smsText, type SmsMessage, type SmsSender } from './provider.js';

/** Mainland numbers as applicants type them; the API takes E.164. */
const MAINLAND = /^1\d{10}$/;

export interface EndUserMessagingOptions {
  originationIdentity: string;
  /** @default a client from the SDK's own configuration */
  client?: Pick<PinpointSMSVoiceV2Client, 'send'>;
}

let sharedClient: PinpointSMSVoiceV2Client | undefined;

export class EndUserMessagingSmsSender implements SmsSender {
  readonly name = 'end-user-messaging';

  constructor(private readonly options: EndUserMessagingOptions) {}

  async send(message: SmsMessage): Promise<void> {
    const destination = MAINLAND.test(message.phone) ? `+86${message.phone}` : message.phone;
    const client = this.options.client ?? (sharedClient ??= new PinpointSMSVoiceV2Client({}));
    try {
      await client.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: destination,
          OriginationIdentity: this.options.originationIdentity,
          MessageBody: smsText(message),
          MessageType: 'TRANSACTIONAL',
        }),
      );
    } catch (cause) {
      const status = (cause as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      throw new SmsSenderError(`End User Messaging SMS refused the ${message.template} message: ${(cause as Error).message}`, status, { cause });
    }
  }
}
