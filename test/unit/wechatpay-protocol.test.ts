/**
 * WeChat Pay API v3's wire (contracts/wechatpay.ts) against the vectors WeChat Pay's own
 * SDKs publish, so that the adapter and the simulator, which share it, sign and decrypt
 * the way WeChat Pay does and not merely the way each other does.
 */
import { generateKeyPairSync } from 'node:crypto';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  aeadDecrypt,
  aeadEncrypt,
  authorizationHeader,
  outRefundNoOf,
  outTradeNoOf,
  parseAuthorization,
  paymentIdOf,
  publicKeyOf,
  refundOf,
  rsaSign,
  signingMessage,
  verifyAuthorization,
  verifyWechatpaySignature,
  wechatpaySignatureHeaders,
} from '../../contracts/wechatpay.js';

// wechatpay-apiv3/wechatpay-go, utils/sign_test.go and core/auth/signers/sha256withrsa_signer_test.go:
// its test private key signs "source" (SHA256 with RSA) into this signature.
const GO_SDK_TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDZUJN33V+dSfvd
fL0Mu+39XrZNXFFMQSy1V15FpncHeV47SmV0TzTqZc7hHB0ddqAdDi8Z5k3TKqb7
6sOwYr5TcAfuR6PIPaleyE0/0KrljBum2Isa2Nyq7Dgc3ElBQ6YN4l/a+DpvKaz1
FSKmKrhLNskqokWVSlu4g8OlKlbPXQ9ibII14MZRQrrkTmHYHzfi7GXXM0thAKuR
0HNvyhTHBh4/lrYM3GaMvmWwkwvsMavnOex6+eioZHBOb1/EIZ/LzC6zuHArPpyW
3daGaZ1rtQB1vVzTyERAVVFsXXgBHvfFud3w3ShsJYk8JvMwK2RpJ5/gV0QSARcm
LDRUAlPzAgMBAAECggEBAMc7rDeUaXiWv6bMGbZ3BTXpg1FhdddnWUnYE8HfX/km
OFI7XtBHXcgYFpcjYz4D5787pcsk7ezPidAj58zqenuclmjKnUmT3pfbI5eCA2v4
C9HnbYDrmUPK1ZcADtka4D6ScDccpNYNa1g2TFHzkIrEa6H+q7S3O2fqxY/DRVtN
0JIXalBb8daaqL5QVzSmM2BMVnHy+YITJWIkP2a3pKs9C0W65JGDsnG0wVrHinHF
+cnhFZIbaPEI//DAFMc9NkrWOKVRTEgcCUxCFaHOZVNxDWZD7A2ZfJB2rK6eg//y
gEiFDR2h6mTaDowMB4YF2n2dsIO4/dCG8vPHI20jn4ECgYEA/ZGu6lEMlO0XZnam
AZGtiNgLcCfM/C2ZERZE7QTRPZH1WdK92Al9ndldsswFw4baJrJLCmghjF/iG4zi
hhBvLnOLksnZUfjdumxoHDWXo2QBWbI5QsWIE7AuTiWgWj1I7X4fCXSQf6i+M/y2
6TogQ7d0ANpZFyOkTNMn/tiJvLECgYEA22XqlamG/yfAGWery5KNH2DGlTIyd6xJ
WtJ9j3jU99lZ0bCQ5xhiBbU9ImxCi3zgTsoqLWgA/p00HhNFNoUcTl9ofc0G3zwT
D1y0ZzcnVKxGJdZ6ohW52V0hJStAigtjYAsUgjm7//FH7PiQDBDP1Wa6xSRkDQU/
aSbQxvEE8+MCgYEA3bb8krW7opyM0XL9RHH0oqsFlVO30Oit5lrqebS0oHl3Zsr2
ZGgoBlWBsEzk3UqUhTFwm/DhJLTSJ/TQPRkxnhQ5/mewNhS9C7yua7wQkzVmWN+V
YeUGTvDGDF6qDz12/vJAgSwDDRym8x4NcXD5tTw7mmNRcwIfL22SkysThIECgYAV
BgccoEoXWS/HP2/u6fQr9ZIR6eV8Ij5FPbZacTG3LlS1Cz5XZra95UgebFFUHHtC
EY1JHJY7z8SWvTH8r3Su7eWNaIAoFBGffzqqSVazfm6aYZsOvRY6BfqPHT3p/H1h
Tq6AbBffxrcltgvXnCTORjHPglU0CjSxVs7awW3AEQKBgB5WtaC8VLROM7rkfVIq
+RXqE5vtJfa3e3N7W3RqxKp4zHFAPfr82FK5CX2bppEaxY7SEZVvVInKDc5gKdG/
jWNRBmvvftZhY59PILHO2X5vO4FXh7suEjy6VIh0gsnK36mmRboYIBGsNuDHjXLe
BDa+8mDLkWu5nHEhOxy2JJZl
-----END PRIVATE KEY-----`;
const GO_SDK_SIGNATURE =
  'BKyAfU4iMCuvXMXS0Wzam3V/cnxZ+JaqigPM5OhljS2iOT95OO6Fsuml2JkFANJU9K6q9bLlDhPXuoVz+pp4hAm6pHU4ld815U4jsKu1RkyaII+1CYBUYC8TK0XtJ8FwUXXz8vZHh58rrAVN1XwNyvD1vfpxrMT4SL536GLwvpUHlCqIMzoZUguLli/K8V29QiOhuH6IEqLNJn8e9b3nwNcQ7be3CzYGpDAKBfDGPCqCv8Rw5zndhlffk2FEA70G4hvMwe51qMN/RAJbknXG23bSlObuTCN7Ndj1aJGH6/L+hdwfLpUtJm4QYVazzW7DFD27EpSQEqA8bX9+8m1rLg==';

// wechatpay-apiv3/wechatpay-java, core/src/test/.../model/TestConfig.java: the SDK's test APIv3 key,
// cipher/AeadAesCipherTest.java's vector, and DOWNLOAD_CERTIFICATE_RESPONSE's encrypted platform certificate.
const JAVA_SDK_API_V3_KEY = 'a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb';
const JAVA_SDK_CERTIFICATE = {
  serialNo: '5DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC',
  encrypt_certificate: {
    algorithm: 'AEAD_AES_256_GCM',
    associated_data: 'certificate',
    nonce: '14b16c03dc1b',
    ciphertext:
      'Mr/AxbvY+WL9hKlD5nIa03LOMPpn5f+CWeNxE4ujl0f5gXZ9XLJ9CldkArCOTsbU62XgKnTc3YvRMZQ7wCmE2fzwmAenAySTYsPms72JhggPWfdqVxri9YD5wBYKn8Ck0Fc5JIiVw9WlN2oxHBz83mRVsjoTGC5+cX1CdYqKuZ8pkvi0aCJIq07ZC8MHoTowUz+4jYJy9XeKqip83Z7BmUYxsePpNM+HtihBqTJIUYXJfX7Col5X0ACsApRoU9l6swfW/kzvqNpDJavhDBGasLrr5822+Fk5nVkcTi53f8Wbue7ODWjJxj1yhRYcxFCvXLtpYNB+Qa1aXtrBSdBdBI2p7o+6Imn+auHLBCzkrZqF/yd+d4vTn4tqHPLUj89XcHsMf96uBo3T/HQV8LEDeIO+6YvOK9FrIDYsvp+imN4n/mnF7eJKo9mpN/QqWJiawrFpAmMMxFKBjIdpgMnVUl3Z11RcWKyfOJ3kcmItTWcnZFNyDgR9cS0aU6QPlefa3uUW89uzBuHjcFdDl43yU3LE4qZnHLDcDgx4qt0OFCLiy51GXtEpyYs5k99YJBvKK+RyIs4Yc1/smBmClQUhxW+8bsPNOcXfDvH2yX4YzESoO4TV0RqiCgnsSd4zIFyJPiMKIGzVHiw6Kg0eGCmB4mGHEEZCQ0eN3SSPO0QVjjtBYfgXDZfVHSaAB8PjWBVNFimoViZZQrwT6Ygo0LU0Dd8+F5aHFYr4OPHPslr3hrgutEYXDTv1vTA6ABJGqknJ9Y2vtyWpy7aIwxc0kQq/1ezjs+RMVL/LRpGDnbx1/CGPDjZhYgZypKa55+PDhoaQxqkF3xCLz2DGoNHZYmFqxzAOsAK0vJZw4VcAk6ssbA6YIaMuiemEpxfLC9ZiXtRqsX9s+GWjjtA8JywOFMO+NKZm9BH/E5YNg2DDD3sHG9Mciwn7yJ6sdf8h2lAWlEExAOeiBNyshOHAQ0/S+x1ncWNiqY+Uh5n0rtonvePV2MsxVlEWR3AVHn1abcEWkzivd+G5kg7LYO0goqzGClcQfnFfZdO6KwcMXsBCnm9A1Bl4+k5LLokTIYH5/36SRIZ9j0CHGD77BQLE7x8AlNsoFS2m263tLLq78TFqvZUTIZIQcVIl+NInscS3xQbA38qqFqutCWIwoF1azuJ7woiJyMvnS3xzIpNzP+rzJ8VDXxjLjpEUBOC9WDs74+QMtsAdmh6g0KDclHEk8WJ4P2bnso4z3VCGoDT5X/0bS1C+jMZMKaOCNB21FZ08qgUHmKeDeg8ylENu+mh2Y/AaEDSGkGBHIfFbhMYO3uRxhk9hldiHEnHgdkXiVAAUWk/IhtmGijibO/L76vB74Xpes973uK+2iFKgNBk8qTLLZZnuWbcMQuA6VsFULRb/C+q9B21YuAWPMzvgBwr4EX2m/OpF5w8Q0HL7v1H5H0mIGJbrjnklUPoBYrw30W3uk7yF0KE6sfMukafFx0S9rBOL0RykGDPwC0lHSNySkXDeM5XvDJ+dtHK+RDwhJR+azfrWAHGMtZcQ+YVamjWVmHxXM03j3GeCXgqae1upwHzkPL5OwojcQ5MQi3Kv/1xtwY0cRN/yeZTOsXfujtqhkJj/Vltby4lnW4SCj4LjWQF19BY6zhzF4yybBA8bhhtoNP/zx8QkhHAkIROkK2ZVgfocCAPvfQ+vSrsIBO+L5cmg6mzFn4g84lsHscgXnszIlzUrzx/4Tam0uwuS9J1gddZ0I0QUt9SJzfsoBCTU0OgNMUtXKS5HvgXe7abexMtFH5eulOsAuFZkQ5LYJa/m4yHFInXzL/t3hjdTi2NmxUufvYzwIyffRTu5vS9vjscARD9lUQDHFQ/xgWe1i8EkRlrSfjlXt00+4//h2bcJKyTBT3IXwvKNsuY29V9/vU3HkvWKZ99zpSlmcZRuBa1BHbyPEvc0NlqIIoKidxqUvOR64MzudHhAjgWFP+IXojfhS3Gj9OJhBL7s',
  },
};

describe('the published vectors', () => {
  it('signs "source" with the Go SDK\'s test key into the Go SDK\'s expected signature', () => {
    expect(rsaSign('source', GO_SDK_TEST_KEY)).toBe(GO_SDK_SIGNATURE);
  });

  it('encrypts and decrypts the Java SDK\'s AEAD_AES_256_GCM vector', () => {
    const resource = { algorithm: 'AEAD_AES_256_GCM', nonce: 'uluk4a9R25RW', associated_data: 'associatedData', ciphertext: 'ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=' };
    expect(aeadEncrypt(JAVA_SDK_API_V3_KEY, 'message', resource.nonce, resource.associated_data)).toBe(resource.ciphertext);
    expect(aeadDecrypt(JAVA_SDK_API_V3_KEY, resource)).toBe('message');
  });

  it('decrypts the Java SDK\'s downloaded platform certificate into the certificate of the serial it names', () => {
    const pem = aeadDecrypt(JAVA_SDK_API_V3_KEY, JAVA_SDK_CERTIFICATE.encrypt_certificate);
    expect(new X509Certificate(pem).serialNumber).toBe(JAVA_SDK_CERTIFICATE.serialNo);
  });

  it('refuses a ciphertext whose tag does not authenticate it, or another algorithm', () => {
    const tampered = { algorithm: 'AEAD_AES_256_GCM', nonce: 'uluk4a9R25RW', associated_data: 'associatedDatA', ciphertext: 'ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=' };
    expect(() => aeadDecrypt(JAVA_SDK_API_V3_KEY, tampered)).toThrow();
    expect(() => aeadDecrypt(JAVA_SDK_API_V3_KEY, { ...tampered, associated_data: 'associatedData', algorithm: 'AES_128_CBC' })).toThrow(/algorithm/);
  });

  it('builds the documentation\'s five-line message for GET /v3/certificates', () => {
    // pay.weixin.qq.com "签名生成": the example request's message, each line ending in \n.
    expect(signingMessage('GET', '/v3/certificates', '1554208460', '593BEC0C930BF1AFEB40B4A08C8FB242', '')).toBe(
      'GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n',
    );
  });
});

describe('the Authorization header', () => {
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const request = { method: 'POST', url: '/v3/pay/transactions/native', body: '{"a":1}', mchid: '1900009191', serialNo: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C', privateKey: merchant.privateKey, timestamp: 1554208460, nonce: '593BEC0C930BF1AFEB40B4A08C8FB242' };

  it('carries the five fields and signs the request', () => {
    const header = authorizationHeader(request);
    expect(header).toMatch(/^WECHATPAY2-SHA256-RSA2048 mchid="1900009191",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",timestamp="1554208460",serial_no="1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C",signature="[A-Za-z0-9+/=]+"$/);
    const fields = parseAuthorization(header)!;
    expect(verifyAuthorization(fields, request, merchant.publicKey)).toBe(true);
    expect(verifyAuthorization(fields, { ...request, body: '{"a":2}' }, merchant.publicKey)).toBe(false);
    expect(verifyAuthorization(fields, { ...request, url: '/v3/pay/transactions/h5' }, merchant.publicKey)).toBe(false);
  });

  it('is not parsed when another scheme or a field is missing', () => {
    expect(parseAuthorization('Bearer x')).toBeUndefined();
    expect(parseAuthorization('WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="2",timestamp="3",serial_no="4"')).toBeUndefined();
    expect(parseAuthorization(undefined)).toBeUndefined();
  });
});

describe("WeChat Pay's signature on answers and notifications", () => {
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keys = new Map([['5157F09EFDC096DE15EBE81A47057A7232F1B8E1', platform.publicKey]]);
  const body = '{"id":"EV-2018022511223320873"}';
  const signed = wechatpaySignatureHeaders(body, { privateKey: platform.privateKey, serial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1' }, 1_795_000_000);

  it('holds within 300 s for the certificate named by Wechatpay-Serial', () => {
    expect(verifyWechatpaySignature(signed, body, keys, 1_795_000_299)).toEqual({ ok: true });
    expect(verifyWechatpaySignature({ ...signed, 'wechatpay-serial': signed['wechatpay-serial']!.toLowerCase() }, body, keys, 1_795_000_000)).toEqual({ ok: true });
  });

  it('fails on another body, another serial, an old timestamp or a missing header', () => {
    expect(verifyWechatpaySignature(signed, `${body} `, keys, 1_795_000_000)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyWechatpaySignature({ ...signed, 'wechatpay-serial': 'PUB_KEY_ID_0000' }, body, keys, 1_795_000_000)).toEqual({ ok: false, reason: 'unknown_serial' });
    expect(verifyWechatpaySignature(signed, body, keys, 1_795_000_301)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyWechatpaySignature({ ...signed, 'wechatpay-nonce': undefined }, body, keys, 1_795_000_000)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyWechatpaySignature({ ...signed, 'wechatpay-timestamp': '1795000000', 'wechatpay-signature': 'AAAA' }, body, keys, 1_795_000_000)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('reads a certificate PEM as the key that checks it', () => {
    const pem = aeadDecrypt(JAVA_SDK_API_V3_KEY, JAVA_SDK_CERTIFICATE.encrypt_certificate);
    expect(publicKeyOf(pem).asymmetricKeyType).toBe('rsa');
  });
});

describe("OneTrip's ids in WeChat Pay's fields", () => {
  it('drops the P of a paymentId to fit out_trade_no, and puts it back', () => {
    const paymentId = `P${'0123456789abcdef'.repeat(2)}`;
    expect(outTradeNoOf(paymentId)).toBe('0123456789abcdef0123456789abcdef');
    expect(paymentIdOf(outTradeNoOf(paymentId))).toBe(paymentId);
    expect(outTradeNoOf('P-TEST-1')).toBe('P-TEST-1');
    expect(() => outTradeNoOf('P1')).toThrow(RangeError);
  });

  it('names the ticket in out_refund_no and reads it back', () => {
    const refund = { ticketNumber: 'T430602-20261128-000042', refundId: `P${'a'.repeat(32)}-r` };
    const outRefundNo = outRefundNoOf(refund);
    expect(outRefundNo.length).toBeLessThanOrEqual(64);
    expect(refundOf(outRefundNo)).toEqual(refund);
    expect(refundOf('no-ticket')).toBeUndefined();
    expect(() => outRefundNoOf({ ticketNumber: 'T1', refundId: 'x'.repeat(70) })).toThrow(RangeError);
  });
});
