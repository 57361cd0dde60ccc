/**
 * The one fee ticket, for the applicant (docs/fees.md): reading it with the query code,
 * and starting a payment with the county's provider.
 */
import { randomUUID } from 'node:crypto';
import startSchema from '../../contracts/schemas/payment-start.schema.json' with { type: 'json' };
import type { PaymentStart, TicketView } from '../../contracts/tickets.js';
import { OneTripError, ValidationError } from '../domain/errors.js';
import { startPayment } from '../domain/tickets.js';
import { ticketView } from '../domain/views.js';
import { clock } from '../lambda/clock.js';
import { requireEnv } from '../lambda/env.js';
import { logger } from '../lambda/logger.js';
import { validator } from '../lambda/validate.js';
import { paymentProvider, PaymentProviderError } from '../payments/index.js';
import { updateCase } from '../store/data-table.js';
import { ticketCase } from './access.js';
import { departmentsOf } from './fee-plans.js';

const validateStart = validator<{ returnUrl?: string }>(startSchema, 'payment request');

export async function ticketFor(ticketNumber: string, queryCode: string): Promise<TicketView> {
  const found = await ticketCase(ticketNumber, queryCode);
  return ticketView(found, found.ticket, departmentsOf(found));
}

/**
 * The agency sites a citizen may be sent back to after paying, so that the provider's page is
 * no open redirect: `returnUrl`'s origin must be exactly one of ALLOWED_ORIGINS (the county's
 * `allowedOrigins`, all https; the local runtime's own origins locally). No `*`: a stack
 * without the variable is misconfigured, and says so.
 */
function checkReturnUrl(returnUrl: string | undefined): void {
  if (returnUrl === undefined) return;
  const allowed = requireEnv('ALLOWED_ORIGINS').split(/\s+/);
  let origin: string;
  try {
    origin = new URL(returnUrl).origin;
  } catch {
    throw new ValidationError('returnUrl is not a URL', [{ path: '/returnUrl', message: 'must be an http(s) URL', rule: 'not_url' }]);
  }
  if (!allowed.includes(origin)) {
    throw new ValidationError('returnUrl is not on a site that embeds OneTrip here', [{ path: '/returnUrl', message: `origin ${origin} is not allowed`, rule: 'origin_not_allowed', params: { origin } }]);
  }
}

/** `body`: the request's JSON (`{returnUrl?}`), or undefined when it sent none. */
export async function startPaymentFor(ticketNumber: string, queryCode: string, body: unknown): Promise<PaymentStart & { amountFen: number }> {
  const found = await ticketCase(ticketNumber, queryCode);
  const { returnUrl } = body === undefined ? {} : validateStart(body);
  checkReturnUrl(returnUrl);
  const provider = paymentProvider();
  const paymentId = `P${randomUUID().replaceAll('-', '')}`;
  // Stored before the provider hears of it: a callback can always find its payment.
  const { after } = await updateCase(found.caseId, found.county, (c) => startPayment(c, { paymentId, provider: provider.name }, { type: 'applicant', id: c.receiptNumber }, clock()));
  const ticket = after.ticket ?? found.ticket;
  try {
    const { redirectUrl } = await provider.createPayment({
      paymentId,
      ticketNumber: ticket.ticketNumber,
      amountFen: ticket.totalFen,
      description: `${after.itemName.zh}（${after.receiptNumber}）`,
      returnUrl,
    });
    return { paymentId, redirectUrl, amountFen: ticket.totalFen };
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    logger.error('payment provider refused', { error, paymentId });
    throw new OneTripError('PAYMENT_PROVIDER_UNAVAILABLE', 'The payment service cannot be reached just now; nothing was charged, try again in a moment', 'unavailable');
  }
}

