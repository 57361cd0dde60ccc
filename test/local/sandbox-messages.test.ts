// The message sandbox of the local runtime: it keeps what the sandbox SMS and email senders
// post, lists it (GET /sandbox/sms, GET /local/messages) across a restart, fails as it
// documents (phones ending 0000 and 9999, addresses at bounce.example), and sends a signed
// delivery receipt for each message it accepts. The receipt route itself is OneTrip's; these
// tests read what the sandbox sent, whatever the receiver answered.
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MessageSendError } from '../../functions/lambda/message-send-error.js';
import { SandboxEmailSender } from '../../functions/email/sandbox.js';
import { readReceiptCallback } from '../../functions/sms/receipts.js';
import { SandboxSmsSender } from '../../functions/sms/sandbox.js';
import { SANDBOX_RECEIPT_PATH, SandboxMessages } from '../../local/sandbox-messages.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { startCallbackReceiver, type CallbackReceiver } from '../support/sandbox.js';

const dir = mkdtempSync(join(tmpdir(), 'onetrip-messages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = 'sms-secret';
const request = (method: string, url: string) => ({ method, url, headers: {} }) as IncomingMessage;
const json = (response: { body: Buffer }) => JSON.parse(response.body.toString('utf8')) as any;
const sms = (phone: string, text: string, receiptNumber = 'YY20261208000123') =>
  Buffer.from(JSON.stringify({ phone, template: 'accepted', params: { receiptNumber, item: '食品经营许可', promisedDate: '2026年12月18日' }, text }));
const post = (sandbox: SandboxMessages, path: string, body: Buffer) => sandbox.handle(request('POST', path), path, body);
const list = (sandbox: SandboxMessages, query = '') => json(sandbox.list(new URLSearchParams(query)));

describe('the message sandbox', () => {
  let receiver: CallbackReceiver;
  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    return () => receiver.close();
  });

  it('lists what was sent, newest first, filtered by phone, email or receipt number, and still after a restart', async () => {
    // Prepare
    const stateFile = join(dir, 'sandbox-messages.json');
    const first = new SandboxMessages({ baseUrl: receiver.url, stateFile, log: () => {} });

    // Act
    const sent = [
      await post(first, '/sandbox/sms/messages', sms('13807305678', '【岳阳政务服务】YY20261208000123 已受理')),
      await post(first, '/sandbox/sms/messages', sms('13907301234', '【岳阳政务服务】YY20261208000999 已受理', 'YY20261208000999')),
      await post(first, '/sandbox/email/messages', Buffer.from(JSON.stringify({ to: 'Li.Na@example.com', subject: '申请已受理', body: '您的申请 YY20261208000123 已受理。', template: 'accepted' }))),
    ];
    await first.stop();
    const restarted = new SandboxMessages({ baseUrl: receiver.url, stateFile, log: () => {} });
    const phone = await restarted.handle(request('GET', '/sandbox/sms?phone=13807305678'), '/sandbox/sms', Buffer.alloc(0));

    // Assess
    expect(sent.map((r) => r.statusCode)).toEqual([202, 202, 202]);
    expect(list(restarted).messages.map((m: any) => m.channel)).toEqual(['email', 'sms', 'sms']);
    expect(list(restarted, 'phone=13807305678').messages.map((m: any) => m.phone)).toEqual(['13807305678']);
    expect(list(restarted, 'email=li.na@example.com').messages.map((m: any) => m.subject)).toEqual(['申请已受理']);
    expect(list(restarted, 'phone=13807305678&email=li.na@example.com').messages).toHaveLength(2);
    expect(list(restarted, 'receiptNumber=YY20261208000123').messages.map((m: any) => m.channel)).toEqual(['email', 'sms']);
    expect(json(phone).messages.map((m: any) => m.messageId)).toEqual([json(sent[0]!).messageId]);
    // Without the SMS secret: no receipts at all.
    expect(receiver.received).toEqual([]);
    expect(list(restarted).messages[0].receipt).toBeUndefined();
  });

  it('refuses a listing or a message that is not one, naming the problem', async () => {
    const sandbox = new SandboxMessages({ baseUrl: receiver.url, log: () => {} });
    const noPhone = await sandbox.handle(request('GET', '/sandbox/sms'), '/sandbox/sms', Buffer.alloc(0));
    const notJson = await post(sandbox, '/sandbox/sms/messages', Buffer.from('{'));
    const noText = await post(sandbox, '/sandbox/sms/messages', Buffer.from(JSON.stringify({ phone: '13807305678', template: 'x', params: {} })));
    const noAddress = await post(sandbox, '/sandbox/email/messages', Buffer.from(JSON.stringify({ to: 'nobody', subject: 's', body: 'b', template: 'x' })));
    const badFilter = sandbox.list(new URLSearchParams('phone=abc&email=x'));
    expect([noPhone.statusCode, json(noPhone).error.code]).toEqual([400, 'PHONE_REQUIRED']);
    expect([notJson.statusCode, json(notJson).error.code]).toEqual([400, 'INVALID_JSON']);
    expect([noText.statusCode, json(noText).error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect([noAddress.statusCode, json(noAddress).error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect([badFilter.statusCode, json(badFilter).error.fields.map((f: any) => f.path)]).toEqual([400, ['query:phone', 'query:email']]);
  });

  it('sends each accepted message a receipt signed with the SMS secret, which OneTrip reads; a bounce fails for good', async () => {
    // Prepare
    receiver.answer([200]);
    const sandbox = new SandboxMessages({ baseUrl: receiver.url, receiptSecret: SECRET, receiptDelayMs: 0, log: () => {} });

    try {
      // Act
      const text = json(await post(sandbox, '/sandbox/sms/messages', sms('13807305678', '【岳阳政务服务】已受理')));
      const mail = json(await post(sandbox, '/sandbox/email/messages', Buffer.from(JSON.stringify({ to: 'wang@bounce.example', subject: '已受理', body: '已受理', template: 'accepted' }))));
      await vi.waitFor(() => expect(list(sandbox).messages.map((m: any) => m.receipt?.outcome)).toEqual(['delivered', 'delivered']), { timeout: 5_000, interval: 10 });

      // Assess
      const receipts = receiver.received.flatMap(({ signature, body }) => readReceiptCallback('sandbox', { 'x-onetrip-signature': signature }, body, SECRET));
      expect(receipts).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ provider: 'sandbox', providerMessageId: text.messageId, status: 'delivered', permanent: false }),
          expect.objectContaining({ provider: 'sandbox', providerMessageId: mail.messageId, status: 'failed', permanent: true, detail: expect.stringContaining('bounce') }),
        ]),
      );
      expect(receipts).toHaveLength(2);
      expect(() => readReceiptCallback('sandbox', { 'x-onetrip-signature': receiver.received[0]!.signature }, receiver.received[0]!.body, 'another-secret')).toThrow(
        expect.objectContaining({ code: 'BAD_SIGNATURE' }),
      );
    } finally {
      await sandbox.stop();
    }
  });

  it('retries a receipt OneTrip answers 409 or 5xx, and gives up on one it refuses (a 404 before the route exists)', async () => {
    receiver.answer([409, 503, 200]);
    const sandbox = new SandboxMessages({ baseUrl: receiver.url, receiptSecret: SECRET, receiptDelayMs: 0, retryDelaysMs: [5, 5, 5], log: () => {} });
    try {
      await post(sandbox, '/sandbox/sms/messages', sms('13807305678', 'retried'));
      await vi.waitFor(() => expect(list(sandbox).messages[0].receipt).toEqual({ status: 'delivered', outcome: 'delivered', attempts: 3 }), { timeout: 5_000, interval: 10 });
      receiver.answer([404]);
      await post(sandbox, '/sandbox/sms/messages', sms('13807305678', 'refused'));
      await vi.waitFor(() => expect(list(sandbox).messages[0].receipt).toEqual({ status: 'delivered', outcome: 'refused', attempts: 1 }), { timeout: 5_000, interval: 10 });
      expect(receiver.received.every(({ body }) => body.includes('"messageId"'))).toBe(true);
      expect(SANDBOX_RECEIPT_PATH).toBe('/v1/callbacks/notifications/sandbox');
    } finally {
      await sandbox.stop();
    }
  });

  it('fails a phone ending 0000 twice per message (temporary) and refuses one ending 9999 (permanent), as the senders tell', async () => {
    // Prepare: the senders against the sandbox, as the functions reach it through the gateway.
    const sandbox = new SandboxMessages({ baseUrl: receiver.url, log: () => {} });
    const fetchSandbox: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      const answer = await sandbox.handle(request('POST', url.pathname), url.pathname, Buffer.from(String(init?.body)));
      return new Response(new Uint8Array(answer.body), { status: answer.statusCode });
    };
    const sender = new SandboxSmsSender({ url: 'http://sandbox.test/sandbox/sms', fetch: fetchSandbox });
    const message = { phone: '13800000000', template: 'accepted', params: { receiptNumber: 'YY1' }, text: '已受理 YY1' };

    // Act
    const tries = [];
    for (let i = 0; i < 3; i += 1) tries.push(await sender.send(message).catch((e: unknown) => e));
    const another = await sender.send({ ...message, text: '已受理 YY2' }).catch((e: unknown) => e);
    const invalid = await sender.send({ ...message, phone: '13800009999' }).catch((e: unknown) => e);
    const email = await new SandboxEmailSender({ url: 'http://sandbox.test/sandbox/email', fetch: fetchSandbox }).send({ to: 'li@example.com', subject: 's', body: 'b', template: 'accepted' });

    // Assess
    expect(tries.slice(0, 2)).toEqual([expect.objectContaining({ status: 503, permanent: false }), expect.objectContaining({ status: 503, permanent: false })]);
    expect(tries[0]).toBeInstanceOf(MessageSendError);
    expect(tries[2]).toEqual({ providerMessageId: expect.any(String) });
    expect(another).toMatchObject({ status: 503, permanent: false });
    expect(invalid).toMatchObject({ status: 400, permanent: true, message: expect.stringContaining('invalid_number') });
    expect(email).toEqual({ providerMessageId: expect.any(String) });
    expect(list(sandbox, 'phone=13800000000').messages.map((m: any) => m.text)).toEqual(['已受理 YY1']);
    await sandbox.stop();
  });
});

