/**
 * The `wechatpay` payment provider: WeChat Pay API v3 for a directly connected merchant
 * (直连商户), on Node's crypto (contracts/wechatpay.ts holds the protocol: request
 * signatures, answer and notification signatures, AES-256-GCM resources).
 *
 * - `native`: `POST /v3/pay/transactions/native` → `code_url`, shown as a QR code the
 *   citizen scans with WeChat (`{qrCode}`).
 * - `h5`: `POST /v3/pay/transactions/h5` with the citizen's IP in `scene_info` → `h5_url`,
 *   where a mobile browser is sent (`{redirectUrl}`, with `redirect_url` for the way back).
 * - Query: `GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=`.
 * - Refund: `POST /v3/refund/domestic/refunds` (the order's total is queried first: WeChat
 *   Pay wants it beside the refund's amount).
 * - Notifications (`POST /v1/callbacks/payment/wechatpay`): the `Wechatpay-*` signature
 *   checked against the platform certificate (or the "微信支付公钥") named by
 *   `Wechatpay-Serial`, within 300 s; the resource decrypted with the APIv3 key;
 *   `TRANSACTION.SUCCESS` → `succeeded`, `REFUND.SUCCESS` → `refunded`.
 *
 * OneTrip's ids in WeChat Pay's fields: out_trade_no is the paymentId without its `P`
 * (32 hex), `attach` the ticket number, out_refund_no `{ticketNumber}_{refundId}`.
 * An eventId is `wechatpay:{out_trade_no}:{status}` (or `{out_refund_no}` for a refund), so
 * a notification, its retries and a query of the same outcome are the same event.
 */
import type { KeyObject } from 'node:crypto';
import {
  aeadDecrypt,
  authorizationHeader,
  newNonce,
  outRefundNoOf,
  outTradeNoOf,
  paymentIdOf,
  privateKeyOf,
  publicKeyOf,
  refundOf,
  verifyWechatpaySignature,
  WECHATPAY_REFUSAL_CODE,
  type TradeState,
  type WechatpayNotification,
  type WechatpayRefund,
  type WechatpayTransaction,
} from '../../contracts/wechatpay.js';
import { ConfigurationError } from '../domain/errors.js';
import { DEFAULT_PROVIDER_TIMEOUT_MS } from '../lambda/provider-http.js';
import { PaymentProviderError } from './errors.js';
import {
  PAYMENT_CHANNELS,
  type CreatePaymentRequest,
  type NotificationReading,
  type PaymentAction,
  type PaymentCallback,
  type PaymentProvider,
  type ProviderAnswer,
  type ProviderNotification,
  type RefundRequest,
} from './provider.js';

/** The county's secret for WeChat Pay (docs/providers/wechatpay.md). */
export interface WechatpaySecret {
  /** apiclient_key.pem: the merchant API certificate's private key. */
  merchantPrivateKey: string;
  /** The merchant API certificate's serial number (hex). */
  merchantSerialNumber: string;
  /** The APIv3 key set in the merchant platform: 32 characters. */
  apiV3Key: string;
  /** WeChat Pay's platform certificates in use (two while they rotate); empty when it verifies by its public key. */
  platformCertificates: { serialNumber: string; certificate: string }[];
  /** Or, for merchants WeChat Pay verifies by its public key (微信支付公钥): its id (`PUB_KEY_ID_…`) and PEM. */
  wechatpayPublicKey?: { keyId: string; publicKey: string };
}

export interface WechatpayOptions {
  /** The API's root, `https://api.mch.weixin.qq.com` (the simulator's locally). */
  url: string;
  /** 商户号. */
  mchId: string;
  /** The AppID bound to the merchant (公众号 or 网站应用). */
  appId: string;
  /**
   * Where WeChat Pay sends notifications: the county API's `/v1/callbacks/payment/wechatpay`.
   * Orders need it; a refund without it is notified at the URL of its order.
   */
  notifyUrl?: string;
  /** The county's secret, parsed; asked for on each request (the secrets helper caches it). */
  secret: () => Promise<WechatpaySecret>;
  /** @default DEFAULT_PROVIDER_TIMEOUT_MS (5000) */
  timeoutMs?: number;
  /** @default the global fetch */
  fetch?: typeof fetch;
  /** Unix seconds. @default the system clock */
  nowSeconds?: () => number;
}

