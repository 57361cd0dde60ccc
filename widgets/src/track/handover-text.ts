/** The handover's plain words: the courier's steps and statuses, where the results are, and what a new reading changed. */
import { msg, str } from '@lit/localize';
import type { HandoverView, ShipmentView } from '../../../contracts/delivery.js';
import { COURIER_STEPS, redispatched, stepOf } from './handover-state.js';

/** One step of the courier's progress, as a parcel tracker names it. */
export function courierStepText(index: number): string {
  switch (COURIER_STEPS[index]) {
    case 'picked_up':
      return msg('已揽收', { id: 'track.courier.pickedUp' });
    case 'in_transit':
      return msg('运输中', { id: 'track.courier.inTransit' });
    case 'out_for_delivery':
      return msg('派送中', { id: 'track.courier.outForDelivery' });
    case 'delivered':
      return msg('已签收', { id: 'track.courier.delivered' });
    default:
      return msg('已下单', { id: 'track.courier.ordered' });
  }
}

/** A status of the courier's history; the moving ones read as their step. */
export function shipmentStatusText(status: ShipmentView['status'] | string): string {
  switch (status) {
    case 'failed':
      return msg('投递失败', { id: 'track.courier.failed' });
    case 'returned':
      return msg('已退回', { id: 'track.courier.returned' });
    default:
      return courierStepText(Math.max(COURIER_STEPS.indexOf(status as (typeof COURIER_STEPS)[number]), 0));
  }
}

/** Where the results are, in a few words. */
export function handoverTitle(h: HandoverView): string {
  switch (h.status) {
    case 'delivered':
      return msg('结果已送达（已签收）', { id: 'track.handover.delivered' });
    case 'available':
      return msg('电子证照已可下载', { id: 'track.handover.available' });
    case 'pickup_ready':
      return msg('请到政务服务大厅领取', { id: 'track.handover.pickup' });
    default:
      return msg(str`快递寄送中：${courierStepText(stepOf(h.shipment))}`, { id: 'track.handover.shipping' });
  }
}

/** The note on a shipment that did not arrive, naming its waybills. */
export function redispatchText(h: HandoverView): string {
  const failed = (h.failedShipments ?? []).map((s) => msg(str`${s.waybillNumber}（${shipmentStatusText(s.status)}）`, { id: 'track.handover.failedShipment' })).join(msg('、', { id: 'track.listSeparator' }));
  return failed
    ? msg(str`此前寄出的快递未能送达：${failed}。结果已重新寄出，请留意新的运单。`, { id: 'track.handover.redispatched' })
    : msg('此前寄出的快递未能送达，结果已重新寄出，请留意新的运单。', { id: 'track.handover.redispatchedAny' });
}

/** What changed between two readings of the same case's handover, for the live region; empty if nothing. */
export function handoverAnnouncement(before: HandoverView | null | undefined, next: HandoverView | null | undefined): string {
  if (!next) return '';
  if (!before || before.status !== next.status || before.mode !== next.mode) {
    return next.notice && next.status === 'pickup_ready' ? `${handoverTitle(next)}${msg('：', { id: 'guide.colon' })}${next.notice}` : handoverTitle(next);
  }
  if (redispatched(next) && (next.attempt ?? 1) !== (before.attempt ?? 1)) return redispatchText(next);
  if (before.shipment?.status !== next.shipment?.status && next.shipment) {
    return msg(str`快递进度：${shipmentStatusText(next.shipment.status)}`, { id: 'track.handover.progress' });
  }
  return '';
}
