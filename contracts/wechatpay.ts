/**
 * WeChat Pay API v3 on the wire, shared by the adapter (functions/payments/wechatpay.ts)
 * and the local simulator (local/simulators/wechatpay.ts) so that both speak exactly the
 * protocol WeChat Pay documents (pay.weixin.qq.com, "签名生成", "签名验证", "证书和回调报文解密"):
 *
 * - A request is signed by the merchant: SHA256 with RSA (PKCS#1 v1.5) over
 *   `METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n` (URL: path and query, without the host), sent as
 *   `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",timestamp="…",serial_no="…",signature="…"`.
 * - An answer and a notification are signed by WeChat Pay over `TIMESTAMP\nNONCE\nBODY\n`,
 *   in the headers `Wechatpay-Timestamp`, `-Nonce`, `-Signature` and `-Serial` (the
 *   platform certificate's serial, or the id of the "微信支付公钥").
 * - A notification's `resource` is encrypted with AEAD_AES_256_GCM under the merchant's
 *   APIv3 key (32 bytes): base64 of ciphertext ‖ 16-byte tag, a 12-character nonce and
 *   associated data.
 *
 * test/unit/wechatpay-protocol.test.ts reproduces the official SDKs' published vectors.
 */
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';

/** The Authorization scheme, and the only `Wechatpay-Signature-Type`. */
export const WECHATPAY_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';

/** How far a signed timestamp may be from now, either way (WeChat Pay advises five minutes). */
export const WECHATPAY_TOLERANCE_SECONDS = 300;

/** The headers WeChat Pay signs its answers and notifications with, lower case as Node hands them over. */
export const WECHATPAY_HEADERS = {
  timestamp: 'wechatpay-timestamp',
  nonce: 'wechatpay-nonce',
  signature: 'wechatpay-signature',
  serial: 'wechatpay-serial',
  signatureType: 'wechatpay-signature-type',
} as const;

/** The `code` of the body a merchant answers a notification it refuses with (`{code, message}`): WeChat Pay then sends it again. */
export const WECHATPAY_REFUSAL_CODE = 'FAIL';

/** The five lines a merchant signs, or the three WeChat Pay signs: each ends with `\n`, the last one too. */
export const signingMessage = (...lines: string[]): string => lines.map((line) => `${line}\n`).join('');

/** Base64 SHA256-with-RSA signature of `message` (UTF-8). */
export function rsaSign(message: string, privateKey: KeyObject | string): string {
  return sign('sha256', Buffer.from(message, 'utf8'), privateKey).toString('base64');
}

