/**
 * The payment providers' reports of a payment's outcome or a refund. A forged, stale,
 * replayed or wrong-amount report changes nothing and is kept for supervision; a valid one
 * is applied to the case's ticket.
 *
 * - `POST /v1/callbacks/payment`: the sandbox's, signed with OneTrip's HMAC (API.md).
 * - `POST /v1/callbacks/payment/{provider}`: a provider's own notification (Alipay's
 *   form-encoded RSA2-signed `trade_status_sync`, WeChat Pay's encrypted JSON), verified by
 *   its adapter and answered its way.
 */
import { receiveCallback } from '../app/callbacks.js';
import { paymentCallbacks, receiveNotification } from '../app/payment-callbacks.js';
import { httpHandler, json, pathParameter, rawBody, signedRequest } from '../lambda/http.js';

export const handler = httpHandler({
  'POST /v1/callbacks/payment': async (event) => json(200, await receiveCallback(paymentCallbacks, signedRequest(event))),
  'POST /v1/callbacks/payment/{provider}': async (event) =>
    receiveNotification(pathParameter(event, 'provider'), { rawBody: rawBody(event), headers: event.headers ?? {}, sourceIp: event.requestContext.http.sourceIp }),
});
