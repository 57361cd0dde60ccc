/**
 * The `sandbox` SMS sender: posts each message to the local runtime's SMS sandbox
 * (local/sandbox-sms.ts), which keeps it and lists the messages sent to a phone
 * (`GET /sandbox/sms?phone=…`), so tests, the README walk-through and a person trying
 * OneTrip can read the code that a real phone would have received. Its API is
 *
 * - `POST {root}/messages` `{phone, template, params, text}` → `202`
 *
 * Unsigned: the sandbox only collects what it is given, and nothing trusts what it holds.
 */
import { DEFAULT_PROVIDER_TIMEOUT_MS } from '../lambda/provider-http.js';
import { SmsSenderError } from './errors.js';
import { smsText, type SmsMessage, type SmsSender } from './provider.js';

export interface SandboxSmsOptions {
  /** The sandbox's root, `{root}` (env `SMS_PROVIDER_URL`). */
  url: string;
  /** @default DEFAULT_PROVIDER_TIMEOUT_MS (5000) */
  timeoutMs?: number;
  /** @default the global fetch */
  fetch?: typeof fetch;
}

export class SandboxSmsSender implements SmsSender {
  readonly name = 'sandbox';
  private readonly messagesUrl: string;

  constructor(private readonly options: SandboxSmsOptions) {
    this.messagesUrl = `${options.url.replace(/\/+$/, '')}/messages`;
  }

  async send(message: SmsMessage): Promise<void> {
    const body = JSON.stringify({ ...message, text: smsText(message) });
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(this.messagesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS),
      });
      await response.arrayBuffer();
    } catch (cause) {
      throw new SmsSenderError(`The SMS sandbox could not be reached at ${this.messagesUrl}: ${(cause as Error).message}`, undefined, { cause });
    }
    if (!response.ok) throw new SmsSenderError(`The SMS sandbox answered ${response.status}`, response.status);
  }
}
