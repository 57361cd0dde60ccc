// SF Express's open platform (丰桥), simulated for `--providers protocol`
// (contracts/sf-express.ts has the protocol; docs/providers/sf.md the routes below):
//
//   POST /simulators/sf/std/service                     the API: form partnerID, requestID, serviceCode, timestamp, msgDigest, msgData
//   GET  /simulators/sf/waybills/{waybillNo}             the order, its planned and happened routes, every push and its answer
//   POST /simulators/sf/waybills/{waybillNo}/advance     {push?: boolean}: the next route happens now, pushed (default) or not (a lost push)
//   POST /simulators/sf/push                             {routes: [{mailno, opCode, acceptTime, ...}], badDigest?: boolean}: pushes these routes as they are
//
// The API checks `partnerID` (the county's) and `msgDigest` (with the county's check word)
// and answers as SF does: `apiResultCode` A1000, or A1001 (parameters missing), A1004 (no
// such service or partner), A1006 (digest not valid); business errors in `apiResultData`
// (8016 for an order id ordered before). A created order gets an SF waybill number and a
// route plan: 50 (收件), 30, 31, 44 (派送), then 80 (签收), or 70 (派送不成功) when the
// address contains 「查无此人」. Each route is pushed to POST {platform}/v1/callbacks/courier/sf
// as RoutePushService, signed the SF way, and pushed again (up to 3 times) until OneTrip
// answers return_code 0000. Routes happen when `advance` is called, or every `stepMs`.
import { randomInt, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { shanghaiDateTime } from '../../contracts/dates.js';
import { SF_API_OK, SF_BUSINESS_OK, SF_DUPLICATE_ORDER, SF_SERVICES, sfDigest, type SfPushedRoute } from '../../contracts/sf-express.js';
import { jsonResponse, type HttpResponse } from '../api-gateway.js';
import { delay } from '../ports.js';
import { readState, writeState } from '../sandbox-shared.js';
import { stepIntervalFromEnv, UNDELIVERABLE_MARK, type StepInterval } from '../sandbox-courier.js';
import type { ProtocolSimulator, SimulatorOptions } from './types.js';

export const SF_SIMULATOR_ROUTES = [
  'POST /simulators/sf/std/service',
  'GET /simulators/sf/waybills/{waybillNo}',
  'POST /simulators/sf/waybills/{waybillNo}/advance',
  'POST /simulators/sf/push',
];

/** Where pushes go, on the platform's own URL. */
export const SF_PUSH_PATH = '/v1/callbacks/courier/sf';

const PLAN: Array<Pick<SfPushedRoute, 'opCode' | 'remark' | 'acceptAddress'>> = [
  { opCode: '50', remark: '顺丰速运 已收取快件', acceptAddress: '岳阳市' },
  { opCode: '30', remark: '快件在【岳阳集散中心】完成分拣，准备发往收件地', acceptAddress: '岳阳市' },
  { opCode: '31', remark: '快件到达【收件地营业点】', acceptAddress: '收件地' },
  { opCode: '44', remark: '快件交给顺丰小哥，正在派送途中（联系电话：13800000000）', acceptAddress: '收件地' },
  { opCode: '80', remark: '您的快件已签收，签收人：本人', acceptAddress: '收件地' },
];
const FAILED = { opCode: '70', remark: `由于收件人地址${UNDELIVERABLE_MARK}，快件派送不成功`, acceptAddress: '收件地' };

/** Retries of a push OneTrip did not take, after these waits. */
const PUSH_RETRY_MS = [1_000, 2_000];

interface SfOrder {
  orderId: string;
  waybillNo: string;
  msgData: Record<string, unknown>;
  plan: Array<Pick<SfPushedRoute, 'opCode' | 'remark' | 'acceptAddress'>>;
  happened: SfPushedRoute[];
  nextAt?: string;
}

interface SfPushRecord {
  routes: SfPushedRoute[];
  attempts: Array<{ at: string; status?: number; answer?: string; error?: string }>;
  outcome: 'pending' | 'taken' | 'refused';
}

interface SfState {
  serial: number;
  orders: SfOrder[];
  pushes: SfPushRecord[];
}

/** SF's answer envelope. */
const api = (apiResultCode: string, apiErrorMsg: string, result?: { errorCode: string; errorMsg: string | null; msgData: unknown }) =>
  jsonResponse(200, { apiResultCode, apiErrorMsg, apiResponseID: randomUUID().replace(/-/g, '').toUpperCase(), apiResultData: result ? JSON.stringify({ success: result.errorCode === SF_BUSINESS_OK, ...result }) : null });
const ok = (msgData: unknown) => api(SF_API_OK, '', { errorCode: SF_BUSINESS_OK, errorMsg: null, msgData });
const refused = (errorCode: string, errorMsg: string) => api(SF_API_OK, '', { errorCode, errorMsg, msgData: null });


export class SfSimulator implements ProtocolSimulator {
  readonly provider = 'sf';
  readonly routes = SF_SIMULATOR_ROUTES;
  private readonly orders = new Map<string, SfOrder>();
  private readonly pushes: SfPushRecord[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly stopping = new AbortController();
  private serial = randomInt(1e11, 9e11);
  private inflight = 0;
  private readonly partnerId: string;
  private readonly stepMs: StepInterval;

  constructor(private readonly options: SimulatorOptions) {
    this.partnerId = String(options.settings.partnerId ?? '');
    this.stepMs = options.stepMs ?? stepIntervalFromEnv();
    const state = readState<SfState>(options.stateFile);
    if (state) {
      this.serial = state.serial;
      for (const order of state.orders) this.orders.set(order.waybillNo, order);
      this.pushes.push(...state.pushes);
      for (const order of state.orders) if (order.nextAt) this.schedule(order, order.nextAt);
    }
  }

  get busy(): boolean {
    return this.inflight > 0;
  }

  stop(): void {
    this.stopping.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.save();
  }

  async handle(request: IncomingMessage, path: string, body: Buffer): Promise<HttpResponse> {
    const method = request.method ?? 'GET';
    if (path === '/simulators/sf/std/service') return method === 'POST' ? this.service(body.toString('utf8')) : jsonResponse(405, { message: 'Method Not Allowed' });
    if (path === '/simulators/sf/push') return method === 'POST' ? this.pushGiven(body) : jsonResponse(405, { message: 'Method Not Allowed' });
    const match = /^\/simulators\/sf\/waybills\/([^/]+)(\/advance)?$/.exec(path);
    if (!match) return jsonResponse(404, { message: 'Not Found' });
    const order = this.orders.get(decodeURIComponent(match[1]!));
    if (!order) return jsonResponse(404, { code: 'UNKNOWN_WAYBILL', message: `No waybill ${match[1]} at the SF simulator` });
    if (!match[2]) return method === 'GET' ? jsonResponse(200, this.view(order)) : jsonResponse(405, { message: 'Method Not Allowed' });
    if (method !== 'POST') return jsonResponse(405, { message: 'Method Not Allowed' });
    const { push = true } = (body.length > 0 ? JSON.parse(body.toString('utf8')) : {}) as { push?: boolean };
    const route = this.happen(order);
    if (!route) return jsonResponse(409, { code: 'WAYBILL_FINISHED', message: `Waybill ${order.waybillNo} has no more routes` });
    const pushed = push ? await this.push([route]) : undefined;
    return jsonResponse(200, { route, push: pushed, remaining: order.plan.length - order.happened.length });
  }

  /** The API endpoint: the envelope checked, then the service. */
  private service(raw: string): HttpResponse {
    const form = new URLSearchParams(raw);
    const [partnerID, serviceCode, timestamp, msgDigest, msgData] = ['partnerID', 'serviceCode', 'timestamp', 'msgDigest', 'msgData'].map((name) => form.get(name) ?? '');
    if (!partnerID || !form.get('requestID') || !serviceCode || !timestamp || !msgDigest || !msgData) return api('A1001', '必传参数不可为空');
    if (partnerID !== this.partnerId) return api('A1004', '无对应服务权限');
    if (sfDigest(msgData, timestamp, this.options.keys.sharedSecret) !== msgDigest) {
      this.options.log(`SF simulator: refused ${serviceCode}: msgDigest not valid`);
      return api('A1006', '数字签名无效');
    }
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(msgData) as Record<string, unknown>;
    } catch {
      return refused('1010', 'msgData 不是 JSON');
    }
    switch (serviceCode) {
      case SF_SERVICES.createOrder:
        return this.createOrder(data);
      case SF_SERVICES.searchOrder: {
        const order = [...this.orders.values()].find((candidate) => candidate.orderId === data.orderId);
        return order ? ok(this.orderAnswer(order)) : refused('20002', '订单不存在');
      }
      case SF_SERVICES.searchRoutes: {
        const numbers = Array.isArray(data.trackingNumber) ? (data.trackingNumber as unknown[]).map(String) : [];
        return ok({ routeResps: numbers.map((mailNo) => ({ mailNo, routes: (this.orders.get(mailNo)?.happened ?? []).map(({ acceptTime, acceptAddress, remark, opCode }) => ({ acceptTime, acceptAddress, remark, opCode })) })) });
      }
      default:
        return api('A1004', '无对应服务权限');
    }
  }

  private createOrder(data: Record<string, unknown>): HttpResponse {
    const orderId = data.orderId;
    const contacts = data.contactInfoList as Array<Record<string, unknown>> | undefined;
    const recipient = contacts?.find((contact) => contact.contactType === 2);
    if (typeof orderId !== 'string' || orderId === '' || !recipient || !contacts?.some((contact) => contact.contactType === 1)) return refused('1010', '订单号、寄件人或收件人信息不完整');
    if ([...this.orders.values()].some((order) => order.orderId === orderId)) return refused(SF_DUPLICATE_ORDER, '重复下单');
    this.serial += 1;
    const waybillNo = `SF${String(this.serial).padStart(13, '0')}`;
    const undeliverable = String(recipient.address ?? '').includes(UNDELIVERABLE_MARK);
    const order: SfOrder = { orderId, waybillNo, msgData: data, plan: undeliverable ? [...PLAN.slice(0, 4), FAILED] : PLAN, happened: [] };
    this.orders.set(waybillNo, order);
    this.schedule(order);
    this.save();
    this.options.log(`SF simulator: order ${orderId} accepted as ${waybillNo}`);
    return ok(this.orderAnswer(order));
  }

  private orderAnswer(order: SfOrder) {
    return { orderId: order.orderId, originCode: '730', destCode: '730', filterResult: 2, waybillNoInfoList: [{ waybillType: 1, waybillNo: order.waybillNo }] };
  }

  /** The order's next route happens now; undefined when none is left. */
  private happen(order: SfOrder): SfPushedRoute | undefined {
    const next = order.plan[order.happened.length];
    if (!next) return undefined;
    const route: SfPushedRoute = { id: String(Date.now() * 100 + randomInt(100)), mailno: order.waybillNo, orderid: order.orderId, acceptTime: shanghaiDateTime(), reasonCode: '', reasonName: '', ...next };
    order.happened.push(route);
    this.schedule(order);
    this.save();
    return route;
  }

  private schedule(order: SfOrder, at?: string): void {
    clearTimeout(this.timers.get(order.waybillNo));
    delete order.nextAt;
    if (this.stepMs === 'manual' || order.happened.length >= order.plan.length || this.stopping.signal.aborted) return;
    const due = at ? Date.parse(at) : Date.now() + this.stepMs;
    order.nextAt = new Date(due).toISOString();
    this.timers.set(
      order.waybillNo,
      setTimeout(() => {
        const route = this.happen(order);
        if (route) void this.push([route]);
      }, Math.max(0, due - Date.now())),
    );
  }

  /** `POST /simulators/sf/push`: the given routes pushed as they are (a replay, another order, a forged digest). */
  private async pushGiven(body: Buffer): Promise<HttpResponse> {
    let input: { routes?: SfPushedRoute[]; badDigest?: boolean };
    try {
      input = JSON.parse(body.toString('utf8')) as typeof input;
    } catch {
      return jsonResponse(400, { code: 'INVALID_JSON', message: 'The body is not JSON' });
    }
    if (!Array.isArray(input.routes) || input.routes.length === 0 || input.routes.length > 10) return jsonResponse(400, { code: 'VALIDATION_FAILED', message: 'routes: 1 to 10 route nodes' });
    return jsonResponse(200, await this.push(input.routes, { badDigest: input.badDigest === true, retry: false }));
  }

  /** Pushes `routes` as RoutePushService, signed; again after a refusal, up to 3 times. Resolves with the record after the first attempt. */
  private async push(routes: SfPushedRoute[], { badDigest = false, retry = true } = {}): Promise<SfPushRecord> {
    const record: SfPushRecord = { routes, attempts: [], outcome: 'pending' };
    this.pushes.push(record);
    const first = this.attempt(record, badDigest);
    void first.then(async () => {
      for (const wait of retry ? PUSH_RETRY_MS : []) {
        if (record.outcome !== 'pending' || this.stopping.signal.aborted) break;
        await delay(wait, this.stopping.signal).catch(() => undefined);
        if (!this.stopping.signal.aborted) await this.attempt(record, badDigest);
      }
      if (record.outcome === 'pending') record.outcome = 'refused';
      this.save();
    });
    await first;
    return record;
  }

  private async attempt(record: SfPushRecord, badDigest: boolean): Promise<void> {
    const msgData = JSON.stringify({ Body: { WaybillRoute: record.routes } });
    const timestamp = String(Date.now());
    const digest = sfDigest(msgData, timestamp, badDigest ? `${this.options.keys.sharedSecret}x` : this.options.keys.sharedSecret);
    const form = new URLSearchParams({ partnerID: this.partnerId, requestID: randomUUID(), serviceCode: SF_SERVICES.routePush, timestamp, msgDigest: digest, msgData });
    const attempt: SfPushRecord['attempts'][number] = { at: new Date().toISOString() };
    record.attempts.push(attempt);
    this.inflight += 1;
    try {
      const response = await fetch(`${this.options.baseUrl}${SF_PUSH_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body: form.toString(),
        signal: AbortSignal.any([AbortSignal.timeout(30_000), this.stopping.signal]),
      });
      attempt.status = response.status;
      attempt.answer = await response.text();
      const code = (JSON.parse(attempt.answer) as { return_code?: string }).return_code;
      if (code === '0000') record.outcome = 'taken';
    } catch (error) {
      attempt.error = (error as Error).message;
    } finally {
      this.inflight -= 1;
      this.save();
    }
  }

  private view(order: SfOrder) {
    return {
      ...order,
      pushes: this.pushes.filter((record) => record.routes.some((route) => route.mailno === order.waybillNo)),
    };
  }

  private save(): void {
    writeState(this.options.stateFile, { serial: this.serial, orders: [...this.orders.values()], pushes: this.pushes } satisfies SfState);
  }
}
