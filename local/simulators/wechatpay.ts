// A protocol-faithful WeChat Pay API v3 for `--providers protocol`: the real adapter
// (functions/payments/wechatpay.ts) runs against it unchanged, pointed at
// `{baseUrl}/simulators/wechatpay` instead of https://api.mch.weixin.qq.com.
//
// What WeChat Pay does, it does (contracts/wechatpay.ts holds the wire):
// - every /v3/ request must carry the merchant's `Authorization: WECHATPAY2-SHA256-RSA2048 …`,
//   checked with the merchant's public key within 300 s (else 401 SIGN_ERROR);
// - every answer, errors too, is signed with the platform key (`Wechatpay-*` headers);
// - notifications are signed the same way, their resource encrypted with the APIv3 key
//   (AEAD_AES_256_GCM), POSTed to the order's notify_url; a 2xx takes them, anything else
//   is tried again after 1, 2, 4, 8 and 15 s (WeChat Pay's own schedule spans a day).
//
// The WeChat Pay API it serves (under /simulators/wechatpay):
//   POST /v3/pay/transactions/native                     → {code_url}: the pay page below
//   POST /v3/pay/transactions/h5                         → {h5_url}: the pay page below (honours &redirect_url=)
//   GET  /v3/pay/transactions/out-trade-no/{no}?mchid=   → the transaction; 404 ORDER_NOT_EXIST
//   POST /v3/refund/domestic/refunds                     → the refund, PROCESSING; REFUND.SUCCESS follows
//   GET  /v3/refund/domestic/refunds/{out_refund_no}     → the refund
//   GET  /v3/certificates                                → the platform certificate, encrypted under the APIv3 key
// A person's page (what code_url and h5_url open):
//   GET  /pay/{out_trade_no}                             the order, 确认支付 / 放弃支付
//   POST /pay/{out_trade_no}/decision                    form decision=pay|decline (+ redirect_url)
// A small API for tests and demos (not WeChat Pay's; unsigned):
//   POST /transactions/{out_trade_no}/pay | /decline     as the page does; answers the order and its notification
//   POST /transactions/{out_trade_no}/notifications      {total?, signature?: "bad"} one more TRANSACTION.SUCCESS, sent once
//   POST /notifications/{id}/replay                      the same notification again, byte for byte, headers and all
//   GET  /notifications?out_trade_no=                    what was sent, with every attempt
//
// A declined order is CLOSED and, as with WeChat Pay, no notification is sent for it: the
// merchant learns it by querying. State is kept in the data dir across restarts; deliveries
// still pending resume at start.
import { randomBytes, randomUUID, X509Certificate, type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { formatFen } from '../../contracts/money.js';
import {
  AEAD_ALGORITHM,
  aeadEncrypt,
  parseAuthorization,
  privateKeyOf,
  publicKeyOf,
  verifyAuthorization,
  wechatpaySignatureHeaders,
  WECHATPAY_TOLERANCE_SECONDS,
  type TradeState,
  type WechatpayNotification,
  type WechatpayRefund,
  type WechatpayTransaction,
} from '../../contracts/wechatpay.js';
import { jsonResponse, type HttpResponse } from '../api-gateway.js';
import { delay } from '../ports.js';
import { escapeHtml, readState, shanghaiIso, writeState } from '../sandbox-shared.js';
import type { ProtocolSimulator, SimulatorOptions } from './types.js';

/** Where the simulator is served on the platform's port. */
export const WECHATPAY_SIMULATOR_PREFIX = '/simulators/wechatpay';

/** Waits before each retry of a notification. */
const RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 15_000];
/** How long a notification's attempt may take. */
const ATTEMPT_TIMEOUT_MS = 10_000;

export interface WechatpaySimulatorOptions extends SimulatorOptions {
  /** @default 1, 2, 4, 8 and 15 s */
  retryDelaysMs?: readonly number[];
  /** Milliseconds between a refund request and its success. @default 200 */
  refundDelayMs?: number;
}

interface Order extends WechatpayTransaction {
  description: string;
  notify_url: string;
  scene: 'native' | 'h5';
  payer_client_ip?: string;
  create_time: string;
}

interface Refund extends WechatpayRefund {
  notify_url: string;
  create_time: string;
}

interface Attempt {
  at: string;
  status?: number;
  error?: string;
}

