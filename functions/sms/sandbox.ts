/**
 * The `sandbox` SMS sender: posts each message to the local runtime's message sandbox
 * (local/sandbox-messages.ts), which keeps it, lists it (`GET /local/messages`) and sends
 * OneTrip a signed delivery receipt for it, as a provider does; so tests, the demo portal's
 * SMS page and a person trying OneTrip read what a real phone would have received. Its API is
 *
 * - `POST {root}/messages` `{phone, template, params, text}` → `202 {messageId}`;
 *   `503` (a temporary failure) and `400 invalid_number` (permanent) when it simulates them.
 *
 * Unsigned: the sandbox only collects what it is given, and nothing trusts what it holds.
 * The email sandbox sender (functions/email/sandbox.ts) posts the same way.
 */
import { DEFAULT_PROVIDER_TIMEOUT_MS } from '../lambda/provider-http.js';
import { isPermanentStatus, MessageSendError } from '../lambda/message-send-error.js';
import type { SmsMessage, SmsSender } from './provider.js';

export interface SandboxSenderOptions {
  /** The sandbox's root, `{root}` (env `SMS_PROVIDER_URL` / `EMAIL_PROVIDER_URL`). */
  url: string;
  /** @default DEFAULT_PROVIDER_TIMEOUT_MS (5000) */
  timeoutMs?: number;
  /** @default the global fetch */
  fetch?: typeof fetch;
}

/** How much of a refusal's body goes into the error message. */
const DETAIL_CHARS = 300;

/**
 * POSTs a message to `{root}/messages` of a sandbox; the id it answers.
 *
 * @throws MessageSendError temporary when the sandbox cannot be reached or answers 5xx or 429,
 *   permanent when it refuses the message (400)
 */
export async function postToSandbox(options: SandboxSenderOptions, message: object, what: string): Promise<{ providerMessageId: string }> {
  const url = `${options.url.replace(/\/+$/, '')}/messages`;
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS),
    });
    text = await response.text();
  } catch (cause) {
    throw new MessageSendError(`The ${what} sandbox could not be reached at ${url}: ${(cause as Error).message}`, false, undefined, { cause });
  }
  if (!response.ok) {
    throw new MessageSendError(`The ${what} sandbox answered ${response.status}: ${text.slice(0, DETAIL_CHARS)}`, isPermanentStatus(response.status), response.status);
  }
  let messageId: unknown;
  try {
    messageId = (JSON.parse(text) as { messageId?: unknown }).messageId;
  } catch {
    messageId = undefined;
  }
  if (typeof messageId !== 'string' || messageId === '') {
    throw new MessageSendError(`The ${what} sandbox answered ${response.status} without a messageId`, false, response.status);
  }
  return { providerMessageId: messageId };
}

export class SandboxSmsSender implements SmsSender {
  readonly name = 'sandbox';

  constructor(private readonly options: SandboxSenderOptions) {}

  send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    const { phone, template, params, text } = message;
    return postToSandbox(this.options, { phone, template, params, text }, 'SMS');
  }
}
