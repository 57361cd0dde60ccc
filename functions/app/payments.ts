/**
 * The one fee ticket, for the applicant (docs/fees.md): reading it with the query code (with
 * the payment methods the county offers), starting a payment with one of them, and asking
 * the provider about a payment whose notification has not come.
 */
import { randomUUID } from 'node:crypto';
import startSchema from '../../contracts/schemas/payment-start.schema.json' with { type: 'json' };
import type { PaymentStart, TicketAnswer } from '../../contracts/tickets.js';
import { OneTripError, ValidationError } from '../domain/errors.js';
import type { CaseRecord, Ticket } from '../domain/records.js';
import { startPayment } from '../domain/tickets.js';
import { ticketView } from '../domain/views.js';
import { clock } from '../lambda/clock.js';
import { requireEnv } from '../lambda/env.js';
import { logger } from '../lambda/logger.js';
import { validator } from '../lambda/validate.js';
import { paymentMethods, paymentProvider, PaymentProviderError, type PaymentChannel, type PaymentMethod } from '../payments/index.js';
import { updateCase } from '../store/data-table.js';
import { ticketCase } from './access.js';
import { applyCallback } from './callbacks.js';
import { departmentsOf } from './fee-plans.js';
import { paymentCallbacks } from './payment-callbacks.js';

const validateStart = validator<{ provider?: string; channel?: string; returnUrl?: string }>(startSchema, 'payment request');

/** Who is paying, as the request shows it: the channel suited to the device, the IP WeChat's H5 payment needs. */
export interface PayingClient {
  userAgent?: string;
  sourceIp: string;
}

/** The sender recorded for a payment's outcome learned by asking the provider (rather than from its notification). */
const QUERY_SENDER = 'payment-query';

export async function ticketFor(ticketNumber: string, queryCode: string): Promise<TicketAnswer> {
  let found = await ticketCase(ticketNumber, queryCode);
  if (await settleMissingNotification(found)) found = await ticketCase(ticketNumber, queryCode);
  return { ...ticketView(found, found.ticket, departmentsOf(found)), paymentMethods: paymentMethods() };
}

/**
 * While the newest payment of an issued ticket is still pending (its notification lost, or not
 * come yet when the citizen is back from the provider), asks its provider, and applies what it
 * says through the callbacks' pipeline, with the event id its notification would carry: the
 * later of the two is a replay. True when it changed the ticket. A provider that cannot be
 * asked now changes nothing: the ticket is answered as it is.
 */
async function settleMissingNotification(c: CaseRecord & { ticket: Ticket }): Promise<boolean> {
  const { ticket } = c;
  const pending = ticket.status === 'issued' ? ticket.payments.filter((p) => p.status === 'pending').at(-1) : undefined;
  if (!pending) return false;
  try {
    const provider = await paymentProvider(pending.provider);
    const callback = await provider.queryPayment({ paymentId: pending.paymentId, ticketNumber: ticket.ticketNumber });
    if (!callback) return false;
    return (await applyCallback(paymentCallbacks, callback, QUERY_SENDER)).applied;
  } catch (error) {
    // A provider unreachable or no longer configured, or its notification won the race: the ticket is answered as it is.
    logger.warn('payment query changed nothing', { error, paymentId: pending.paymentId });
    return false;
  }
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

const MOBILE = /Mobi|Android|iPhone|iPad|HarmonyOS|MicroMessenger/i;

/**
 * The method asked for, or the county's first; its channel asked for, or the first of its
 * channels that suits the device (a phone: `wap` / `h5`; otherwise `page` / `native`).
 *
 * @throws ValidationError `PAYMENT_PROVIDER_NOT_OFFERED` / `PAYMENT_CHANNEL_NOT_OFFERED`
 */
export function chooseMethod(methods: readonly PaymentMethod[], asked: { provider?: string; channel?: string }, userAgent?: string): { provider: PaymentMethod['provider']; channel: PaymentChannel } {
  const method = asked.provider === undefined ? methods[0] : methods.find((m) => m.provider === asked.provider);
  if (!method) {
    const offered = methods.map((m) => m.provider).join(', ');
    throw new ValidationError(`This county does not offer payment provider "${asked.provider}"; offered: ${offered}`, undefined, 'PAYMENT_PROVIDER_NOT_OFFERED', { params: { provider: asked.provider ?? '', offered } });
  }
  if (asked.channel !== undefined) {
    const channel = method.channels.find((c) => c === asked.channel);
    if (channel) return { provider: method.provider, channel };
    const offered = method.channels.join(', ');
    throw new ValidationError(`Payment provider ${method.provider} does not offer channel "${asked.channel}"; offered: ${offered}`, undefined, 'PAYMENT_CHANNEL_NOT_OFFERED', { params: { provider: method.provider, channel: asked.channel, offered } });
  }
  const suited: readonly PaymentChannel[] = userAgent && MOBILE.test(userAgent) ? ['wap', 'h5'] : ['page', 'native'];
  return { provider: method.provider, channel: method.channels.find((c) => suited.includes(c)) ?? method.channels[0]! };
}

/** `body`: the request's JSON (`{provider?, channel?, returnUrl?}`), or undefined when it sent none. */
export async function startPaymentFor(ticketNumber: string, queryCode: string, body: unknown, client: PayingClient): Promise<PaymentStart & { amountFen: number }> {
  const found = await ticketCase(ticketNumber, queryCode);
  const asked = body === undefined ? {} : validateStart(body);
  checkReturnUrl(asked.returnUrl);
  const { provider: name, channel } = chooseMethod(paymentMethods(), asked, client.userAgent);
  const provider = await paymentProvider(name);
  const paymentId = `P${randomUUID().replaceAll('-', '')}`;
  // Stored before the provider hears of it: a callback can always find its payment.
  const { after } = await updateCase(found.caseId, found.county, (c) => startPayment(c, { paymentId, provider: provider.name }, { type: 'applicant', id: c.receiptNumber }, clock()));
  const ticket = after.ticket ?? found.ticket;
  try {
    const action = await provider.createPayment({
      paymentId,
      ticketNumber: ticket.ticketNumber,
      amountFen: ticket.totalFen,
      description: `${after.itemName.zh}（${after.receiptNumber}）`,
      returnUrl: asked.returnUrl,
      channel,
      clientIp: client.sourceIp,
    });
    return { paymentId, provider: provider.name, channel, ...action, amountFen: ticket.totalFen };
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    logger.error('payment provider refused', { error, paymentId });
    throw new OneTripError('PAYMENT_PROVIDER_UNAVAILABLE', 'The payment service cannot be reached just now; nothing was charged, try again in a moment', 'unavailable');
  }
}
