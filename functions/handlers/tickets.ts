/**
 * The one fee ticket, for the applicant: look it up with the query code, and start a
 * payment with the county's payment provider (docs/fees.md).
 */
import { randomUUID } from 'node:crypto';
import startSchema from '../../contracts/schemas/payment-start.schema.json' with { type: 'json' };
import type { CaseRecord } from '../domain/case.js';
import { startPayment, TICKET_PATTERN } from '../domain/tickets.js';
import { ticketView } from '../domain/views.js';
import { paymentProvider, PaymentProviderError } from '../payments/provider.js';
import { caseWithQueryCode, requireQueryCode } from '../app/applicant-access.js';
import { clock } from '../lambda/clock.js';
import { NotFoundError, OneTripError, ValidationError } from '../domain/errors.js';
import { departmentsOf } from '../app/fee-plans.js';
import { httpHandler, json, jsonBody, pathParameter, type HttpEvent } from '../lambda/http.js';
import { logger } from '../lambda/logger.js';
import { validator } from '../lambda/validate.js';
import { getCase, updateCase } from '../store/data-table.js';
import { caseOfTicket } from '../store/lookups.js';

const validateStart = validator<{ returnUrl?: string }>(startSchema, 'payment request');

async function ticketCase(event: HttpEvent): Promise<CaseRecord & { ticket: NonNullable<CaseRecord['ticket']> }> {
  const ticketNumber = pathParameter(event, 'ticketNumber');
  const code = requireQueryCode(event);
  const notFound = () => new NotFoundError('No fee ticket matches this ticket number and query code', 'TICKET_NOT_FOUND');
  const ref = TICKET_PATTERN.test(ticketNumber) ? await caseOfTicket(ticketNumber) : undefined;
  const found = await caseWithQueryCode(ref?.caseId, code, notFound);
  if (found.ticket?.ticketNumber !== ticketNumber) throw notFound();
  return found as CaseRecord & { ticket: NonNullable<CaseRecord['ticket']> };
}

/** The agency sites a citizen may be sent back to after paying (no open redirect through the provider). */
function checkReturnUrl(returnUrl: string | undefined): void {
  if (returnUrl === undefined) return;
  const allowed = (process.env.ALLOWED_ORIGINS ?? '').split(/\s+/).filter(Boolean);
  let origin: string;
  try {
    origin = new URL(returnUrl).origin;
  } catch {
    throw new ValidationError('returnUrl is not a URL', [{ path: '/returnUrl', message: 'must be an http(s) URL' }]);
  }
  if (!allowed.includes('*') && !allowed.includes(origin)) {
    throw new ValidationError('returnUrl is not on a site that embeds OneTrip here', [{ path: '/returnUrl', message: `origin ${origin} is not allowed` }]);
  }
}

async function show(event: HttpEvent) {
  const found = await ticketCase(event);
  return json(200, ticketView(found, found.ticket, departmentsOf(found)));
}

async function pay(event: HttpEvent) {
  const found = await ticketCase(event);
  const input = event.body ? validateStart(jsonBody(event)) : {};
  checkReturnUrl(input.returnUrl);
  const provider = paymentProvider();
  const paymentId = `P${randomUUID().replaceAll('-', '')}`;
  // Stored before the provider hears of it: a callback can always find its payment.
  await updateCase(found.caseId, found.county, (c) => startPayment(c, { paymentId, provider: provider.name }, { type: 'applicant', id: c.receiptNumber }, clock()));
  const after = (await getCase(found.caseId)) ?? found;
  const ticket = after.ticket ?? found.ticket;
  try {
    const { redirectUrl } = await provider.createPayment({
      paymentId,
      ticketNumber: ticket.ticketNumber,
      amountFen: ticket.totalFen,
      description: `${after.itemName.zh}（${after.receiptNumber}）`,
      returnUrl: input.returnUrl,
    });
    return json(201, { paymentId, redirectUrl, amountFen: ticket.totalFen });
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    logger.error('payment provider refused', { error, paymentId });
    throw new OneTripError('PAYMENT_PROVIDER_UNAVAILABLE', 'The payment service cannot be reached just now; nothing was charged, try again in a moment', 502);
  }
}

export const handler = httpHandler({
  'GET /v1/tickets/{ticketNumber}': show,
  'POST /v1/tickets/{ticketNumber}/payments': pay,
});