/** Whether `signature` (base64) signs `message` for `publicKey` (a key, a public key PEM or a certificate PEM). */
export function rsaVerify(message: string, signature: string, publicKey: KeyObject | string): boolean {
  try {
    return verify('sha256', Buffer.from(message, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** A random request nonce: 32 upper-case hex characters, like the documentation's. */
export const newNonce = (): string => randomBytes(16).toString('hex').toUpperCase();

// ---- the merchant's Authorization header ----------------------------------------------

export interface AuthorizationFields {
  mchid: string;
  nonce_str: string;
  timestamp: string;
  serial_no: string;
  signature: string;
}

export interface RequestToSign {
  method: string;
  /** Path and query, e.g. `/v3/pay/transactions/out-trade-no/1217752501201407033233368018?mchid=1230000109`. */
  url: string;
  /** The body exactly as sent; empty for GET. */
  body: string;
  mchid: string;
  /** The merchant API certificate's serial number. */
  serialNo: string;
  privateKey: KeyObject | string;
  /** Unix seconds. */
  timestamp: number;
  nonce: string;
}

/** The `Authorization` header value of a merchant's request. */
export function authorizationHeader(request: RequestToSign): string {
  const { method, url, body, mchid, serialNo, privateKey, timestamp, nonce } = request;
  const signature = rsaSign(signingMessage(method.toUpperCase(), url, String(timestamp), nonce, body), privateKey);
  return `${WECHATPAY_SCHEMA} mchid="${mchid}",nonce_str="${nonce}",timestamp="${timestamp}",serial_no="${serialNo}",signature="${signature}"`;
}

/** The fields of an `Authorization` header; undefined when it is not WeChat Pay's scheme or lacks one. */
export function parseAuthorization(header: string | undefined): AuthorizationFields | undefined {
  if (!header?.startsWith(`${WECHATPAY_SCHEMA} `)) return undefined;
  const fields: Record<string, string> = {};
  for (const match of header.slice(WECHATPAY_SCHEMA.length + 1).matchAll(/([a-z_]+)="([^"]*)"/g)) fields[match[1]!] = match[2]!;
  const names = ['mchid', 'nonce_str', 'timestamp', 'serial_no', 'signature'] as const;
  return names.every((name) => fields[name]) ? (fields as unknown as AuthorizationFields) : undefined;
}

/** Whether the request's Authorization signs it for `publicKey` (the merchant's). */
export function verifyAuthorization(fields: AuthorizationFields, request: { method: string; url: string; body: string }, publicKey: KeyObject | string): boolean {
  const message = signingMessage(request.method.toUpperCase(), request.url, fields.timestamp, fields.nonce_str, request.body);
  return rsaVerify(message, fields.signature, publicKey);
}

// ---- WeChat Pay's signed answers and notifications -------------------------------------

/** The `Wechatpay-*` headers that sign `body` at `timestamp` with the platform's key. */
export function wechatpaySignatureHeaders(body: string, key: { privateKey: KeyObject | string; serial: string }, timestamp: number, nonce = newNonce()): Record<string, string> {
  return {
    [WECHATPAY_HEADERS.timestamp]: String(timestamp),
    [WECHATPAY_HEADERS.nonce]: nonce,
    [WECHATPAY_HEADERS.signature]: rsaSign(signingMessage(String(timestamp), nonce, body), key.privateKey),
    [WECHATPAY_HEADERS.serial]: key.serial,
    [WECHATPAY_HEADERS.signatureType]: WECHATPAY_SCHEMA,
  };
}

export type WechatpaySignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'unknown_serial' | 'stale' | 'bad_signature' };

/**
 * Checks WeChat Pay's signature over `body`: the headers present, the serial one of
 * `keys` (serial → public key or certificate), the timestamp within
 * {@link WECHATPAY_TOLERANCE_SECONDS} of `nowSeconds`, the signature valid.
 */
export function verifyWechatpaySignature(
  headers: Record<string, string | undefined>,
  body: string,
  keys: ReadonlyMap<string, KeyObject>,
  nowSeconds: number,
): WechatpaySignatureCheck {
  const timestamp = headers[WECHATPAY_HEADERS.timestamp];
  const nonce = headers[WECHATPAY_HEADERS.nonce];
  const signature = headers[WECHATPAY_HEADERS.signature];
  const serial = headers[WECHATPAY_HEADERS.serial];
  if (!timestamp || !nonce || !signature || !serial) return { ok: false, reason: 'missing' };
  const key = keys.get(serial.toUpperCase());
  if (!key) return { ok: false, reason: 'unknown_serial' };
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > WECHATPAY_TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };
  return rsaVerify(signingMessage(timestamp, nonce, body), signature, key) ? { ok: true } : { ok: false, reason: 'bad_signature' };
}

/** The public key of a certificate or public key PEM (a platform certificate, the "微信支付公钥"). */
export const publicKeyOf = (pem: string): KeyObject => createPublicKey(pem);

/** A private key PEM (PKCS#8, as apiclient_key.pem, or PKCS#1) as a key object. */
export const privateKeyOf = (pem: string): KeyObject => createPrivateKey(pem);

// ---- AEAD_AES_256_GCM resources --------------------------------------------------------

export const AEAD_ALGORITHM = 'AEAD_AES_256_GCM';

/** An encrypted `resource` of a notification (or an `encrypt_certificate`). */
export interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  associated_data?: string;
  nonce: string;
  original_type?: string;
}

const GCM_TAG_BYTES = 16;

/** Base64 of AES-256-GCM ciphertext ‖ tag of `plaintext` under the 32-byte APIv3 key. */
export function aeadEncrypt(apiV3Key: string, plaintext: string, nonce: string, associatedData = ''): string {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
}

/**
 * The plaintext of a resource encrypted under the APIv3 key.
 *
 * @throws Error when the algorithm is not AEAD_AES_256_GCM or the tag does not authenticate it
 */
export function aeadDecrypt(apiV3Key: string, resource: Pick<EncryptedResource, 'algorithm' | 'ciphertext' | 'nonce' | 'associated_data'>): string {
  if (resource.algorithm !== AEAD_ALGORITHM) throw new Error(`Unknown resource algorithm ${resource.algorithm}`);
  const sealed = Buffer.from(resource.ciphertext, 'base64');
  if (sealed.length < GCM_TAG_BYTES) throw new Error('The ciphertext is shorter than its tag');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'));
  decipher.setAuthTag(sealed.subarray(-GCM_TAG_BYTES));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  return Buffer.concat([decipher.update(sealed.subarray(0, -GCM_TAG_BYTES)), decipher.final()]).toString('utf8');
}

// ---- the JSON WeChat Pay speaks --------------------------------------------------------

/** A notification as POSTed to the merchant's notify_url. */
export interface WechatpayNotification {
  id: string;
  create_time: string;
  /** `TRANSACTION.SUCCESS`, `REFUND.SUCCESS`, `REFUND.ABNORMAL`, `REFUND.CLOSED`. */
  event_type: string;
  resource_type: string;
  resource: EncryptedResource;
  summary: string;
}

/** `trade_state`: SUCCESS, REFUND (a refund was asked), NOTPAY, CLOSED, REVOKED, USERPAYING, PAYERROR. */
export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';

/** A transaction, as a query answers it and a TRANSACTION.* notification's resource holds it. */
export interface WechatpayTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_type?: 'NATIVE' | 'MWEB' | 'JSAPI' | 'APP';
  trade_state: TradeState;
  trade_state_desc: string;
  success_time?: string;
  attach?: string;
  amount?: { total: number; payer_total?: number; currency: string; payer_currency?: string };
}

