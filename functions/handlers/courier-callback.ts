/**
 * `POST /v1/callbacks/courier`: the courier reports a shipment's progress, signed
 * (API.md). Applied through the monotonic shipment state machine, so duplicates and
 * out-of-order reports do no harm; delivered closes the handover with no trip, a failure
 * re-dispatches once and then becomes a pickup notice.
 */
import { receiveCallback } from '../app/callbacks.js';
import { courierCallbacks } from '../app/courier-callbacks.js';
import { httpHandler, json, signedRequest } from '../lambda/http.js';

export const handler = httpHandler({
  'POST /v1/callbacks/courier': async (event) => json(200, await receiveCallback(courierCallbacks, signedRequest(event))),
});
