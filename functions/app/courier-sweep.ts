/**
 * The deadline watch's `shipment` timer: a parcel on its way is checked with the courier
 * every `SHIPMENT_CHECK_HOURS` (store/lookups.ts) hours (a route query, `queryRoutes`), so a route whose
 * push never came still reaches the case. What the query answers goes through the same
 * pipeline as the pushes (courier-callbacks.ts): routes already applied change nothing.
 * The waybill's lookup item carries the timer (store/lookups.ts); it leaves the partition
 * once the parcel's journey ended (delivered, failed, returned, or no longer the case's).
 */
import type { Clock } from '../domain/records.js';
import { getCase } from '../store/data-table.js';
import { rescheduleShipmentCheck, shipmentCheckAt } from '../store/lookups.js';
import { timerPartition } from '../store/keys.js';
import { eachDue } from './ratings.js';

const ENDED = new Set(['delivered', 'failed', 'returned']);

/** Whether the case's current shipment is still this waybill, on its way. */
async function onItsWay(caseId: string, waybillNumber: string): Promise<boolean> {
  const shipment = (await getCase(caseId))?.handover?.shipment;
  return shipment?.waybillNumber === waybillNumber && !ENDED.has(shipment.status);
}

/** Queries the courier for each parcel due a check; returns how many routes it applied. */
export async function checkShipments(now: Clock): Promise<number> {
  let applied = 0;
  await eachDue(timerPartition('shipment'), now, async (item) => {
    const waybillNumber = String(item.waybillNumber);
    const caseId = String(item.caseId);
    if (await onItsWay(caseId, waybillNumber)) {
      // Read only when a parcel is due: the deadline watch's cold start stays without the
      // courier's adapter and the callbacks' schema validator.
      const [{ courierProvider }, { applyCourierCallbacks }] = await Promise.all([import('../courier/index.js'), import('./courier-callbacks.js')]);
      const result = await applyCourierCallbacks(await courierProvider().queryRoutes(waybillNumber), 'courier-sweep');
      applied += result.applied;
    }
    await rescheduleShipmentCheck(item, (await onItsWay(caseId, waybillNumber)) ? shipmentCheckAt(now.now) : undefined);
    return true;
  });
  return applied;
}
