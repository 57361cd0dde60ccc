/**
 * `POST /v1/callbacks/courier`: the courier reports a shipment's progress, signed
 * (API.md). Applied through the monotonic shipment state machine, so duplicates and
 * out-of-order reports do no harm; delivered closes the handover with no trip, a failure
 * re-dispatches once and then becomes a pickup notice.
 */
import callbackSchema from '../../contracts/schemas/courier-callback.schema.json' with { type: 'json' };
import { applyCourierCallback } from '../domain/results.js';
import type { CourierStatus } from '../../contracts/delivery.js';
import { callbackHandler } from '../app/callbacks.js';
import { clock } from '../lambda/clock.js';
import { httpHandler } from '../lambda/http.js';
import { secretValue } from '../lambda/secrets.js';
import { ajv } from '../lambda/validate.js';
import { caseOfWaybill } from '../store/lookups.js';

interface CourierCallback {
  eventId: string;
  waybillNumber: string;
  status: CourierStatus;
  occurredAt: string;
  detail?: string;
}

export const handler = httpHandler({
  'POST /v1/callbacks/courier': callbackHandler<CourierCallback>({
    source: 'courier',
    secret: () => secretValue('COURIER_SECRET_ARN'),
    validate: ajv().compile(callbackSchema),
    describe: (cb) => ({ eventId: cb.eventId, waybillNumber: cb.waybillNumber, status: cb.status }),
    find: (cb) => caseOfWaybill(cb.waybillNumber),
    // The courier may report before the dispatch recorded its waybill: it retries on 409.
    unknown: (cb) => ({ outcome: 'not_yet', message: `Waybill ${cb.waybillNumber} is not known (yet)` }),
    decide: (c, _tasks, cb) => {
      const { eventId, status, occurredAt, detail } = cb;
      const outcome = applyCourierCallback(c, cb.waybillNumber, { eventId, status, occurredAt, ...(detail !== undefined ? { detail } : {}) }, clock());
      return outcome.outcome === 'unknown' ? { outcome: 'not_yet', message: outcome.message } : outcome;
    },
  }),
});
