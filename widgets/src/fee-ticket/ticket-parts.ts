/**
 * The larger parts of the fee ticket, apart from the element that keeps its state: the
 * fees table (a group of rows per department with its subtotal, then the total), the
 * refunds, and headings at the level the host page asks for.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { TicketLineView, TicketView } from '../../../contracts/tickets.js';
import { localized } from '../service-guide/catalog-text.js';
import { formatMoney } from '../shared/format.js';
import { computation, refundReasonText, refundStatusText, ticketStatusText } from './ticket-text.js';

/** A heading of the given level (2–6), so the ticket fits the outline of the page it is on. */
export function heading(level: number, id: string, className: string, content: string, part?: string): TemplateResult {
  const p = part ?? nothing;
  switch (level) {
    case 3:
      return html`<h3 id=${id} class=${className} part=${p}>${content}</h3>`;
    case 4:
      return html`<h4 id=${id} class=${className} part=${p}>${content}</h4>`;
    case 5:
      return html`<h5 id=${id} class=${className} part=${p}>${content}</h5>`;
    case 6:
      return html`<h6 id=${id} class=${className} part=${p}>${content}</h6>`;
    default:
      return html`<h2 id=${id} class=${className} part=${p}>${content}</h2>`;
  }
}

/** The lines in one table, a group of rows per department (in the ticket's order) with its subtotal. */
export function renderLines(t: TicketView): TemplateResult {
  const groups = new Map<string, TicketLineView[]>();
  for (const line of t.lines) groups.set(line.department, [...(groups.get(line.department) ?? []), line]);
  // The API's split is authoritative; the lines' sum stands in only if a department is missing from it.
  const subtotal = (department: string, lines: TicketLineView[]) =>
    t.departments.find((d) => d.department === department)?.amountFen ?? lines.reduce((sum, l) => sum + l.amountFen, 0);
  // Long words break so the table fits a phone; should it still not (very large text), it scrolls in its own box.
  return html`<div class="scroll"><table part="lines">
    <caption>${msg('收费明细（按部门）', { id: 'ticket.lines' })}</caption>
    <thead>
      <tr>
        <th scope="col">${msg('收费项目', { id: 'ticket.feeName' })}</th>
        <th scope="col">${msg('收费依据', { id: 'ticket.basis' })}</th>
        <th scope="col">${msg('计算方式', { id: 'ticket.computation' })}</th>
        <th scope="col" class="amount">${msg('金额', { id: 'ticket.amount' })}</th>
      </tr>
    </thead>
    ${[...groups].map(([department, lines]) => {
      const name = localized(lines[0]!.departmentName) || department;
      return html`<tbody>
        <tr>
          <th scope="rowgroup" colspan="4">${name}</th>
        </tr>
        ${lines.map((l) => {
          const { rule, detail } = computation(l);
          return html`<tr>
            <th scope="row">
              ${localized(l.name)}${l.status === 'refunded' ? html` <span class="muted">(${ticketStatusText('refunded')})</span>` : nothing}
            </th>
            <td class="basis">${localized(l.basis)}</td>
            <td>${rule}${detail ? html` <span class="computation">${detail}</span>` : nothing}</td>
            <td class="amount">${formatMoney(l.amountFen)}</td>
          </tr>`;
        })}
        <tr class="subtotal">
          <th scope="row" colspan="3">${msg(str`${name}小计`, { id: 'ticket.subtotal' })}</th>
          <td class="amount">${formatMoney(subtotal(department, lines))}</td>
        </tr>
      </tbody>`;
    })}
    <tfoot>
      <tr>
        <th scope="row" colspan="3">${msg('合计', { id: 'ticket.total' })}</th>
        <td class="amount">${formatMoney(t.totalFen)}</td>
      </tr>
    </tfoot>
  </table></div>`;
}

/** The refunds made or under way, under a heading of the given level. */
export function renderRefunds(t: TicketView, level: number): TemplateResult | typeof nothing {
  if (t.refunds.length === 0) return nothing;
  return html`<section part="refunds" aria-labelledby="refunds-title">
    ${heading(level, 'refunds-title', 'subtitle', msg('退款', { id: 'ticket.refunds' }))}
    <ul>
      ${t.refunds.map(
        (r) =>
          html`<li>
            <strong>${formatMoney(r.amountFen)}</strong>${msg('：', { id: 'ticket.colon' })}${msg(
              str`${refundReasonText(r.reason)}（${refundStatusText(r.status)}）`,
              { id: 'ticket.refund' },
            )}
          </li>`,
      )}
    </ul>
  </section>`;
}
