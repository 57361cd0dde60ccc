/**
 * SF Express's open platform (丰桥, `https://sfapi.sf-express.com/std/service`): what both
 * OneTrip's adapter (functions/courier/sf.ts) and the local simulator (local/simulators/sf.ts)
 * speak. docs/providers/sf.md describes it for administrators.
 *
 * Every call is a form POST of `partnerID` (顾客编码), `requestID` (a UUID), `serviceCode`,
 * `timestamp` (milliseconds), `msgData` (the JSON of the call) and `msgDigest`; the answer
 * is JSON `{apiResultCode: 'A1000', apiErrorMsg, apiResponseID, apiResultData}` with
 * `apiResultData` the JSON string `{success, errorCode: 'S0000', errorMsg, msgData}`. The
 * route push (RoutePushService) comes the same way to OneTrip, signed alike, and is answered
 * `{return_code: '0000' | '1000', return_msg}`.
 */
import { createHash } from 'node:crypto';
import type { CourierStatus } from './delivery.js';

export const SF_SERVICES = {
  createOrder: 'EXP_RECE_CREATE_ORDER',
  searchOrder: 'EXP_RECE_SEARCH_ORDER_RESP',
  searchRoutes: 'EXP_RECE_SEARCH_ROUTES',
  routePush: 'RoutePushService',
} as const;

/** The platform's answer code for a call it took (`apiResultCode`), and the business success code (`errorCode`). */
export const SF_API_OK = 'A1000';
export const SF_BUSINESS_OK = 'S0000';
/** `errorCode` of a create-order call for an `orderId` already ordered (重复下单). */
export const SF_DUPLICATE_ORDER = '8016';

/**
 * Java's `URLEncoder.encode(s, "UTF-8")`, which SF's SDKs sign with: like
 * `encodeURIComponent`, but a space is `+` and `! ' ( ) ~` are escaped too.
 */
export function javaUrlEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `msgDigest` = base64(md5(URLEncoder.encode(msgData + timestamp + checkWord, "UTF-8"))),
 * over the UTF-8 bytes. SF's documented example: msgData
 * `{"language":"zh-CN","orderId":"QIAO-20200618-004"}`, timestamp `12312334453453`, check
 * word `fjcg5PGKaNpPSHFAZ4QsCOkV71R3zVci` → `IIKJtuLVzoFTu4kHI8M8vA==`.
 */
export function sfDigest(msgData: string, timestamp: string, checkWord: string): string {
  return createHash('md5').update(javaUrlEncode(`${msgData}${timestamp}${checkWord}`), 'utf8').digest('base64');
}

/** One route node, as the route query answers it and the route push carries it (push: `mailno`, `orderid`, `id` too). */
export interface SfRoute {
  /** Beijing time, `yyyy-MM-dd HH:mm:ss`. */
  acceptTime: string;
  acceptAddress: string;
  remark: string;
  opCode: string;
}

export interface SfPushedRoute extends SfRoute {
  id: string;
  mailno: string;
  orderid: string;
  reasonCode?: string;
  reasonName?: string;
}

/** The route push's `msgData`: `{"Body": {"WaybillRoute": [...]}}`, at most 10 routes. */
export interface SfRoutePush {
  Body: { WaybillRoute: SfPushedRoute[] };
}

/**
 * SF's route operation codes (opCode) and the courier status each means (docs/providers/sf.md);
 * a code not in the table (a scan at a transit centre OneTrip need not show) changes nothing.
 */
export const SF_OP_CODES: Record<string, CourierStatus> = {
  '50': 'picked_up', // 顺丰已收取快件
  '54': 'picked_up', // 上门收件
  '30': 'in_transit', // 快件在【…】完成分拣，准备发往【…】
  '31': 'in_transit', // 快件到达【…】
  '36': 'in_transit', // 快件在【…】已装车
  '44': 'out_for_delivery', // 快件交给…，正在派送途中
  '204': 'out_for_delivery', // 派送中
  '80': 'delivered', // 已签收
  '8000': 'delivered', // 在官网"运单资料&签收图"可查看签收人信息
  '70': 'failed', // 由于…原因，快件派送不成功
  '99': 'returned', // 应客户要求，快件正在退回
  '648': 'returned', // 快件已退回
};

/** `2026-12-08 10:15:00` (Beijing) → `2026-12-08T10:15:00+08:00`; undefined when it is not that shape. */
export function sfTimeToIso(acceptTime: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(acceptTime);
  return match ? `${match[1]}T${match[2]}+08:00` : undefined;
}
