/**
 * `POST /v1/callbacks/payment`: the payment provider reports a payment's outcome or a
 * refund, signed (API.md). A forged, stale, replayed or wrong-amount callback changes
 * nothing and is kept for supervision; a valid one is applied to the case's ticket.
 */
import { receiveCallback } from '../app/callbacks.js';
import { paymentCallbacks } from '../app/payment-callbacks.js';
import { httpHandler, json, signedRequest } from '../lambda/http.js';

export const handler = httpHandler({
  'POST /v1/callbacks/payment': async (event) => json(200, await receiveCallback(paymentCallbacks, signedRequest(event))),
});
