/**
 * SF Express (顺丰, the 丰桥 open platform; contracts/sf-express.ts has the wire format,
 * docs/providers/sf.md what a county obtains): orders with `EXP_RECE_CREATE_ORDER`, routes
 * with `EXP_RECE_SEARCH_ROUTES`, and the route push (RoutePushService) checked by its
 * `msgDigest`. Every request is signed with the county's check word (its secret's `checkWord`).
 */
import { randomUUID } from 'node:crypto';
import type { CourierCallback, ShipmentRequest } from '../../contracts/delivery.js';
import {
  SF_API_OK,
  SF_BUSINESS_OK,
  SF_DUPLICATE_ORDER,
  SF_OP_CODES,
  SF_SERVICES,
  sfDigest,
  sfTimeToIso,
  type SfRoute,
  type SfRoutePush,
} from '../../contracts/sf-express.js';
import { DEFAULT_PROVIDER_TIMEOUT_MS } from '../lambda/provider-http.js';
import { CourierProviderError } from './errors.js';
import type { CourierNotification, CourierProvider, NotificationAnswer, ReadNotification } from './provider.js';

/** What the county's SF secret holds (docs/providers/sf.md). */
export interface SfSecret {
  checkWord: string;
}
export const SF_SECRET_FIELDS = ['checkWord'] as const;

export interface SfOptions {
  /** The service endpoint, e.g. `https://sfapi.sf-express.com/std/service`. */
  url: string;
  /** The county's 顾客编码 (partnerID). */
  partnerId: string;
  /** The county's monthly account (月结卡号), when SF bills it monthly. */
  monthlyCard?: string;
  secret: () => Promise<SfSecret>;
  /** @default DEFAULT_PROVIDER_TIMEOUT_MS */
  timeoutMs?: number;
  /** @default the global fetch */
  fetch?: typeof fetch;
  /** Milliseconds since the epoch. @default Date.now */
  now?: () => number;
}

/** A push whose timestamp is further than this from now is refused as stale (a replay). */
export const SF_PUSH_MAX_AGE_MS = 300_000;

/** The eventId of a route node: the same from a push and from a query of that node. */
export const sfEventId = (waybillNumber: string, route: Pick<SfRoute, 'opCode' | 'acceptTime'>) => `sf:${waybillNumber}:${route.opCode}:${route.acceptTime.replace(/\D/g, '')}`;

/** A route node as a courier callback; undefined for an opCode without an equivalent or a malformed time. */
export function routeCallback(waybillNumber: string, route: SfRoute): CourierCallback | undefined {
  const status = SF_OP_CODES[route.opCode];
  const occurredAt = sfTimeToIso(route.acceptTime);
  if (!status || !occurredAt) return undefined;
  const detail = [route.acceptAddress, route.remark].filter(Boolean).join(' ').slice(0, 500);
  return { eventId: sfEventId(waybillNumber, route), waybillNumber, status, occurredAt, ...(detail ? { detail } : {}) };
}

export class SfCourierProvider implements CourierProvider {
  readonly name = 'sf';

  constructor(private readonly options: SfOptions) {}

  async createShipment(request: ShipmentRequest): Promise<{ waybillNumber: string }> {
    const { shipmentId, receiptNumber, recipient, sender, contents, note } = request;
    const order = {
      language: 'zh-CN',
      orderId: shipmentId,
      cargoDetails: [{ name: `政务服务办件结果 ${receiptNumber}`.slice(0, 60), count: contents.length }],
      contactInfoList: [
        { contactType: 1, contact: sender.name, tel: sender.phone, address: sender.address },
        { contactType: 2, contact: recipient.recipient, mobile: recipient.phone, province: recipient.province, city: recipient.city, county: recipient.district, address: recipient.detail, ...(recipient.postalCode ? { postCode: recipient.postalCode } : {}) },
      ],
      expressTypeId: 1,
      payMethod: 1,
      ...(this.options.monthlyCard ? { monthlyCard: this.options.monthlyCard } : {}),
      isReturnRoutelabel: 0,
      remark: [receiptNumber, note].filter(Boolean).join(' '),
    };
    const answer = await this.call(SF_SERVICES.createOrder, order, [SF_DUPLICATE_ORDER]);
    // The order exists already (a redelivered dispatch): its waybill is the order's.
    const data = answer.errorCode === SF_DUPLICATE_ORDER ? (await this.call(SF_SERVICES.searchOrder, { language: 'zh-CN', orderId: shipmentId })).msgData : answer.msgData;
    const waybillNumber = (data as { waybillNoInfoList?: { waybillType?: number; waybillNo?: unknown }[] } | undefined)?.waybillNoInfoList?.find((w) => w.waybillType === 1 || w.waybillType === undefined)?.waybillNo;
    if (typeof waybillNumber !== 'string' || !/^[A-Za-z0-9-]{6,40}$/.test(waybillNumber)) {
      throw new CourierProviderError(`SF Express answered order ${shipmentId} without a waybill number`);
    }
    return { waybillNumber };
  }