/** `refund_status`: SUCCESS, CLOSED, PROCESSING, ABNORMAL. */
export type RefundStatus = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';

/** A refund, as the refund API answers it and a REFUND.* notification's resource holds it (field names differ slightly, both are read). */
export interface WechatpayRefund {
  mchid?: string;
  out_trade_no: string;
  transaction_id: string;
  out_refund_no: string;
  refund_id: string;
  /** The notification's name for the status. */
  refund_status?: RefundStatus;
  /** The API answer's name for it. */
  status?: RefundStatus;
  success_time?: string;
  amount: { total: number; refund: number; payer_total?: number; payer_refund?: number; currency?: string };
}

// ---- OneTrip's ids in WeChat Pay's fields ----------------------------------------------

/** WeChat Pay's out_trade_no: 6 to 32 letters, digits, `_`, `-`, `|`, `*`. */
const OUT_TRADE_NO = /^[A-Za-z0-9_\-|*]{6,32}$/;

/**
 * The out_trade_no of a OneTrip payment. A paymentId is `P` + 32 hex (33 characters), one
 * too many: the `P` is dropped. Other ids that already fit pass as they are.
 *
 * @throws RangeError when the id cannot be made to fit
 */
export function outTradeNoOf(paymentId: string): string {
  const candidate = /^P[0-9a-f]{32}$/.test(paymentId) ? paymentId.slice(1) : paymentId;
  if (!OUT_TRADE_NO.test(candidate)) throw new RangeError(`Payment id ${paymentId} cannot be a WeChat Pay out_trade_no (6–32 letters, digits, _ - | *)`);
  return candidate;
}

/** The paymentId an out_trade_no stands for: the inverse of {@link outTradeNoOf}. */
export const paymentIdOf = (outTradeNo: string): string => (/^[0-9a-f]{32}$/.test(outTradeNo) ? `P${outTradeNo}` : outTradeNo);

/** WeChat Pay's out_refund_no: 1 to 64 letters, digits, `_`, `-`, `|`, `*`, `@`. */
const OUT_REFUND_NO = /^[A-Za-z0-9_\-|*@]{1,64}$/;

/**
 * The out_refund_no of a refund: `{ticketNumber}_{refundId}`, so that a REFUND.*
 * notification (which carries no attach) still names the ticket.
 *
 * @throws RangeError when the two do not fit in 64 characters of the allowed ones
 */
export function outRefundNoOf(refund: { refundId: string; ticketNumber: string }): string {
  const outRefundNo = `${refund.ticketNumber}_${refund.refundId}`;
  if (!OUT_REFUND_NO.test(outRefundNo) || refund.ticketNumber.includes('_')) {
    throw new RangeError(`Refund ${refund.refundId} of ticket ${refund.ticketNumber} cannot be a WeChat Pay out_refund_no (1–64 letters, digits, _ - | * @)`);
  }
  return outRefundNo;
}

/** The ticket number and refund id an out_refund_no made by {@link outRefundNoOf} holds; undefined for another shape. */
export function refundOf(outRefundNo: string): { ticketNumber: string; refundId: string } | undefined {
  const at = outRefundNo.indexOf('_');
  return at > 0 && at < outRefundNo.length - 1 ? { ticketNumber: outRefundNo.slice(0, at), refundId: outRefundNo.slice(at + 1) } : undefined;
}
