/**
 * Delivery receipts on the wire (docs/notifications.md): where providers report
 * what became of a message, and the body the local message sandbox signs
 * (local/sandbox-messages.ts) and OneTrip reads (functions/sms/receipts.ts).
 */

/** `POST {api}/v1/callbacks/notifications/{provider}`: the receipts of `sandbox` and `gateway`. */
export const NOTIFICATION_CALLBACK_PATH = '/v1/callbacks/notifications';

/**
 * One receipt of the message sandbox, signed with `X-OneTrip-Signature` (contracts/signature.ts)
 * under the county's SMS secret, like the courier's callbacks.
 */
export interface SandboxReceiptCallback {
  /** Unique per receipt; a retried delivery sends the same one. */
  eventId: string;
  /** The sandbox's id of the message, which it answered when it accepted it. */
  messageId: string;
  channel: 'sms' | 'email';
  status: 'delivered' | 'failed';
  /** For `failed`: true when sending again cannot help (a bounce). Always false for `delivered`. */
  permanent: boolean;
  /** When it was delivered or failed, ISO 8601. */
  at: string;
  detail?: string;
}
