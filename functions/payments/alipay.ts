/**
 * The `alipay` payment provider: Alipay's open platform (OpenAPI 2.0, RSA2), through the
 * official SDK (`alipay-sdk` v4), which signs the requests with the app's private key and
 * checks the answers' and notifications' signatures with Alipay's public key.
 *
 * - `page`: `alipay.trade.page.pay` (电脑网站支付), `wap`: `alipay.trade.wap.pay` (手机网站支付).
 *   Both are a signed gateway URL the citizen is sent to; Alipay dedupes on `out_trade_no`
 *   (OneTrip's paymentId), so a retried start never charges twice.
 * - `alipay.trade.query` when a notification is missing; `alipay.trade.refund` (idempotent on
 *   `out_request_no`, OneTrip's refundId), which Alipay settles at once: its answer becomes
 *   the `refunded` callback, confirmed with `alipay.trade.fastpay.refund.query` when the
 *   answer does not say the money moved.
 * - Asynchronous notifications (`POST /v1/callbacks/payment/alipay`, form-encoded) are
 *   checked with `checkNotifySignV2` (RSA2 over the sorted `k=v&…` of every field but
 *   `sign` and `sign_type`) and must name this app.
 *
 * Event ids are the same whichever path reports an event: `alipay:{paymentId}:{status}` for
 * a payment's outcome (TRADE_SUCCESS and TRADE_FINISHED are one event), and
 * `alipay:{paymentId}:refund:{refundId}` for a refund (its synchronous answer and its
 * notification), so the one arriving second is a replay. The ticket number travels as
 * `passback_params` (Alipay hands it back in the notification). Amounts are yuan strings
 * only in here. docs/providers/alipay.md has the trade_status mapping and the keys.
 */
import { AlipaySdk, type AlipaySdkCommonResult } from 'alipay-sdk';
import { shanghaiDateTime } from '../../contracts/dates.js';
import { yuan } from '../../contracts/money.js';
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

/** The county's Alipay secret (docs/providers/alipay.md; its fields checked by contracts/providers.ts `PROVIDERS`): PEM strings. */
export interface AlipayKeys {
  /** The app's RSA 2048 private key (PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY`). */
  appPrivateKey: string;
  /** Alipay's public key (支付宝公钥) as the open platform shows it for the app. */
  alipayPublicKey: string;
}

export interface AlipayOptions {
  /** The gateway, e.g. `https://openapi.alipay.com/gateway.do` (the sandbox: `https://openapi-sandbox.dl.alipaydev.com/gateway.do`). */
  url: string;
  /** The app's id on the open platform. */
  appId: string;
  /** The keys, read on each call (the secret's cache makes that cheap; a rotation is picked up). */
  keys: () => Promise<AlipayKeys>;
  /** Where Alipay sends notifications: `{county's address}/v1/callbacks/payment/alipay`. Without it Alipay notifies nothing and only queries tell. */
  notifyUrl?: string;
  /** Milliseconds a call to the gateway may take. @default 5000 */
  timeoutMs?: number;
}

/** `trade_status` → OneTrip's payment status; absent: still open, nothing to report. */
const TRADE_STATUS: Readonly<Record<string, 'succeeded' | 'failed'>> = {
  TRADE_SUCCESS: 'succeeded',
  TRADE_FINISHED: 'succeeded',
  TRADE_CLOSED: 'failed',
};

const SUCCESS = '10000';
const YUAN = /^\d{1,9}(\.\d{1,2})?$/;

/** `"12.30"` → 1230, integer arithmetic only; undefined for anything else. */
export function fenOf(amount: unknown): number | undefined {
  if (typeof amount !== 'string' || !YUAN.test(amount)) return undefined;
  const [whole, cents = ''] = amount.split('.');
  return Number(whole) * 100 + Number(cents.padEnd(2, '0'));
}

