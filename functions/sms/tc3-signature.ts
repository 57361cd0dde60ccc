/**
 * Tencent Cloud API 3.0's request signature, TC3-HMAC-SHA256, with node:crypto: what the
 * `gateway` SMS sender (gateway.ts) signs each request with. The steps are Tencent's
 * ("Signature v3"): a canonical request of the POST with its `content-type` and `host`
 * headers and the body's SHA-256; a string to sign with the timestamp and the credential
 * scope `{UTC date}/{service}/tc3_request`; a key derived from the SecretKey by HMACs over
 * the date, the service and `tc3_request`; the signature, the HMAC of the string to sign.
 * test/unit/sms-sender.test.ts checks it against the example in Tencent's documentation.
 */
import { createHash, createHmac } from 'node:crypto';

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

export interface Tc3Request {
  secretId: string;
  secretKey: string;
  /** The product, as its host names it: `sms` for `sms.tencentcloudapi.com`. */
  service: string;
  host: string;
  /** The `content-type` header exactly as sent. */
  contentType: string;
  /** The body exactly as sent. */
  payload: string;
  /** Unix seconds: the `X-TC-Timestamp` header. */
  timestamp: number;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

/** The steps' results, each as Tencent's documentation prints them, and the `Authorization` header. */
export function tc3Sign(request: Tc3Request): { hashedPayload: string; canonicalRequest: string; stringToSign: string; signature: string; authorization: string } {
  const { secretId, secretKey, service, host, contentType, payload, timestamp } = request;
  // The credential scope's date is the timestamp's UTC date, never the local one.
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host';
  const hashedPayload = sha256Hex(payload);
  const canonicalRequest = ['POST', '/', '', `content-type:${contentType.trim().toLowerCase()}\nhost:${host.trim().toLowerCase()}\n`, signedHeaders, hashedPayload].join('\n');
  const scope = `${date}/${service}/tc3_request`;
  const stringToSign = [TC3_ALGORITHM, String(timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  const authorization = `${TC3_ALGORITHM} Credential=${secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { hashedPayload, canonicalRequest, stringToSign, signature, authorization };
}
