/**
 * `<wb-agent-cases>` (`#/agent`): the green-channel cases assigned to the agent signed in
 * (`GET /v1/staff/cases?mine=true`, per status a case can be acted on in); a row opens the
 * case, which shows the applicant's authorisation the agent acts under.
 */
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { CaseRow } from '../api.js';
import { formatDate, text } from '../localize.js';
import { problem } from '../problem.js';
import { caseHref } from '../links.js';
import { defineView, WorkbenchView } from '../view.js';
import { statusName } from './case-text.js';

/** The statuses an agent acts in: before acceptance (supplying for the applicant) and during review. */
const ACTIVE = ['submitted', 'deficient', 'accepted', 'in_review'] as const;

export class WorkbenchAgentCases extends WorkbenchView {
  static override properties = { ...WorkbenchView.properties, rows: { state: true }, error: { state: true } };

  declare rows: CaseRow[] | undefined;
  declare error: unknown;

  override connectedCallback(): void {
    super.connectedCallback();
    Promise.all(ACTIVE.map((status) => this.api.cases({ status, mine: 'true' }))).then(
      (lists) => (this.rows = lists.flatMap((list) => list.cases).filter((row) => row.greenChannel)),
      (error: unknown) => (this.error = error),
    );
  }

  override render() {
    return html`<h1 tabindex="-1">${msg('我的代办', { id: 'nav.agent' })}</h1>
      <p>${msg('指派给您的绿色通道办件。您凭申请人的授权代为办理。', { id: 'agent.hint' })}</p>
      ${this.error ? problem(this.error) : nothing}
      ${this.rows === undefined && !this.error ? html`<p role="status">${msg('加载中…', { id: 'common.loading' })}</p>` : nothing}
      ${this.rows?.length === 0 ? html`<p>${msg('目前没有指派给您的办件。', { id: 'agent.empty' })}</p>` : nothing}
      ${this.rows?.length
        ? html`<table class="rows">
            <caption class="visually-hidden">${msg('我的代办', { id: 'nav.agent' })}</caption>
            <thead><tr>
              <th scope="col">${msg('受理编号', { id: 'case.receipt' })}</th>
              <th scope="col">${msg('事项', { id: 'case.item' })}</th>
              <th scope="col">${msg('状态', { id: 'case.status' })}</th>
              <th scope="col">${msg('提交时间', { id: 'case.submitted' })}</th>
            </tr></thead>
            <tbody>${this.rows.map((row) => html`<tr>
              <td><a href=${caseHref(row.caseId)}>${row.receiptNumber}</a></td>
              <td>${text(row.itemName)}</td>
              <td>${statusName(row.status)}</td>
              <td>${formatDate(row.submittedAt, true)}</td>
            </tr>`)}</tbody>
          </table>`
        : nothing}`;
  }
}

defineView('wb-agent-cases', WorkbenchAgentCases);