/** Alipay's `yyyy-MM-dd HH:mm:ss` (Beijing time) → ISO 8601; undefined when absent or not that. */
function isoOf(time: unknown): string | undefined {
  return typeof time === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(time) ? `${time.replace(' ', 'T')}+08:00` : undefined;
}

const eventIdOf = (paymentId: string, status: 'succeeded' | 'failed'): string => `alipay:${paymentId}:${status}`;
const refundEventIdOf = (paymentId: string, refundId: string): string => `alipay:${paymentId}:refund:${refundId}`;

export class AlipayPaymentProvider implements PaymentProvider {
  readonly name = 'alipay';
  readonly channels = PAYMENT_CHANNELS.alipay;
  private sdk?: { privateKey: string; publicKey: string; client: AlipaySdk };

  constructor(private readonly options: AlipayOptions) {}

  /** The SDK client for the current keys (a new one after a rotation). */
  private async client(): Promise<AlipaySdk> {
    const { appPrivateKey, alipayPublicKey } = await this.options.keys();
    if (this.sdk?.privateKey !== appPrivateKey || this.sdk.publicKey !== alipayPublicKey) {
      const client = new AlipaySdk({
        appId: this.options.appId,
        privateKey: appPrivateKey,
        keyType: appPrivateKey.includes('BEGIN PRIVATE KEY') ? 'PKCS8' : 'PKCS1',
        alipayPublicKey,
        gateway: this.options.url,
        timeout: this.options.timeoutMs ?? 5000,
        // Alipay's own field names, as its documentation writes them.
        camelcase: false,
      });
      this.sdk = { privateKey: appPrivateKey, publicKey: alipayPublicKey, client };
    }
    return this.sdk.client;
  }

  /** A gateway call with its answer's signature checked; a refusal other than `tolerated` sub codes throws. */
  private async call(method: string, bizContent: Record<string, unknown>, tolerated: string[] = []): Promise<AlipaySdkCommonResult> {
    let answer: AlipaySdkCommonResult;
    try {
      answer = await (await this.client()).exec(method, { bizContent, timestamp: shanghaiDateTime() }, { validateSign: true });
    } catch (cause) {
      throw new PaymentProviderError(`Alipay could not be asked ${method}: ${(cause as Error).message}`, undefined, { cause });
    }
    if (answer.code !== SUCCESS && !tolerated.includes(answer.sub_code ?? '')) {
      throw new PaymentProviderError(`Alipay refused ${method}: ${answer.code} ${answer.sub_code ?? ''} ${answer.sub_msg ?? answer.msg}`);
    }
    return answer;
  }

  async createPayment(request: CreatePaymentRequest): Promise<PaymentAction> {
    const { paymentId, ticketNumber, amountFen, description, returnUrl, channel } = request;
    const wap = channel === 'wap';
    const method = wap ? 'alipay.trade.wap.pay' : 'alipay.trade.page.pay';
    try {
      const redirectUrl = (await this.client()).pageExecute(method, 'GET', {
        bizContent: {
          out_trade_no: paymentId,
          total_amount: yuan(amountFen),
          subject: description.slice(0, 256),
          product_code: wap ? 'QUICK_WAP_WAY' : 'FAST_INSTANT_TRADE_PAY',
          passback_params: encodeURIComponent(ticketNumber),
          ...(wap && returnUrl ? { quit_url: returnUrl } : {}),
        },
        ...(this.options.notifyUrl ? { notify_url: this.options.notifyUrl } : {}),
        ...(returnUrl ? { return_url: returnUrl } : {}),
        timestamp: shanghaiDateTime(),
      });
      return { redirectUrl };
    } catch (cause) {
      throw new PaymentProviderError(`Alipay's payment link for ${paymentId} could not be signed: ${(cause as Error).message}`, undefined, { cause });
    }
  }

