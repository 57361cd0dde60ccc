/** The courier's signed callback: a parcel's progress, applied through the monotonic shipment state machine. */
import courierSchema from '../../contracts/schemas/courier-callback.schema.json' with { type: 'json' };
import type { CourierCallback } from '../../contracts/delivery.js';
import { applyCourierCallback } from '../domain/results.js';
import { clock } from '../lambda/clock.js';
import { courierSecret } from '../courier/index.js';
import { ajv } from '../lambda/validate.js';
import { caseOfWaybill } from '../store/lookups.js';
import type { CallbackSpec } from './callbacks.js';

export const courierCallbacks: CallbackSpec<CourierCallback> = {
  source: 'courier',
  secret: courierSecret,
  validate: ajv().compile(courierSchema),
  describe: (cb) => ({ eventId: cb.eventId, waybillNumber: cb.waybillNumber, status: cb.status }),
  find: (cb) => caseOfWaybill(cb.waybillNumber),
  // The courier may report before the dispatch recorded its waybill: it retries on 409.
  unknown: (cb) => ({ outcome: 'not_yet', message: `Waybill ${cb.waybillNumber} is not known (yet)` }),
  decide: (c, _tasks, { eventId, waybillNumber, status, occurredAt, detail }) =>
    applyCourierCallback(c, waybillNumber, { eventId, status, occurredAt, ...(detail !== undefined ? { detail } : {}) }, clock()),
};