/** What OneTrip reports for each trade_state; absent: the order is still open. */
const TRADE_STATUS: Partial<Record<TradeState, 'succeeded' | 'failed'>> = {
  SUCCESS: 'succeeded',
  // A refund was asked of a paid order: the payment did succeed (the refund is reported on its own).
  REFUND: 'succeeded',
  CLOSED: 'failed',
  REVOKED: 'failed',
  PAYERROR: 'failed',
};

/** WeChat Pay's limit on `description`, in characters. */
const DESCRIPTION_CHARS = 127;

interface Keys {
  merchantKey: KeyObject;
  serialNo: string;
  apiV3Key: string;
  /** Serial (upper case) or public key id → key: who may sign answers and notifications. */
  platformKeys: Map<string, KeyObject>;
}

/**
 * The secret's keys, checked.
 *
 * @throws ConfigurationError naming what is missing or unreadable
 */
function wechatpayKeys(secret: WechatpaySecret): Keys {
  const problem = (what: string, cause?: unknown) =>
    new ConfigurationError(`The WeChat Pay secret's ${what} (docs/providers/wechatpay.md)`, cause === undefined ? undefined : { cause });
  let merchantKey: KeyObject;
  try {
    merchantKey = privateKeyOf(secret.merchantPrivateKey);
  } catch (cause) {
    throw problem('merchantPrivateKey is not a private key PEM', cause);
  }
  if (!/^[0-9A-Fa-f]{8,64}$/.test(secret.merchantSerialNumber ?? '')) throw problem('merchantSerialNumber is not a hex serial number');
  if (Buffer.byteLength(secret.apiV3Key ?? '', 'utf8') !== 32) throw problem('apiV3Key is not 32 bytes');
  const platformKeys = new Map<string, KeyObject>();
  try {
    for (const { serialNumber, certificate } of secret.platformCertificates ?? []) platformKeys.set(serialNumber.toUpperCase(), publicKeyOf(certificate));
    if (secret.wechatpayPublicKey) platformKeys.set(secret.wechatpayPublicKey.keyId.toUpperCase(), publicKeyOf(secret.wechatpayPublicKey.publicKey));
  } catch (cause) {
    throw problem('platformCertificates or wechatpayPublicKey hold something that is not a certificate or public key PEM', cause);
  }
  if (platformKeys.size === 0) throw problem('platformCertificates (or wechatpayPublicKey) are missing: nothing could check WeChat Pay\'s signatures');
  return { merchantKey, serialNo: secret.merchantSerialNumber.toUpperCase(), apiV3Key: secret.apiV3Key, platformKeys };
}

export class WechatpayPaymentProvider implements PaymentProvider {
  readonly name = 'wechatpay';
  readonly channels = PAYMENT_CHANNELS.wechatpay;
  private readonly root: string;

  constructor(private readonly options: WechatpayOptions) {
    this.root = options.url.replace(/\/+$/, '');
  }

  async createPayment(request: CreatePaymentRequest): Promise<PaymentAction> {
    const { paymentId, ticketNumber, amountFen, description, returnUrl, channel, clientIp } = request;
    if (channel !== 'native' && channel !== 'h5') throw new PaymentProviderError(`WeChat Pay offers native and h5, not ${channel}`);
    if (!this.options.notifyUrl) throw new ConfigurationError('WeChat Pay needs a notify_url: PUBLIC_PORTAL_URL is not set for this function');
    if (channel === 'h5' && !clientIp) throw new PaymentProviderError(`WeChat Pay's h5 payment needs the citizen's IP (payment ${paymentId})`);
    const order = {
      appid: this.options.appId,
      mchid: this.options.mchId,
      description: [...description].slice(0, DESCRIPTION_CHARS).join(''),
      out_trade_no: this.outTradeNo(paymentId),
      attach: ticketNumber,
      notify_url: this.options.notifyUrl,
      amount: { total: amountFen, currency: 'CNY' },
      ...(channel === 'h5' ? { scene_info: { payer_client_ip: clientIp, h5_info: { type: 'Wap' } } } : {}),
    };
    const answer = (await this.call('POST', `/v3/pay/transactions/${channel}`, order)) as { code_url?: unknown; h5_url?: unknown } | undefined;
    const link = channel === 'native' ? answer?.code_url : answer?.h5_url;
    if (typeof link !== 'string' || link === '') {
      throw new PaymentProviderError(`WeChat Pay answered payment ${paymentId} without ${channel === 'native' ? 'code_url' : 'h5_url'}`);
    }
    if (channel === 'native') return { qrCode: link };
    return { redirectUrl: returnUrl ? `${link}&redirect_url=${encodeURIComponent(returnUrl)}` : link };
  }