describe('the message sandbox in the local runtime', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform('430600');
    return () => t.stop();
  });

  it('is listed in the index and serves both senders and GET /local/messages through the gateway', async () => {
    // Act
    const index = (await t.api.get('/local/index')).body;
    const text = await t.api.post('/sandbox/sms/messages', { phone: '13907301234', template: 'accepted', params: { receiptNumber: 'YY20261208000777' }, text: '【岳阳政务服务】YY20261208000777 已受理' });
    const mail = await t.api.post('/sandbox/email/messages', { to: 'li.na@example.com', subject: 'YY20261208000777 已受理', body: '已受理', template: 'accepted' });
    const listed = await t.api.get('/local/messages?receiptNumber=YY20261208000777');
    const refused = await t.api.get('/local/messages?phone=abc');

    // Assess
    expect(index.local).toEqual(expect.arrayContaining(['GET /local/messages', 'POST /sandbox/sms/messages', 'POST /sandbox/email/messages', 'GET /sandbox/sms']));
    expect([text.status, mail.status]).toEqual([202, 202]);
    expect(listed.status).toBe(200);
    expect(listed.body.messages.map((m: any) => [m.channel, m.messageId])).toEqual([
      ['email', mail.body.messageId],
      ['sms', text.body.messageId],
    ]);
    expect([refused.status, refused.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
