/**
 * The one fee ticket, for the applicant: look it up with the query code, and start a
 * payment with the county's payment provider (docs/fees.md).
 */
import { startPaymentFor, ticketFor } from '../app/payments.js';
import { requireQueryCode } from '../lambda/applicant-auth.js';
import { httpHandler, json, jsonBody, pathParameter, type HttpEvent } from '../lambda/http.js';

const ticketOf = (event: HttpEvent) => [pathParameter(event, 'ticketNumber'), requireQueryCode(event)] as const;

export const handler = httpHandler({
  'GET /v1/tickets/{ticketNumber}': async (event) => json(200, await ticketFor(...ticketOf(event))),
  'POST /v1/tickets/{ticketNumber}/payments': async (event) =>
    json(201, await startPaymentFor(...ticketOf(event), event.body ? jsonBody(event) : undefined)),
});
