// The SMS sandbox, served by the local HTTP gateway under /sandbox/sms: what a carrier's SMS
// gateway does for OneTrip (deliver a text to a phone), simulated so that the certificate
// library's one-time code can be read without a phone — by the tests, the README
// walk-through, and a person trying `npm start`.
//
//   POST /sandbox/sms/messages   {phone, template, params, text} → 202 {messageId}   (functions/sms/sandbox.ts sends it)
//   GET  /sandbox/sms?phone=…    the messages sent to that phone, newest first
//
// Unsigned and local only: it keeps what it is given, and nothing trusts what it holds.
// Messages are kept in the data dir, so a restart still shows them.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { jsonResponse, type HttpResponse } from './api-gateway.js';
import { apiError, readState, writeState } from './sandbox-shared.js';
import type { Log } from './types.js';

/** The routes, as the platform index lists them. */
export const SANDBOX_SMS_ROUTES = ['POST /sandbox/sms/messages', 'GET /sandbox/sms'];

/** Whether the gateway hands `path` to the SMS sandbox. */
export function isSandboxSmsPath(path: string): boolean {
  return path === '/sandbox/sms' || path.startsWith('/sandbox/sms/');
}

/** What the sandbox keeps of a message. */
export interface SandboxSms {
  messageId: string;
  at: string;
  phone: string;
  template: string;
  params: Record<string, unknown>;
  /** As the phone would show it. */
  text: string;
}

/** A phone as OneTrip sends to it: the digits an applicant typed, or E.164. */
const PHONE = /^\+?\d{6,15}$/;

/** The most messages kept, oldest forgotten first: a sandbox, not an archive. */
const KEPT = 1_000;

export interface SandboxSmsOptions {
  /** Where the messages survive a restart; memory only without. */
  stateFile?: string;
  log: Log;
}

export class SandboxSmsGateway {
  private readonly messages: SandboxSms[];

  constructor(private readonly options: SandboxSmsOptions) {
    this.messages = readState<{ messages: SandboxSms[] }>(options.stateFile)?.messages ?? [];
  }

  async handle(request: IncomingMessage, path: string, body: Buffer): Promise<HttpResponse> {
    const method = request.method ?? 'GET';
    if (path === '/sandbox/sms/messages') return method === 'POST' ? this.receive(body) : jsonResponse(405, { message: 'Method Not Allowed' });
    if (path !== '/sandbox/sms') return jsonResponse(404, { message: 'Not Found' });
    if (method !== 'GET' && method !== 'HEAD') return jsonResponse(405, { message: 'Method Not Allowed' });
    const phone = new URL(request.url ?? '/', 'http://localhost').searchParams.get('phone') ?? '';
    if (!PHONE.test(phone)) return apiError(400, 'PHONE_REQUIRED', 'Name the phone: GET /sandbox/sms?phone=13907301234', [{ path: 'query:phone', message: 'a phone number, digits only' }]);
    return jsonResponse(200, { phone, messages: this.messages.filter((m) => m.phone === phone).reverse() });
  }

  private receive(body: Buffer): HttpResponse {
    let input: Partial<SandboxSms>;
    try {
      input = JSON.parse(body.toString('utf8')) as Partial<SandboxSms>;
    } catch {
      return apiError(400, 'INVALID_JSON', 'The body is not JSON');
    }
    const { phone, template, params, text } = input;
    if (typeof phone !== 'string' || !PHONE.test(phone) || typeof template !== 'string' || typeof text !== 'string' || typeof params !== 'object' || params === null) {
      return apiError(400, 'VALIDATION_FAILED', 'A message is {phone, template, params, text}');
    }
    const message: SandboxSms = { messageId: randomUUID(), at: new Date().toISOString(), phone, template, params, text };
    this.messages.push(message);
    this.messages.splice(0, Math.max(0, this.messages.length - KEPT));
    writeState(this.options.stateFile, { messages: this.messages });
    this.options.log(`sandbox sms: ${template} to ${phone}`);
    return jsonResponse(202, { messageId: message.messageId });
  }
}
