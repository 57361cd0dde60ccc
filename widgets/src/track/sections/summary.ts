/**
 * The case at a glance, at the top of the result: its receipt number, its status in plain
 * words, the confirmation of what the applicant just sent, the reason of a rejection, and
 * the key facts (item, submission, promised or completion date, trips).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { CaseView } from '../../../../contracts/cases.js';
import { localized } from '../../service-guide/catalog-text.js';
import { formatDate, formatDateTime } from '../../shared/format.js';
import type { TrackHost } from '../host.js';
import { caseStatusText } from '../track-text.js';

export function renderSummary(host: TrackHost, a: CaseView): TemplateResult {
  const status = caseStatusText(a);
  return html`<h2 id="result-title" part="title" tabindex="-1">
      ${msg(str`办件 ${a.receiptNumber}`, { id: 'track.caseTitle' })}
    </h2>
    <p part="status" class="status status-${a.status}">
      <strong>${status.title}</strong>
      <span>${status.explanation}</span>
    </p>
    ${host.sent === 'correction' && a.status === 'submitted'
      ? html`<p class="confirmation">${msg('补正材料已提交，窗口将重新预审。', { id: 'track.corrected' })}</p>`
      : nothing}
    ${host.sent === 'supply' ? html`<p class="confirmation">${msg('容缺材料已补交。', { id: 'track.supplied.confirmation' })}</p>` : nothing}
    ${a.rejection ? html`<p class="rejection"><strong>${msg('原因：', { id: 'track.reason' })}</strong>${a.rejection.reason}</p>` : nothing}
    <dl part="facts" class="facts">
      <div><dt>${msg('申请事项', { id: 'track.item' })}</dt><dd>${localized(a.itemName)}</dd></div>
      <div><dt>${msg('提交时间', { id: 'track.submittedAt' })}</dt><dd>${formatDateTime(a.submittedAt)}</dd></div>
      <div>
        <dt>${a.completedAt ? msg('办结时间', { id: 'track.completedAt' }) : msg('承诺办结日期', { id: 'track.promisedDate' })}</dt>
        <dd>${a.completedAt ? formatDateTime(a.completedAt) : formatDate(a.promisedDate)}</dd>
      </div>
      <div>
        <dt>${msg('跑动次数', { id: 'track.trips' })}</dt>
        <dd>${a.trips === 0 ? msg('0 次（全程网办）', { id: 'track.tripsZero' }) : msg(str`${a.trips} 次`, { id: 'track.tripsCount' })}</dd>
      </div>
    </dl>`;
}
