/** The fee ticket's plain words: statuses, how each line was computed, refunds, and what a new reading changed. */
import { msg, str } from '@lit/localize';
import { localized } from '../service-guide/catalog-text.js';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../shared/format.js';
import type { FeeLine, PaymentMethod, TicketPayment, TicketRefund, TicketStatus, TicketView } from '../../../contracts/tickets.js';
import { newestPayment } from './payments.js';

export function ticketStatusText(status: TicketStatus | string): string {
  switch (status) {
    case 'issued':
      return msg('待缴费', { id: 'ticket.status.issued' });
    case 'paid':
      return msg('已缴费', { id: 'ticket.status.paid' });
    case 'cancelled':
      return msg('已作废', { id: 'ticket.status.cancelled' });
    case 'refunding':
      return msg('退款中', { id: 'ticket.status.refunding' });
    case 'refunded':
      return msg('已退款', { id: 'ticket.status.refunded' });
    default:
      return status;
  }
}

/** What the status means for the applicant, in one sentence. */
export function ticketStatusExplanation(ticket: TicketView): string {
  switch (ticket.status) {
    case 'issued':
      return msg(str`请在 ${formatDate(ticket.dueDate)} 前一次缴清全部费用，款项由系统分到各部门。`, { id: 'ticket.status.issuedExplained' });
    case 'paid':
      return ticket.paidAt
        ? msg(str`已于 ${formatDateTime(ticket.paidAt)} 缴清，无需再缴。`, { id: 'ticket.status.paidExplained' })
        : msg('已缴清，无需再缴。', { id: 'ticket.status.paidExplainedUndated' });
    case 'cancelled':
      return msg('缴费单已作废，无需缴费。', { id: 'ticket.status.cancelledExplained' });
    case 'refunding':
      return msg('退款正在办理，款项将原路退回。', { id: 'ticket.status.refundingExplained' });
    case 'refunded':
      return msg('款项已原路退回。', { id: 'ticket.status.refundedExplained' });
    default:
      return '';
  }
}

/**
 * How a line's amount was computed: the rule in words, and the inputs that produced the
 * amount ("1,234.5 平方米 → 1,235 平方米 × ¥90.00", a band, the waiver's condition).
 */
export function computation(line: FeeLine): { rule: string; detail: string } {
  const { quantity, units, unit, fenPerUnit, tierUpTo, waived, charged, condition } = line.inputs;
  const when = localized(condition);
  if (charged === false) return { rule: msg('本次不收取', { id: 'ticket.notCharged' }), detail: when };
  const unitName = localized(unit);
  const amountOf = (n: number) => (unitName ? `${formatNumber(n)} ${unitName}` : formatNumber(n));
  switch (line.rule) {
    case 'fixed':
      return { rule: msg('定额收费', { id: 'ticket.rule.fixed' }), detail: '' };
    case 'per_unit': {
      const rule = msg('按数量计收', { id: 'ticket.rule.perUnit' });
      if (quantity === undefined) return { rule, detail: '' };
      const counted = units === undefined || units === quantity ? amountOf(quantity) : `${amountOf(quantity)} → ${amountOf(units)}`;
      return { rule, detail: fenPerUnit === undefined ? counted : `${counted} × ${formatMoney(fenPerUnit)}` };
    }
    case 'tiered': {
      const rule = msg('分档计收', { id: 'ticket.rule.tiered' });
      if (quantity === undefined) return { rule, detail: '' };
      const given = amountOf(quantity);
      if (tierUpTo === undefined) return { rule, detail: given };
      return {
        rule,
        detail:
          tierUpTo === null
            ? msg(str`${given}：按最高一档计收`, { id: 'ticket.tierTop' })
            : msg(str`${given}：按“${amountOf(tierUpTo)}及以下”一档计收`, { id: 'ticket.tierUpTo' }),
      };
    }
    case 'waived':
      return {
        rule: waived === false ? msg('不符合免收条件', { id: 'ticket.notWaived' }) : msg('免收', { id: 'ticket.waived' }),
        detail: when,
      };
    default:
      return { rule: line.rule, detail: '' };
  }
}

export function refundReasonText(reason: TicketRefund['reason'] | string): string {
  switch (reason) {
    case 'double_payment':
      return msg('重复缴费', { id: 'ticket.refund.doublePayment' });
    case 'case_rejected':
      return msg('申请未获批准', { id: 'ticket.refund.caseRejected' });
    case 'ticket_cancelled':
      return msg('缴费单已作废', { id: 'ticket.refund.ticketCancelled' });
    default:
      return reason;
  }
}

export function refundStatusText(status: TicketRefund['status'] | string): string {
  switch (status) {
    case 'requested':
      return msg('退款办理中', { id: 'ticket.refund.requested' });
    case 'completed':
      return msg('已原路退回', { id: 'ticket.refund.completed' });
    default:
      return status;
  }
}

/** A note on the payment started last, when the applicant should know about it. */
export function paymentNote(payment: TicketPayment | undefined, stillWaiting: boolean): string {
  if (payment?.status === 'pending') {
    return stillWaiting
      ? msg('正在确认支付结果…', { id: 'ticket.payment.confirming' })
      : msg('暂未收到支付结果。如已付款，请稍后再查看；不要重复缴费。', { id: 'ticket.payment.unconfirmed' });
  }
  if (payment?.status === 'failed') return msg('上次支付未成功，可以重新缴费。', { id: 'ticket.payment.failed' });
  return '';
}

/** What changed between two readings of the same ticket, for the live region; empty if nothing worth saying. */
export function changeAnnouncement(before: TicketView | undefined, next: TicketView): string {
  if (!before || before.ticketNumber !== next.ticketNumber) return '';
  if (before.status !== next.status) {
    return next.status === 'paid'
      ? msg('缴费成功，缴费单已缴清。', { id: 'ticket.paidAnnounce' })
      : msg(str`缴费单状态：${ticketStatusText(next.status)}`, { id: 'ticket.statusAnnounce' });
  }
  const was = newestPayment(before);
  const now = newestPayment(next);
  return was?.status === 'pending' && now?.paymentId === was.paymentId && now.status === 'failed' ? paymentNote(now, false) : '';
}

/** A payment provider as the applicant knows it. */
export function providerName(provider: PaymentMethod['provider'] | string): string {
  switch (provider) {
    case 'alipay':
      return msg('支付宝', { id: 'ticket.provider.alipay' });
    case 'wechatpay':
      return msg('微信支付', { id: 'ticket.provider.wechatpay' });
    case 'sandbox':
      return msg('模拟支付（测试）', { id: 'ticket.provider.sandbox' });
    default:
      return provider;
  }
}

/** What to do with a QR code: scan it with the provider's app. */
export function scanHint(provider: PaymentMethod['provider'] | string): string {
  return msg(str`请用${providerName(provider)}扫描二维码完成缴费。付款后本页会自动更新，请不要重复缴费。`, { id: 'ticket.qr.hint' });
}