  async queryPayment(query: { paymentId: string; ticketNumber: string }): Promise<PaymentCallback | undefined> {
    const transaction = await this.transaction(query.paymentId);
    return transaction && this.transactionCallback(transaction);
  }

  async requestRefund(request: RefundRequest): Promise<void> {
    const { refundId, paymentId, ticketNumber, amountFen } = request;
    const transaction = await this.transaction(paymentId);
    if (!transaction?.amount || TRADE_STATUS[transaction.trade_state] !== 'succeeded') {
      throw new PaymentProviderError(`WeChat Pay has no paid order for payment ${paymentId} to refund (${transaction?.trade_state ?? 'no order'})`);
    }
    let outRefundNo: string;
    try {
      outRefundNo = outRefundNoOf({ refundId, ticketNumber });
    } catch (cause) {
      throw new PaymentProviderError((cause as Error).message, undefined, { cause });
    }
    await this.call('POST', '/v3/refund/domestic/refunds', {
      out_trade_no: transaction.out_trade_no,
      out_refund_no: outRefundNo,
      ...(this.options.notifyUrl ? { notify_url: this.options.notifyUrl } : {}),
      amount: { refund: amountFen, total: transaction.amount.total, currency: 'CNY' },
    });
  }

  async readNotification(notification: ProviderNotification): Promise<NotificationReading> {
    const keys = await this.keys();
    const check = verifyWechatpaySignature(notification.headers, notification.rawBody, keys.platformKeys, this.now());
    if (!check.ok) {
      const messages = {
        missing: 'The Wechatpay-Timestamp, -Nonce, -Signature or -Serial header is missing',
        unknown_serial: `Wechatpay-Serial ${notification.headers['wechatpay-serial']?.slice(0, 64)} is none of the platform certificates in the secret`,
        stale: `Wechatpay-Timestamp is more than 300 seconds away from now`,
        bad_signature: 'Wechatpay-Signature does not sign the body',
      };
      return { refused: check.reason === 'stale' ? 'stale' : 'bad_signature', message: messages[check.reason] };
    }
    const malformed = (message: string): NotificationReading => ({ refused: 'malformed', message });
    let body: WechatpayNotification;
    let resource: unknown;
    try {
      body = JSON.parse(notification.rawBody) as WechatpayNotification;
      resource = JSON.parse(aeadDecrypt(keys.apiV3Key, body.resource));
    } catch (error) {
      return malformed(`The notification cannot be read: ${(error as Error).message}`);
    }
    if (typeof resource !== 'object' || resource === null) return malformed('The notification\'s resource is not an object');
    if ((resource as { mchid?: unknown }).mchid !== this.options.mchId) return malformed(`The notification is for merchant ${(resource as { mchid?: unknown }).mchid}, not ${this.options.mchId}`);
    try {
      if (body.event_type.startsWith('TRANSACTION.')) {
        const callback = this.transactionCallback(resource as WechatpayTransaction);
        return { callbacks: callback ? [callback] : [] };
      }
      if (body.event_type.startsWith('REFUND.')) {
        const callback = refundCallback(resource as WechatpayRefund);
        return { callbacks: callback ? [callback] : [] };
      }
    } catch (error) {
      return malformed((error as Error).message);
    }
    return malformed(`Unknown event_type ${body.event_type}`);
  }