interface SentNotification {
  id: string;
  event_type: string;
  out_trade_no: string;
  out_refund_no?: string;
  url: string;
  rawBody: string;
  /** The headers of the last attempt (each attempt is signed afresh). */
  headers: Record<string, string>;
  attempts: Attempt[];
  outcome: 'pending' | 'delivered' | 'refused' | 'gave_up';
}

interface State {
  orders: Order[];
  refunds: Refund[];
  notifications: SentNotification[];
}

/** An answer of the simulated API: WeChat Pay's error shape `{code, message}` for errors. */
type Answer = { status: number; body?: unknown };
const refusal = (status: number, code: string, message: string): Answer => ({ status, body: { code, message } });

const OUT_TRADE_NO = /^[A-Za-z0-9_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[A-Za-z0-9_\-|*@]{1,64}$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFen = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

export class WechatpaySimulator implements ProtocolSimulator {
  readonly provider = 'wechatpay' as const;
  readonly routes = [
    `POST ${WECHATPAY_SIMULATOR_PREFIX}/v3/pay/transactions/native`,
    `POST ${WECHATPAY_SIMULATOR_PREFIX}/v3/pay/transactions/h5`,
    `GET ${WECHATPAY_SIMULATOR_PREFIX}/v3/pay/transactions/out-trade-no/{out_trade_no}`,
    `POST ${WECHATPAY_SIMULATOR_PREFIX}/v3/refund/domestic/refunds`,
    `GET ${WECHATPAY_SIMULATOR_PREFIX}/v3/refund/domestic/refunds/{out_refund_no}`,
    `GET ${WECHATPAY_SIMULATOR_PREFIX}/v3/certificates`,
    `GET ${WECHATPAY_SIMULATOR_PREFIX}/pay/{out_trade_no}`,
    `POST ${WECHATPAY_SIMULATOR_PREFIX}/pay/{out_trade_no}/decision`,
    `POST ${WECHATPAY_SIMULATOR_PREFIX}/transactions/{out_trade_no}/pay`,
    `POST ${WECHATPAY_SIMULATOR_PREFIX}/transactions/{out_trade_no}/decline`,
    `POST ${WECHATPAY_SIMULATOR_PREFIX}/transactions/{out_trade_no}/notifications`,
    `POST ${WECHATPAY_SIMULATOR_PREFIX}/notifications/{id}/replay`,
    `GET ${WECHATPAY_SIMULATOR_PREFIX}/notifications`,
  ];
  private readonly orders = new Map<string, Order>();
  private readonly refunds = new Map<string, Refund>();
  private readonly notifications: SentNotification[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly stopping = new AbortController();
  private readonly platformKey: KeyObject;
  private readonly merchantKey: KeyObject;
  /** The merchant (`settings.mchId`) the requests must come from. */
  private readonly mchId: string;
  /** The merchant's APIv3 key (`keys.sharedSecret`): encrypts the notifications' resources. */
  private readonly apiV3Key: string;
  private attempting = 0;

  constructor(private readonly options: WechatpaySimulatorOptions) {
    // The platform's key signs answers and notifications; the merchant's public key checks requests.
    this.platformKey = privateKeyOf(options.keys.provider.privateKey);
    this.merchantKey = publicKeyOf(options.keys.merchant.publicKey);
    this.apiV3Key = options.keys.sharedSecret;
    this.mchId = String(options.settings.mchId ?? '');
    const state = readState<State>(options.stateFile);
    if (state) {
      for (const order of state.orders) this.orders.set(order.out_trade_no, order);
      for (const refund of state.refunds) this.refunds.set(refund.out_refund_no, refund);
      this.notifications.push(...state.notifications);
      for (const notification of this.notifications) if (notification.outcome === 'pending') void this.deliver(notification);
      for (const refund of this.refunds.values()) if (refund.status === 'PROCESSING') this.scheduleRefundSuccess(refund);
    }
  }

  /** True while a notification attempt runs or a refund is about to succeed (`Platform.idle`). */
  get busy(): boolean {
    return this.attempting > 0 || this.timers.size > 0;
  }

  /** Stops retries and timers; what is pending stays pending in the state file. */
  stop(): void {
    this.stopping.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.save();
  }

  /** Answers a request under /simulators/wechatpay/. */
  async handle(request: IncomingMessage, path: string, body: Buffer): Promise<HttpResponse> {
    const method = request.method ?? 'GET';
    const local = path.slice(WECHATPAY_SIMULATOR_PREFIX.length);
    if (local.startsWith('/v3/')) return this.signed(this.api(request, method, local, body.toString('utf8')));
    const page = /^\/pay\/([^/]+)(\/decision)?$/.exec(local);
    if (page) {
      const order = this.orders.get(decodeURIComponent(page[1]!));
      if (!page[2] && (method === 'GET' || method === 'HEAD')) return order ? html(200, this.payPage(order, query(request).get('redirect_url'))) : html(404, notFoundPage());
      if (page[2] && method === 'POST') return order ? this.decide(order, new URLSearchParams(body.toString('utf8'))) : html(404, notFoundPage());
      return jsonResponse(405, { message: 'Method Not Allowed' });
    }
    const test = /^\/transactions\/([^/]+)\/(pay|decline|notifications)$/.exec(local);
    if (test && method === 'POST') {
      const order = this.orders.get(decodeURIComponent(test[1]!));
      if (!order) return jsonResponse(404, { code: 'ORDER_NOT_EXIST', message: `No order ${test[1]}` });
      if (test[2] === 'notifications') return this.extraNotification(order, body.toString('utf8'));
      const problem = this.settle(order, test[2] === 'pay' ? 'pay' : 'decline');
      if (problem) return jsonResponse(409, { code: 'ORDER_SETTLED', message: problem });
      const sent = test[2] === 'pay' ? this.notifications.findLast((n) => n.out_trade_no === order.out_trade_no && !n.out_refund_no) : undefined;
      if (sent) await this.firstAttempt(sent);
      return jsonResponse(200, { transaction: transactionView(order), notification: sent && notificationView(sent) });
    }
    const replay = /^\/notifications\/([^/]+)\/replay$/.exec(local);
    if (replay && method === 'POST') {
      const sent = this.notifications.find((n) => n.id === decodeURIComponent(replay[1]!));
      if (!sent) return jsonResponse(404, { code: 'NOTIFICATION_NOT_EXIST', message: `No notification ${replay[1]}` });
      return jsonResponse(200, { attempt: await this.attempt(sent.url, sent.rawBody, sent.headers) });
    }
    if (local === '/notifications' && method === 'GET') {
      const outTradeNo = query(request).get('out_trade_no');
      return jsonResponse(200, { notifications: this.notifications.filter((n) => !outTradeNo || n.out_trade_no === outTradeNo).map(notificationView) });
    }
    return jsonResponse(404, { message: 'Not Found' });
  }

  // ---- WeChat Pay's API ---------------------------------------------------------------

  private api(request: IncomingMessage, method: string, local: string, raw: string): Answer {
    const fields = parseAuthorization(headerOf(request, 'authorization'));
    if (!fields) return refusal(401, 'SIGN_ERROR', 'Authorization 缺失或不是 WECHATPAY2-SHA256-RSA2048');
    if (fields.mchid !== this.mchId) return refusal(401, 'SIGN_ERROR', `商户号 ${fields.mchid} 与模拟器的 ${this.mchId} 不符`);
    if (!/^\d{1,12}$/.test(fields.timestamp) || Math.abs(Math.floor(Date.now() / 1000) - Number(fields.timestamp)) > WECHATPAY_TOLERANCE_SECONDS) return refusal(401, 'SIGN_ERROR', '请求时间戳不是近 300 秒内的秒数');
    // The signed URL is the request's path and query, exactly as sent.
    if (!verifyAuthorization(fields, { method, url: request.url ?? '', body: raw }, this.merchantKey)) return refusal(401, 'SIGN_ERROR', '签名错误');
    let input: Record<string, unknown> = {};
    if (method === 'POST') {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (!isObject(parsed)) return refusal(400, 'PARAM_ERROR', '请求体不是 JSON 对象');
        input = parsed;
      } catch {
        return refusal(400, 'PARAM_ERROR', '请求体不是 JSON');
      }
    }
    const scene = /^\/v3\/pay\/transactions\/(native|h5)$/.exec(local);
    if (scene && method === 'POST') return this.order(scene[1] as 'native' | 'h5', input);
    const transaction = /^\/v3\/pay\/transactions\/out-trade-no\/([^/?]+)$/.exec(local);
    if (transaction && method === 'GET') {
      if (query(request).get('mchid') !== this.mchId) return refusal(400, 'PARAM_ERROR', '参数错误：mchid');
      const order = this.orders.get(decodeURIComponent(transaction[1]!));
      return order ? { status: 200, body: transactionView(order) } : refusal(404, 'ORDER_NOT_EXIST', '订单不存在');
    }
    if (local === '/v3/refund/domestic/refunds' && method === 'POST') return this.refund(input);
    if (local === '/v3/certificates' && method === 'GET') return { status: 200, body: { data: [this.encryptedCertificate()] } };
    const refund = /^\/v3\/refund\/domestic\/refunds\/([^/?]+)$/.exec(local);
    if (refund && method === 'GET') {
      const found = this.refunds.get(decodeURIComponent(refund[1]!));
      return found ? { status: 200, body: refundView(found) } : refusal(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    }
    return refusal(404, 'NOT_FOUND', `${method} ${local} 不是模拟器提供的接口`);
  }

  /** Every answer of the API is signed by the platform, as WeChat Pay's are. */
  private signed(answer: Answer): HttpResponse {
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    const headers = {
      ...(text ? { 'content-type': 'application/json' } : {}),
      'request-id': randomUUID(),
      ...this.signatureHeaders(text),
    };
    return { statusCode: answer.status, headers, cookies: [], body: Buffer.from(text) };
  }

  private signatureHeaders(body: string): Record<string, string> {
    return wechatpaySignatureHeaders(body, { privateKey: this.platformKey, serial: this.options.keys.provider.serialNumber }, Math.floor(Date.now() / 1000));
  }

  /** The platform certificate as `GET /v3/certificates` lists it: encrypted under the APIv3 key. */
  private encryptedCertificate() {
    const { serialNumber, certificate } = this.options.keys.provider;
    const x509 = new X509Certificate(certificate);
    const nonce = randomBytes(6).toString('hex');
    return {
      serial_no: serialNumber,
      effective_time: shanghaiIso(new Date(x509.validFrom)).replace(/\.\d{3}/, ''),
      expire_time: shanghaiIso(new Date(x509.validTo)).replace(/\.\d{3}/, ''),
      encrypt_certificate: { algorithm: AEAD_ALGORITHM, nonce, associated_data: 'certificate', ciphertext: aeadEncrypt(this.apiV3Key, certificate, nonce, 'certificate') },
    };
  }

  private order(scene: 'native' | 'h5', input: Record<string, unknown>): Answer {
    const { appid, mchid, description, out_trade_no: outTradeNo, notify_url: notifyUrl, amount, attach, scene_info: sceneInfo } = input;
    const problems: string[] = [];
    if (typeof appid !== 'string' || appid === '') problems.push('appid');
    if (mchid !== this.mchId) problems.push('mchid');
    if (typeof description !== 'string' || description === '' || [...description].length > 127) problems.push('description');
    if (typeof outTradeNo !== 'string' || !OUT_TRADE_NO.test(outTradeNo)) problems.push('out_trade_no');
    if (typeof notifyUrl !== 'string' || !URL.canParse(notifyUrl)) problems.push('notify_url');
    if (attach !== undefined && (typeof attach !== 'string' || attach.length > 128)) problems.push('attach');
    if (!isObject(amount) || !isFen(amount.total) || (amount.currency ?? 'CNY') !== 'CNY') problems.push('amount');
    const clientIp = isObject(sceneInfo) ? sceneInfo.payer_client_ip : undefined;
    const h5Info = isObject(sceneInfo) ? sceneInfo.h5_info : undefined;
    if (scene === 'h5' && (typeof clientIp !== 'string' || clientIp === '' || !isObject(h5Info) || typeof h5Info.type !== 'string')) {
      problems.push('scene_info');
    }
    if (problems.length > 0) return refusal(400, 'PARAM_ERROR', `参数错误：${problems.join(', ')}`);
    const total = (amount as { total: number }).total;
    const links = this.links(outTradeNo as string);
    const existing = this.orders.get(outTradeNo as string);
    if (existing) {
      if (existing.trade_state === 'SUCCESS' || existing.trade_state === 'REFUND') return refusal(400, 'ORDERPAID', '该订单已支付');
      if (existing.trade_state === 'CLOSED') return refusal(400, 'ORDER_CLOSED', '订单已关闭');
      const same = existing.scene === scene && existing.amount!.total === total && existing.description === description && existing.attach === attach;
      return same ? { status: 200, body: scene === 'native' ? { code_url: links.native } : { h5_url: links.h5 } } : refusal(400, 'INVALID_REQUEST', '201 商户订单号重复');
    }
    const order: Order = {
      appid: appid as string,
      mchid: mchid as string,
      out_trade_no: outTradeNo as string,
      trade_type: scene === 'native' ? 'NATIVE' : 'MWEB',
      trade_state: 'NOTPAY',
      trade_state_desc: '订单未支付',
      ...(attach === undefined ? {} : { attach: attach as string }),
      amount: { total, currency: 'CNY' },
      description: description as string,
      notify_url: notifyUrl as string,
      scene,
      ...(scene === 'h5' ? { payer_client_ip: clientIp as string } : {}),
      create_time: shanghaiIso(new Date()).replace(/\.\d{3}/, ''),
    };
    this.orders.set(order.out_trade_no, order);
    this.save();
    this.options.log(`wechatpay simulator: ${scene} order ${order.out_trade_no} of ${formatFen(total)} awaits payment at ${links.page}`);
    return { status: 200, body: scene === 'native' ? { code_url: links.native } : { h5_url: links.h5 } };
  }

  private refund(input: Record<string, unknown>): Answer {
    const { out_trade_no: outTradeNo, out_refund_no: outRefundNo, notify_url: notifyUrl, amount } = input;
    if (typeof outRefundNo !== 'string' || !OUT_REFUND_NO.test(outRefundNo)) return refusal(400, 'PARAM_ERROR', '参数错误：out_refund_no');
    if (!isObject(amount) || !isFen(amount.refund) || !isFen(amount.total) || (amount.currency ?? 'CNY') !== 'CNY') return refusal(400, 'PARAM_ERROR', '参数错误：amount');
    const existing = this.refunds.get(outRefundNo);
    if (existing) {
      const same = existing.out_trade_no === outTradeNo && existing.amount.refund === amount.refund;
      return same ? { status: 200, body: refundView(existing) } : refusal(400, 'INVALID_REQUEST', '退款单号重复，且参数不一致');
    }
    const order = typeof outTradeNo === 'string' ? this.orders.get(outTradeNo) : undefined;
    if (!order) return refusal(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    if (order.trade_state !== 'SUCCESS' && order.trade_state !== 'REFUND') return refusal(403, 'NOT_ENOUGH', '订单未支付，不能退款');
    if (amount.total !== order.amount!.total) return refusal(400, 'PARAM_ERROR', `订单金额 ${order.amount!.total} 与 amount.total ${String(amount.total)} 不符`);
    const refunded = [...this.refunds.values()].filter((r) => r.out_trade_no === order.out_trade_no).reduce((sum, r) => sum + r.amount.refund, 0);
    if (refunded + (amount.refund as number) > order.amount!.total) return refusal(403, 'NOT_ENOUGH', '退款金额超过订单可退金额');
    const refund: Refund = {
      mchid: this.mchId,
      out_trade_no: order.out_trade_no,
      transaction_id: order.transaction_id!,
      out_refund_no: outRefundNo,
      refund_id: `50${randomDigits(27)}`,
      status: 'PROCESSING',
      amount: { total: order.amount!.total, refund: amount.refund as number, payer_total: order.amount!.total, payer_refund: amount.refund as number, currency: 'CNY' },
      notify_url: typeof notifyUrl === 'string' && URL.canParse(notifyUrl) ? notifyUrl : order.notify_url,
      create_time: shanghaiIso(new Date()).replace(/\.\d{3}/, ''),
    };
    this.refunds.set(outRefundNo, refund);
    order.trade_state = 'REFUND';
    order.trade_state_desc = '转入退款';
    this.save();
    this.options.log(`wechatpay simulator: refund ${outRefundNo} of ${formatFen(refund.amount.refund)} on order ${order.out_trade_no} accepted`);
    this.scheduleRefundSuccess(refund);
    return { status: 200, body: refundView(refund) };
  }

  private scheduleRefundSuccess(refund: Refund): void {
    const timer = setTimeout(() => {
      refund.status = 'SUCCESS';
      refund.success_time = shanghaiIso(new Date()).replace(/\.\d{3}/, '');
      // The delivery counts as busy before the timer stops counting, so idle() sees no gap.
      this.notify(refund.notify_url, 'REFUND.SUCCESS', 'REFUND', '退款成功', refundResource(refund), refund.out_trade_no, refund.out_refund_no);
      this.timers.delete(timer);
    }, this.options.refundDelayMs ?? 200);
    this.timers.add(timer);
  }

  // ---- a person pays or declines ----------------------------------------------------

  private links(outTradeNo: string) {
    const page = `${this.options.baseUrl}${WECHATPAY_SIMULATOR_PREFIX}/pay/${encodeURIComponent(outTradeNo)}`;
    return { page, native: `${page}?scene=native`, h5: `${page}?scene=h5&prepay_id=wx${randomDigits(20)}` };
  }

  /** Pays or closes the order; a paid one is notified. A problem when it is no longer open. */
  private settle(order: Order, decision: 'pay' | 'decline'): string | undefined {
    if (order.trade_state !== 'NOTPAY') return `订单 ${order.out_trade_no} 已处理（${order.trade_state_desc}）`;
    if (decision === 'decline') {
      Object.assign(order, { trade_state: 'CLOSED' satisfies TradeState, trade_state_desc: '订单已关闭' });
      this.save();
      this.options.log(`wechatpay simulator: order ${order.out_trade_no} declined and closed (no notification, as WeChat Pay sends none)`);
      return undefined;
    }
    Object.assign(order, {
      trade_state: 'SUCCESS' satisfies TradeState,
      trade_state_desc: '支付成功',
      transaction_id: `42${randomDigits(26)}`,
      success_time: shanghaiIso(new Date()).replace(/\.\d{3}/, ''),
      amount: { ...order.amount!, payer_total: order.amount!.total, payer_currency: 'CNY' },
    });
    this.options.log(`wechatpay simulator: order ${order.out_trade_no} paid`);
    this.notify(order.notify_url, 'TRANSACTION.SUCCESS', 'TRANSACTION', '支付成功', transactionView(order), order.out_trade_no);
    return undefined;
  }

  private async decide(order: Order, form: URLSearchParams): Promise<HttpResponse> {
    const decision = form.get('decision');
    const redirectUrl = form.get('redirect_url');
    if (decision !== 'pay' && decision !== 'decline') return html(400, this.payPage(order, redirectUrl, '请选择「确认支付」或「放弃支付」。'));
    const problem = this.settle(order, decision);
    if (problem) return html(409, this.payPage(order, redirectUrl, problem));
    const sent = this.notifications.findLast((n) => n.out_trade_no === order.out_trade_no && !n.out_refund_no);
    // The person goes back once the merchant has (most likely) heard of it, as with WeChat Pay.
    if (sent && decision === 'pay') await this.firstAttempt(sent);
    if (redirectUrl && /^https?:\/\//.test(redirectUrl)) return { statusCode: 303, headers: { location: redirectUrl, 'cache-control': 'no-store' }, cookies: [], body: Buffer.alloc(0) };
    return html(200, this.payPage(order, redirectUrl));
  }

  private payPage(order: Order, redirectUrl: string | null, problem?: string): string {
    const details = `<dl>
<dt>商户订单号</dt><dd>${escapeHtml(order.out_trade_no)}</dd>
<dt>商品</dt><dd>${escapeHtml(order.description)}</dd>
<dt>金额</dt><dd class="amount">${escapeHtml(formatFen(order.amount!.total))}</dd>
<dt>状态</dt><dd>${escapeHtml(order.trade_state_desc)}</dd>
</dl>`;
    const alert = problem ? `<p role="alert">${escapeHtml(problem)}</p>` : '';
    const back = redirectUrl && /^https?:\/\//.test(redirectUrl) ? `<p><a href="${escapeHtml(redirectUrl)}">返回商户页面</a></p>` : '';
    if (order.trade_state !== 'NOTPAY') return pageHtml(`微信支付（模拟）· ${order.trade_state_desc}`, `${alert}<p role="status">${escapeHtml(order.trade_state_desc)}</p>${details}${back}`);
    const action = `${WECHATPAY_SIMULATOR_PREFIX}/pay/${encodeURIComponent(order.out_trade_no)}/decision`;
    return pageHtml(
      `微信支付（模拟）· ${formatFen(order.amount!.total)}`,
      `${alert}${details}
<form method="post" action="${escapeHtml(action)}">
${redirectUrl ? `<input type="hidden" name="redirect_url" value="${escapeHtml(redirectUrl)}">` : ''}
<p id="hint">模拟微信支付：不会发生真实扣款。</p>
<button type="submit" name="decision" value="pay" aria-describedby="hint">确认支付</button>
<button type="submit" name="decision" value="decline" aria-describedby="hint">放弃支付</button>
</form>`,
    );
  }

  // ---- notifications ------------------------------------------------------------------

  /** Records a notification with its resource encrypted under the APIv3 key and starts delivering it. */
  private notify(url: string, eventType: string, resourceType: string, summary: string, resource: object, outTradeNo: string, outRefundNo?: string): SentNotification {
    const sent: SentNotification = {
      id: randomUUID(),
      event_type: eventType,
      out_trade_no: outTradeNo,
      ...(outRefundNo ? { out_refund_no: outRefundNo } : {}),
      url,
      rawBody: this.notificationBody(eventType, resourceType, summary, resource),
      headers: {},
      attempts: [],
      outcome: 'pending',
    };
    this.notifications.push(sent);
    this.save();
    void this.deliver(sent);
    return sent;
  }

  private notificationBody(eventType: string, resourceType: string, summary: string, resource: object): string {
    const nonce = randomBytes(6).toString('hex');
    const associatedData = resourceType.toLowerCase();
    const body: WechatpayNotification = {
      id: randomUUID(),
      create_time: shanghaiIso(new Date()).replace(/\.\d{3}/, ''),
      event_type: eventType,
      resource_type: 'encrypt-resource',
      resource: {
        original_type: associatedData,
        algorithm: AEAD_ALGORITHM,
        ciphertext: aeadEncrypt(this.apiV3Key, JSON.stringify(resource), nonce, associatedData),
        associated_data: associatedData,
        nonce,
      },
      summary,
    };
    return JSON.stringify(body);
  }

  /** Delivers until taken (2xx), or the retries run out; each attempt signed afresh. */
  private async deliver(sent: SentNotification): Promise<void> {
    const delays = this.options.retryDelaysMs ?? RETRY_DELAYS_MS;
    for (let index = sent.attempts.length; index <= delays.length; index += 1) {
      if (index > 0) await delay(delays[index - 1]!, this.stopping.signal);
      if (this.stopping.signal.aborted) return;
      sent.headers = this.signatureHeaders(sent.rawBody);
      const attempt = await this.attempt(sent.url, sent.rawBody, sent.headers);
      sent.attempts.push(attempt);
      if (attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300) {
        sent.outcome = 'delivered';
        break;
      }
    }
    if (sent.outcome === 'pending' && !this.stopping.signal.aborted) sent.outcome = 'gave_up';
    this.save();
    const last = sent.attempts.at(-1);
    this.options.log(`wechatpay simulator: ${sent.event_type} for ${sent.out_refund_no ?? sent.out_trade_no}: ${sent.outcome} after ${sent.attempts.length} attempt(s) (last ${last?.status ?? last?.error ?? '?'})`);
  }

  /** One POST of a notification; what came of it. */
  private async attempt(url: string, rawBody: string, headers: Record<string, string>): Promise<Attempt> {
    this.attempting += 1;
    const attempt: Attempt = { at: new Date().toISOString() };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/4.0', ...headers },
        body: rawBody,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(ATTEMPT_TIMEOUT_MS), this.stopping.signal]),
      });
      await response.arrayBuffer();
      attempt.status = response.status;
    } catch (error) {
      attempt.error = (error as Error).message;
    } finally {
      this.attempting -= 1;
    }
    return attempt;
  }

  /** Resolves once the notification's first attempt has ended. */
  private async firstAttempt(sent: SentNotification): Promise<void> {
    while (sent.attempts.length === 0 && sent.outcome === 'pending' && !this.stopping.signal.aborted) await delay(20);
  }

  /** The test API's extra TRANSACTION.SUCCESS for an order: another total, a forged signature; sent once. */
  private async extraNotification(order: Order, raw: string): Promise<HttpResponse> {
    let input: unknown = {};
    try {
      input = raw.trim() === '' ? {} : JSON.parse(raw);
    } catch {
      return jsonResponse(400, { code: 'PARAM_ERROR', message: 'The body is not JSON' });
    }
    if (!isObject(input) || (input.total !== undefined && !isFen(input.total)) || (input.signature !== undefined && input.signature !== 'bad')) {
      return jsonResponse(400, { code: 'PARAM_ERROR', message: 'The body may hold total (fen, > 0) and signature: "bad"' });
    }
    const total = (input.total as number | undefined) ?? order.amount!.total;
    const resource = { ...transactionView(order), trade_state: 'SUCCESS', trade_state_desc: '支付成功', transaction_id: order.transaction_id ?? `42${randomDigits(26)}`, amount: { total, payer_total: total, currency: 'CNY', payer_currency: 'CNY' } };
    const rawBody = this.notificationBody('TRANSACTION.SUCCESS', 'TRANSACTION', '支付成功', resource);
    const headers = this.signatureHeaders(rawBody);
    if (input.signature === 'bad') headers['wechatpay-signature'] = this.signatureHeaders(`${rawBody} `)['wechatpay-signature']!;
    const sent: SentNotification = { id: randomUUID(), event_type: 'TRANSACTION.SUCCESS', out_trade_no: order.out_trade_no, url: order.notify_url, rawBody, headers, attempts: [], outcome: 'pending' };
    const attempt = await this.attempt(sent.url, rawBody, headers);
    sent.attempts.push(attempt);
    sent.outcome = attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300 ? 'delivered' : 'refused';
    this.notifications.push(sent);
    this.save();
    return jsonResponse(200, { notification: notificationView(sent) });
  }

  private save(): void {
    writeState(this.options.stateFile, { orders: [...this.orders.values()], refunds: [...this.refunds.values()], notifications: this.notifications } satisfies State);
  }
}

