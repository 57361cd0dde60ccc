// The sandbox payment provider, served by the local HTTP gateway under /sandbox/: what a
// real provider does for OneTrip, simulated so the whole payment path runs locally.
//
//   POST /sandbox/payments                      signed {paymentId, ticketNumber, amountFen, description, returnUrl?} → 201 {redirectUrl}
//   GET  /sandbox/payments/{paymentId}          the page where a person pays or declines (zh-CN)
//   POST /sandbox/payments/{paymentId}/decision form decision=pay|decline → signed callback, then 303 to returnUrl (or the result page)
//   GET  /sandbox/payments/{paymentId}/callbacks the callbacks sent for the payment, with every attempt
//   POST /sandbox/refunds                       signed {refundId, paymentId, ticketNumber, amountFen} → 202, a `refunded` callback shortly after
//
// Requests must carry X-OneTrip-Signature made with the payment provider's secret (the
// template's secret tagged onetrip:purpose=payment); callbacks are signed with it too and
// go to POST {platform}/v1/callbacks/payment, retried on network errors, 5xx and 409 with
// backoff, as a provider retries. State is kept in the data dir, so a restart resumes
// deliveries that were still being retried.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { formatFen } from '../contracts/money.js';
import { jsonResponse, type HttpResponse } from './api-gateway.js';
import {
  apiError,
  CallbackSender,
  escapeHtml,
  callbackView,
  ID,
  ID_MESSAGE,
  isResponse,
  readState,
  shanghaiIso,
  whenSigned,
  writeState,
  type CallbackRecord,
  type DeliveryOutcome,
  type FieldError,
  type SignatureGuard,
} from './sandbox-shared.js';
import type { Log } from './types.js';

/** Where callbacks go, on the platform's own URL. */
export const PAYMENT_CALLBACK_PATH = '/v1/callbacks/payment';

/** The routes, as the platform index lists them. */
export const SANDBOX_ROUTES = [
  'POST /sandbox/payments',
  'GET /sandbox/payments/{paymentId}',
  'POST /sandbox/payments/{paymentId}/decision',
  'GET /sandbox/payments/{paymentId}/callbacks',
  'POST /sandbox/refunds',
];

export type Decision = 'pay' | 'decline';
export type CallbackStatus = 'succeeded' | 'failed' | 'refunded';

export interface SandboxPayment {
  paymentId: string;
  ticketNumber: string;
  amountFen: number;
  description: string;
  returnUrl?: string;
  createdAt: string;
  decision?: Decision;
  decidedAt?: string;
}

export interface SandboxRefund {
  refundId: string;
  paymentId: string;
  ticketNumber: string;
  amountFen: number;
  requestedAt: string;
}

export interface SandboxCallback extends CallbackRecord<CallbackStatus> {
  paymentId: string;
  refundId?: string;
}

interface SandboxState {
  payments: SandboxPayment[];
  refunds: SandboxRefund[];
  callbacks: SandboxCallback[];
}

// ---- requests -------------------------------------------------------------------------

type FieldKind = 'id' | 'text' | 'fen' | 'url';

function checkField(kind: FieldKind, value: unknown): string | undefined {
  switch (kind) {
    case 'id':
      return typeof value === 'string' && ID.test(value) ? undefined : ID_MESSAGE;
    case 'text':
      return typeof value === 'string' && value.trim() !== '' && value.length <= 500 ? undefined : 'a non-empty string of at most 500 characters';
    case 'fen':
      return Number.isSafeInteger(value) && (value as number) > 0 ? undefined : 'a whole number of fen, greater than 0';
    case 'url':
      return typeof value === 'string' && /^https?:\/\/[^\s]+$/.test(value) && URL.canParse(value) ? undefined : 'an http(s) URL';
  }
}

