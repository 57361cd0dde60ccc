/**
 * `<wb-queue>` (`#/queue`): the clerk's queue, the applications submitted and waiting for
 * pre-review, oldest first, each with the pre-review's own deadline; a row opens the case.
 */
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { CaseRow } from '../api.js';
import { formatDate, text } from '../localize.js';
import { problem } from '../problem.js';
import { caseHref } from '../links.js';
import { defineView, WorkbenchView } from '../view.js';

export class WorkbenchQueue extends WorkbenchView {
  static override properties = { ...WorkbenchView.properties, rows: { state: true }, error: { state: true } };

  declare rows: CaseRow[] | undefined;
  declare error: unknown;

  override connectedCallback(): void {
    super.connectedCallback();
    this.api.cases({ status: 'submitted', sort: 'submitted', limit: '100' }).then(
      ({ cases }) => (this.rows = [...cases].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))),
      (error: unknown) => (this.error = error),
    );
  }

  override render() {
    return html`<h1 tabindex="-1">${msg('受理队列', { id: 'nav.queue' })}</h1>
      <p>${msg('已提交、等待预审的申请，最早提交的在前。', { id: 'queue.hint' })}</p>
      ${this.error ? problem(this.error) : nothing}
      ${this.rows === undefined && !this.error ? html`<p role="status">${msg('加载中…', { id: 'common.loading' })}</p>` : nothing}
      ${this.rows?.length === 0 ? html`<p>${msg('没有等待预审的申请。', { id: 'queue.empty' })}</p>` : nothing}
      ${this.rows?.length ? this.table(this.rows) : nothing}`;
  }

  private table(rows: CaseRow[]) {
    return html`<table class="rows">
      <caption class="visually-hidden">${msg('等待预审的申请', { id: 'queue.caption' })}</caption>
      <thead>
        <tr>
          <th scope="col">${msg('受理编号', { id: 'case.receipt' })}</th>
          <th scope="col">${msg('事项', { id: 'case.item' })}</th>
          <th scope="col">${msg('申请人', { id: 'case.applicant' })}</th>
          <th scope="col">${msg('提交时间', { id: 'case.submitted' })}</th>
          <th scope="col">${msg('预审期限', { id: 'queue.due' })}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) => html`<tr>
            <td><a href=${caseHref(row.caseId)}>${row.receiptNumber}</a></td>
            <td>${text(row.itemName)}${row.greenChannel ? html` <span class="tag">${msg('绿色通道', { id: 'case.green' })}</span>` : nothing}</td>
            <td>${row.applicantName}</td>
            <td>${formatDate(row.submittedAt, true)}</td>
            <td>${formatDate(row.dueDate)} <span class=${row.remainingDays < 0 ? 'late' : 'muted'}>(${this.remaining(row.remainingDays)})</span></td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private remaining(days: number): string {
    return days < 0 ? msg(str`已超期 ${-days} 个工作日`, { id: 'queue.late' }) : msg(str`剩 ${days} 个工作日`, { id: 'queue.remaining' });
  }
}

defineView('wb-queue', WorkbenchQueue);
