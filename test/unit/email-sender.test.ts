/**
 * The email adapters (functions/email/): SES against a stand-in client, the sandbox sender
 * against a small HTTP server standing in for the local message sandbox, and the factory.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ConfigurationError } from '../../functions/domain/errors.js';
import { emailSender, type EmailMessage } from '../../functions/email/index.js';
import { SandboxEmailSender } from '../../functions/email/sandbox.js';
import { SesEmailSender } from '../../functions/email/ses.js';

let server: Server;
let root: string;
let status = 202;
let received: { url?: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ url: request.url, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(status === 202 ? { messageId: 'e-1' } : { error: { code: 'X' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox/email`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  vi.unstubAllEnvs();
  received = [];
  status = 202;
});

const message: EmailMessage = { to: 'li.na@example.com', subject: '申请已受理', body: '您的申请 YY20261208000123 已受理。', template: 'accepted' };

describe('the email senders', () => {
  it('send through SES v2 from the county identity and its configuration set, answering the MessageId', async () => {
    // Prepare
    const sent: SendEmailCommand[] = [];
    const client = { send: vi.fn(async (command: SendEmailCommand) => (sent.push(command), { MessageId: 'ses-1' })) };
    const sender = new SesEmailSender({ from: 'notify@yueyang.gov.cn', configurationSet: 'onetrip-notifications', client: client as never });

    // Act
    const answered = await sender.send(message);
    client.send.mockRejectedValueOnce(Object.assign(new Error('Email address is not verified'), { name: 'MessageRejected', $metadata: { httpStatusCode: 400 } }));
    const rejected = await sender.send(message).catch((e: unknown) => e);
    client.send.mockRejectedValueOnce(Object.assign(new Error('Maximum sending rate exceeded'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } }));
    const throttled = await sender.send(message).catch((e: unknown) => e);

    // Assess
    expect(answered).toEqual({ providerMessageId: 'ses-1' });
    expect(sent[0]!.input).toEqual({
      FromEmailAddress: 'notify@yueyang.gov.cn',
      Destination: { ToAddresses: ['li.na@example.com'] },
      Content: { Simple: { Subject: { Data: '申请已受理', Charset: 'UTF-8' }, Body: { Text: { Data: message.body, Charset: 'UTF-8' } } } },
      ConfigurationSetName: 'onetrip-notifications',
      EmailTags: [{ Name: 'template', Value: 'accepted' }],
    });
    expect(rejected).toMatchObject({ name: 'MessageSendError', permanent: true, status: 400 });
    expect(throttled).toMatchObject({ name: 'MessageSendError', permanent: false, status: 429 });
  });

  it('post to the sandbox at {root}/messages, answering its message id; a 5xx is temporary', async () => {
    const sent = await new SandboxEmailSender({ url: root }).send(message);
    status = 500;
    const failed = await new SandboxEmailSender({ url: root }).send(message).catch((e: unknown) => e);

    expect(sent).toEqual({ providerMessageId: 'e-1' });
    expect(received[0]!.url).toBe('/sandbox/email/messages');
    expect(JSON.parse(received[0]!.body)).toEqual(message);
    expect(failed).toMatchObject({ name: 'MessageSendError', permanent: false, status: 500 });
  });

  it('are chosen by EMAIL_PROVIDER, failing loudly on a missing or unknown setting', () => {
    expect(() => emailSender()).toThrow(ConfigurationError);
    vi.stubEnv('EMAIL_PROVIDER', 'sandbox');
    vi.stubEnv('EMAIL_PROVIDER_URL', root);
    expect(emailSender().name).toBe('sandbox');
    vi.stubEnv('EMAIL_PROVIDER', 'ses');
    expect(() => emailSender()).toThrow(/EMAIL_FROM/);
    vi.stubEnv('EMAIL_FROM', 'notify@yueyang.gov.cn');
    expect(emailSender().name).toBe('ses');
    vi.stubEnv('EMAIL_PROVIDER', 'pigeon');
    expect(() => emailSender()).toThrow(/Unknown EMAIL_PROVIDER "pigeon"/);
  });
});