  /** 204 without a body when the notification was taken; otherwise 400 `{code: "FAIL", message}`, and WeChat Pay sends it again later. */
  acknowledge(ok: boolean, message?: string): ProviderAnswer {
    if (ok) return { statusCode: 204, headers: {}, body: '' };
    return { statusCode: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: WECHATPAY_REFUSAL_CODE, message: message ?? '失败' }) };
  }

  private outTradeNo(paymentId: string): string {
    try {
      return outTradeNoOf(paymentId);
    } catch (cause) {
      throw new PaymentProviderError((cause as Error).message, undefined, { cause });
    }
  }

  /** The order as WeChat Pay has it; undefined when it has none (ORDER_NOT_EXIST). */
  private async transaction(paymentId: string): Promise<WechatpayTransaction | undefined> {
    const path = `/v3/pay/transactions/out-trade-no/${this.outTradeNo(paymentId)}?mchid=${encodeURIComponent(this.options.mchId)}`;
    try {
      return (await this.call('GET', path)) as WechatpayTransaction;
    } catch (error) {
      if (error instanceof PaymentProviderError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** The callback a transaction reports; undefined while it is open. */
  private transactionCallback(transaction: WechatpayTransaction): PaymentCallback | undefined {
    const status = TRADE_STATUS[transaction.trade_state];
    if (!status) return undefined;
    const { out_trade_no: outTradeNo, attach, amount } = transaction;
    if (!outTradeNo || !attach) throw new Error(`Transaction ${outTradeNo ?? '?'} has no out_trade_no or attach (the ticket number)`);
    if (amount && amount.currency !== 'CNY') throw new Error(`Transaction ${outTradeNo} is in ${amount.currency}, not CNY`);
    return {
      eventId: `wechatpay:${outTradeNo}:${status}`,
      paymentId: paymentIdOf(outTradeNo),
      ticketNumber: attach,
      status,
      amountFen: amount?.total ?? 0,
      occurredAt: transaction.success_time ?? new Date(this.now() * 1000).toISOString(),
    };
  }

  private now(): number {
    return this.options.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
  }

  private async keys(): Promise<Keys> {
    return wechatpayKeys(await this.options.secret());
  }

  /**
   * A signed request; the answer's JSON once its signature is checked (undefined for 204).
   *
   * @throws PaymentProviderError when WeChat Pay cannot be reached, refuses (with its status,
   *   code and message) or answers without a valid signature
   */
  private async call(method: 'GET' | 'POST', path: string, payload?: Record<string, unknown>): Promise<unknown> {
    const keys = await this.keys();
    const url = `${this.root}${path}`;
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const signedUrl = new URL(url);
    const authorization = authorizationHeader({
      method,
      url: `${signedUrl.pathname}${signedUrl.search}`,
      body,
      mchid: this.options.mchId,
      serialNo: keys.serialNo,
      privateKey: keys.merchantKey,
      timestamp: this.now(),
      nonce: newNonce(),
    });
    let response: Response;
    let text: string;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          'user-agent': 'OneTrip (+https://github.com/onetrip)',
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(payload === undefined ? {} : { body }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS),
      });
      text = await response.text();
    } catch (cause) {
      throw new PaymentProviderError(`WeChat Pay could not be reached at ${url}: ${(cause as Error).message}`, undefined, { cause });
    }
    if (!response.ok) {
      let refusal = text.slice(0, 300);
      try {
        const { code, message } = JSON.parse(text) as { code?: string; message?: string };
        if (code) refusal = `${code}: ${message ?? ''}`;
      } catch {
        // Not JSON: the text as it is.
      }
      throw new PaymentProviderError(`WeChat Pay answered ${method} ${path} with ${response.status} ${refusal}`, response.status);
    }
    const headers = Object.fromEntries([...response.headers].map(([name, value]) => [name.toLowerCase(), value]));
    const check = verifyWechatpaySignature(headers, text, keys.platformKeys, this.now());
    if (!check.ok) throw new PaymentProviderError(`WeChat Pay's answer to ${method} ${path} is not signed by a platform certificate in the secret (${check.reason})`, response.status);
    if (text === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new PaymentProviderError(`WeChat Pay answered ${method} ${path} with a body that is not JSON`, response.status, { cause });
    }
  }
}

/** The callback a REFUND.* notification reports: `refunded` on success; nothing for ABNORMAL or CLOSED (staff follow those up). */
function refundCallback(refund: WechatpayRefund): PaymentCallback | undefined {
  const status = refund.refund_status ?? refund.status;
  if (status !== 'SUCCESS') return undefined;
  const ours = refundOf(refund.out_refund_no);
  if (!ours) throw new Error(`Refund ${refund.out_refund_no} is not one of OneTrip's ({ticketNumber}_{refundId})`);
  return {
    eventId: `wechatpay:${refund.out_refund_no}:refunded`,
    paymentId: paymentIdOf(refund.out_trade_no),
    ticketNumber: ours.ticketNumber,
    status: 'refunded',
    amountFen: refund.amount.refund,
    occurredAt: refund.success_time ?? new Date().toISOString(),
  };
}
