/**
 * `<wb-agent-cases>` (`#/agent`): the agent's green-channel cases assigned to them, each with
 * the applicant's authorisation they act under.
 */
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { CaseRow } from '../api.js';
import { text } from '../localize.js';
import { problem } from '../problem.js';
import { caseHref } from '../links.js';
import { defineView, WorkbenchView } from '../view.js';

export class WorkbenchAgentCases extends WorkbenchView {
  static override properties = { ...WorkbenchView.properties, rows: { state: true }, error: { state: true } };

  declare rows: CaseRow[] | undefined;
  declare error: unknown;

  override render() {
    return html`<h1 tabindex="-1">${msg('我的代办', { id: 'nav.agent' })}</h1>
      ${this.error ? problem(this.error) : nothing}
      ${this.rows?.map((row) => html`<p><a href=${caseHref(row.caseId)}>${row.receiptNumber}</a> ${text(row.itemName)}</p>`)}`;
  }
}

defineView('wb-agent-cases', WorkbenchAgentCases);
