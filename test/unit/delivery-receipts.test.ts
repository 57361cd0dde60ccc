/**
 * Delivery receipts (functions/sms/receipts.ts): the sandbox's and the gateway's callbacks
 * are read only when signed with the right key, and AWS's SNS events (End User Messaging
 * SMS, SES) are read into the same receipts.
 */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signatureHeader } from '../../contracts/signature.js';
import { receiptCallbackKey } from '../../functions/sms/index.js';
import { readReceiptCallback, receiptsFromSnsMessage } from '../../functions/sms/receipts.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

const secret = 'sms-secret-0123456789';
const now = () => Math.floor(Date.now() / 1000);
const sandboxBody = JSON.stringify({ eventId: 'ev-1', messageId: 'm-1', channel: 'sms', status: 'delivered', permanent: false, at: '2026-12-08T09:00:01.000Z' });
const gatewayBody = JSON.stringify([
  { user_receive_time: '2026-12-08 09:00:03', nationcode: '86', mobile: '13807305678', report_status: 'SUCCESS', errmsg: 'DELIVRD', description: '用户短信送达成功', sid: '2645:1' },
  { user_receive_time: '2026-12-08 09:00:04', nationcode: '86', mobile: '13800000000', report_status: 'FAIL', errmsg: 'MN:0001', description: '空号', sid: '2645:2' },
]);
const hmacHex = (key: string, body: string) => createHmac('sha256', key).update(body).digest('hex');

describe('receipt callbacks', () => {
  it('read a sandbox receipt signed with the SMS secret', () => {
    const receipts = readReceiptCallback('sandbox', { 'x-onetrip-signature': signatureHeader(secret, sandboxBody, now()) }, sandboxBody, secret);
    expect(receipts).toEqual([{ provider: 'sandbox', providerMessageId: 'm-1', status: 'delivered', permanent: false, at: '2026-12-08T09:00:01.000Z' }]);
  });

  it('refuse a forged, unsigned, stale or altered sandbox receipt as the courier callbacks are refused', () => {
    const forged = () => readReceiptCallback('sandbox', { 'x-onetrip-signature': signatureHeader('not-the-secret', sandboxBody, now()) }, sandboxBody, secret);
    const unsigned = () => readReceiptCallback('sandbox', {}, sandboxBody, secret);
    const stale = () => readReceiptCallback('sandbox', { 'x-onetrip-signature': signatureHeader(secret, sandboxBody, now() - 3600) }, sandboxBody, secret);
    const altered = () => readReceiptCallback('sandbox', { 'x-onetrip-signature': signatureHeader(secret, sandboxBody, now()) }, sandboxBody.replace('delivered', 'failed'), secret);
    expect(forged).toThrow(expect.objectContaining({ name: 'UnauthorizedError', code: 'BAD_SIGNATURE' }));
    expect(unsigned).toThrow(expect.objectContaining({ code: 'BAD_SIGNATURE', message: 'The signature is missing' }));
    expect(stale).toThrow(expect.objectContaining({ code: 'STALE_SIGNATURE' }));
    expect(altered).toThrow(expect.objectContaining({ code: 'BAD_SIGNATURE' }));
  });

  it('refuse a signed sandbox body that is not a receipt, naming what is wrong', () => {
    const body = JSON.stringify({ eventId: 'ev-2', messageId: '', channel: 'fax', status: 'delivered', permanent: false, at: 'yesterday' });
    const read = () => readReceiptCallback('sandbox', { 'X-OneTrip-Signature': signatureHeader(secret, body, now()) }, body, secret);
    expect(read).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        fields: [expect.objectContaining({ path: '/messageId' }), expect.objectContaining({ path: '/channel' }), expect.objectContaining({ path: '/at' })],
      }),
    );
  });

  it("read the gateway's status reports under the callback key: SUCCESS delivered, FAIL failed for good, Beijing time", () => {
    const receipts = readReceiptCallback('gateway', { 'x-gateway-signature': hmacHex('callback-key', gatewayBody) }, gatewayBody, 'callback-key');
    expect(receipts).toEqual([
      { provider: 'gateway', providerMessageId: '2645:1', status: 'delivered', permanent: false, at: '2026-12-08T09:00:03+08:00', detail: 'DELIVRD 用户短信送达成功' },
      { provider: 'gateway', providerMessageId: '2645:2', status: 'failed', permanent: true, at: '2026-12-08T09:00:04+08:00', detail: 'MN:0001 空号' },
    ]);
  });

  it("refuse the gateway's callback without the HMAC of its body under the callback key", () => {
    const wrongKey = () => readReceiptCallback('gateway', { 'x-gateway-signature': hmacHex('other-key', gatewayBody) }, gatewayBody, 'callback-key');
    const unsigned = () => readReceiptCallback('gateway', {}, gatewayBody, 'callback-key');
    const malformed = () => readReceiptCallback('gateway', { 'x-gateway-signature': 'zz' }, gatewayBody, 'callback-key');
    expect(wrongKey).toThrow(expect.objectContaining({ code: 'BAD_SIGNATURE' }));
    expect(unsigned).toThrow(expect.objectContaining({ code: 'BAD_SIGNATURE' }));
    expect(malformed).toThrow(expect.objectContaining({ code: 'BAD_SIGNATURE' }));
  });

  it("verify the sandbox's receipts with the SMS secret and the gateway's with its callbackKey", async () => {
    vi.stubEnv('SMS_SECRET_ARN', 'arn:sms');
    const gatewaySecret = { secretId: 'a', secretKey: 'b', smsSdkAppId: 'c', signName: 'd', templateIds: {}, callbackKey: 'the-callback-key' };
    vi.stubEnv('ONETRIP_LOCAL_SECRETS', JSON.stringify({ 'arn:sms': JSON.stringify(gatewaySecret) }));
    expect(await receiptCallbackKey('gateway')).toBe('the-callback-key');
    vi.stubEnv('ONETRIP_LOCAL_SECRETS', JSON.stringify({ 'arn:sms': 'plainSandboxSecret' }));
    expect(await receiptCallbackKey('sandbox')).toBe('plainSandboxSecret');
  });
});