// ---- views ------------------------------------------------------------------------------

/** A transaction as WeChat Pay answers a query and puts it in a TRANSACTION.* resource. */
function transactionView(order: Order): WechatpayTransaction {
  const { appid, mchid, out_trade_no, transaction_id, trade_type, trade_state, trade_state_desc, success_time, attach, amount } = order;
  return { appid, mchid, out_trade_no, ...(transaction_id ? { transaction_id } : {}), trade_type, trade_state, trade_state_desc, ...(success_time ? { success_time } : {}), ...(attach ? { attach } : {}), amount: amount! };
}

/** A refund as the refund API answers it (`status`). */
function refundView(refund: Refund): WechatpayRefund & Record<string, unknown> {
  const { out_trade_no, transaction_id, out_refund_no, refund_id, status, success_time, amount, create_time } = refund;
  return { refund_id, out_refund_no, transaction_id, out_trade_no, channel: 'ORIGINAL', user_received_account: '支付用户零钱', create_time, status, ...(success_time ? { success_time } : {}), amount };
}

/** A refund as a REFUND.* resource holds it (`refund_status`). */
function refundResource(refund: Refund): WechatpayRefund & Record<string, unknown> {
  const { mchid, out_trade_no, transaction_id, out_refund_no, refund_id, status, success_time, amount } = refund;
  return { mchid, out_trade_no, transaction_id, out_refund_no, refund_id, refund_status: status, ...(success_time ? { success_time } : {}), user_received_account: '支付用户零钱', amount };
}

