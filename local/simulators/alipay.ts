/**
 * A protocol-faithful Alipay (支付宝开放平台, OpenAPI 2.0 with RSA2) for
 * `npm start -- --providers protocol`: the real adapter (functions/payments/alipay.ts, the
 * official SDK) runs unchanged against it. Like Alipay it
 *
 * - checks every request's RSA2 signature with the app's public key, over the sorted
 *   `k=v&…` of every parameter but `sign` (values as sent, not URL-encoded; {@link signingString}),
 *   and refuses with `isv.invalid-signature`;
 * - signs its answers with its own private key: `sign` is RSA2 over the exact JSON text of the
 *   `{method}_response` object ({@link signedAnswer});
 * - sends asynchronous notifications (`trade_status_sync`) form-encoded to the `notify_url`
 *   the payment named, signed RSA2 over every field but `sign` and `sign_type`, until it is
 *   answered the bare text `success` (retried with backoff otherwise);
 * - dedupes trades on `out_trade_no` and refunds on `out_request_no`, and settles a refund at
 *   once (`fund_change: "Y"`, then `"N"` for the same `out_request_no` again), notifying it too.
 *
 * Routes (all under /simulators/alipay/):
 *
 *   GET  gateway.do?…                       alipay.trade.page.pay / alipay.trade.wap.pay: the cashier page where a person pays or declines
 *   POST gateway.do                         alipay.trade.query, alipay.trade.refund, alipay.trade.fastpay.refund.query (JSON answers, signed)
 *   POST trades/{out_trade_no}/pay          the page's "pay" button; with `Accept: application/json` the test API: → 200 {trade, notifications}
 *                                           (a JSON body `{"notify": false}`: the notification is lost, only a query tells)
 *   POST trades/{out_trade_no}/decline      the same for "decline" (the trade is closed: TRADE_CLOSED)
 *   POST trades/{out_trade_no}/notify       the tests' API: sends the trade's notification again, signed, with the JSON body's
 *                                           `{fields}` replacing some (e.g. another total_amount) → 200 {trade, refunds, notifications}
 *   GET  trades/{out_trade_no}              the trade, its refunds and every notification with its attempts (JSON)
 *
 * State is kept in `stateFile` when given, so a restart resumes.
 */
