/**
 * `<wb-oversight>` (`#/oversight`): the supervision orders (`GET /v1/staff/supervision-orders`,
 * open and escalated: a red card waiting for its reply) and the rectifications
 * (`GET /v1/staff/rectifications`, open and overdue), each with its deadline; and the
 * verification of cases' hash-chained timelines by receipt number
 * (`POST /v1/staff/supervision/verify`, docs/oversight.md). Orders are issued from the board.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { StaffRectification, SupervisionOrder, Verification } from '../api.js';
import { formatDate } from '../localize.js';
import { problem } from '../problem.js';
import { caseHref } from '../links.js';
import { defineView, WorkbenchView } from '../view.js';
import { departmentName } from '../departments.js';

export class WorkbenchOversight extends WorkbenchView {
  static override properties = {
    ...WorkbenchView.properties,
    orders: { state: true },
    rectifications: { state: true },
    verification: { state: true },
    error: { state: true },
    verifyError: { state: true },
  };

  declare orders: { open: SupervisionOrder[]; escalated: SupervisionOrder[] } | undefined;
  declare rectifications: { open: StaffRectification[]; overdue: StaffRectification[] } | undefined;
  declare verification: Verification | undefined;
  declare error: unknown;
  declare verifyError: unknown;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [open, escalated, openRectifications, overdue] = await Promise.all([
        this.api.orders('open'),
        this.api.orders('escalated'),
        this.api.rectifications('open'),
        this.api.rectifications('overdue'),
      ]);
      this.orders = { open: open.orders, escalated: escalated.orders };
      this.rectifications = { open: openRectifications.rectifications, overdue: overdue.rectifications };
    } catch (error) {
      this.error = error;
    }
  }

  private async verify(event: Event): Promise<void> {
    event.preventDefault();
    const numbers = this.querySelector<HTMLTextAreaElement>('#verify-receipts')!.value.split(/[\s,，]+/).filter(Boolean);
    this.verifyError = undefined;
    try {
      this.verification = await this.api.verify(numbers);
    } catch (error) {
      this.verifyError = error;
    }
  }

  override render() {
    return html`<h1 tabindex="-1">${msg('督办与整改', { id: 'nav.oversight' })}</h1>
      ${this.error ? problem(this.error) : nothing}
      ${this.orders
        ? html`${this.orderTable('orders-escalated', msg('逾期未答复的督办（红牌）', { id: 'oversight.escalated' }), this.orders.escalated)}
            ${this.orderTable('orders-open', msg('待答复的督办', { id: 'oversight.open' }), this.orders.open)}`
        : !this.error ? html`<p role="status">${msg('加载中…', { id: 'common.loading' })}</p>` : nothing}
      ${this.rectifications
        ? html`${this.rectificationTable('rect-overdue', msg('逾期整改', { id: 'board.rectifications' }), this.rectifications.overdue)}
            ${this.rectificationTable('rect-open', msg('进行中的整改', { id: 'oversight.rectifications' }), this.rectifications.open)}`
        : nothing}
      ${this.verifyForm()}`;
  }

  private orderTable(id: string, title: string, orders: SupervisionOrder[]): TemplateResult {
    return html`<h2 id=${id}>${title}（${orders.length}）</h2>
      ${orders.length === 0
        ? html`<p>${msg('无。', { id: 'board.none' })}</p>`
        : html`<table class="rows" aria-labelledby=${id}>
            <thead><tr>
              <th scope="col">${msg('受理编号', { id: 'case.receipt' })}</th><th scope="col">${msg('部门', { id: 'task.department' })}</th>
              <th scope="col">${msg('督办事由', { id: 'board.orderReason' })}</th><th scope="col">${msg('发出时间', { id: 'oversight.issuedAt' })}</th>
              <th scope="col">${msg('答复期限', { id: 'board.replyBy' })}</th>
            </tr></thead>
            <tbody>${orders.map((o) => html`<tr>
              <td><a href=${caseHref(o.caseId)}>${o.receiptNumber}</a></td><td>${departmentName(o.department)}</td><td>${o.reason}</td>
              <td>${formatDate(o.issuedAt, true)}</td><td class=${o.escalatedAt ? 'late' : ''}>${formatDate(o.replyBy)}</td>
            </tr>`)}</tbody>
          </table>`}`;
  }

  private rectificationTable(id: string, title: string, rows: StaffRectification[]): TemplateResult {
    return html`<h2 id=${id}>${title}（${rows.length}）</h2>
      ${rows.length === 0
        ? html`<p>${msg('无。', { id: 'board.none' })}</p>`
        : html`<table class="rows" aria-labelledby=${id}>
            <thead><tr>
              <th scope="col">${msg('受理编号', { id: 'case.receipt' })}</th><th scope="col">${msg('部门', { id: 'task.department' })}</th>
              <th scope="col">${msg('开始', { id: 'oversight.openedAt' })}</th><th scope="col">${msg('整改期限', { id: 'board.rectificationDue' })}</th>
            </tr></thead>
            <tbody>${rows.map((r) => html`<tr>
              <td><a href=${caseHref(r.caseId)}>${r.receiptNumber}</a></td><td>${departmentName(r.department)}</td>
              <td>${formatDate(r.openedAt)}</td><td class=${r.overdueAt ? 'late' : ''}>${formatDate(r.dueDate)}</td>
            </tr>`)}</tbody>
          </table>`}`;
  }

  private verifyForm(): TemplateResult {
    const v = this.verification;
    return html`<form @submit=${this.verify} aria-labelledby="verify-title">
      <h2 id="verify-title">${msg('办件过程校验', { id: 'oversight.verify' })}</h2>
      <p><label for="verify-receipts">${msg('受理编号（每行一个，最多 50 个）', { id: 'oversight.verifyReceipts' })}</label><br>
        <textarea id="verify-receipts" rows="3" cols="40"></textarea></p>
      <div class="actions"><button type="submit">${msg('校验', { id: 'oversight.verifyRun' })}</button></div>
      ${this.verifyError ? problem(this.verifyError) : nothing}
      ${v
        ? html`<ul role="status">${v.cases.map((c) => html`<li>${c.receiptNumber}：${c.intact
              ? html`<span class="result-ok">${msg('完整', { id: 'oversight.intact' })}</span>`
              : html`<span class="result-failed">${msg('链条断裂', { id: 'oversight.broken' })}</span> seq ${c.firstBroken?.seq} (${c.firstBroken?.problem})`}</li>`)}
            ${v.unknown.map((u) => html`<li>${u}：${msg('无此办件', { id: 'oversight.unknown' })}</li>`)}</ul>`
        : nothing}
    </form>`;
  }
}

defineView('wb-oversight', WorkbenchOversight);
