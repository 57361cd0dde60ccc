// The message sandbox, served by the local HTTP gateway under /sandbox/sms and /sandbox/email:
// what a carrier's SMS gateway and an email service do for OneTrip (deliver a text to a
// phone, a message to a mailbox, and report back), simulated so that the notifications and
// the certificate library's one-time code can be read without a phone: by the tests, the
// demo portal's SMS page, and a person trying `npm start`.
//
//   POST /sandbox/sms/messages     {phone, template, params, text} → 202 {messageId}  (functions/sms/sandbox.ts sends it)
//   POST /sandbox/email/messages   {to, subject, body, template}  → 202 {messageId}  (functions/email/sandbox.ts sends it)
//   GET  /sandbox/sms?phone=…      the texts sent to that phone, newest first
//   GET  /local/messages           every captured SMS and email, newest first (?phone=, ?email=, ?receiptNumber=)
//
// Like a provider, after accepting a message it sends OneTrip a delivery receipt,
// POST {platform}/v1/callbacks/notifications/sandbox, signed with X-OneTrip-Signature under
// the county's SMS secret (the template's secret tagged onetrip:purpose=sms) and retried on
// network errors, 5xx and 409 with backoff, as the courier sandbox's callbacks are
// (sandbox-shared.ts). Without that secret it captures messages and sends no receipts.
//
// Failures, as a person or a test provokes them:
// - a phone ending 0000: the first 2 sends of each message (the same text to the phone)
//   answer 503, a temporary failure; the third is accepted;
// - a phone ending 9999: refused for good, 400 `invalid_number`;
// - an address at bounce.example: accepted, then a `failed` receipt, permanent (a bounce).
//
// Messages are received unsigned (nothing trusts what the sandbox holds) and kept in the
// data dir, with the receipts still being retried, so a restart shows and resumes them.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NOTIFICATION_CALLBACK_PATH, type SandboxReceiptCallback } from '../contracts/notification-receipts.js';
import { jsonResponse, type HttpResponse } from './api-gateway.js';
import { apiError, CallbackSender, isResponse, readState, writeState, type CallbackRecord, type FieldError } from './sandbox-shared.js';
import type { Log } from './types.js';

/** The routes, as the platform index lists them. */
export const SANDBOX_MESSAGE_ROUTES = ['POST /sandbox/sms/messages', 'GET /sandbox/sms', 'POST /sandbox/email/messages', 'GET /local/messages'];

/** Whether the gateway hands `path` to the message sandbox. */
export function isSandboxMessagePath(path: string): boolean {
  return ['/sandbox/sms', '/sandbox/email'].some((root) => path === root || path.startsWith(`${root}/`));
}

/** Where receipts go, on the platform's own URL. */
export const SANDBOX_RECEIPT_PATH = `${NOTIFICATION_CALLBACK_PATH}/sandbox`;

/** A phone ending so fails temporarily on the first {@link TEMPORARY_FAILURES} sends of each message. */
export const FAILING_PHONE_SUFFIX = '0000';
export const TEMPORARY_FAILURES = 2;
/** A phone ending so is refused for good. */
export const INVALID_PHONE_SUFFIX = '9999';
/** An address at this domain bounces. */
export const BOUNCING_DOMAIN = 'bounce.example';

export interface SandboxSms {
  channel: 'sms';
  messageId: string;
  at: string;
  phone: string;
  template: string;
  params: Record<string, unknown>;
  /** As the phone would show it. */
  text: string;
}

export interface SandboxEmail {
  channel: 'email';
  messageId: string;
  at: string;
  to: string;
  template: string;
  subject: string;
  body: string;
}

export type SandboxMessage = SandboxSms | SandboxEmail;

/** A receipt the sandbox sends, with every attempt at delivering it. */
export interface SandboxReceipt extends CallbackRecord<SandboxReceiptCallback['status']> {
  messageId: string;
}

interface SandboxMessagesState {
  messages: SandboxMessage[];
  receipts: SandboxReceipt[];
  /** Sends refused so far per failing message (`phone|template|text`). */
  failures: Record<string, number>;
}

/** A phone as OneTrip sends to it: the digits an applicant typed, or E.164. */
const PHONE = /^\+?\d{6,15}$/;
/** An address as the API accepts one: something@domain.tld, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The most messages (and receipts) kept, oldest forgotten first: a sandbox, not an archive. */
const KEPT = 1_000;

/** How long after accepting a message its receipt goes: the sender records the send first, as with a real provider. */
export const DEFAULT_RECEIPT_DELAY_MS = 200;

