/**
 * The fee, payable from the tracker: an `<onetrip-fee-ticket>` handed the ticket the case
 * view carries and the codes to pay it. The case is remembered while the applicant is at
 * the payment provider, and looked up again once the ticket has moved on.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { TicketView } from '../../../../contracts/tickets.js';
import '../../fee-ticket/fee-ticket.js';
import type { Lookup, TrackHost } from '../host.js';
import { rememberPaying } from '../paying.js';

export function renderTicket(host: TrackHost, lookup: Lookup): TemplateResult | typeof nothing {
  const ticket = lookup.application.ticket;
  if (!ticket) return nothing;
  return html`<section part="ticket" aria-labelledby="ticket-title">
    <h3 id="ticket-title">${msg('缴费', { id: 'track.ticket' })}</h3>
    <onetrip-fee-ticket
      heading-level="4"
      .data=${ticket}
      query-code=${lookup.queryCode}
      api-base=${host.base}
      locale=${host.locale ?? nothing}
      @onetrip-payment-started=${() => rememberPaying(lookup.receipt, lookup.queryCode)}
      @onetrip-ticket-loaded=${(e: CustomEvent<TicketView>) => {
        // A payment confirmed (or a refund made) while the case was shown: the case has moved on too.
        if (e.detail.status !== ticket.status) host.runLookup(lookup.receipt, lookup.queryCode, false);
      }}
    ></onetrip-fee-ticket>
  </section>`;
}