  async queryRoutes(waybillNumber: string): Promise<CourierCallback[]> {
    const answer = await this.call(SF_SERVICES.searchRoutes, { language: 'zh-CN', trackingType: '1', trackingNumber: [waybillNumber], methodType: '1' });
    const found = (answer.msgData as { routeResps?: { mailNo?: string; routes?: SfRoute[] }[] } | undefined)?.routeResps?.find((r) => r.mailNo === waybillNumber);
    return (found?.routes ?? []).flatMap((route) => routeCallback(waybillNumber, route) ?? []);
  }

  async readNotification({ rawBody }: CourierNotification): Promise<ReadNotification> {
    const form = new URLSearchParams(rawBody);
    const [partnerId, serviceCode, timestamp, digest, msgData] = ['partnerID', 'serviceCode', 'timestamp', 'msgDigest', 'msgData'].map((name) => form.get(name) ?? '');
    if (!msgData || !timestamp || !digest) return { refused: 'malformed', message: 'The push lacks msgData, timestamp or msgDigest' };
    if (partnerId !== this.options.partnerId || serviceCode !== SF_SERVICES.routePush) return { refused: 'malformed', message: `The push is not a ${SF_SERVICES.routePush} for partner ${this.options.partnerId}` };
    const { checkWord } = await this.options.secret();
    if (sfDigest(msgData, timestamp, checkWord) !== digest) return { refused: 'bad_signature', message: 'The msgDigest does not match msgData, timestamp and the check word' };
    if (Math.abs((this.options.now ?? Date.now)() - Number(timestamp)) > SF_PUSH_MAX_AGE_MS) return { refused: 'stale', message: 'The push timestamp is more than 300 seconds away from now' };
    let push: SfRoutePush;
    try {
      push = JSON.parse(msgData) as SfRoutePush;
    } catch {
      return { refused: 'malformed', message: 'The push msgData is not JSON' };
    }
    const routes = push?.Body?.WaybillRoute;
    if (!Array.isArray(routes)) return { refused: 'malformed', message: 'The push msgData has no Body.WaybillRoute' };
    return { callbacks: routes.flatMap((route) => (typeof route?.mailno === 'string' ? (routeCallback(route.mailno, route) ?? []) : [])) };
  }

  acknowledge(ok: boolean, message?: string): NotificationAnswer {
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json;charset=UTF-8' },
      body: JSON.stringify({ return_code: ok ? '0000' : '1000', return_msg: ok ? '成功' : (message ?? '失败') }),
    };
  }

  /**
   * One signed call; the business answer (`apiResultData`) when it succeeded or failed with
   * one of `accepted` error codes.
   *
   * @throws CourierProviderError when SF cannot be reached, refuses the call or the order
   */
  private async call(serviceCode: string, data: Record<string, unknown>, accepted: string[] = []): Promise<{ errorCode?: string; msgData?: unknown }> {
    const { url, partnerId } = this.options;
    const msgData = JSON.stringify(data);
    const timestamp = String((this.options.now ?? Date.now)());
    const { checkWord } = await this.options.secret();
    const body = new URLSearchParams({ partnerID: partnerId, requestID: randomUUID(), serviceCode, timestamp, msgDigest: sfDigest(msgData, timestamp, checkWord), msgData });
    let response: Response;
    let text: string;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body: body.toString(),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS),
      });
      text = await response.text();
    } catch (cause) {
      throw new CourierProviderError(`SF Express could not be reached at ${url}: ${(cause as Error).message}`, undefined, { cause });
    }
    if (!response.ok) throw new CourierProviderError(`SF Express answered ${response.status} to ${serviceCode}: ${text.slice(0, 300)}`, response.status);
    let api: { apiResultCode?: string; apiErrorMsg?: string; apiResultData?: string };
    let result: { success?: boolean; errorCode?: string; errorMsg?: string; msgData?: unknown };
    try {
      api = JSON.parse(text) as typeof api;
      if (api.apiResultCode !== SF_API_OK) throw new CourierProviderError(`SF Express refused ${serviceCode}: ${api.apiResultCode} ${api.apiErrorMsg ?? ''}`.trim(), response.status);
      result = JSON.parse(api.apiResultData ?? '') as typeof result;
    } catch (cause) {
      if (cause instanceof CourierProviderError) throw cause;
      throw new CourierProviderError(`SF Express answered ${serviceCode} with a body that is not its JSON`, response.status, { cause });
    }
    if (result.errorCode !== SF_BUSINESS_OK && !accepted.includes(result.errorCode ?? '')) {
      throw new CourierProviderError(`SF Express refused ${serviceCode}: ${result.errorCode ?? '?'} ${result.errorMsg ?? ''}`.trim(), response.status);
    }
    return result;
  }
}