export interface SandboxMessagesOptions {
  /** The platform's URL; receipts go to `{baseUrl}/v1/callbacks/notifications/sandbox`. */
  baseUrl: string;
  /** The county's SMS secret, which signs the receipts; none: no receipts. */
  receiptSecret?: string;
  /** @default DEFAULT_RECEIPT_DELAY_MS */
  receiptDelayMs?: number;
  /** @default DEFAULT_RETRY_DELAYS_MS (sandbox-shared.ts) */
  retryDelaysMs?: readonly number[];
  /** Where the messages survive a restart; memory only without. */
  stateFile?: string;
  log: Log;
}

function parseBody(body: Buffer): Record<string, unknown> | HttpResponse {
  try {
    const input = JSON.parse(body.toString('utf8')) as unknown;
    if (typeof input === 'object' && input !== null && !Array.isArray(input)) return input as Record<string, unknown>;
  } catch {
    return apiError(400, 'INVALID_JSON', 'The body is not JSON');
  }
  return apiError(400, 'VALIDATION_FAILED', 'The body is not a JSON object');
}

const text = (value: unknown): value is string => typeof value === 'string' && value !== '';

export class SandboxMessages {
  private readonly state: SandboxMessagesState;
  private readonly sender: CallbackSender | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: SandboxMessagesOptions) {
    const kept = readState<Partial<SandboxMessagesState>>(options.stateFile);
    this.state = { messages: kept?.messages ?? [], receipts: kept?.receipts ?? [], failures: kept?.failures ?? {} };
    this.sender = options.receiptSecret
      ? new CallbackSender({ secret: options.receiptSecret, retryDelaysMs: options.retryDelaysMs, log: options.log, onChange: () => this.save() })
      : undefined;
  }

  /** True while a receipt waits for its moment or an attempt at it runs (`Platform.idle`). */
  get busy(): boolean {
    return this.timers.size > 0 || Boolean(this.sender?.busy);
  }

  /** After a restart: resumes the receipts still pending. */
  resume(): void {
    for (const receipt of this.state.receipts) if (receipt.outcome === 'pending') this.deliver(receipt);
  }

  /** Stops retries and timers; what is pending stays pending in the state file. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.sender?.stop();
    this.save();
  }

  /** Answers a request under /sandbox/sms or /sandbox/email. */
  async handle(request: IncomingMessage, path: string, body: Buffer): Promise<HttpResponse> {
    const method = request.method ?? 'GET';
    if (path === '/sandbox/sms/messages' || path === '/sandbox/email/messages') {
      if (method !== 'POST') return jsonResponse(405, { message: 'Method Not Allowed' });
      return path === '/sandbox/sms/messages' ? this.receiveSms(body) : this.receiveEmail(body);
    }
    if (path !== '/sandbox/sms') return jsonResponse(404, { message: 'Not Found' });
    if (method !== 'GET' && method !== 'HEAD') return jsonResponse(405, { message: 'Method Not Allowed' });
    const phone = new URL(request.url ?? '/', 'http://localhost').searchParams.get('phone') ?? '';
    if (!PHONE.test(phone)) return apiError(400, 'PHONE_REQUIRED', 'Name the phone: GET /sandbox/sms?phone=13907301234', [{ path: 'query:phone', message: 'a phone number, digits only' }]);
    return jsonResponse(200, { phone, messages: this.newestFirst().filter((m) => m.channel === 'sms' && m.phone === phone) });
  }

  /**
   * `GET /local/messages`: every message, newest first, each with its receipt; `phone` and
   * `email` keep the messages to either, `receiptNumber` those about that case.
   */
  list(query: URLSearchParams): HttpResponse {
    const phone = query.get('phone');
    const email = query.get('email')?.toLowerCase();
    const receiptNumber = query.get('receiptNumber');
    const fields: FieldError[] = [];
    if (phone !== null && !PHONE.test(phone)) fields.push({ path: 'query:phone', message: 'a phone number, digits only' });
    if (email !== undefined && !EMAIL.test(email)) fields.push({ path: 'query:email', message: 'an email address' });
    if (receiptNumber !== null && receiptNumber.trim() === '') fields.push({ path: 'query:receiptNumber', message: 'a receipt number' });
    if (fields.length > 0) return apiError(400, 'VALIDATION_FAILED', 'The filters are not valid', fields);
    const addressed = (m: SandboxMessage) => (phone === null && email === undefined) || (m.channel === 'sms' ? m.phone === phone : m.to.toLowerCase() === email);
    const about = (m: SandboxMessage) =>
      receiptNumber === null || (m.channel === 'sms' ? m.params.receiptNumber === receiptNumber || m.text.includes(receiptNumber) : `${m.subject}\n${m.body}`.includes(receiptNumber));
    const messages = this.newestFirst()
      .filter((m) => addressed(m) && about(m))
      .map((m) => {
        const receipt = this.state.receipts.find((r) => r.messageId === m.messageId);
        return { ...m, ...(receipt ? { receipt: { status: receipt.status, outcome: receipt.outcome, attempts: receipt.attempts.length } } : {}) };
      });
    return jsonResponse(200, { messages });
  }

  private newestFirst(): SandboxMessage[] {
    return [...this.state.messages].reverse();
  }

  private receiveSms(body: Buffer): HttpResponse {
    const input = parseBody(body);
    if (isResponse(input)) return input;
    const { phone, template, params, text: smsText } = input;
    if (typeof phone !== 'string' || !PHONE.test(phone) || !text(template) || !text(smsText) || typeof params !== 'object' || params === null || Array.isArray(params)) {
      return apiError(400, 'VALIDATION_FAILED', 'A message is {phone, template, params, text}');
    }
    if (phone.endsWith(INVALID_PHONE_SUFFIX)) {
      this.options.log(`sandbox sms: refused ${template} to ${phone}: invalid number`);
      return apiError(400, 'invalid_number', `${phone} is not a number a carrier can deliver to (the sandbox refuses phones ending ${INVALID_PHONE_SUFFIX})`);
    }
    if (phone.endsWith(FAILING_PHONE_SUFFIX)) {
      const key = `${phone}|${template}|${smsText}`;
      const refused = this.state.failures[key] ?? 0;
      if (refused < TEMPORARY_FAILURES) {
        this.state.failures[key] = refused + 1;
        this.save();
        this.options.log(`sandbox sms: ${template} to ${phone}: temporary failure ${refused + 1} of ${TEMPORARY_FAILURES}`);
        return apiError(503, 'TEMPORARILY_UNAVAILABLE', `The carrier is not answering (the sandbox fails phones ending ${FAILING_PHONE_SUFFIX} ${TEMPORARY_FAILURES} times per message)`);
      }
    }
    const message: SandboxSms = { channel: 'sms', messageId: randomUUID(), at: new Date().toISOString(), phone, template, params: params as Record<string, unknown>, text: smsText };
    return this.accept(message, { status: 'delivered', permanent: false }, `${template} to ${phone}`);
  }

  private receiveEmail(body: Buffer): HttpResponse {
    const input = parseBody(body);
    if (isResponse(input)) return input;
    const { to, subject, body: emailBody, template } = input;
    if (typeof to !== 'string' || !EMAIL.test(to) || !text(subject) || !text(emailBody) || !text(template)) {
      return apiError(400, 'VALIDATION_FAILED', 'A message is {to, subject, body, template}');
    }
    const message: SandboxEmail = { channel: 'email', messageId: randomUUID(), at: new Date().toISOString(), to, template, subject, body: emailBody };
    const bounces = to.toLowerCase().endsWith(`@${BOUNCING_DOMAIN}`);
    const outcome = bounces ? { status: 'failed' as const, permanent: true, detail: 'bounce: Permanent/General: the mailbox does not exist' } : { status: 'delivered' as const, permanent: false };
    return this.accept(message, outcome, `${template} to ${to}`);
  }

  /** Keeps the message, answers 202 and sends its receipt shortly after. */
  private accept(message: SandboxMessage, outcome: Pick<SandboxReceiptCallback, 'status' | 'permanent' | 'detail'>, about: string): HttpResponse {
    this.state.messages.push(message);
    this.state.messages.splice(0, Math.max(0, this.state.messages.length - KEPT));
    this.save();
    this.options.log(`sandbox ${message.channel}: ${about}`);
    if (this.sender) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.sendReceipt(message, outcome);
      }, this.options.receiptDelayMs ?? DEFAULT_RECEIPT_DELAY_MS);
      this.timers.add(timer);
    }
    return jsonResponse(202, { messageId: message.messageId });
  }

  private sendReceipt(message: SandboxMessage, outcome: Pick<SandboxReceiptCallback, 'status' | 'permanent' | 'detail'>): void {
    const body: SandboxReceiptCallback = { eventId: randomUUID(), messageId: message.messageId, channel: message.channel, ...outcome, at: new Date().toISOString() };
    const receipt: SandboxReceipt = { eventId: body.eventId, messageId: message.messageId, status: body.status, url: `${this.options.baseUrl}${SANDBOX_RECEIPT_PATH}`, rawBody: JSON.stringify(body), attempts: [], outcome: 'pending' };
    this.state.receipts.push(receipt);
    const settled = (r: SandboxReceipt) => r.outcome !== 'pending';
    // Forget the oldest settled receipts beyond the limit; pending ones are still being delivered.
    while (this.state.receipts.length > KEPT && this.state.receipts.some(settled)) this.state.receipts.splice(this.state.receipts.findIndex(settled), 1);
    this.save();
    this.deliver(receipt);
  }

  private deliver(receipt: SandboxReceipt): void {
    this.sender?.deliver(receipt, `sandbox receipt ${receipt.status} for message ${receipt.messageId}`);
  }

  private save(): void {
    writeState(this.options.stateFile, this.state);
  }
}
