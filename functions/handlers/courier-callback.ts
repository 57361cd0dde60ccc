/**
 * `POST /v1/callbacks/courier`: the courier reports a shipment's progress, signed
 * (API.md); `POST /v1/callbacks/courier/{provider}`: a real courier's push (SF's route push). Applied through the monotonic shipment state machine, so duplicates and
 * out-of-order reports do no harm; delivered closes the handover with no trip, a failure
 * re-dispatches once and then becomes a pickup notice.
 */
import { receiveCallback } from '../app/callbacks.js';
import { courierCallbacks, receiveCourierPush } from '../app/courier-callbacks.js';
import { httpHandler, json, pathParameter, rawBody, signedRequest } from '../lambda/http.js';

export const handler = httpHandler({
  'POST /v1/callbacks/courier': async (event) => json(200, await receiveCallback(courierCallbacks, signedRequest(event))),
  // A real courier's push, in its own format and signature (SF: the route push).
  'POST /v1/callbacks/courier/{provider}': async (event) =>
    receiveCourierPush(pathParameter(event, 'provider'), { rawBody: rawBody(event), headers: event.headers ?? {}, sourceIp: event.requestContext.http.sourceIp }),
});
