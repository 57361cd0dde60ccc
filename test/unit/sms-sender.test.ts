/**
 * The SMS adapters (functions/sms/): the sandbox sender against a small HTTP server standing
 * in for the local message sandbox, End User Messaging SMS against a stand-in client, the
 * Tencent Cloud SMS gateway against the same server and its TC3 signature against Tencent's
 * documented example, and the factory's configuration.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { ConfigurationError } from '../../functions/domain/errors.js';
import { EndUserMessagingSmsSender } from '../../functions/sms/end-user-messaging.js';
import { GatewaySmsSender, type GatewaySecret } from '../../functions/sms/gateway.js';
import { MessageSendError, placeholderOrder, smsSender, smsText, type SmsMessage } from '../../functions/sms/index.js';
import { SandboxSmsSender } from '../../functions/sms/sandbox.js';
import { tc3Sign } from '../../functions/sms/tc3-signature.js';

let server: Server;
let root: string;
let status = 202;
let answer: unknown = { messageId: 'm-1' };
let received: { url?: string; headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  vi.unstubAllEnvs();
  received = [];
  status = 202;
  answer = { messageId: 'm-1' };
});

const params = { code: '042137', minutes: '10' };
const message: SmsMessage = { phone: '13807305678', template: 'library_code', params, text: smsText(params) };
const accepted: SmsMessage = {
  phone: '13807305678',
  template: 'accepted',
  params: { item: '食品经营许可', receiptNumber: 'YY20261208000123', promisedDate: '2026年12月18日' },
  text: '【岳阳政务服务】您的申请YY20261208000123已受理',
};

describe('the SMS senders', () => {
  it('word the library code in Chinese, with the signature carriers require', () => {
    expect(smsText(params)).toBe('【岳阳政务服务】您正在使用证照库，验证码042137，10分钟内有效。请勿告诉他人；如非本人操作，请忽略本短信。');
  });

  it('post to the sandbox at {root}/messages and answer its message id; a 503 is temporary, a 400 permanent, no answer temporary', async () => {
    // Act
    const sent = await new SandboxSmsSender({ url: `${root}/sandbox/sms/` }).send(message);
    status = 503;
    const unavailable = await new SandboxSmsSender({ url: `${root}/sandbox/sms` }).send(message).catch((e: unknown) => e);
    status = 400;
    const refused = await new SandboxSmsSender({ url: `${root}/sandbox/sms` }).send(message).catch((e: unknown) => e);
    const away = await new SandboxSmsSender({ url: 'http://127.0.0.1:9/sandbox/sms', timeoutMs: 500 }).send(message).catch((e: unknown) => e);

    // Assess
    expect(sent).toEqual({ providerMessageId: 'm-1' });
    expect(received[0]!.url).toBe('/sandbox/sms/messages');
    expect(JSON.parse(received[0]!.body)).toEqual(message);
    expect(unavailable).toMatchObject({ name: 'MessageSendError', status: 503, permanent: false });
    expect(refused).toMatchObject({ name: 'MessageSendError', status: 400, permanent: true, code: 'MESSAGE_REFUSED', kind: 'unprocessable' });
    expect(unavailable).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', kind: 'unavailable' });
    expect(away).toMatchObject({ name: 'MessageSendError', permanent: false });
    expect(away).toBeInstanceOf(MessageSendError);
  });

  it('send through End User Messaging SMS from the origination identity, in E.164, as a transactional message, answering its MessageId', async () => {
    // Prepare
    const sent: SendTextMessageCommand[] = [];
    const client = { send: vi.fn(async (command: SendTextMessageCommand) => (sent.push(command), { MessageId: 'eum-1' })) };
    const identity = 'arn:aws:sms-voice:cn-north-1:111122223333:phone-number/phone-1';
    const sender = new EndUserMessagingSmsSender({ originationIdentity: identity, client: client as never });

    // Act
    const answered = await sender.send(message);
    client.send.mockRejectedValueOnce(Object.assign(new Error('Throttled'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } }));
    const throttled = await sender.send(message).catch((e: unknown) => e);
    client.send.mockRejectedValueOnce(Object.assign(new Error('Invalid destination'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }));
    const invalid = await sender.send(message).catch((e: unknown) => e);

    // Assess
    expect(answered).toEqual({ providerMessageId: 'eum-1' });
    expect(sent[0]!.input).toEqual({ DestinationPhoneNumber: '+8613807305678', OriginationIdentity: identity, MessageBody: message.text, MessageType: 'TRANSACTIONAL' });
    expect(throttled).toMatchObject({ name: 'MessageSendError', status: 429, permanent: false });
    expect(invalid).toMatchObject({ name: 'MessageSendError', status: 400, permanent: true });
  });

  it('are chosen by SMS_PROVIDER, failing loudly on a missing or unknown setting', () => {
    vi.stubEnv('SMS_PROVIDER', 'sandbox');
    vi.stubEnv('SMS_PROVIDER_URL', root);
    expect(smsSender().name).toBe('sandbox');
    vi.stubEnv('SMS_PROVIDER', 'end-user-messaging');
    expect(() => smsSender()).toThrow(ConfigurationError);
    vi.stubEnv('SMS_ORIGINATION_IDENTITY', 'arn:aws:sms-voice:cn-north-1:111122223333:pool/pool-1');
    expect(smsSender().name).toBe('end-user-messaging');
    vi.stubEnv('SMS_PROVIDER', 'gateway');
    expect(() => smsSender()).toThrow(/SMS_SECRET_ARN/);
    vi.stubEnv('SMS_SECRET_ARN', 'arn:aws:secretsmanager:cn-north-1:111122223333:secret:sms');
    expect(smsSender().name).toBe('gateway');
    vi.stubEnv('SMS_PROVIDER', 'carrier-pigeon');
    expect(() => smsSender()).toThrow(/Unknown SMS_PROVIDER "carrier-pigeon"/);
  });
});

describe('the SMS gateway (Tencent Cloud SMS SendSms)', () => {
  const secret: GatewaySecret = {
    secretId: 'AKIDEXAMPLE',
    secretKey: 'sk-example',
    smsSdkAppId: '1400000001',
    signName: '岳阳政务服务',
    templateIds: { accepted: '2000011', library_code: '2000001' },
    callbackKey: 'callback-key',
  };
  const gateway = (over: Partial<GatewaySecret> = {}) =>
    new GatewaySmsSender({ secret: async () => JSON.stringify({ ...secret, ...over }), url: root, nowSeconds: () => 1_765_000_000 });
  const ok = { Response: { SendStatusSet: [{ SerialNo: '2645:3370614820717022960', PhoneNumber: '+8613807305678', Code: 'Ok', Message: 'send success' }], RequestId: 'r-1' } };

  it('signs requests the way Tencent documents (TC3-HMAC-SHA256, its own worked example)', () => {
    // Tencent Cloud API 3.0, "Signature v3": DescribeInstances on cvm at 1551113065.
    const signed = tc3Sign({
      secretId: 'AKID**********************0123456789EXAMPLE',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      contentType: 'application/json; charset=utf-8',
      payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
      timestamp: 1551113065,
    });
    expect(signed.hashedPayload).toBe('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
    expect(signed.canonicalRequest).toBe('POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
    expect(signed.stringToSign).toBe('TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031');
    expect(signed.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKID**********************0123456789EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  it('sends the approved template id with the params in the placeholder order, signed, and answers the SerialNo', async () => {
    // Prepare
    status = 200;
    answer = ok;

    // Act
    const sent = await gateway().send(accepted);

    // Assess
    const request = received[0]!;
    const body = JSON.parse(request.body);
    expect(sent).toEqual({ providerMessageId: '2645:3370614820717022960' });
    expect(placeholderOrder('accepted')).toEqual(['receiptNumber', 'item', 'promisedDate']);
    expect(body).toEqual({
      PhoneNumberSet: ['+8613807305678'],
      SmsSdkAppId: '1400000001',
      SignName: '岳阳政务服务',
      TemplateId: '2000011',
      TemplateParamSet: ['YY20261208000123', '食品经营许可', '2026年12月18日'],
    });
    expect(request.headers).toMatchObject({ 'x-tc-action': 'SendSms', 'x-tc-version': '2021-01-11', 'x-tc-timestamp': '1765000000', 'x-tc-region': 'ap-guangzhou' });
    const host = new URL(root).host;
    const expected = tc3Sign({ ...secret, service: 'sms', host, contentType: 'application/json; charset=utf-8', payload: request.body, timestamp: 1_765_000_000 });
    expect(request.headers.authorization).toBe(expected.authorization);
    expect(request.headers.authorization).toContain('Credential=AKIDEXAMPLE/2025-12-06/sms/tc3_request');
  });

  it('tells a refused number or template (permanent) from a limit or an outage (temporary)', async () => {
    status = 200;
    answer = { Response: { SendStatusSet: [{ SerialNo: '', Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: 'incorrect number' }], RequestId: 'r-2' } };
    const invalid = await gateway().send(accepted).catch((e: unknown) => e);
    answer = { Response: { SendStatusSet: [{ SerialNo: '', Code: 'LimitExceeded.PhoneNumberDailyLimit', Message: 'daily limit' }], RequestId: 'r-3' } };
    const limited = await gateway().send(accepted).catch((e: unknown) => e);
    answer = { Response: { Error: { Code: 'FailedOperation.TemplateIncorrectOrUnapproved', Message: 'template not approved' }, RequestId: 'r-4' } };
    const unapproved = await gateway().send(accepted).catch((e: unknown) => e);
    status = 502;
    const outage = await gateway().send(accepted).catch((e: unknown) => e);
    const noTemplate = await gateway({ templateIds: {} }).send(accepted).catch((e: unknown) => e);

    expect(invalid).toMatchObject({ name: 'MessageSendError', permanent: true, message: expect.stringContaining('IncorrectPhoneNumber') });
    expect(limited).toMatchObject({ permanent: false, message: expect.stringContaining('PhoneNumberDailyLimit') });
    expect(unapproved).toMatchObject({ permanent: true });
    expect(outage).toMatchObject({ permanent: false, status: 502 });
    expect(noTemplate).toMatchObject({ permanent: true, message: expect.stringContaining('no approved template id') });
  });

  it('refuses a secret that is not the gateway JSON', async () => {
    const sender = new GatewaySmsSender({ secret: async () => 'plain-random-value', url: root });
    await expect(sender.send(accepted)).rejects.toThrow(ConfigurationError);
    const partial = new GatewaySmsSender({ secret: async () => JSON.stringify({ secretId: 'x' }), url: root });
    await expect(partial.send(accepted)).rejects.toThrow(/lacks secretKey, smsSdkAppId, signName, callbackKey, templateIds/);
  });
});