  async queryPayment({ paymentId, ticketNumber }: { paymentId: string; ticketNumber: string }): Promise<PaymentCallback | undefined> {
    // ACQ.TRADE_NOT_EXIST: the citizen never reached Alipay's page; still open as far as OneTrip knows.
    const answer = await this.call('alipay.trade.query', { out_trade_no: paymentId }, ['ACQ.TRADE_NOT_EXIST']);
    const status = answer.code === SUCCESS ? TRADE_STATUS[String(answer.trade_status)] : undefined;
    const amountFen = fenOf(answer.total_amount);
    if (!status || amountFen === undefined) return undefined;
    return { eventId: eventIdOf(paymentId, status), paymentId, ticketNumber, status, amountFen, occurredAt: isoOf(answer.send_pay_date) ?? new Date().toISOString() };
  }

  async requestRefund({ refundId, paymentId, ticketNumber, amountFen }: RefundRequest): Promise<PaymentCallback> {
    const refunded = (at: unknown): PaymentCallback => ({
      eventId: refundEventIdOf(paymentId, refundId),
      paymentId,
      ticketNumber,
      status: 'refunded',
      amountFen,
      occurredAt: isoOf(at) ?? new Date().toISOString(),
    });
    const answer = await this.call('alipay.trade.refund', { out_trade_no: paymentId, out_request_no: refundId, refund_amount: yuan(amountFen), refund_reason: `OneTrip ${ticketNumber}` });
    if (answer.fund_change === 'Y') return refunded(answer.gmt_refund_pay);
    // "N" (e.g. this refund was settled by an earlier attempt): Alipay says to ask.
    const settled = await this.call('alipay.trade.fastpay.refund.query', { out_trade_no: paymentId, out_request_no: refundId, query_options: ['gmt_refund_pay'] });
    if (settled.refund_status === 'REFUND_SUCCESS') return refunded(settled.gmt_refund_pay);
    throw new PaymentProviderError(`Alipay has not settled refund ${refundId} yet; asked again on the next delivery`);
  }

  async readNotification({ rawBody }: ProviderNotification): Promise<NotificationReading> {
    const fields = Object.fromEntries(new URLSearchParams(rawBody));
    if (!fields.sign || !fields.out_trade_no) return { refused: 'malformed', message: 'Not an Alipay notification: no sign or out_trade_no' };
    if (!(await this.client()).checkNotifySignV2(fields)) return { refused: 'bad_signature', message: "The notification's RSA2 signature does not verify with Alipay's public key" };
    if (fields.app_id !== this.options.appId) return { refused: 'malformed', message: `The notification is for app ${fields.app_id}, not ${this.options.appId}` };
    const paymentId = fields.out_trade_no;
    const ticketNumber = decodeURIComponent(fields.passback_params ?? '');
    if (fields.out_biz_no && fields.refund_fee) {
      const amountFen = fenOf(fields.refund_fee);
      if (amountFen === undefined) return { refused: 'malformed', message: `refund_fee "${fields.refund_fee}" is not an amount in yuan` };
      const occurredAt = isoOf(fields.gmt_refund?.slice(0, 19)) ?? isoOf(fields.notify_time) ?? new Date().toISOString();
      return { callbacks: [{ eventId: refundEventIdOf(paymentId, fields.out_biz_no), paymentId, ticketNumber, status: 'refunded', amountFen, occurredAt }] };
    }
    const status = TRADE_STATUS[fields.trade_status ?? ''];
    if (!status) return { callbacks: [] };
    const amountFen = fenOf(fields.total_amount);
    if (amountFen === undefined) return { refused: 'malformed', message: `total_amount "${fields.total_amount}" is not an amount in yuan` };
    const occurredAt = isoOf(status === 'succeeded' ? fields.gmt_payment : fields.gmt_close) ?? isoOf(fields.notify_time) ?? new Date().toISOString();
    return { callbacks: [{ eventId: eventIdOf(paymentId, status), paymentId, ticketNumber, status, amountFen, occurredAt }] };
  }

  /** Alipay stops notifying once answered the bare text `success`; anything else is retried (up to 8 times over 25 h). */
  acknowledge(ok: boolean): ProviderAnswer {
    return { statusCode: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: ok ? 'success' : 'fail' };
  }
}
