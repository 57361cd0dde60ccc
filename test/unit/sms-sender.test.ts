/**
 * The SMS adapters (functions/sms/): the sandbox sender against a small HTTP server standing
 * in for the local SMS sandbox, End User Messaging SMS against a stand-in client, and the
 * factory's configuration.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { ConfigurationError } from '../../functions/domain/errors.js';
import { EndUserMessagingSmsSender } from '../../functions/sms/end-user-messaging.js';
import { smsSender, SmsSenderError, smsText } from '../../functions/sms/index.js';
import { SandboxSmsSender } from '../../functions/sms/sandbox.js';

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
      response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox/sms`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  vi.unstubAllEnvs();
  received = [];
  status = 202;
});

const message = { phone: '13807305678', template: 'library_code' as const, params: { code: '042137', minutes: 10 } };

describe('the SMS senders', () => {
  it('word the library code in Chinese, with the signature carriers require', () => {
    expect(smsText(message)).toBe('【岳阳政务服务】您正在使用证照库，验证码042137，10分钟内有效。请勿告诉他人；如非本人操作，请忽略本短信。');
  });

  it('post to the sandbox at {root}/messages, and throw SmsSenderError when it refuses or is away', async () => {
    // Act
    await new SandboxSmsSender({ url: `${root}/` }).send(message);
    status = 500;
    const refused = new SandboxSmsSender({ url: root }).send(message);

    // Assess
    expect(received[0]!.url).toBe('/sandbox/sms/messages');
    expect(JSON.parse(received[0]!.body)).toEqual({ ...message, text: smsText(message) });
    await expect(refused).rejects.toThrow(SmsSenderError);
    await expect(new SandboxSmsSender({ url: 'http://127.0.0.1:9/sandbox/sms', timeoutMs: 500 }).send(message)).rejects.toThrow(SmsSenderError);
  });

  it('send through End User Messaging SMS from the origination identity, in E.164, as a transactional message', async () => {
    // Prepare
    const sent: SendTextMessageCommand[] = [];
    const client = { send: vi.fn(async (command: SendTextMessageCommand) => void sent.push(command)) };
    const identity = 'arn:aws:sms-voice:cn-north-1:111122223333:phone-number/phone-1';

    // Act
    await new EndUserMessagingSmsSender({ originationIdentity: identity, client: client as never }).send(message);
    client.send.mockRejectedValueOnce(Object.assign(new Error('Throttled'), { $metadata: { httpStatusCode: 429 } }));
    const refused = new EndUserMessagingSmsSender({ originationIdentity: identity, client: client as never }).send(message);

    // Assess
    expect(sent[0]!.input).toEqual({ DestinationPhoneNumber: '+8613807305678', OriginationIdentity: identity, MessageBody: smsText(message), MessageType: 'TRANSACTIONAL' });
    await expect(refused).rejects.toMatchObject({ name: 'SmsSenderError', status: 429 });
  });

  it('are chosen by SMS_PROVIDER, failing loudly on a missing or unknown setting', () => {
    vi.stubEnv('SMS_PROVIDER', 'sandbox');
    vi.stubEnv('SMS_PROVIDER_URL', root);
    expect(smsSender().name).toBe('sandbox');
    vi.stubEnv('SMS_PROVIDER', 'end-user-messaging');
    expect(() => smsSender()).toThrow(ConfigurationError);
    vi.stubEnv('SMS_ORIGINATION_IDENTITY', 'arn:aws:sms-voice:cn-north-1:111122223333:pool/pool-1');
    expect(smsSender().name).toBe('end-user-messaging');
    vi.stubEnv('SMS_PROVIDER', 'carrier-pigeon');
    expect(() => smsSender()).toThrow(/Unknown SMS_PROVIDER "carrier-pigeon"/);
  });
});