describe('receipts from SNS', () => {
  const sms = (eventType: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      eventType,
      eventVersion: '1.0',
      eventTimestamp: 1765155600000,
      isFinal: true,
      destinationPhoneNumber: '+8613807305678',
      messageId: 'eum-1',
      messageStatus: 'X',
      messageStatusDescription: 'described',
      ...extra,
    });

  it('read End User Messaging SMS events: delivered, failed for good or for now, nothing for the ones on the way', () => {
    expect(receiptsFromSnsMessage(sms('TEXT_DELIVERED'))).toEqual([
      { provider: 'end-user-messaging', providerMessageId: 'eum-1', status: 'delivered', permanent: false, at: '2025-12-08T01:00:00.000Z', detail: 'TEXT_DELIVERED: described' },
    ]);
    expect(receiptsFromSnsMessage(sms('TEXT_INVALID'))).toMatchObject([{ status: 'failed', permanent: true }]);
    expect(receiptsFromSnsMessage(sms('TEXT_CARRIER_UNREACHABLE'))).toMatchObject([{ status: 'failed', permanent: false }]);
    expect(receiptsFromSnsMessage(sms('TEXT_SUCCESSFUL', { isFinal: true }))).toMatchObject([{ status: 'delivered' }]);
    expect(receiptsFromSnsMessage(sms('TEXT_SUCCESSFUL', { isFinal: false }))).toEqual([]);
    expect(receiptsFromSnsMessage(sms('TEXT_PENDING'))).toEqual([]);
  });

  it('read SES Delivery, Bounce and Complaint events, and identity notifications alike', () => {
    const mail = { timestamp: '2026-12-08T01:00:00.000Z', messageId: 'ses-1', destination: ['li.na@example.com'] };
    const delivery = JSON.stringify({ eventType: 'Delivery', mail, delivery: { timestamp: '2026-12-08T01:00:02.000Z', recipients: ['li.na@example.com'] } });
    const hardBounce = JSON.stringify({ eventType: 'Bounce', mail, bounce: { bounceType: 'Permanent', bounceSubType: 'NoEmail', timestamp: '2026-12-08T01:00:03.000Z' } });
    const softBounce = JSON.stringify({ notificationType: 'Bounce', mail, bounce: { bounceType: 'Transient', bounceSubType: 'MailboxFull', timestamp: '2026-12-08T01:00:03.000Z' } });
    const complaint = JSON.stringify({ eventType: 'Complaint', mail, complaint: { timestamp: '2026-12-08T02:00:00.000Z', complaintFeedbackType: 'abuse' } });
    expect(receiptsFromSnsMessage(delivery)).toEqual([{ provider: 'ses', providerMessageId: 'ses-1', status: 'delivered', permanent: false, at: '2026-12-08T01:00:02.000Z' }]);
    expect(receiptsFromSnsMessage(hardBounce)).toEqual([
      { provider: 'ses', providerMessageId: 'ses-1', status: 'failed', permanent: true, at: '2026-12-08T01:00:03.000Z', detail: 'bounce: Permanent/NoEmail' },
    ]);
    expect(receiptsFromSnsMessage(softBounce)).toMatchObject([{ status: 'failed', permanent: false }]);
    expect(receiptsFromSnsMessage(complaint)).toMatchObject([{ status: 'delivered', detail: 'complaint: abuse' }]);
    expect(receiptsFromSnsMessage(JSON.stringify({ eventType: 'Send', mail }))).toEqual([]);
    expect(receiptsFromSnsMessage('not json')).toEqual([]);
  });
});
