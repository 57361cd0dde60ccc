import { defineElement } from '../shared/define.js';
import { OneTripFeeTicket } from './fee-ticket.element.js';

export { OneTripFeeTicket };

defineElement('onetrip-fee-ticket', OneTripFeeTicket);

declare global {
  interface HTMLElementTagNameMap {
    'onetrip-fee-ticket': OneTripFeeTicket;
  }
}
