/**
 * The one fee ticket, for the applicant: look it up with the query code (and the payment
 * methods offered), start a payment with one of the county's payment providers, and download its payment receipt once paid
 * (docs/fees.md).
 */
import { startPaymentFor, ticketFor } from '../app/payments.js';
import { requireQueryCode } from '../lambda/applicant-auth.js';
import { download, header, httpHandler, json, jsonBody, pathParameter, type HttpEvent } from '../lambda/http.js';

const ticketOf = (event: HttpEvent) => [pathParameter(event, 'ticketNumber'), requireQueryCode(event)] as const;

export const handler = httpHandler({
  'GET /v1/tickets/{ticketNumber}': async (event) => json(200, await ticketFor(...ticketOf(event))),
  'POST /v1/tickets/{ticketNumber}/payments': async (event) =>
    json(201, await startPaymentFor(...ticketOf(event), event.body ? jsonBody(event) : undefined, { userAgent: header(event, 'user-agent'), sourceIp: event.requestContext.http.sourceIp })),
  'GET /v1/tickets/{ticketNumber}/receipt': async (event) => {
    const [ticketNumber, queryCode] = ticketOf(event);
    // The PDF stack only for the receipt, read on its first download rather than at every cold start of the ticket routes.
    const { paymentReceipt } = await import('../app/payment-receipt.js');
    return download(await paymentReceipt(ticketNumber, queryCode), 'application/pdf', `receipt-${ticketNumber}.pdf`);
  },
});