import { createSign, createVerify, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { shanghaiDateTime } from '../../contracts/dates.js';
import { formatFen, yuan } from '../../contracts/money.js';
import { jsonResponse, type HttpResponse } from '../api-gateway.js';
import { delay } from '../ports.js';
import { DEFAULT_RETRY_DELAYS_MS, escapeHtml, readState, writeState } from '../sandbox-shared.js';
import type { Log } from '../types.js';
import type { ProtocolSimulator } from './types.js';

/** What the simulator holds of the generated keys (local/simulators/index.ts `ProviderKeys`). */
export interface AlipaySimulatorKeys {
  /** Alipay's own pair: its private key (PEM) signs answers and notifications; the county's secret holds the public one. */
  provider: { privateKey: string };
  /** The app's pair: its public key (PEM), as uploaded to the open platform, checks requests. */
  merchant: { publicKey: string };
}

/** Local/simulators/index.ts `SimulatorOptions`, as far as Alipay reads it. */
export interface AlipaySimulatorOptions {
  /** The platform's URL (the page links and the return to the widget go through it). */
  baseUrl: string;
  keys: AlipaySimulatorKeys;
  /** The county's entry: with an `appId`, requests of another app are refused (`isv.invalid-app-id`). */
  settings?: Record<string, unknown>;
  log: Log;
  /** Where the state is kept between runs. @default memory only */
  stateFile?: string;
  /** Waits before each notification retry. @default DEFAULT_RETRY_DELAYS_MS */
  retryDelaysMs?: readonly number[];
}

export const ALIPAY_ROOT = '/simulators/alipay';

type TradeStatus = 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED';

interface Trade {
  appId: string;
  outTradeNo: string;
  tradeNo: string;
  method: string;
  totalAmount: string;
  subject: string;
  passbackParams?: string;
  notifyUrl?: string;
  returnUrl?: string;
  status: TradeStatus;
  createdAt: string;
  paidAt?: string;
  closedAt?: string;
}

interface Refund {
  outTradeNo: string;
  outRequestNo: string;
  refundAmount: string;
  refundedAt: string;
}

interface NotificationAttempt {
  at: string;
  status?: number;
  answer?: string;
  error?: string;
}

interface Notification {
  outTradeNo: string;
  url: string;
  /** The form body exactly as sent (signed once, like Alipay: a retry sends the same bytes). */
  rawBody: string;
  attempts: NotificationAttempt[];
  outcome: 'pending' | 'delivered' | 'gave_up';
}

interface State {
  trades: Trade[];
  refunds: Refund[];
  notifications: Notification[];
}

/**
 * Alipay's string to sign: the parameters sorted by name (ASCII), empty values left out,
 * joined as `k=v&…` with the values as they are (not URL-encoded). `omit`: `sign` for a
 * request; `sign` and `sign_type` for a notification.
 */
export function signingString(params: Readonly<Record<string, string>>, omit: readonly string[] = ['sign']): string {
  return Object.keys(params)
    .filter((key) => !omit.includes(key) && params[key] !== undefined && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

export const rsa2Sign = (content: string, privateKey: string): string => createSign('RSA-SHA256').update(content, 'utf8').sign(privateKey, 'base64');

export const rsa2Verify = (content: string, signature: string, publicKey: string): boolean => {
  try {
    return createVerify('RSA-SHA256').update(content, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
};

/** `{"<method>_response":{…},"sign":"…"}` with `sign` over the response object's exact JSON text. */
export function signedAnswer(method: string, response: Record<string, unknown>, privateKey: string): HttpResponse {
  const inner = JSON.stringify(response);
  const body = `{"${method.replaceAll('.', '_')}_response":${inner},"sign":"${rsa2Sign(inner, privateKey)}"}`;
  return { statusCode: 200, headers: { 'content-type': 'application/json;charset=utf-8' }, cookies: [], body: Buffer.from(body) };
}

/** How far a request's timestamp may be from Beijing time now. */
const TIMESTAMP_SKEW_MS = 15 * 60_000;

const fenOf = (amount: string): number => Math.round(Number(amount) * 100);

const SUCCESS = { code: '10000', msg: 'Success' };
const invalid = (subCode: string, subMsg: string) => ({ code: '40002', msg: 'Invalid Arguments', sub_code: subCode, sub_msg: subMsg });
const failed = (subCode: string, subMsg: string) => ({ code: '40004', msg: 'Business Failed', sub_code: subCode, sub_msg: subMsg });

const PAGE_METHODS = ['alipay.trade.page.pay', 'alipay.trade.wap.pay'];
const API_METHODS = ['alipay.trade.query', 'alipay.trade.refund', 'alipay.trade.fastpay.refund.query'];

export class AlipaySimulator implements ProtocolSimulator {
  readonly provider = 'alipay' as const;
  readonly routes = [
    `GET ${ALIPAY_ROOT}/gateway.do`,
    `POST ${ALIPAY_ROOT}/gateway.do`,
    `POST ${ALIPAY_ROOT}/trades/{out_trade_no}/pay`,
    `POST ${ALIPAY_ROOT}/trades/{out_trade_no}/decline`,
    `POST ${ALIPAY_ROOT}/trades/{out_trade_no}/notify`,
    `GET ${ALIPAY_ROOT}/trades/{out_trade_no}`,
  ];
  private readonly state: State;
  private readonly stopping = new AbortController();
  private sending = 0;

  constructor(private readonly options: AlipaySimulatorOptions) {
    this.state = readState<State>(options.stateFile) ?? { trades: [], refunds: [], notifications: [] };
    for (const notification of this.state.notifications) if (notification.outcome === 'pending') void this.deliver(notification);
  }

  /** True while a notification is being sent. */
  get busy(): boolean {
    return this.sending > 0;
  }

  stop(): void {
    this.stopping.abort();
    this.save();
  }

  async handle(request: IncomingMessage, path: string, body: Buffer): Promise<HttpResponse> {
    const method = request.method ?? 'GET';
    const query = new URL(request.url ?? path, 'http://simulator').searchParams;
    if (path === `${ALIPAY_ROOT}/gateway.do`) {
      const params = Object.fromEntries([...query, ...(method === 'POST' ? new URLSearchParams(body.toString('utf8')) : [])]);
      return method === 'GET' ? this.pagePay(params) : this.api(params);
    }
    const match = new RegExp(`^${ALIPAY_ROOT}/trades/([^/]+)(/pay|/decline|/notify)?$`).exec(path);
    const trade = match ? this.trade(decodeURIComponent(match[1]!)) : undefined;
    if (!match || !trade) return jsonResponse(404, { message: 'Not Found' });
    if (!match[2] && method === 'GET') return jsonResponse(200, this.view(trade));
    if (match[2] === '/notify' && method === 'POST') return this.notifyAgain(trade, body);
    if (match[2] && method === 'POST') {
      const api = /application\/json/.test(request.headers.accept ?? '');
      return this.decide(trade, match[2] === '/pay' ? 'pay' : 'decline', api, !(api && /"notify"\s*:\s*false/.test(body.toString('utf8'))));
    }
    return jsonResponse(405, { message: 'Method Not Allowed' });
  }

  // ---- requests ---------------------------------------------------------------------

  /** Why a request is refused before its method runs, in Alipay's terms; undefined when it holds. */
  private refusal(params: Record<string, string>): ReturnType<typeof invalid> | undefined {
    for (const name of ['app_id', 'method', 'charset', 'sign_type', 'sign', 'timestamp', 'version']) {
      if (!params[name]) return invalid(`isv.missing-${name.replaceAll('_', '-')}`, `缺少参数 ${name}`);
    }
    const appId = this.options.settings?.appId;
    if (typeof appId === 'string' && params.app_id !== appId) return invalid('isv.invalid-app-id', `无效的 AppID 参数 ${params.app_id}`);
    if (params.sign_type !== 'RSA2') return invalid('isv.invalid-signature-type', `不支持的签名类型 ${params.sign_type}`);
    if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(params.timestamp!)) return invalid('isv.invalid-timestamp', '非法的时间戳参数');
    // Alipay's timestamp is Beijing time: one sent in the server's own zone (UTC on Lambda) is hours away.
    const skewMs = Math.abs(Date.parse(`${params.timestamp!.replace(' ', 'T')}+08:00`) - Date.now());
    if (!(skewMs <= TIMESTAMP_SKEW_MS)) return invalid('isv.invalid-timestamp', `时间戳 ${params.timestamp} 与北京时间相差超过 ${TIMESTAMP_SKEW_MS / 60_000} 分钟`);
    if (!rsa2Verify(signingString(params), params.sign!, this.options.keys.merchant.publicKey)) {
      this.options.log(`alipay simulator: refused ${params.method}: signature does not verify`);
      return invalid('isv.invalid-signature', `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${signingString(params)}`);
    }
    return undefined;
  }

  private bizContent(params: Record<string, string>): Record<string, unknown> | undefined {
    try {
      const parsed = JSON.parse(params.biz_content ?? '') as unknown;
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  private pagePay(params: Record<string, string>): HttpResponse {
    const refused = this.refusal(params) ?? (PAGE_METHODS.includes(params.method ?? '') ? undefined : invalid('isv.invalid-method', `不存在的方法名 ${params.method}`));
    if (refused) return htmlResponse(400, page('支付失败', `<p role="alert">${escapeHtml(`${refused.sub_code}：${refused.sub_msg}`)}</p>`));
    const biz = this.bizContent(params);
    const outTradeNo = String(biz?.out_trade_no ?? '');
    const totalAmount = String(biz?.total_amount ?? '');
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(outTradeNo) || !/^\d+(\.\d{1,2})?$/.test(totalAmount) || fenOf(totalAmount) <= 0 || !biz?.subject) {
      return htmlResponse(400, page('支付失败', '<p role="alert">ACQ.INVALID_PARAMETER：out_trade_no、total_amount、subject 不合法</p>'));
    }
    let trade = this.trade(outTradeNo);
    if (trade && (trade.totalAmount !== totalAmount || trade.appId !== params.app_id)) {
      return htmlResponse(409, page('支付失败', '<p role="alert">ACQ.CONTEXT_INCONSISTENT：交易信息被篡改</p>'));
    }
    if (!trade) {
      trade = {
        appId: params.app_id!,
        outTradeNo,
        tradeNo: `2026${Date.now()}${randomBytes(4).toString('hex')}`.slice(0, 28),
        method: params.method!,
        totalAmount,
        subject: String(biz.subject),
        ...(typeof biz.passback_params === 'string' ? { passbackParams: biz.passback_params } : {}),
        ...(params.notify_url ? { notifyUrl: params.notify_url } : {}),
        ...(params.return_url ? { returnUrl: params.return_url } : {}),
        status: 'WAIT_BUYER_PAY',
        createdAt: shanghaiDateTime(),
      };
      this.state.trades.push(trade);
      this.save();
      this.options.log(`alipay simulator: trade ${outTradeNo} of ¥${totalAmount} awaits the buyer`);
    }
    return htmlResponse(200, this.cashier(trade));
  }

  private api(params: Record<string, string>): HttpResponse {
    const method = params.method ?? '';
    const sign = (response: Record<string, unknown>) => signedAnswer(API_METHODS.includes(method) ? method : 'error', response, this.options.keys.provider.privateKey);
    const refused = this.refusal(params) ?? (API_METHODS.includes(method) ? undefined : invalid('isv.invalid-method', `不存在的方法名 ${method}`));
    if (refused) return sign(refused);
    const biz = this.bizContent(params);
    if (!biz) return sign(invalid('isv.invalid-biz-content', 'biz_content 不是 JSON 对象'));
    const trade = this.trade(String(biz.out_trade_no ?? ''));
    if (!trade || trade.appId !== params.app_id) return sign(failed('ACQ.TRADE_NOT_EXIST', '交易不存在'));
    switch (method) {
      case 'alipay.trade.query':
        return sign({
          ...SUCCESS,
          trade_no: trade.tradeNo,
          out_trade_no: trade.outTradeNo,
          buyer_logon_id: 'oty***@example.com',
          trade_status: trade.status,
          total_amount: trade.totalAmount,
          ...(trade.paidAt ? { send_pay_date: trade.paidAt } : {}),
        });
      case 'alipay.trade.refund':
        return sign(this.refund(trade, String(biz.out_request_no ?? ''), String(biz.refund_amount ?? '')));
      default: {
        const refund = this.state.refunds.find((r) => r.outTradeNo === trade.outTradeNo && r.outRequestNo === String(biz.out_request_no ?? biz.out_trade_no));
        return sign({
          ...SUCCESS,
          out_trade_no: trade.outTradeNo,
          trade_no: trade.tradeNo,
          ...(refund ? { out_request_no: refund.outRequestNo, refund_status: 'REFUND_SUCCESS', refund_amount: refund.refundAmount, total_amount: trade.totalAmount, gmt_refund_pay: refund.refundedAt } : {}),
        });
      }
    }
  }

  private refund(trade: Trade, outRequestNo: string, refundAmount: string): Record<string, unknown> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(outRequestNo) || !/^\d+(\.\d{1,2})?$/.test(refundAmount) || fenOf(refundAmount) <= 0) {
      return failed('ACQ.INVALID_PARAMETER', 'out_request_no 或 refund_amount 不合法');
    }
    const refunds = this.state.refunds.filter((r) => r.outTradeNo === trade.outTradeNo);
    const refundedFen = () => refunds.reduce((sum, r) => sum + fenOf(r.refundAmount), 0);
    const answer = (fundChange: 'Y' | 'N', refundedAt: string) => ({
      ...SUCCESS,
      trade_no: trade.tradeNo,
      out_trade_no: trade.outTradeNo,
      buyer_logon_id: 'oty***@example.com',
      fund_change: fundChange,
      refund_fee: yuan(refundedFen()),
      gmt_refund_pay: refundedAt,
    });
    const earlier = refunds.find((r) => r.outRequestNo === outRequestNo);
    if (earlier) return earlier.refundAmount === refundAmount ? answer('N', earlier.refundedAt) : failed('ACQ.REQUEST_AMOUNT_EXCEED', '同一退款请求号的金额不一致');
    if (trade.status !== 'TRADE_SUCCESS') return failed('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
    if (refundedFen() + fenOf(refundAmount) > fenOf(trade.totalAmount)) return failed('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额超限');
    const refund: Refund = { outTradeNo: trade.outTradeNo, outRequestNo, refundAmount, refundedAt: shanghaiDateTime() };
    this.state.refunds.push(refund);
    refunds.push(refund);
    if (refundedFen() === fenOf(trade.totalAmount)) Object.assign(trade, { status: 'TRADE_CLOSED', closedAt: refund.refundedAt });
    this.save();
    this.options.log(`alipay simulator: refund ${outRequestNo} of ¥${refundAmount} on trade ${trade.outTradeNo}`);
    this.notify(trade, { out_biz_no: outRequestNo, refund_fee: yuan(refundedFen()), gmt_refund: `${refund.refundedAt}.000` });
    return answer('Y', refund.refundedAt);
  }

  // ---- the buyer ----------------------------------------------------------------------

  private async decide(trade: Trade, decision: 'pay' | 'decline', api: boolean, notify: boolean): Promise<HttpResponse> {
    if (trade.status !== 'WAIT_BUYER_PAY') {
      return api ? jsonResponse(409, { error: { code: 'TRADE_STATUS_ERROR', message: `Trade ${trade.outTradeNo} is ${trade.status}` } }) : htmlResponse(409, this.cashier(trade, '该交易已处理，不能重复支付。'));
    }
    if (decision === 'pay') Object.assign(trade, { status: 'TRADE_SUCCESS', paidAt: shanghaiDateTime() });
    else Object.assign(trade, { status: 'TRADE_CLOSED', closedAt: shanghaiDateTime() });
    this.save();
    this.options.log(`alipay simulator: trade ${trade.outTradeNo} ${decision === 'pay' ? 'paid' : 'declined'}`);
    const notification = notify ? this.notify(trade, {}) : undefined;
    if (api) {
      if (notification) await notification.firstAttempt;
      return jsonResponse(200, this.view(trade));
    }
    if (decision === 'pay' && trade.returnUrl) return { statusCode: 303, headers: { location: this.returnLocation(trade) }, cookies: [], body: Buffer.alloc(0) };
    return htmlResponse(200, this.cashier(trade));
  }

  /** Alipay's synchronous return: the trade's main fields, signed, on the return_url (the adapter never trusts them; notifications and queries decide). */
  private returnLocation(trade: Trade): string {
    const params: Record<string, string> = {
      charset: 'utf-8',
      out_trade_no: trade.outTradeNo,
      method: `${trade.method}.return`,
      total_amount: trade.totalAmount,
      trade_no: trade.tradeNo,
      auth_app_id: trade.appId,
      version: '1.0',
      app_id: trade.appId,
      seller_id: '2088000000000000',
      timestamp: shanghaiDateTime(),
    };
    const url = new URL(trade.returnUrl!);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    url.searchParams.set('sign', rsa2Sign(signingString(params, ['sign', 'sign_type']), this.options.keys.provider.privateKey));
    url.searchParams.set('sign_type', 'RSA2');
    return url.toString();
  }

  // ---- notifications ------------------------------------------------------------------

  private async notifyAgain(trade: Trade, body: Buffer): Promise<HttpResponse> {
    let fields: Record<string, string> = {};
    try {
      const parsed = body.length > 0 ? (JSON.parse(body.toString('utf8')) as { fields?: unknown }) : {};
      if (parsed.fields !== undefined) fields = Object.fromEntries(Object.entries(parsed.fields as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    } catch {
      return jsonResponse(400, { error: { code: 'INVALID_JSON', message: 'The body is not JSON: {"fields": {…}}' } });
    }
    const notification = this.notify(trade, fields);
    if (!notification) return jsonResponse(409, { error: { code: 'NO_NOTIFY_URL', message: `Trade ${trade.outTradeNo} named no notify_url` } });
    await notification.firstAttempt;
    return jsonResponse(200, this.view(trade));
  }

  /** Sends `trade_status_sync` for the trade as it is now (plus `extra`, e.g. a refund's fields); none without a notify_url. */
  private notify(trade: Trade, extra: Record<string, string>): { firstAttempt: Promise<void> } | undefined {
    if (!trade.notifyUrl) return undefined;
    const fields: Record<string, string> = {
      notify_time: shanghaiDateTime(),
      notify_type: 'trade_status_sync',
      notify_id: randomBytes(16).toString('hex'),
      charset: 'utf-8',
      version: '1.0',
      app_id: trade.appId,
      auth_app_id: trade.appId,
      trade_no: trade.tradeNo,
      out_trade_no: trade.outTradeNo,
      trade_status: trade.status,
      total_amount: trade.totalAmount,
      receipt_amount: trade.totalAmount,
      buyer_pay_amount: trade.totalAmount,
      subject: trade.subject,
      gmt_create: trade.createdAt,
      seller_id: '2088000000000000',
      buyer_id: '2088000000000001',
      ...(trade.paidAt ? { gmt_payment: trade.paidAt } : {}),
      ...(trade.closedAt ? { gmt_close: trade.closedAt } : {}),
      ...(trade.passbackParams ? { passback_params: trade.passbackParams } : {}),
      ...extra,
    };
    const sign = rsa2Sign(signingString(fields, ['sign', 'sign_type']), this.options.keys.provider.privateKey);
    const notification: Notification = { outTradeNo: trade.outTradeNo, url: trade.notifyUrl, rawBody: new URLSearchParams({ ...fields, sign, sign_type: 'RSA2' }).toString(), attempts: [], outcome: 'pending' };
    this.state.notifications.push(notification);
    this.save();
    return { firstAttempt: this.deliver(notification) };
  }

  /** Delivers in the background; resolves once the first attempt has ended. */
  private deliver(notification: Notification): Promise<void> {
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    let firstEnded: () => void = () => undefined;
    const firstAttempt = new Promise<void>((resolve) => (firstEnded = resolve));
    const run = async () => {
      for (let index = notification.attempts.length; index <= delays.length && !this.stopping.signal.aborted; index += 1) {
        if (index > 0) await delay(delays[index - 1]!, this.stopping.signal).catch(() => undefined);
        if (this.stopping.signal.aborted) break;
        const attempt: NotificationAttempt = { at: new Date().toISOString() };
        this.sending += 1;
        try {
          const response = await fetch(notification.url, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
            body: notification.rawBody,
            signal: AbortSignal.any([AbortSignal.timeout(10_000), this.stopping.signal]),
          });
          attempt.status = response.status;
          attempt.answer = (await response.text()).slice(0, 200);
        } catch (error) {
          attempt.error = (error as Error).message;
        } finally {
          this.sending -= 1;
        }
        notification.attempts.push(attempt);
        if (attempt.answer?.trim() === 'success') notification.outcome = 'delivered';
        else if (index === delays.length) notification.outcome = 'gave_up';
        this.save();
        firstEnded();
        if (notification.outcome !== 'pending') {
          this.options.log(`alipay simulator: notification for ${notification.outTradeNo} ${notification.outcome} after ${notification.attempts.length} attempt(s)`);
          break;
        }
      }
      firstEnded();
    };
    void run();
    return firstAttempt;
  }

  // ---- state and pages -------------------------------------------------------------------

  private trade(outTradeNo: string): Trade | undefined {
    return this.state.trades.find((trade) => trade.outTradeNo === outTradeNo);
  }

  private view(trade: Trade) {
    return {
      trade,
      refunds: this.state.refunds.filter((refund) => refund.outTradeNo === trade.outTradeNo),
      notifications: this.state.notifications.filter((n) => n.outTradeNo === trade.outTradeNo).map((n) => ({ ...n, fields: Object.fromEntries(new URLSearchParams(n.rawBody)) })),
    };
  }

  private save(): void {
    writeState(this.options.stateFile, this.state);
  }

  private cashier(trade: Trade, problem?: string): string {
    const id = encodeURIComponent(trade.outTradeNo);
    const status: Record<TradeStatus, string> = { WAIT_BUYER_PAY: '待付款', TRADE_SUCCESS: '支付成功', TRADE_CLOSED: '交易关闭' };
    const actions =
      trade.status === 'WAIT_BUYER_PAY'
        ? `<div class="actions">
<form method="post" action="${ALIPAY_ROOT}/trades/${id}/pay"><button type="submit" class="pay">确认付款</button></form>
<form method="post" action="${ALIPAY_ROOT}/trades/${id}/decline"><button type="submit">取消付款</button></form>
</div>`
        : `<p role="status" class="outcome">${status[trade.status]}</p>`;
    return page(
      '支付宝收银台（模拟）',
      `<dl>
<dt>商品名称</dt><dd>${escapeHtml(trade.subject)}</dd>
<dt>商户订单号</dt><dd>${escapeHtml(trade.outTradeNo)}</dd>
<dt>付款金额</dt><dd class="amount">${escapeHtml(formatFen(fenOf(trade.totalAmount)))}</dd>
<dt>交易状态</dt><dd>${status[trade.status]}</dd>
</dl>
${problem ? `<p role="alert" class="outcome refused">${escapeHtml(problem)}</p>` : ''}
${actions}`,
    );
  }
}

function page(title: string, main: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>
  body { margin: 0; font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; line-height: 1.6; color: #1f2328; background: #f5f7fa; }
  header { background: #1677ff; color: #fff; padding: 0.75rem 1.5rem; font-weight: 600; }
  main { max-width: 32rem; margin: 1.5rem auto; padding: 1.5rem; background: #fff; border-radius: 8px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; } dd { margin: 0; overflow-wrap: anywhere; }
  .amount { font-size: 1.5rem; font-weight: 700; } .actions { display: flex; gap: 1rem; }
  button { font: inherit; padding: 0.625rem 1.5rem; border-radius: 6px; border: 2px solid #0958d9; background: #fff; color: #0958d9; cursor: pointer; }
  button.pay { background: #0958d9; color: #fff; } button:focus-visible { outline: 3px solid #1f2328; outline-offset: 2px; }
  .outcome { padding: 0.75rem 1rem; border-left: 4px solid #1a7f37; background: #eefbf1; } .refused { border-color: #b42318; background: #fdf0ef; }
</style></head>
<body><header>支付宝（协议模拟器）：仅供测试，不会发生真实扣款。</header>
<main><h1>${escapeHtml(title)}</h1>
${main}
</main></body></html>
`;
}

function htmlResponse(statusCode: number, html: string): HttpResponse {
  return { statusCode, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, cookies: [], body: Buffer.from(html) };
}