/** Parses a JSON object with exactly these members (API.md: unknown members are refused). */
function parseBody<T>(body: string, required: Record<string, FieldKind>, optional: Record<string, FieldKind> = {}): T | HttpResponse {
  let input: unknown;
  try {
    input = JSON.parse(body);
  } catch {
    return apiError(400, 'INVALID_JSON', 'The body is not valid JSON');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return apiError(400, 'VALIDATION_FAILED', 'The body must be a JSON object');
  const record = input as Record<string, unknown>;
  const fields: FieldError[] = [];
  for (const [name, kind] of Object.entries(required)) {
    const problem = name in record ? checkField(kind, record[name]) : 'required';
    if (problem) fields.push({ path: `/${name}`, message: problem });
  }
  for (const [name, kind] of Object.entries(optional)) {
    const problem = name in record ? checkField(kind, record[name]) : undefined;
    if (problem) fields.push({ path: `/${name}`, message: problem });
  }
  for (const name of Object.keys(record)) {
    if (!(name in required) && !(name in optional)) fields.push({ path: `/${name}`, message: 'not allowed' });
  }
  return fields.length > 0 ? apiError(400, 'VALIDATION_FAILED', 'The request is not valid', fields) : (record as T);
}

// ---- pages ----------------------------------------------------------------------------

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; line-height: 1.6; color: #1f2328; background: #f6f7f9; }
  body { margin: 0; }
  header, footer { padding: 0.75rem 1.5rem; }
  header { background: #8a4b00; color: #fff; }
  header p { margin: 0; font-weight: 600; }
  main { max-width: 36rem; margin: 1.5rem auto; padding: 1.5rem; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; }
  h1 { font-size: 1.5rem; margin-top: 0; }
  h2 { font-size: 1.125rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; align-items: baseline; }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; }
  .amount { font-size: 1.5rem; font-weight: 700; }
  .actions { display: flex; gap: 1rem; flex-wrap: wrap; }
  button { font: inherit; font-size: 1.0625rem; padding: 0.625rem 1.5rem; border-radius: 6px; border: 2px solid #1a5fb4; cursor: pointer; }
  button[value="pay"] { background: #1a5fb4; color: #fff; }
  button[value="decline"] { background: #fff; color: #1a5fb4; }
  button:focus-visible, a:focus-visible { outline: 3px solid #8a4b00; outline-offset: 2px; }
  a { color: #1a5fb4; }
  .outcome { padding: 0.75rem 1rem; border-left: 4px solid #1a7f37; background: #eefbf1; }
  .outcome.declined, .outcome.refused { border-color: #b42318; background: #fdf0ef; }
  footer { color: #57606a; font-size: 0.875rem; text-align: center; }
`;

function page(title: string, main: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><p>沙箱环境：仅供测试，不会发生真实扣款。</p></header>
<main>
<h1>模拟支付（沙箱）</h1>
${main}
</main>
<footer><p>OneTrip 本地运行环境 · 模拟支付服务</p></footer>
</body>
</html>
`;
}

function htmlResponse(statusCode: number, html: string): HttpResponse {
  return { statusCode, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, cookies: [], body: Buffer.from(html) };
}

const OUTCOME_TEXT: Record<DeliveryOutcome, string> = {
  pending: '正在通知',
  delivered: '已送达',
  refused: '被拒收',
  gave_up: '多次重试后放弃',
};

function deliveryText(callback: SandboxCallback | undefined): string {
  if (!callback) return '尚未通知';
  const last = callback.attempts.at(-1);
  const answer = last ? (last.status !== undefined ? `HTTP ${last.status}` : '无法连接') : '等待发送';
  return `${OUTCOME_TEXT[callback.outcome]}（${answer}，共 ${callback.attempts.length} 次尝试）`;
}

// ---- the provider ---------------------------------------------------------------------

export interface SandboxPaymentsOptions {
  /** The platform's URL: redirect URLs point here and callbacks go to `{baseUrl}/v1/callbacks/payment`. */
  baseUrl: string;
  /** The secret shared with OneTrip: checks requests, signs callbacks. */
  secret: string;
  /** Where state is kept across restarts. @default memory only */
  stateFile?: string;
  log: Log;
  /** @default DEFAULT_RETRY_DELAYS_MS */
  retryDelaysMs?: readonly number[];
  /** Milliseconds between a refund request and its callback. @default 200 */
  refundDelayMs?: number;
}

export class SandboxPayments {
  private readonly payments = new Map<string, SandboxPayment>();
  private readonly refunds = new Map<string, SandboxRefund>();
  private readonly callbacks: SandboxCallback[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sender: CallbackSender;
  private readonly guard: SignatureGuard;

  constructor(private readonly options: SandboxPaymentsOptions) {
    const { secret, retryDelaysMs, log } = options;
    this.sender = new CallbackSender({ secret, retryDelaysMs, log, onChange: () => this.save() });
    this.guard = { secret, logName: 'sandbox', party: 'provider', log };
    const state = readState<SandboxState>(options.stateFile);
    if (state) {
      for (const payment of state.payments) this.payments.set(payment.paymentId, payment);
      for (const refund of state.refunds) this.refunds.set(refund.refundId, refund);
      this.callbacks.push(...state.callbacks);
    }
  }

  /** True while a callback attempt is running or a refund's callback is about to start (`Platform.idle`). */
  get busy(): boolean {
    return this.sender.busy || this.timers.size > 0;
  }

  /** After a restart: resumes deliveries still pending and refunds whose callback never started. */
  resume(): void {
    for (const callback of this.callbacks) if (callback.outcome === 'pending') this.deliver(callback);
    for (const refund of this.refunds.values()) {
      if (!this.callbacks.some((callback) => callback.refundId === refund.refundId)) this.scheduleRefundCallback(refund);
    }
  }

  /** Stops retries and timers; what is pending stays pending in the state file. */
  async stop(): Promise<void> {
    const stopped = this.sender.stop();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await stopped;
    this.save();
  }

  /** Answers a request under /sandbox/. */
  async handle(request: IncomingMessage, path: string, body: Buffer): Promise<HttpResponse> {
    const method = request.method ?? 'GET';
    if (path === '/sandbox/payments' && method === 'POST') return whenSigned(request, body, this.guard, (raw) => this.createPayment(raw));
    if (path === '/sandbox/refunds' && method === 'POST') return whenSigned(request, body, this.guard, (raw) => this.requestRefund(raw));
    const match = /^\/sandbox\/payments\/([^/]+)(\/decision|\/callbacks)?$/.exec(path);
    if (!match) return jsonResponse(404, { message: 'Not Found' });
    const paymentId = decodeURIComponent(match[1]!);
    const payment = this.payments.get(paymentId);
    const [read, write] = [method === 'GET' || method === 'HEAD', method === 'POST'];
    if (!match[2] && read) return payment ? htmlResponse(200, this.paymentPage(payment)) : htmlResponse(404, this.unknownPage(paymentId));
    if (match[2] === '/callbacks' && read) {
      if (!payment) return apiError(404, 'UNKNOWN_PAYMENT', `No payment ${paymentId} at the sandbox`);
      return jsonResponse(200, { paymentId, callbacks: this.callbacks.filter((callback) => callback.paymentId === paymentId).map(paymentCallbackView) });
    }
    if (match[2] === '/decision' && write) {
      if (!payment) return htmlResponse(404, this.unknownPage(paymentId));
      return this.decide(payment, new URLSearchParams(body.toString('utf8')).get('decision'));
    }
    return jsonResponse(405, { message: 'Method Not Allowed' });
  }

  private createPayment(raw: string): HttpResponse {
    const input = parseBody<Omit<SandboxPayment, 'createdAt'>>(raw, { paymentId: 'id', ticketNumber: 'id', amountFen: 'fen', description: 'text' }, { returnUrl: 'url' });
    if (isResponse(input)) return input;
    const redirectUrl = `${this.options.baseUrl}/sandbox/payments/${encodeURIComponent(input.paymentId)}`;
    const existing = this.payments.get(input.paymentId);
    if (existing) {
      const same = existing.ticketNumber === input.ticketNumber && existing.amountFen === input.amountFen && existing.description === input.description && existing.returnUrl === input.returnUrl;
      return same ? jsonResponse(200, { redirectUrl }) : apiError(409, 'PAYMENT_ID_REUSED', `Payment ${input.paymentId} exists with other details`);
    }
    const { paymentId, ticketNumber, amountFen, description, returnUrl } = input;
    this.payments.set(paymentId, { paymentId, ticketNumber, amountFen, description, ...(returnUrl ? { returnUrl } : {}), createdAt: new Date().toISOString() });
    this.save();
    this.options.log(`sandbox: payment ${paymentId} for ${ticketNumber}, ${formatFen(amountFen)}, awaits a decision at ${redirectUrl}`);
    return jsonResponse(201, { redirectUrl });
  }

  private requestRefund(raw: string): HttpResponse {
    const input = parseBody<Omit<SandboxRefund, 'requestedAt'>>(raw, { refundId: 'id', paymentId: 'id', ticketNumber: 'id', amountFen: 'fen' });
    if (isResponse(input)) return input;
    const { refundId, paymentId, ticketNumber, amountFen } = input;
    const existing = this.refunds.get(refundId);
    if (existing) {
      const same = existing.paymentId === paymentId && existing.ticketNumber === ticketNumber && existing.amountFen === amountFen;
      return same ? jsonResponse(202, { refundId, status: 'accepted' }) : apiError(409, 'REFUND_ID_REUSED', `Refund ${refundId} exists with other details`);
    }
    const payment = this.payments.get(paymentId);
    if (!payment) return apiError(404, 'UNKNOWN_PAYMENT', `No payment ${paymentId} at the sandbox`);
    if (payment.ticketNumber !== ticketNumber) return apiError(422, 'TICKET_MISMATCH', `Payment ${paymentId} is not for ticket ${ticketNumber}`);
    if (payment.decision !== 'pay') return apiError(409, 'PAYMENT_NOT_PAID', `Payment ${paymentId} was not paid`);
    const refunded = [...this.refunds.values()].filter((refund) => refund.paymentId === paymentId).reduce((sum, refund) => sum + refund.amountFen, 0);
    if (refunded + amountFen > payment.amountFen) {
      return apiError(422, 'REFUND_EXCEEDS_PAYMENT', `Payment ${paymentId} has ${formatFen(payment.amountFen - refunded)} left to refund`);
    }
    const refund: SandboxRefund = { refundId, paymentId, ticketNumber, amountFen, requestedAt: new Date().toISOString() };
    this.refunds.set(refundId, refund);
    this.save();
    this.options.log(`sandbox: refund ${refundId} of ${formatFen(amountFen)} on payment ${paymentId} accepted`);
    this.scheduleRefundCallback(refund);
    return jsonResponse(202, { refundId, status: 'accepted' });
  }

  private async decide(payment: SandboxPayment, decision: string | null): Promise<HttpResponse> {
    if (decision !== 'pay' && decision !== 'decline') {
      return htmlResponse(400, this.paymentPage(payment, '请选择「确认支付」或「拒绝支付」。'));
    }
    if (payment.decision) {
      return htmlResponse(409, this.paymentPage(payment, '该笔支付已处理，不能重复支付。'));
    }
    payment.decision = decision;
    payment.decidedAt = new Date().toISOString();
    const callback = this.enqueue(payment, decision === 'pay' ? 'succeeded' : 'failed', payment.amountFen);
    this.options.log(`sandbox: payment ${payment.paymentId} ${decision === 'pay' ? 'paid' : 'declined'}`);
    // The person goes back once OneTrip has (most likely) heard of it, as with a real provider.
    await this.sender.firstAttemptOf(callback);
    if (payment.returnUrl) return { statusCode: 303, headers: { location: payment.returnUrl, 'cache-control': 'no-store' }, cookies: [], body: Buffer.alloc(0) };
    return htmlResponse(200, this.paymentPage(payment));
  }

  private scheduleRefundCallback(refund: SandboxRefund): void {
    const timer = setTimeout(() => {
      // The delivery counts as busy before the timer stops counting, so idle() sees no gap.
      const payment = this.payments.get(refund.paymentId);
      if (payment) this.enqueue(payment, 'refunded', refund.amountFen, refund.refundId);
      this.timers.delete(timer);
    }, this.options.refundDelayMs ?? 200);
    this.timers.add(timer);
  }

  /** Records a callback and starts delivering it. */
  private enqueue(payment: SandboxPayment, status: CallbackStatus, amountFen: number, refundId?: string): SandboxCallback {
    const body = {
      eventId: randomUUID(),
      paymentId: payment.paymentId,
      ticketNumber: payment.ticketNumber,
      status,
      amountFen,
      occurredAt: shanghaiIso(new Date()),
    };
    const callback: SandboxCallback = {
      eventId: body.eventId,
      paymentId: payment.paymentId,
      ...(refundId ? { refundId } : {}),
      status,
      url: `${this.options.baseUrl}${PAYMENT_CALLBACK_PATH}`,
      rawBody: JSON.stringify(body),
      attempts: [],
      outcome: 'pending',
    };
    this.callbacks.push(callback);
    this.save();
    this.deliver(callback);
    return callback;
  }

  private deliver(callback: SandboxCallback): void {
    this.sender.deliver(callback, `sandbox: callback ${callback.status} for ${callback.paymentId}`);
  }

  private save(): void {
    const state: SandboxState = { payments: [...this.payments.values()], refunds: [...this.refunds.values()], callbacks: this.callbacks };
    writeState(this.options.stateFile, state);
  }

  private paymentPage(payment: SandboxPayment, problem?: string): string {
    const id = escapeHtml(payment.paymentId);
    const details = `
<section aria-labelledby="order">
<h2 id="order">订单信息</h2>
<dl>
<dt>缴款单号</dt><dd>${escapeHtml(payment.ticketNumber)}</dd>
<dt>支付金额</dt><dd class="amount">${escapeHtml(formatFen(payment.amountFen))}</dd>
<dt>缴费事项</dt><dd>${escapeHtml(payment.description)}</dd>
<dt>支付编号</dt><dd>${id}</dd>
</dl>
</section>`;
    const alert = problem ? `<p role="alert" class="outcome refused">${escapeHtml(problem)}</p>` : '';
    if (!payment.decision) {
      return page(
        `模拟支付（沙箱）· ${payment.ticketNumber}`,
        `${alert}${details}
<form method="post" action="/sandbox/payments/${encodeURIComponent(payment.paymentId)}/decision" aria-labelledby="decide">
<h2 id="decide">请确认是否支付</h2>
<p id="decide-hint">选择后，沙箱会把结果通知 OneTrip，并带您返回办事页面。</p>
<div class="actions">
<button type="submit" name="decision" value="pay" aria-describedby="decide-hint">确认支付</button>
<button type="submit" name="decision" value="decline" aria-describedby="decide-hint">拒绝支付</button>
</div>
</form>`,
      );
    }
    const paid = payment.decision === 'pay';
    const paymentCallback = this.callbacks.find((callback) => callback.paymentId === payment.paymentId && !callback.refundId);
    const refunds = [...this.refunds.values()].filter((refund) => refund.paymentId === payment.paymentId);
    const refundList = refunds.length === 0 ? '' : `
<section aria-labelledby="refunds">
<h2 id="refunds">退款</h2>
<ul>
${refunds.map((refund) => `<li>${escapeHtml(refund.refundId)}：${escapeHtml(formatFen(refund.amountFen))}，通知 OneTrip：${escapeHtml(deliveryText(this.callbacks.find((callback) => callback.refundId === refund.refundId)))}</li>`).join('\n')}
</ul>
</section>`;
    const back = payment.returnUrl ? `<p><a href="${escapeHtml(payment.returnUrl)}">返回办事页面</a></p>` : '';
    return page(
      `模拟支付（沙箱）· ${payment.ticketNumber} · ${paid ? '已支付' : '已拒绝'}`,
      `${alert}<div role="status" class="outcome${paid ? '' : ' declined'}">
<p><strong>${paid ? '已确认支付。' : '已拒绝支付，未扣款。'}</strong></p>
<p>通知 OneTrip：${escapeHtml(deliveryText(paymentCallback))}</p>
</div>
${details}${refundList}
${back}`,
    );
  }

  private unknownPage(paymentId: string): string {
    return page('模拟支付（沙箱）· 未找到', `<p role="alert" class="outcome refused">沙箱中没有支付编号为 ${escapeHtml(paymentId)} 的支付。</p>`);
  }
}

/** What `GET /sandbox/payments/{id}/callbacks` shows of a callback. */
function paymentCallbackView(callback: SandboxCallback) {
  return callbackView(callback, callback.refundId ? { refundId: callback.refundId } : {});
}
