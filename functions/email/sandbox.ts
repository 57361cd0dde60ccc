/**
 * The `sandbox` email sender: posts each message to the local runtime's message sandbox
 * (local/sandbox-messages.ts), exactly as the SMS sandbox sender does (functions/sms/sandbox.ts):
 *
 * - `POST {root}/messages` `{to, subject, body, template}` → `202 {messageId}`
 */
import { postToSandbox, type SandboxSenderOptions } from '../sms/sandbox.js';
import type { EmailMessage, EmailSender } from './provider.js';

export class SandboxEmailSender implements EmailSender {
  readonly name = 'sandbox';

  constructor(private readonly options: SandboxSenderOptions) {}

  send(message: EmailMessage): Promise<{ providerMessageId: string }> {
    const { to, subject, body, template } = message;
    return postToSandbox(this.options, { to, subject, body, template }, 'email');
  }
}