function notificationView(sent: SentNotification) {
  return { ...sent, body: JSON.parse(sent.rawBody) as unknown };
}

// ---- small helpers ----------------------------------------------------------------------

const randomDigits = (count: number): string => Array.from(randomBytes(count), (byte) => String(byte % 10)).join('');

const query = (request: IncomingMessage): URLSearchParams => new URL(request.url ?? '/', 'http://simulator').searchParams;

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function html(statusCode: number, body: string): HttpResponse {
  return { statusCode, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, cookies: [], body: Buffer.from(body) };
}

function pageHtml(title: string, main: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>
  body { margin: 0; font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; line-height: 1.6; color: #1f2328; background: #ededed; }
  header { padding: 0.75rem 1.5rem; background: #07c160; color: #fff; font-weight: 600; }
  main { max-width: 30rem; margin: 1.5rem auto; padding: 1.5rem; background: #fff; border-radius: 8px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
  dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
  .amount { font-size: 1.5rem; font-weight: 700; }
  button { font: inherit; padding: 0.625rem 1.5rem; margin-right: 1rem; border-radius: 6px; border: 2px solid #07c160; cursor: pointer; }
  button[value="pay"] { background: #07c160; color: #fff; } button[value="decline"] { background: #fff; color: #06ad56; }
  button:focus-visible, a:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
  [role="alert"] { padding: 0.5rem 1rem; border-left: 4px solid #b42318; background: #fdf0ef; }
</style>
</head>
<body>
<header><p>微信支付模拟器：仅供本地测试，不会发生真实扣款。</p></header>
<main>
<h1>${escapeHtml(title)}</h1>
${main}
</main>
</body>
</html>
`;
}

const notFoundPage = (): string => pageHtml('微信支付（模拟）· 未找到', '<p role="alert">模拟器中没有这个订单。</p>');
