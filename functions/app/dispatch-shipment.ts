/** Shipping a case's results by courier, once the case hands them over (docs/results.md). */
import type { OutboxEvent } from '../../contracts/events.js';
import { courierProvider } from '../courier/index.js';
import { shipmentCreated } from '../domain/results.js';
import { clock } from '../lambda/clock.js';
import { requireEnv } from '../lambda/env.js';
import { getCase, updateCase } from '../store/data-table.js';
import { waybillLookupItem } from '../store/lookups.js';

/**
 * On `delivery.requested`: asks the courier for a shipment of this attempt (idempotent on
 * `<caseId>-d<attempt>`, so a redelivered message gets the same waybill) and records the
 * waybill on the case with the lookup the callbacks use.
 */
export async function dispatchShipment(event: OutboxEvent): Promise<void> {
  if (event.type !== 'delivery.requested') return;
  const attempt = Number(event.data.attempt);
  const c = await getCase(event.caseId);
  const h = c?.handover;
  if (!c || !h || h.mode !== 'courier' || h.attempt !== attempt || h.shipment) return;
  const address = c.delivery.address;
  if (!address) throw new Error(`Case ${c.receiptNumber} is to be shipped but has no address`);
  const hall = requireEnv('SERVICE_HALL_NAME');
  const { waybillNumber } = await courierProvider().createShipment({
    shipmentId: String(event.data.shipmentId),
    receiptNumber: c.receiptNumber,
    recipient: address,
    sender: { name: hall, phone: '12345', address: hall },
    contents: (c.results ?? []).map((r) => r.verificationCode),
    note: '政务服务办件结果，请本人签收',
  });
  const now = clock();
  const lookup = waybillLookupItem(waybillNumber, { caseId: c.caseId, county: c.county, attempt }, now.now);
  await updateCase(c.caseId, c.county, (fresh) => shipmentCreated(fresh, attempt, waybillNumber, now), { extra: [lookup] });
}
