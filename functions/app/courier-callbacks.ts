/**
 * The courier's callbacks: a parcel's progress, applied through the monotonic shipment state
 * machine, whether it comes as the sandbox's HMAC-signed callback, as a real courier's push
 * (`POST /v1/callbacks/courier/{provider}`, checked by its adapter) or from a route query
 * when pushes are missing (the deadline watch's `shipment` timer, courier-sweep.ts).
 */
import courierSchema from '../../contracts/schemas/courier-callback.schema.json' with { type: 'json' };
import type { CourierCallback } from '../../contracts/delivery.js';
import { applyCourierCallback } from '../domain/results.js';
import { clock } from '../lambda/clock.js';
import { compileSchema } from '../lambda/validate.js';
import { caseOfWaybill } from '../store/lookups.js';
import { applyCallback, type CallbackSpec } from './callbacks.js';
import type { CourierNotification, NotificationAnswer } from '../courier/index.js';
import { secretByArn } from '../lambda/secrets.js';
import { courierConfig } from '../lambda/providers-config.js';
import { NotFoundError, OneTripError } from '../domain/errors.js';
import { logger } from '../lambda/logger.js';
import { recordRefusedCallback } from '../store/lookups.js';

export const courierCallbacks: CallbackSpec<CourierCallback> = {
  source: 'courier',
  // The sandbox's HMAC (`POST /v1/callbacks/courier`).
  secret: () => secretByArn(courierConfig().secretArn),
  validate: compileSchema(courierSchema),
  describe: (cb) => ({ eventId: cb.eventId, waybillNumber: cb.waybillNumber, status: cb.status }),
  find: (cb) => caseOfWaybill(cb.waybillNumber),
  // The courier may report before the dispatch recorded its waybill: it retries on 409.
  unknown: (cb) => ({ outcome: 'not_yet', message: `Waybill ${cb.waybillNumber} is not known (yet)` }),
  decide: (c, _tasks, { eventId, waybillNumber, status, occurredAt, detail }) =>
    applyCourierCallback(c, waybillNumber, { eventId, status, occurredAt, ...(detail !== undefined ? { detail } : {}) }, clock()),
};

/**
 * Applies a courier's callbacks one by one through the pipeline: a route seen before, out of
 * order or not mapped changes nothing. `retryLater` when one's waybill is not known (yet):
 * the courier is asked to send it again.
 */
export async function applyCourierCallbacks(callbacks: unknown[], sourceIp: string): Promise<{ applied: number; retryLater: boolean }> {
  let applied = 0;
  let retryLater = false;
  for (const callback of callbacks) {
    try {
      if ((await applyCallback(courierCallbacks, callback, sourceIp)).applied) applied++;
    } catch (error) {
      // Refusals are recorded by the pipeline; a waybill not known yet is pushed again.
      if (!(error instanceof OneTripError)) throw error;
      if (error.code === 'NOT_APPLICABLE_YET') retryLater = true;
    }
  }
  return { applied, retryLater };
}

const REFUSAL_CODES = { bad_signature: 'BAD_SIGNATURE', stale: 'STALE_SIGNATURE', malformed: 'VALIDATION_FAILED' } as const;

/**
 * `POST /v1/callbacks/courier/{provider}`: the county's courier's push, checked by its adapter
 * the courier's way (SF: `msgDigest`), each route applied, answered as the courier expects. A
 * refused push changes nothing, is kept for supervision, and is answered as a failure.
 *
 * @throws NotFoundError `COURIER_PROVIDER_UNKNOWN` when `provider` is not the county's courier
 */
export async function receiveCourierPush(provider: string, notification: CourierNotification): Promise<NotificationAnswer> {
  const { sourceIp } = notification;
  if (provider !== courierConfig().provider) {
    await recordRefusedCallback('courier', 'COURIER_PROVIDER_UNKNOWN', sourceIp, { provider });
    throw new NotFoundError(`The county's courier is not ${provider}`, 'COURIER_PROVIDER_UNKNOWN', { params: { provider } });
  }
  // The adapters are read on the first push only: the HMAC route's cold start stays without them.
  const { courierProvider } = await import('../courier/index.js');
  const courier = courierProvider();
  const read = await courier.readNotification(notification);
  if ('refused' in read) {
    logger.warn('courier push refused', { provider, reason: read.refused, message: read.message });
    await recordRefusedCallback('courier', REFUSAL_CODES[read.refused], sourceIp, { provider, message: read.message });
    return courier.acknowledge(false, read.message);
  }
  const { retryLater } = await applyCourierCallbacks(read.callbacks, sourceIp);
  return courier.acknowledge(!retryLater, retryLater ? 'A waybill is not known yet; push it again later' : undefined);
}
