/**
 * SF Express's protocol (contracts/sf-express.ts, functions/courier/sf.ts): the msgDigest as
 * SF's documentation's own example computes it, Java's URL encoding, and a route push read
 * into courier callbacks, its digest and timestamp checked.
 */
import { describe, expect, it } from 'vitest';
import { javaUrlEncode, sfDigest } from '../../contracts/sf-express.js';
import { SfCourierProvider, routeCallback, sfEventId } from '../../functions/courier/sf.js';

describe('sfDigest', () => {
  it("reproduces SF's documented example", () => {
    expect(sfDigest('{"language":"zh-CN","orderId":"QIAO-20200618-004"}', '12312334453453', 'fjcg5PGKaNpPSHFAZ4QsCOkV71R3zVci')).toBe('IIKJtuLVzoFTu4kHI8M8vA==');
  });

  it("encodes as Java's URLEncoder: a space as +, and ! ' ( ) ~ escaped", () => {
    expect(javaUrlEncode("a b!'()~*-_.中")).toBe('a+b%21%27%28%29%7E*-_.%E4%B8%AD');
  });
});

describe('SF route pushes', () => {
  const checkWord = 'checkword-for-tests';
  const now = 1_765_000_000_000;
  const sf = new SfCourierProvider({ url: 'http://127.0.0.1:1/std/service', partnerId: 'HRXZWFW', secret: async () => ({ checkWord }), now: () => now });
  const route = { id: '1', mailno: 'SF1234567890123', orderid: 'c-d1', acceptTime: '2026-12-08 10:15:00', acceptAddress: '岳阳市', remark: '已签收', opCode: '80' };
  const pushOf = (routes: unknown[], { timestamp = String(now), word = checkWord, partnerID = 'HRXZWFW' } = {}) => {
    const msgData = JSON.stringify({ Body: { WaybillRoute: routes } });
    return { rawBody: new URLSearchParams({ partnerID, requestID: 'r', serviceCode: 'RoutePushService', timestamp, msgDigest: sfDigest(msgData, timestamp, word), msgData }).toString(), headers: {}, sourceIp: '1.2.3.4' };
  };

  it('reads each mapped route as a callback whose eventId is the same as a route query gives', async () => {
    const read = await sf.readNotification(pushOf([route, { ...route, opCode: '607' }]));
    expect(read).toEqual({
      callbacks: [{ eventId: 'sf:SF1234567890123:80:20261208101500', waybillNumber: 'SF1234567890123', status: 'delivered', occurredAt: '2026-12-08T10:15:00+08:00', detail: '岳阳市 已签收' }],
    });
    expect(routeCallback('SF1234567890123', route)?.eventId).toBe(sfEventId('SF1234567890123', route));
  });

  it('refuses a push signed with another check word, a stale one, or one for another partner', async () => {
    expect(await sf.readNotification(pushOf([route], { word: 'not-the-word' }))).toMatchObject({ refused: 'bad_signature' });
    expect(await sf.readNotification(pushOf([route], { timestamp: String(now - 301_000) }))).toMatchObject({ refused: 'stale' });
    expect(await sf.readNotification(pushOf([route], { partnerID: 'OTHER' }))).toMatchObject({ refused: 'malformed' });
  });

  it("answers as SF expects", () => {
    expect(JSON.parse(sf.acknowledge(true).body)).toEqual({ return_code: '0000', return_msg: '成功' });
    expect(JSON.parse(sf.acknowledge(false, 'why').body)).toEqual({ return_code: '1000', return_msg: 'why' });
  });
});
